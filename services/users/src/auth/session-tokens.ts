import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { ACCESS_TOKEN_TYPE, UnauthenticatedError, type Role } from '@meridian/platform';
import type { SigningKeyStore } from '../keys/signing-key.store.js';
import { RefreshTokenEntity } from './refresh-token.entity.js';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
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

  async issue(
    manager: EntityManager,
    subject: { userId: string; workspaceId: string; role: Role },
    family?: { id: string; expiresAt: Date },
  ): Promise<TokenPair & { refreshId: string }> {
    const now = Date.now();
    const refreshId = randomUUID();
    const familyId = family?.id ?? randomUUID();
    const familyExpiresAt = family?.expiresAt ?? new Date(now + this.settings.familyMaxDays * DAY_MS);
    const expiresAt = new Date(Math.min(now + this.settings.refreshTtlDays * DAY_MS, familyExpiresAt.getTime()));
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
    const accessToken = await this.keys.sign(
      { typ: ACCESS_TOKEN_TYPE, wid: subject.workspaceId, role: subject.role, sid: familyId },
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
