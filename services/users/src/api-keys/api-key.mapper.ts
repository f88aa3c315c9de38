import type { Role } from '@meridian/platform';
import type { ApiKeyStatus } from './dto/api-key.schemas.js';
import type { ApiKeyEntity } from './api-key.entity.js';

export interface ApiKeyDto {
  id: string;
  name: string;
  role: Role;
  status: ApiKeyStatus;
  createdBy: { userId: string; name: string } | null;
  createdAt: string;
  expiresAt: string | null;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** The one response that carries the secret: creation. */
export interface CreatedApiKeyDto extends ApiKeyDto {
  key: string;
}

export const apiKeyStatus = (k: Pick<ApiKeyEntity, 'revokedAt' | 'expiresAt'>, now = Date.now()): ApiKeyStatus => {
  if (k.revokedAt) return 'revoked';
  return k.expiresAt && k.expiresAt.getTime() <= now ? 'expired' : 'active';
};

export const apiKeyMapper = {
  toDto: (k: ApiKeyEntity, creatorName: string | null): ApiKeyDto => ({
    id: k.id,
    name: k.name,
    role: k.role,
    status: apiKeyStatus(k),
    createdBy: k.createdBy ? { userId: k.createdBy, name: creatorName ?? '' } : null,
    createdAt: k.createdAt.toISOString(),
    expiresAt: k.expiresAt?.toISOString() ?? null,
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
  }),
};
