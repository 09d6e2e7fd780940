/** A character the fake Lodestone knows. Everything not given here (race, nameday, levels, gear…) is made up from the id. */
export interface FakeCharacter {
  /** Lodestone id, digits. */
  id: string;
  /** e.g. "Alyx Bergen". */
  name: string;
  /** e.g. "Cerberus". */
  world: string;
  /** e.g. "Chaos". */
  datacenter: string;
  /** Shown in p.frame__chara__title when set (non-empty). */
  title?: string | null;
  /**
   * Where the title sits in the frame. The real page prints a prefix title ("Goldheart Vento Aureo") before the name
   * and a suffix title after it, so parsers must not rely on the order. Default 'after'.
   */
  titlePosition?: 'before' | 'after';
  /** The "Character Profile" self-introduction. '\n' becomes <br />; HTML-escaped. Default (and for ''): '-', as the real page prints. */
  bio?: string;
  freeCompany?: { id: string; name: string } | null;
  /** private: the real "profile is private" page (200); hidden: the 403 "Access Restricted" page. Default 'public'. */
  visibility?: 'public' | 'private' | 'hidden';
}

export interface FakeLodestoneRequest {
  method: string;
  /** Path without the query string, e.g. '/lodestone/character/123/'. */
  path: string;
  /** The query string's parameters (the last value wins when one repeats). */
  query: Record<string, string>;
  userAgent: string | undefined;
  /** Date.now() when received. */
  at: number;
}

export interface FakeLodestone {
  /** What LODESTONE_URL is set to, e.g. http://127.0.0.1:PORT/lodestone (no trailing slash). */
  baseUrl: string;
  /** Add or replace a character (a rename, a world transfer, a bio edit are just upserts). */
  upsertCharacter(c: FakeCharacter): void;
  removeCharacter(id: string): void;
  /** While on, every page under /lodestone answers the real maintenance page with 503. Images keep being served. */
  setMaintenance(on: boolean): void;
  /** The next n page requests (under /lodestone) answer 429 with `Retry-After: <seconds>`. */
  rateLimitNext(n: number, retryAfterSeconds: number): void;
  /** Every answer waits this long first (0 = off), to test timeouts; close() cancels waiting answers. */
  setDelay(ms: number): void;
  /** The next n page requests (under /lodestone) have their socket destroyed without an answer. */
  dropNext(n: number): void;
  /** Every request received, images included, in order. */
  readonly requests: FakeLodestoneRequest[];
  /** Absolute URL of a character's avatar (frame__chara__face, search entries) as the pages print it; served by the fake. */
  avatarUrl(id: string): string;
  /** Absolute URL of a character's portrait (character__detail__image) as the pages print it; served by the fake. */
  portraitUrl(id: string): string;
  close(): Promise<void>;
}

export interface FakeLodestoneOptions {
  characters?: FakeCharacter[];
}

export interface SearchQuery {
  /** The name asked for; "quoted" means an exact (case-insensitive) match, as on the real site. */
  q: string;
  /** A world name, or `_dc_<DataCenter>`. */
  worldname?: string;
  /** 1-based. */
  page?: number;
}
