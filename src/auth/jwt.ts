import { createSecretKey, type KeyObject } from 'node:crypto';
import jwt from 'jsonwebtoken';
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

/**
 * HS256 access tokens. The key is a `KeyObject`: jsonwebtoken re-imports a string secret on
 * every call (~340 µs), a KeyObject verifies in a few µs. The algorithm is pinned on both sides.
 */
export function createJwtCodec(secret: string, ttlSeconds: number, clock: Clock): JwtCodec {
  const key: KeyObject = createSecretKey(Buffer.from(secret, 'utf8'));
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
      let payload: jwt.JwtPayload;
      try {
        payload = jwt.verify(token, key, {
          algorithms: ['HS256'],
          issuer: JWT_ISSUER,
          audience: JWT_AUDIENCE,
          clockTimestamp: Math.floor(clock() / 1000),
          complete: false,
        }) as jwt.JwtPayload;
      } catch (e) {
        if (e instanceof jwt.TokenExpiredError) throw new AuthError('TOKEN_EXPIRED', 'The access token has expired; refresh it.');
        throw new AuthError('TOKEN_INVALID', 'The access token is not valid.');
      }
      if (typeof payload.sub !== 'string' || typeof payload.sid !== 'string' || typeof payload.exp !== 'number') {
        throw new AuthError('TOKEN_INVALID', 'The access token is not valid.');
      }
      return { sub: payload.sub, sid: payload.sid };
    },
  };
}
