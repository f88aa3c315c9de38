import { createHash } from 'node:crypto';
import type { ResolveApiKeyRequest, ResolveApiKeyResponse } from '@meridian/proto/users/v1/api_key_service';
import { DomainError, ErrorCode, UnauthenticatedError } from '../errors/domain-error.js';
import { GrpcClient } from '../grpc/grpc-client.js';
import { isRole, type Principal } from './principal.js';

/** API keys look like `mk.<workspace id>.<key id>.<secret>`; the workspace scopes the lookup. */
export const API_KEY_PREFIX = 'mk.';
const KEY_FORMAT = /^mk\.([0-9a-f-]{36})\.([0-9a-f-]{36})\.[A-Za-z0-9_-]{20,}$/;

export const isApiKey = (token: string): boolean => token.startsWith(API_KEY_PREFIX);

interface CacheEntry {
  principal: Principal | null;
  until: number;
}

const MAX_ENTRIES = 10_000;
const NEGATIVE_TTL_MS = 30_000;
const MAX_TTL_MS = 60_000;

/**
 * Resolves API keys through the users service (users.v1.ApiKeyService) and caches the
 * answer briefly, keyed by a hash of the key: a revoked key stops working within the TTL.
 */
export class ApiKeyResolver {
  private readonly cache = new Map<string, CacheEntry>();

  constructor(private readonly client: Pick<GrpcClient, 'call'>) {}

  static grpc(address: string, deadlineMs: number): ApiKeyResolver {
    return new ApiKeyResolver(
      new GrpcClient({ address, protoFile: 'users/v1/api_key_service.proto', service: 'users.v1.ApiKeyService', deadlineMs }),
    );
  }

  async resolve(key: string): Promise<Principal> {
    const match = KEY_FORMAT.exec(key);
    if (!match) throw new UnauthenticatedError('The API key is invalid or revoked.');
    const cacheKey = createHash('sha256').update(key).digest('base64url');
    const hit = this.cache.get(cacheKey);
    if (hit && hit.until > Date.now()) {
      if (!hit.principal) throw new UnauthenticatedError('The API key is invalid or revoked.');
      return hit.principal;
    }
    let principal: Principal | null = null;
    let ttlMs = NEGATIVE_TTL_MS;
    try {
      const res = await this.client.call<ResolveApiKeyRequest, ResolveApiKeyResponse>('resolveApiKey', { key }, { workspaceId: match[1] });
      if (isRole(res.role) && res.workspaceId === match[1]) {
        principal = { userId: res.userId, workspaceId: res.workspaceId, role: res.role, apiKeyId: res.apiKeyId };
        ttlMs = Math.min(Math.max(res.cacheTtlSeconds, 1) * 1000, MAX_TTL_MS);
      }
    } catch (err) {
      // Only "no such key" is cached; an unreachable users service must not lock keys out.
      if (!(err instanceof DomainError) || err.code !== ErrorCode.NotFound) throw err;
    }
    if (this.cache.size >= MAX_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(cacheKey, { principal, until: Date.now() + ttlMs });
    if (!principal) throw new UnauthenticatedError('The API key is invalid or revoked.');
    return principal;
  }
}
