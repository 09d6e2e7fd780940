import { BoundedMap } from './boundedMap.js';

/**
 * A fixed-window request budget per key, in memory. Per process: with several instances each
 * allows the budget, which is fine for abuse protection. Windows of keys not seen for a while
 * are dropped first once there are many: a key's window survives 10,000 other keys' requests.
 */
export class RateLimiter {
  private readonly windows = new BoundedMap<string, { start: number; count: number }>(20_000);

  constructor(
    private readonly max: number,
    private readonly windowMs: number,
    private readonly clock: () => number = Date.now,
  ) {}

  /** Counts a request; returns 0 if allowed, else the milliseconds until the window resets. */
  take(key: string): number {
    const now = this.clock();
    let w = this.windows.get(key);
    if (!w || now - w.start >= this.windowMs) {
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return w.count <= this.max ? 0 : w.start + this.windowMs - now;
  }
}
