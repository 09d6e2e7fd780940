import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { BoundedMap } from '../boundedMap.js';
import type { Clock } from '../clock.js';
import { AuthError } from './auth.errors.js';

export const JWT_ISSUER = 'ffxiv-tracker';
export const JWT_AUDIENCE = 'ffxiv-tracker-api';

/** The claims our access tokens carry beyond the registered ones. */
export interface AccessClaims {
  /** User id. */
  sub: string;
  /** Session id, checked against the store for revocation. */
  sid: string;
}

export interface JwtCodec {
  sign(claims: AccessClaims): { token: string; expiresIn: number };
  verify(token: string): AccessClaims;
}

/** How many verified tokens a process remembers; a token is ~300 bytes, so this stays under a few MB. */
const VERIFIED_CACHE_SIZE = 10_000;

/**
 * HS256 access tokens. The key is a `KeyObject`: jsonwebtoken re-imports a string secret on
 * every call (~340 µs), a KeyObject verifies in a few µs. The algorithm is pinned on both sides.
 *
 * A client sends the same token on every call until it refreshes, so a token that verified is
 * remembered (keyed by its exact text, which only our key can have produced) until its `exp`:
 * the signature check (~13 µs) then runs once per token instead of once per request. Revocation
 * is not cached; the caller still checks the session in the store on every request.
 */
export function createJwtCodec(secret: string, ttlSeconds: number, clock: Clock): JwtCodec {
  const key: KeyObject = createSecretKey(Buffer.from(secret, 'utf8'));
  const verified = new BoundedMap<string, { claims: AccessClaims; exp: number }>(VERIFIED_CACHE_SIZE);
  const expired = () => new AuthError('TOKEN_EXPIRED', 'The access token has expired; refresh it.');
  return {
    sign(claims) {
      const iat = Math.floor(clock() / 1000);
      const token = jwt.sign({ sid: claims.sid, iat, exp: iat + ttlSeconds }, key, {
        algorithm: 'HS256',
        subject: claims.sub,
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      });
      return { token, expiresIn: ttlSeconds };
    },
    verify(token) {
      const now = Math.floor(clock() / 1000);
      const hit = verified.get(token);
      if (hit) {
        // The same test jsonwebtoken makes: a token is expired from the second its `exp` names.
        if (now < hit.exp) return hit.claims;
        verified.delete(token);
        throw expired();
      }
      let payload: jwt.JwtPayload;
      try {
        payload = jwt.verify(token, key, {
          algorithms: ['HS256'],
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
          clockTimestamp: now,
          complete: false,
        }) as jwt.JwtPayload;
      } catch (e) {
        if (e instanceof jwt.TokenExpiredError) throw expired();
        throw new AuthError('TOKEN_INVALID', 'The access token is not valid.');
      }
      // We never issue `nbf`; refusing it keeps the remembered check down to `exp` alone.
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number' || payload.nbf !== undefined) {
        throw new AuthError('TOKEN_INVALID', 'The access token is not valid.');
      }
      const claims = Object.freeze({ sub: payload.sub, sid: payload.sid });
      verified.set(token, { claims, exp: payload.exp });
      return claims;
    },
  };
}
