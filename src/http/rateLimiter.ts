/**
 * A fixed-window request budget per key, in memory. Per process: with several instances each
 * allows the budget, which is fine for abuse protection.
 */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private lastSweep = 0;

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
      // At most one sweep per window: with many live keys, sweeping on every new one would cost O(keys) each.
      if (this.windows.size > 10_000 && now - this.lastSweep >= this.windowMs) this.sweep(now);
      w = { start: now, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    return w.count <= this.max ? 0 : w.start + this.windowMs - now;
  }

  private sweep(now: number): void {
    this.lastSweep = now;
    for (const [k, w] of this.windows) if (now - w.start >= this.windowMs) this.windows.delete(k);
  }
}
