import { baseApi } from '../../api/baseApi';

export interface AuditEntry {
  id: string;
  occurredAt: string;
  action: string;
  outcome: 'success' | 'failure';
  /** Null for system actions and events without a known actor. */
  actor: { userId: string | null; name: string | null; email: string | null; apiKey: { id: string; name: string | null } | null } | null;
  target: { type: string; id: string | null } | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown>;
}

export interface AuditFilters {
  action?: string;
  actorUserId?: string;
  outcome?: 'success' | 'failure';
  /** ISO-8601 instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

interface AuditPage {
  data: AuditEntry[];
  nextCursor: string | null;
}

export const auditPageSize = 50;

export const auditApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listAuditLog: build.infiniteQuery<AuditPage, AuditFilters, string | null>({
      infiniteQueryOptions: { initialPageParam: null, getNextPageParam: (last) => last.nextCursor },
      query: ({ queryArg, pageParam }) => ({
        url: '/audit-log',
        params: { ...queryArg, limit: auditPageSize, ...(pageParam && { cursor: pageParam }) },
      }),
      providesTags: ['AuditEntry'],
    }),
  }),
});

export const { useListAuditLogInfiniteQuery } = auditApi;
