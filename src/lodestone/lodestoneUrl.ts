import { lodestoneIdSchema } from '../characters/character.schema.js';

/**
 * The Lodestone id in a profile URL a player pasted, or undefined for anything else. Only
 * `https://<region>.finalfantasyxiv.com/lodestone/character/<id>/…` counts; the URL only ever gives
 * an id, and the page is read from LODESTONE_URL, never from the host a client named.
 */
export function lodestoneIdFromUrl(input: string): string | undefined {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' || url.username || url.password || url.port) return undefined;
  if (!/^[a-z]{2}\.finalfantasyxiv\.com$/.test(url.hostname)) return undefined;
  const id = url.pathname.match(/^\/lodestone\/character\/(\d+)(?:\/|$)/)?.[1];
  return id && lodestoneIdSchema.safeParse(id).success ? id : undefined;
}

/** The Lodestone id in what a player typed: a bare id or a profile URL. */
export function lodestoneIdFromInput(input: string): string | undefined {
  const trimmed = input.trim();
  return lodestoneIdSchema.safeParse(trimmed).success ? trimmed : lodestoneIdFromUrl(trimmed);
}
