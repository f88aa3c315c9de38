import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { UnauthenticatedError } from '../errors/domain-error.js';
import { isRole, type Principal } from './principal.js';

/** Algorithms we accept; `none` and HMAC are never accepted. */
export const ACCESS_TOKEN_ALGORITHMS = ['ES256', 'EdDSA'];
export const ACCESS_TOKEN_TYPE = 'access';

export interface AccessTokenVerifierOptions {
  keys: JWTVerifyGetKey;
  issuer: string;
  audience: string;
}

/** Verifies access JWTs locally against the users service's public keys. */
export class AccessTokenVerifier {
  constructor(private readonly options: AccessTokenVerifierOptions) {}

  /** A verifier fetching the JWKS over HTTP, cached and refreshed on unknown `kid`. */
  static remote(jwksUrl: string, issuer: string, audience: string): AccessTokenVerifier {
    const keys = createRemoteJWKSet(new URL(jwksUrl), { cacheMaxAge: 10 * 60_000, cooldownDuration: 30_000, timeoutDuration: 3000 });
    return new AccessTokenVerifier({ keys, issuer, audience });
  }

  async verify(token: string): Promise<Principal> {
    try {
      const { payload } = await jwtVerify(token, this.options.keys, {
        issuer: this.options.issuer,
        audience: this.options.audience,
        algorithms: ACCESS_TOKEN_ALGORITHMS,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      const { sub, wid, role, sid, typ, vis } = payload as Record<string, unknown>;
      if (typ !== ACCESS_TOKEN_TYPE || typeof sub !== 'string' || typeof wid !== 'string' || !isRole(role)) {
        throw new Error('not an access token');
      }
      return {
        userId: sub,
        workspaceId: wid,
        role,
        recordVisibility: vis === 'team' ? 'team' : 'all',
        ...(typeof sid === 'string' ? { sessionId: sid } : {}),
      };
    } catch {
      // One message for every failure: the caller learns nothing about why.
      throw new UnauthenticatedError('The access token is invalid or expired.');
    }
  }
}
