import { describe, expect, it } from '@jest/globals';
import { LocalWindows } from './rate-limiter.js';

describe('LocalWindows (the limiter while Redis is down)', () => {
  it('counts per key within a window and starts again after it', () => {
    const w = new LocalWindows();
    const t0 = 1_000_000;
    expect(w.hit('a', 60, t0)).toEqual({ count: 1, ttl: 60 });
    expect(w.hit('a', 60, t0 + 10_000)).toEqual({ count: 2, ttl: 50 });
    expect(w.hit('b', 60, t0 + 10_000)).toEqual({ count: 1, ttl: 60 });
    expect(w.hit('a', 60, t0 + 60_000)).toEqual({ count: 1, ttl: 60 });
  });

  it('stays bounded: expired windows go first, then the oldest', () => {
    const w = new LocalWindows(100);
    const t0 = 1_000_000;
    for (let i = 0; i < 100; i++) w.hit(`k${i}`, 60, t0);
    expect(w.size).toBe(100);
    // All expired: the next key clears them.
    w.hit('late', 60, t0 + 61_000);
    expect(w.size).toBe(1);
    for (let i = 0; i < 200; i++) w.hit(`x${i}`, 60, t0 + 61_000);
    expect(w.size).toBeLessThanOrEqual(100);
    // The newest key kept its count.
    expect(w.hit('x199', 60, t0 + 61_000).count).toBe(2);
  });
});
