import { describe, expect, it } from '@jest/globals';
import { BoundedCache, documentCache } from './bounded-cache.js';

describe('BoundedCache', () => {
  it('keeps at most maxEntries, dropping the least recently used', async () => {
    const c = new BoundedCache<string>(3, 1000, (v) => v.length);
    for (const k of ['a', 'b', 'c']) await c.set(k, k);
    await c.get('a'); // a is now the most recently used
    await c.set('d', 'd');
    expect(await Promise.all(['a', 'b', 'c', 'd'].map((k) => c.get(k)))).toEqual(['a', undefined, 'c', 'd']);
    expect(c.size).toBe(3);
  });

  it('keeps the total weight at most maxWeight, and never a value heavier than the whole cache', async () => {
    const c = new BoundedCache<string>(100, 10, (v) => v.length);
    await c.set('x', 'xxxx');
    await c.set('y', 'yyyy');
    await c.set('z', 'zzzz');
    expect([await c.get('x'), await c.get('y'), await c.get('z')]).toEqual([undefined, 'yyyy', 'zzzz']);
    expect(c.weight).toBe(8);
    await c.set('big', 'b'.repeat(11));
    expect(await c.get('big')).toBeUndefined();
    expect(c.weight).toBe(8);
  });

  it('replacing or deleting a key gives its weight back', async () => {
    const c = new BoundedCache<string>(10, 100, (v) => v.length);
    await c.set('k', 'aaaa');
    await c.set('k', 'bb');
    expect(c.weight).toBe(2);
    expect(await c.delete('k')).toBe(true);
    expect(await c.delete('k')).toBe(false);
    expect([c.size, c.weight]).toEqual([0, 0]);
  });

  it('weighs a parsed document by its query text', async () => {
    const c = documentCache<{ loc?: { end: number } }>();
    for (let i = 0; i < 2000; i++) await c.set(`d${i}`, { loc: { end: 100 } });
    expect(c.size).toBe(500);
    for (let i = 0; i < 10; i++) await c.set(`big${i}`, { loc: { end: 200_000 } });
    expect(c.weight).toBeLessThanOrEqual(1_000_000);
  });
});
