import type { OAuthService } from '../auth/oauth.service.js';
import type { SessionService } from '../auth/session.service.js';

/** The auth services the scheduler prunes. */
export interface AuthServices {
  sessions: Pick<SessionService, 'prune'>;
  oauth: Pick<OAuthService, 'prune'>;
}
