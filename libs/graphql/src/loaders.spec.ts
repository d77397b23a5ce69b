import { describe, expect, it } from '@jest/globals';
import DataLoader from 'dataloader';
import { Prefetched } from './loaders.js';

describe('Prefetched', () => {
  it('answers prefetched parents without a promise, in one batch, and leaves failed keys to the loader', async () => {
    const batches: string[][] = [];
    const loader = new DataLoader<string, string | null>(async (keys) => {
      batches.push([...keys]);
      return keys.map((k) => (k === 'bad' ? new Error(`no ${k}`) : k === 'none' ? null : k.toUpperCase()));
    });
    const a = { key: 'a' };
    const b = { key: 'b' };
    const none = { key: 'none' };
    const bad = { key: 'bad' };
    const p = new Prefetched<{ key: string }, string | null>();
    await p.fill(loader, [a, b, none, bad, { key: 'a' }], (x) => x.key);
    expect(batches).toEqual([['a', 'b', 'none', 'bad']]);
    const lazy = (x: { key: string }) => () => loader.load(x.key);
    expect(p.get(a, lazy(a))).toBe('A');
    expect(p.get(b, lazy(b))).toBe('B');
    expect(p.get(none, lazy(none))).toBeNull();
    const failed = p.get(bad, lazy(bad));
    expect(failed).toBeInstanceOf(Promise);
    await expect(failed).rejects.toThrow('no bad');
    const other = { key: 'c' };
    await expect(p.get(other, lazy(other))).resolves.toBe('C');
    expect(batches).toEqual([['a', 'b', 'none', 'bad'], ['c']]);
  });

  it('does nothing for no parents', async () => {
    const loader = new DataLoader<string, string>(async () => {
      throw new Error('not called');
    });
    await new Prefetched<object, string>().fill(loader, [], () => 'x');
  });
});
