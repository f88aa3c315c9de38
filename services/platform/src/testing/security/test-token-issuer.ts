import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import type { Role } from '../../auth/principal.js';

export interface TokenClaims {
  role: Role;
  workspaceId: string;
  userId?: string;
  recordVisibility?: 'all' | 'team';
}

export interface TestTokenIssuer {
  /** JWKS URL to give a service as AUTH_JWKS_URL. */
  jwksUrl: string;
  /** A valid access token, as the users service would issue it. */
  sign(
    claims: TokenClaims,
    overrides?: { issuer?: string; audience?: string; expiresIn?: string; typ?: string; key?: 'trusted' | 'untrusted' },
  ): Promise<string>;
  close(): Promise<void>;
}

/**
 * A stand-in for the users service's token issuing in tests of other services: an ES256
 * key served as JWKS on loopback, plus an untrusted key for "wrong key" cases.
 */
export async function startTestTokenIssuer(options: { issuer?: string; audience?: string } = {}): Promise<TestTokenIssuer> {
  const issuer = options.issuer ?? 'meridian-users';
  const audience = options.audience ?? 'meridian';
  const kid = randomUUID();
  const trusted = await generateKeyPair('ES256', { extractable: true });
  const untrusted = await generateKeyPair('ES256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(trusted.publicKey)), kid, alg: 'ES256', use: 'sig' };
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
    async sign(claims, o = {}) {
      const key: CryptoKey = o.key === 'untrusted' ? untrusted.privateKey : trusted.privateKey;
      return new SignJWT({
        typ: o.typ ?? 'access',
        wid: claims.workspaceId,
        role: claims.role,
        sid: randomUUID(),
        vis: claims.recordVisibility ?? 'all',
      })
        .setProtectedHeader({ alg: 'ES256', kid, typ: 'JWT' })
        .setSubject(claims.userId ?? randomUUID())
        .setIssuer(o.issuer ?? issuer)
        .setAudience(o.audience ?? audience)
        .setIssuedAt(o.expiresIn?.startsWith('-') ? Math.floor(Date.now() / 1000) - 3600 : undefined)
        .setExpirationTime(o.expiresIn ?? '15m')
        .sign(key);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
