import { baseApi } from '../../api/baseApi';
import type { Role } from '../access/permissions';

export type ApiKeyStatus = 'active' | 'expired' | 'revoked';

export interface ApiKey {
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

/** Creation is the only answer that carries the secret. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface CreateApiKeyRequest {
  name: string;
  role: Role;
  /** ISO-8601; omitted = never expires. */
  expiresAt?: string;
}

interface ApiKeyPage {
  data: ApiKey[];
  nextCursor: string | null;
}

export const apiKeysApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    /** `status` undefined = every key, revoked and expired included. */
    listApiKeys: build.infiniteQuery<ApiKeyPage, ApiKeyStatus | undefined, string | null>({
      infiniteQueryOptions: { initialPageParam: null, getNextPageParam: (last) => last.nextCursor },
      query: ({ queryArg: status, pageParam }) => ({
        url: '/api-keys',
        params: { limit: 50, ...(status && { status }), ...(pageParam && { cursor: pageParam }) },
      }),
      providesTags: [{ type: 'ApiKey', id: 'LIST' }],
    }),
    createApiKey: build.mutation<CreatedApiKey, CreateApiKeyRequest>({
      query: (body) => ({ url: '/api-keys', method: 'POST', body }),
      invalidatesTags: [{ type: 'ApiKey', id: 'LIST' }, 'AuditEntry'],
    }),
    revokeApiKey: build.mutation<void, string>({
      query: (id) => ({ url: `/api-keys/${encodeURIComponent(id)}`, method: 'DELETE' }),
      invalidatesTags: [{ type: 'ApiKey', id: 'LIST' }, 'AuditEntry'],
    }),
  }),
});

export const { useListApiKeysInfiniteQuery, useCreateApiKeyMutation, useRevokeApiKeyMutation } = apiKeysApi;
