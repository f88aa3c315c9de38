import { baseApi } from '../../api/baseApi';
import { startSessionOnSuccess } from '../auth/authApi';
import type { AuthResponse } from '../auth/types';
import type { Role } from '../access/permissions';
import type { Invite, InvitePreview, Member, Page, SentInvite } from './types';

export const membersPageSize = 50;

export const membersApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    listMembers: build.infiniteQuery<Page<Member>, void, string | null>({
      infiniteQueryOptions: { initialPageParam: null, getNextPageParam: (last) => last.nextCursor },
      query: ({ pageParam }) => ({ url: '/members', params: { limit: membersPageSize, ...(pageParam && { cursor: pageParam }) } }),
      providesTags: [{ type: 'Member', id: 'LIST' }],
    }),
    changeMemberRole: build.mutation<Member, { userId: string; role: Role }>({
      query: ({ userId, role }) => ({ url: `/members/${encodeURIComponent(userId)}`, method: 'PATCH', body: { role } }),
      invalidatesTags: [{ type: 'Member', id: 'LIST' }, 'AuditEntry'],
    }),
    removeMember: build.mutation<void, string>({
      query: (userId) => ({ url: `/members/${encodeURIComponent(userId)}`, method: 'DELETE' }),
      invalidatesTags: [{ type: 'Member', id: 'LIST' }, 'AuditEntry'],
    }),
    leaveWorkspace: build.mutation<void, void>({
      query: () => ({ url: '/workspaces/current/leave', method: 'POST' }),
      invalidatesTags: ['Workspace'],
    }),
    listInvites: build.query<Page<Invite>, void>({
      query: () => ({ url: '/invites', params: { status: 'pending', limit: 200 } }),
      providesTags: [{ type: 'Invite', id: 'LIST' }],
    }),
    createInvite: build.mutation<SentInvite, { email: string; role: Role }>({
      query: (body) => ({ url: '/invites', method: 'POST', body }),
      invalidatesTags: [{ type: 'Invite', id: 'LIST' }, 'AuditEntry', 'Message'],
    }),
    resendInvite: build.mutation<SentInvite, string>({
      query: (id) => ({ url: `/invites/${encodeURIComponent(id)}/resend`, method: 'POST' }),
      invalidatesTags: [{ type: 'Invite', id: 'LIST' }, 'AuditEntry', 'Message'],
    }),
    revokeInvite: build.mutation<void, string>({
      query: (id) => ({ url: `/invites/${encodeURIComponent(id)}`, method: 'DELETE' }),
      invalidatesTags: [{ type: 'Invite', id: 'LIST' }, 'AuditEntry'],
    }),
    previewInvite: build.query<InvitePreview, string>({
      query: (token) => `/invites/${encodeURIComponent(token)}`,
    }),
    /** Signed in: joins as this account. Signed out: `{ name, password }` makes the account. */
    acceptInvite: build.mutation<AuthResponse, { token: string; name?: string; password?: string }>({
      query: ({ token, ...body }) => ({ url: `/invites/${encodeURIComponent(token)}/accept`, method: 'POST', body }),
      onQueryStarted: startSessionOnSuccess,
    }),
  }),
});

export const {
  useListMembersInfiniteQuery,
  useChangeMemberRoleMutation,
  useRemoveMemberMutation,
  useLeaveWorkspaceMutation,
  useListInvitesQuery,
  useCreateInviteMutation,
  useResendInviteMutation,
  useRevokeInviteMutation,
  usePreviewInviteQuery,
  useAcceptInviteMutation,
} = membersApi;
