import { baseApi } from '../../api/baseApi';
import { isRole } from '../access/permissions';
import type {
  ChangeEmailRequest,
  ChangePasswordRequest,
  Me,
  MfaEnrolment,
  MfaReauthRequest,
  MfaStatus,
  RecoveryCodes,
  SessionInfo,
} from './types';

type Raw = Record<string, unknown>;
const obj = (value: unknown): Raw => (value && typeof value === 'object' ? (value as Raw) : {});
const flag = (...values: unknown[]) => values.some((v) => v === true);

export function toMe(raw: unknown): Me {
  const r = obj(raw);
  const user = obj(r.user);
  const workspace = obj(r.workspace);
  const mfa = obj(r.mfa);
  return {
    user: { id: String(user.id ?? ''), email: String(user.email ?? ''), name: String(user.name ?? '') },
    workspace: { id: String(workspace.id ?? ''), name: String(workspace.name ?? '') },
    role: isRole(r.role) ? r.role : null,
    emailVerified: flag(r.emailVerified, user.emailVerified),
    mfaEnabled: flag(r.mfaEnabled, user.mfaEnabled, mfa.enabled),
    pendingEmail: typeof (r.pendingEmail ?? user.pendingEmail) === 'string' ? String(r.pendingEmail ?? user.pendingEmail) : null,
    // Absent in older answers: assume a password exists (asking for it is the safe side).
    hasPassword: (r.hasPassword ?? user.hasPassword) !== false,
  };
}

const sessionsList = (raw: unknown): SessionInfo[] => {
  const list = Array.isArray(raw) ? raw : obj(raw).data;
  return Array.isArray(list) ? (list as SessionInfo[]) : [];
};

export const accountApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    getMe: build.query<Me, void>({
      query: () => '/me',
      transformResponse: toMe,
      providesTags: ['Me'],
    }),
    /** Every other session of the account ends; this one stays signed in. */
    changePassword: build.mutation<void, ChangePasswordRequest>({
      query: (body) => ({ url: '/me/password', method: 'POST', body }),
      invalidatesTags: ['Session'],
    }),
    /** 202: the new address becomes the sign-in email once confirmed from its inbox. */
    changeEmail: build.mutation<{ pendingEmail: string }, ChangeEmailRequest>({
      query: (body) => ({ url: '/me/email', method: 'POST', body }),
      invalidatesTags: ['Me'],
    }),
    resendVerification: build.mutation<void, void>({
      query: () => ({ url: '/me/verify-email/resend', method: 'POST' }),
    }),
    getMfaStatus: build.query<MfaStatus, void>({
      query: () => '/me/mfa',
      providesTags: ['Mfa'],
    }),
    enrolMfa: build.mutation<MfaEnrolment, void>({
      query: () => ({ url: '/me/mfa/enrol', method: 'POST' }),
    }),
    confirmMfa: build.mutation<RecoveryCodes, { code: string }>({
      query: (body) => ({ url: '/me/mfa/confirm', method: 'POST', body }),
      invalidatesTags: ['Me', 'Mfa'],
    }),
    disableMfa: build.mutation<void, MfaReauthRequest>({
      query: (body) => ({ url: '/me/mfa/disable', method: 'POST', body }),
      invalidatesTags: ['Me', 'Mfa'],
    }),
    regenerateRecoveryCodes: build.mutation<RecoveryCodes, MfaReauthRequest>({
      query: (body) => ({ url: '/me/mfa/recovery-codes', method: 'POST', body }),
      invalidatesTags: ['Mfa'],
    }),
    listSessions: build.query<SessionInfo[], void>({
      query: () => '/me/sessions',
      transformResponse: sessionsList,
      providesTags: ['Session'],
    }),
    revokeSession: build.mutation<void, string>({
      query: (id) => ({ url: `/me/sessions/${encodeURIComponent(id)}`, method: 'DELETE' }),
      invalidatesTags: ['Session'],
    }),
    revokeOtherSessions: build.mutation<{ revoked: number }, void>({
      query: () => ({ url: '/me/sessions', method: 'DELETE' }),
      invalidatesTags: ['Session'],
    }),
  }),
});

export const {
  useGetMeQuery,
  useChangePasswordMutation,
  useChangeEmailMutation,
  useResendVerificationMutation,
  useGetMfaStatusQuery,
  useEnrolMfaMutation,
  useConfirmMfaMutation,
  useDisableMfaMutation,
  useRegenerateRecoveryCodesMutation,
  useListSessionsQuery,
  useRevokeSessionMutation,
  useRevokeOtherSessionsMutation,
} = accountApi;
