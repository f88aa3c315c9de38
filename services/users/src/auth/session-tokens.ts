import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ACCESS_TOKEN_TYPE, UnauthenticatedError, type Role } from '@meridian/platform';
import type { SigningKeyStore } from '../keys/signing-key.store.js';
import { SessionEntity } from '../sessions/session.entity.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';
import { recordVisibilityFor } from '../workspaces/record-visibility.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
}

/** Where a session was started or last used from. */
export interface SessionOrigin {
  ip?: string | null;
  userAgent?: string | null;
}

export interface SessionTokenSettings {
  issuer: string;
  audience: string;
  accessTtlSeconds: number;
  refreshTtlDays: number;
  familyMaxDays: number;
}

const DAY_MS = 86_400_000;
const PREFIX = 'mrt';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * Opaque refresh tokens carry their workspace id in clear (`mrt.<workspace>.<secret>`)
 * so lookup can run under that workspace's RLS; only the hash is stored.
 */
export function parseRefreshToken(token: string): { workspaceId: string } {
  const [prefix, workspaceId, secret] = token.split('.');
  if (prefix !== PREFIX || !workspaceId || !secret || !/^[0-9a-f-]{36}$/.test(workspaceId)) {
    throw new UnauthenticatedError('The refresh token is invalid or expired.');
  }
  return { workspaceId };
}

/** Issues access JWTs and rotating refresh tokens. */
export class SessionTokens {
  constructor(
    private readonly keys: SigningKeyStore,
    private readonly settings: SessionTokenSettings,
  ) {}

  /**
   * A new access token and refresh token. Without `family` this starts a session (a new
   * refresh-token family, recorded in users.sessions with the client's IP and user agent);
   * with it, it rotates within that session. Runs in the caller's workspace transaction.
   */
  async issue(
    manager: EntityManager,
    subject: { userId: string; workspaceId: string; role: Role },
    options: { family?: { id: string; expiresAt: Date }; origin?: SessionOrigin } = {},
  ): Promise<TokenPair & { refreshId: string }> {
    const { family, origin } = options;
    const now = Date.now();
    const refreshId = randomUUID();
    const familyId = family?.id ?? randomUUID();
    const familyExpiresAt = family?.expiresAt ?? new Date(now + this.settings.familyMaxDays * DAY_MS);
    const expiresAt = new Date(Math.min(now + this.settings.refreshTtlDays * DAY_MS, familyExpiresAt.getTime()));
    if (!family) {
      await manager.insert(SessionEntity, {
        id: familyId,
        workspaceId: subject.workspaceId,
        userId: subject.userId,
        createdAt: new Date(now),
        lastUsedAt: new Date(now),
        ip: origin?.ip ?? null,
        userAgent: origin?.userAgent?.slice(0, 512) ?? null,
        expiresAt: familyExpiresAt,
        revokedAt: null,
        revokedReason: null,
      });
    }
    const refreshToken = `${PREFIX}.${subject.workspaceId}.${randomBytes(32).toString('base64url')}`;
    await manager.insert(RefreshTokenEntity, {
      id: refreshId,
      workspaceId: subject.workspaceId,
      userId: subject.userId,
      familyId,
      tokenHash: hashToken(refreshToken),
      expiresAt,
      familyExpiresAt,
      revokedAt: null,
      replacedBy: null,
    });
    // `vis`: which records the role sees in this workspace (Roles settings); crm filters by it.
    const vis = await recordVisibilityFor(manager, subject.workspaceId, subject.role);
    const accessToken = await this.keys.sign(
      { typ: ACCESS_TOKEN_TYPE, wid: subject.workspaceId, role: subject.role, sid: familyId, vis },
      {
        subject: subject.userId,
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        ttlSeconds: this.settings.accessTtlSeconds,
      },
    );
    return { accessToken, refreshToken, refreshId };
  }
}
