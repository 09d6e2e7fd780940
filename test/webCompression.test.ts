import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compressTree } from '../src/cli/compressWeb.js';
import { startHttpHarness, type HttpHarness } from './helpers/httpHarness.js';

let dir: string;
let h: HttpHarness;
const script = `export const tasks = ${JSON.stringify(Array.from({ length: 200 }, (_, i) => ({ id: i, name: `Task number ${i}` })))};\n`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tracker-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html><head><title>x</title></head><body>${'<p>checklist</p>'.repeat(200)}</body></html>`);
  writeFileSync(join(dir, 'assets', 'app-1234.js'), script);
  writeFileSync(join(dir, 'assets', 'tiny.css'), 'body{margin:0}');
  h = await startHttpHarness({ webDir: dir });
});
afterAll(async () => {
  await h.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A raw GET (fetch would decode the body and hide the encoding). */
function get(path: string, acceptEncoding?: string): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const u = new URL(h.base + path);
  return new Promise((resolve, reject) => {
    const req = request({ host: u.hostname, port: u.port, path: u.pathname, headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('the web app is served precompressed', () => {
  it('writes brotli and gzip beside each file worth it, at build time', async () => {
    const t = await compressTree(dir);
    expect(t.files).toBe(2); // index.html and the script; the tiny stylesheet is not worth it
    expect(t.br).toBeLessThan(t.gz);
    expect(t.gz).toBeLessThan(t.before / 3);
  });

  it('answers brotli, gzip or identity by Accept-Encoding, with the same bytes inside and the same caching', async () => {
    const br = await get('/app/assets/app-1234.js', 'gzip, deflate, br');
    expect(br.status).toBe(200);
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(script);
    expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(String(br.headers.vary)).toMatch(/accept-encoding/i);

    const gz = await get('/app/assets/app-1234.js', 'gzip');
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(script);

    const plain = await get('/app/assets/app-1234.js');
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(script);

    const page = await get('/app/', 'br');
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
  });
});
