import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import { baseApi } from '../../api/baseApi';
import { sessionStarted } from './authSlice';
import {
  isMfaChallenge,
  type AuthResponse,
  type LogInRequest,
  type LogInResponse,
  type MfaRequest,
  type PasswordResetConfirmRequest,
  type SignUpRequest,
} from './types';

interface AuthLifecycle<T> {
  dispatch: ThunkDispatch<unknown, unknown, UnknownAction>;
  queryFulfilled: Promise<{ data: T }>;
}

/** Starts a session from any answer that carries tokens (not from an MFA challenge). */
export async function startSessionOnSuccess<T extends LogInResponse>(_arg: unknown, { dispatch, queryFulfilled }: AuthLifecycle<T>) {
  // A failed request is reported to the form through the mutation hook, not here.
  const result = await queryFulfilled.catch(() => null);
  if (!result || isMfaChallenge(result.data)) return;
  // Whatever another account (or workspace) left in the cache must not show up for this one.
  dispatch(baseApi.util.resetApiState());
  dispatch(sessionStarted(result.data));
}

export const authApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    signUp: build.mutation<AuthResponse, SignUpRequest>({
      query: (body) => ({ url: '/auth/signup', method: 'POST', body }),
      onQueryStarted: startSessionOnSuccess,
    }),
    logIn: build.mutation<LogInResponse, LogInRequest>({
      query: (body) => ({ url: '/auth/login', method: 'POST', body }),
      onQueryStarted: startSessionOnSuccess,
    }),
    /** The second step of a login with MFA: a TOTP or a recovery code. */
    verifyMfa: build.mutation<AuthResponse, MfaRequest>({
      query: (body) => ({ url: '/auth/mfa', method: 'POST', body }),
      onQueryStarted: startSessionOnSuccess,
    }),
    // Revokes the refresh token family server-side; the local session ends regardless.
    logOut: build.mutation<void, void>({
      query: () => ({ url: '/auth/logout', method: 'POST' }),
    }),
    /** Always 202: the answer never reveals whether the address has an account. */
    requestPasswordReset: build.mutation<void, { email: string }>({
      query: (body) => ({ url: '/auth/password-reset', method: 'POST', body }),
    }),
    confirmPasswordReset: build.mutation<unknown, PasswordResetConfirmRequest>({
      query: (body) => ({ url: '/auth/password-reset/confirm', method: 'POST', body }),
    }),
    verifyEmail: build.mutation<unknown, { token: string }>({
      query: (body) => ({ url: '/auth/verify-email', method: 'POST', body }),
      invalidatesTags: ['Me'],
    }),
    /** Tokens for another workspace of the caller; every cached page belongs to the old one. */
    switchWorkspace: build.mutation<AuthResponse, { workspaceId: string }>({
      query: (body) => ({ url: '/auth/switch-workspace', method: 'POST', body }),
      onQueryStarted: startSessionOnSuccess,
    }),
  }),
});

export const {
  useSignUpMutation,
  useLogInMutation,
  useVerifyMfaMutation,
  useRequestPasswordResetMutation,
  useConfirmPasswordResetMutation,
  useVerifyEmailMutation,
  useSwitchWorkspaceMutation,
} = authApi;
