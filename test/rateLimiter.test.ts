import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/rateLimiter.js';

describe('RateLimiter', () => {
  it('allows max requests per window and says how long to wait after that', () => {
    let now = 1_000_000;
    const l = new RateLimiter(3, 60_000, () => now);
    expect([l.take('k'), l.take('k'), l.take('k')]).toEqual([0, 0, 0]);
    now += 10_000;
    expect(l.take('k')).toBe(50_000);
    expect(l.take('other')).toBe(0);
    now += 50_000;
    expect(l.take('k')).toBe(0);
  });

  it('keeps limiting a live key while many others come and go', () => {
    let now = 0;
    const l = new RateLimiter(2, 1_000, () => now);
    l.take('busy');
    l.take('busy');
    // Many other keys push idle windows out; the live one, read on every request, must stay.
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < 9_000; i++) l.take(`k${round}-${i}`);
      expect(l.take('busy')).toBeGreaterThan(0);
    }
    now += 999;
    expect(l.take('busy')).toBe(1);
    now += 1;
    expect(l.take('busy')).toBe(0);
  });
});
