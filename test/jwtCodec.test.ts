import { describe, expect, it } from 'vitest';
import { createJwtCodec } from '../src/auth/jwt.js';

const SECRET = 'jwt-codec-test-secret-jwt-codec-test-secret';

/** A clock the test moves by hand. */
function manualClock(start = Date.UTC(2026, 10, 23, 12)) {
  let now = start;
  const clock = () => now;
  return Object.assign(clock, { advance: (ms: number) => void (now += ms) });
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as { code?: string }).code;
  }
  return 'no error';
};

describe('access token verification', () => {
  it('accepts a token again from memory, and still expires it at exp', () => {
    const clock = manualClock();
    const codec = createJwtCodec(SECRET, 60, clock);
    const { token } = codec.sign({ sub: 'u1', sid: 's1' });
    expect(codec.verify(token)).toEqual({ sub: 'u1', sid: 's1' });
    clock.advance(59_000);
    expect(codec.verify(token)).toEqual({ sub: 'u1', sid: 's1' });
    clock.advance(1_000);
    expect(codeOf(() => codec.verify(token))).toBe('TOKEN_EXPIRED');
    // Forgotten once expired, and still refused when checked in full.
    expect(codeOf(() => codec.verify(token))).toBe('TOKEN_EXPIRED');
  });

  it('refuses any altered copy of a token it has already accepted', () => {
    const codec = createJwtCodec(SECRET, 600, manualClock());
    const { token } = codec.sign({ sub: 'u1', sid: 's1' });
    codec.verify(token);
    const [h, p, s] = token.split('.') as [string, string, string];
    const other = JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), sub: 'u2' });
    const flipped = s.slice(0, -2) + (s.at(-2) === 'A' ? 'B' : 'A') + s.at(-1);
    for (const bad of [`${h}.${Buffer.from(other).toString('base64url')}.${s}`, `${h}.${p}.${flipped}`, `${h}.${p}.`, `${token} `, token.slice(0, -1)]) {
      expect(codeOf(() => codec.verify(bad))).toBe('TOKEN_INVALID');
    }
    expect(codec.verify(token)).toEqual({ sub: 'u1', sid: 's1' });
  });

  it('keeps what it remembers to its own key', () => {
    const clock = manualClock();
    const a = createJwtCodec(SECRET, 600, clock);
    const b = createJwtCodec(`${SECRET}-other`, 600, clock);
    const { token } = a.sign({ sub: 'u1', sid: 's1' });
    a.verify(token);
    expect(codeOf(() => b.verify(token))).toBe('TOKEN_INVALID');
  });

  it('verifies in full again a token pushed out of memory by newer ones', () => {
    const clock = manualClock();
    const codec = createJwtCodec(SECRET, 600, clock);
    const first = codec.sign({ sub: 'u0', sid: 's0' }).token;
    codec.verify(first);
    for (let i = 1; i <= 10_001; i++) codec.verify(codec.sign({ sub: `u${i}`, sid: `s${i}` }).token);
    expect(codec.verify(first)).toEqual({ sub: 'u0', sid: 's0' });
    clock.advance(600_000);
    expect(codeOf(() => codec.verify(first))).toBe('TOKEN_EXPIRED');
  });
});
