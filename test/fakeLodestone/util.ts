import { createHash } from 'node:crypto';

/** HTML-escapes text for element content and attribute values (the Lodestone writes ' as &#39;). */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]!);
}
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function md5hex(text: string): string {
  return createHash('md5').update(text).digest('hex');
}

/** A small deterministic PRNG (mulberry32) seeded from a string, so a character's made-up details never change. */
export function rng(seed: string): () => number {
  let a = parseInt(md5hex(seed).slice(0, 8), 16) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!;
}

export function int(r: () => number, min: number, max: number): number {
  return min + Math.floor(r() * (max - min + 1));
}

/** A path like the Lodestone's static files (`/h/X/<27 chars>.png`), stable for a key. */
export function staticName(key: string, ext: string): string {
  const b64 = createHash('sha1').update(key).digest('base64url');
  return `h/${b64[0]}/${b64.slice(1, 28)}.${ext}`;
}
