import type { CodeRequest } from './fakeDiscordHost.js';
import type { BenchChild } from './rpc.js';

/** A login started at the service and authorized at the fake Discord, ready for `POST /exchange`. */
export interface PendingLogin {
  code: string;
  state: string;
}

/** A JSON call to the service; throws on an unexpected status so setup mistakes are loud. */
export async function api<T>(base: string, path: string, init: { method?: string; token?: string; json?: unknown; expect?: number } = {}): Promise<T> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(base + path, {
    method: init.method ?? 'GET',
    headers,
    redirect: 'manual',
    ...(init.json !== undefined && { body: JSON.stringify(init.json) }),
  });
  const expected = init.expect ?? (init.method === 'POST' ? 201 : 200);
  if (res.status !== expected) throw new Error(`${init.method ?? 'GET'} ${path} answered ${res.status}: ${await res.text()}`);
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/**
 * Starts `discordUserIds.length` logins (`GET /login`, as a browser would) and has the fake Discord
 * issue each one a code for its user: the pairs `POST /exchange` needs, one per request.
 */
export async function prepareLogins(base: string, discord: BenchChild<unknown>, discordUserIds: readonly string[], parallel = 8): Promise<PendingLogin[]> {
  const starts: { state: string; req: CodeRequest }[] = new Array(discordUserIds.length);
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < discordUserIds.length; i = next++) {
      const res = await fetch(`${base}/login`, { redirect: 'manual' });
      if (res.status !== 302) throw new Error(`/login answered ${res.status}: ${await res.text()}`);
      const q = new URL(res.headers.get('location')!).searchParams;
      starts[i] = { state: q.get('state')!, req: { redirectUri: q.get('redirect_uri')!, challenge: q.get('code_challenge')!, userId: discordUserIds[i]! } };
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  const logins: PendingLogin[] = [];
  for (let i = 0; i < starts.length; i += 1_000) {
    const batch = starts.slice(i, i + 1_000);
    const codes = await discord.call<string[]>('codes', batch.map((s) => s.req));
    batch.forEach((s, j) => logins.push({ code: codes[j]!, state: s.state }));
  }
  return logins;
}

/** Full logins, returning each user's access token. */
export async function login(base: string, discord: BenchChild<unknown>, discordUserIds: readonly string[]): Promise<string[]> {
  const pending = await prepareLogins(base, discord, discordUserIds);
  const tokens: string[] = [];
  for (const p of pending) tokens.push((await api<{ jwt: string }>(base, '/exchange', { method: 'POST', json: p, expect: 200 })).jwt);
  return tokens;
}
