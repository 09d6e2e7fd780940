/** Why a login, refresh or token check failed; the HTTP layer words each one. */
export type AuthErrorCode =
  | 'TOKEN_MISSING'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_INVALID'
  | 'TOKEN_IN_QUERY'
  | 'SESSION_REVOKED'
  | 'TOKEN_REUSED'
  | 'INVALID_STATE'
  | 'INVALID_CODE'
  | 'INVALID_REDIRECT_URI'
  | 'DISCORD_UNAVAILABLE'
  | 'LOGIN_NOT_CONFIGURED'
  | 'API_KEY_INVALID'
  | 'API_KEY_NOT_ALLOWED'
  | 'INSUFFICIENT_SCOPE';

export class AuthError extends Error {
  override name = 'AuthError';
  constructor(
    readonly code: AuthErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export const isAuthError = (e: unknown): e is AuthError => e instanceof AuthError;
