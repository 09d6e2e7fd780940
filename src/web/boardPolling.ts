import { ApiError, type Conditional } from './http.js';
import type { GroupBoard } from './types.js';

/**
 * How often an open board is asked for while the page is visible. Polling with `If-None-Match` rather than a
 * Server-Sent Events stream: a 304 costs the service one small read (see the README's bench figures), and with
 * several processes a stream would still have to poll the store for writes made by the others.
 */
export const POLL_MS = 10_000;

/**
 * `?pollMs=` shortens (or lengthens) the interval, for tests and for trying the page out; never under a second,
 * so a typo cannot turn one tab into a load test.
 */
export function pollIntervalFrom(search: string): number {
  const v = Number(new URLSearchParams(search).get('pollMs'));
  return Number.isFinite(v) && v > 0 ? Math.max(1_000, Math.min(v, 600_000)) : POLL_MS;
}

export interface BoardPollerHooks {
  fetch(id: string, etag: string | null): Promise<Conditional<GroupBoard>>;
  /** A board that changed (never called for a 304). */
  changed(id: string, board: GroupBoard): void;
  /** The group answered 404: deleted, or this player was taken off it. */
  gone(id: string): void;
  /** Anything else went wrong; told once until a poll works again, so a lasting failure is not repeated every interval. */
  failed(err: unknown): void;
  /** A round went through: the service is reachable. */
  reachable(): void;
}

/**
 * Keeps the boards of the player's groups fresh: one round of conditional GETs every `intervalMs` while the page is
 * visible, none while it is hidden, and a round at once when it is shown again or when `refresh` is called (after
 * the player ticked a task here). Rounds never overlap: a refresh asked for during one runs right after it, so a
 * board read before a tick landed is always followed by one read after it.
 */
export class BoardPoller {
  private ids: string[] = [];
  private readonly etags = new Map<string, string | null>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private round: Promise<void> | null = null;
  private again = false;
  /** Bumped by stop(): answers to a round from before (a logged-out session) are dropped. */
  private generation = 0;
  private active = false;
  private lastFailure: string | null = null;

  constructor(
    private readonly hooks: BoardPollerHooks,
    readonly intervalMs: number,
  ) {
    document.addEventListener('visibilitychange', () => {
      if (!this.active) return;
      if (document.hidden) this.cancelTimer();
      else void this.refresh();
    });
  }

  /** Polls exactly these groups from now on (forgetting the ETags of the others), starting with a round now. */
  watch(ids: readonly string[]): Promise<void> {
    this.active = true;
    this.ids = [...ids];
    for (const id of this.etags.keys()) if (!ids.includes(id)) this.etags.delete(id);
    return this.refresh();
  }

  /** A round now (or right after the one under way); the next timed round counts from its end. */
  refresh(): Promise<void> {
    if (!this.active) return Promise.resolve();
    this.cancelTimer();
    if (this.round) {
      this.again = true;
      return this.round;
    }
    const generation = this.generation;
    this.round = (async () => {
      do {
        this.again = false;
        await this.pollAll(generation);
      } while (this.again && generation === this.generation);
    })().finally(() => {
      if (generation !== this.generation) return;
      this.round = null;
      this.schedule();
    });
    return this.round;
  }

  /** Logged out: no more polls, and nothing from the last ones is applied. */
  stop(): void {
    this.active = false;
    this.generation += 1;
    this.round = null;
    this.again = false;
    this.cancelTimer();
    this.ids = [];
    this.etags.clear();
    this.lastFailure = null;
  }

  private schedule(): void {
    this.cancelTimer();
    if (this.active && !document.hidden && this.ids.length > 0) this.timer = setTimeout(() => void this.refresh(), this.intervalMs);
  }

  private cancelTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async pollAll(generation: number): Promise<void> {
    const failures: unknown[] = [];
    let answered = 0;
    await Promise.all(
      this.ids.map(async (id) => {
        try {
          const r = await this.hooks.fetch(id, this.etags.get(id) ?? null);
          // Left, or logged out, while the answer was on its way: it is about a board no longer shown.
          if (generation !== this.generation || !this.ids.includes(id)) return;
          answered += 1;
          if (!r.changed) return;
          this.etags.set(id, r.etag);
          this.hooks.changed(id, r.body);
        } catch (err) {
          if (generation !== this.generation || !this.ids.includes(id)) return;
          if (err instanceof ApiError && err.status === 404) {
            this.ids = this.ids.filter((x) => x !== id);
            this.etags.delete(id);
            this.hooks.gone(id);
          } else failures.push(err);
        }
      }),
    );
    if (generation !== this.generation) return;
    const first = failures[0];
    if (first !== undefined) {
      const text = first instanceof Error ? `${first.name}: ${first.message}` : String(first);
      if (text !== this.lastFailure) this.hooks.failed(first);
      this.lastFailure = text;
    } else if (answered > 0) {
      this.lastFailure = null;
      this.hooks.reachable();
    }
  }
}
