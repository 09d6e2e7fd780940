import { describe, expect, it } from 'vitest';
import { lodestoneIdFromInput, lodestoneIdFromUrl } from '../src/lodestone/lodestoneUrl.js';
import { parseRetryAfter } from '../src/lodestone/lodestone.client.js';
import { parseConfig } from '../src/config.js';

describe('a Lodestone profile URL only ever gives an id', () => {
  it.each([
    ['https://na.finalfantasyxiv.com/lodestone/character/12345678/', '12345678'],
    ['https://eu.finalfantasyxiv.com/lodestone/character/12345678/', '12345678'],
    ['https://jp.finalfantasyxiv.com/lodestone/character/12345678', '12345678'],
    ['https://de.finalfantasyxiv.com/lodestone/character/987/class_job/', '987'],
    ['  https://fr.finalfantasyxiv.com/lodestone/character/42/?hl=fr#top  ', '42'],
  ])('%s → %s', (url, id) => {
    expect(lodestoneIdFromUrl(url)).toBe(id);
  });

  it.each([
    'http://na.finalfantasyxiv.com/lodestone/character/12345678/', // not https
    'https://na.finalfantasyxiv.com.evil.example/lodestone/character/1/', // another host
    'https://evil.example/na.finalfantasyxiv.com/lodestone/character/1/',
    'https://127.0.0.1/lodestone/character/1/',
    'https://user:pw@na.finalfantasyxiv.com/lodestone/character/1/',
    'https://na.finalfantasyxiv.com:8443/lodestone/character/1/',
    'https://lodestone.finalfantasyxiv.com/lodestone/character/1/',
    'https://na.finalfantasyxiv.com/lodestone/freecompany/9231253336202687179/',
    'https://na.finalfantasyxiv.com/lodestone/character/12345678901/', // 11 digits
    'https://na.finalfantasyxiv.com/lodestone/character/abc/',
    'javascript:alert(1)',
    'not a url',
  ])('refuses %s', (url) => {
    expect(lodestoneIdFromUrl(url)).toBeUndefined();
  });

  it('takes a bare id or a URL from what a player typed', () => {
    expect(lodestoneIdFromInput(' 12345678 ')).toBe('12345678');
    expect(lodestoneIdFromInput('https://na.finalfantasyxiv.com/lodestone/character/5/')).toBe('5');
    expect(lodestoneIdFromInput('12ab')).toBeUndefined();
  });
});

describe('Retry-After', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-12-01T10:00:00Z');
    expect(parseRetryAfter('30', now)).toBe(30);
    expect(parseRetryAfter('Tue, 01 Dec 2026 10:01:00 GMT', now)).toBe(60);
    expect(parseRetryAfter('Tue, 01 Dec 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('LODESTONE_* configuration', () => {
  it('defaults to the NA Lodestone and a polite client', () => {
    const c = parseConfig({});
    expect(c.lodestone).toEqual({ baseUrl: 'https://na.finalfantasyxiv.com/lodestone', minGapMs: 1000, timeoutMs: 10_000, cacheMs: 600_000, refreshPerMinute: 3, userCallsPerMinute: 10 });
    expect(c.lodestoneImageOrigins).toEqual(['https://img2.finalfantasyxiv.com', 'https://lds-img.finalfantasyxiv.com']);
  });

  it('is switched off with off, and refuses what is not an http(s) URL', () => {
    expect(parseConfig({ LODESTONE_URL: 'off' }).lodestone).toBeUndefined();
    expect(parseConfig({ LODESTONE_URL: 'http://127.0.0.1:9/lodestone/' }).lodestone?.baseUrl).toBe('http://127.0.0.1:9/lodestone');
    expect(() => parseConfig({ LODESTONE_URL: 'ftp://x/lodestone' })).toThrow(/LODESTONE_URL/);
    expect(() => parseConfig({ LODESTONE_MIN_GAP_MS: '-1' })).toThrow(/LODESTONE_MIN_GAP_MS/);
    expect(() => parseConfig({ LODESTONE_IMAGE_ORIGINS: 'not a url' })).toThrow(/LODESTONE_IMAGE_ORIGINS/);
  });
});
