import type { ThunkDispatch, UnknownAction } from '@reduxjs/toolkit';
import { baseApi } from '../../api/baseApi';
import { sessionStarted } from './authSlice';
import type { AuthResponse, LogInRequest, SignUpRequest } from './types';

interface AuthLifecycle {
  dispatch: ThunkDispatch<unknown, unknown, UnknownAction>;
  queryFulfilled: Promise<{ data: AuthResponse }>;
}

async function startSessionOnSuccess(_arg: unknown, { dispatch, queryFulfilled }: AuthLifecycle) {
  // A failed request is reported to the form through the mutation hook, not here.
  const result = await queryFulfilled.catch(() => null);
  if (!result) return;
  // Whatever another account left in the cache must not show up for this one.
  dispatch(baseApi.util.resetApiState());
  dispatch(sessionStarted(result.data));
}

export const authApi = baseApi.injectEndpoints({
  endpoints: (build) => ({
    signUp: build.mutation<AuthResponse, SignUpRequest>({
      query: (body) => ({ url: '/auth/signup', method: 'POST', body }),
      onQueryStarted: startSessionOnSuccess,
    }),
    logIn: build.mutation<AuthResponse, LogInRequest>({
      query: (body) => ({ url: '/auth/login', method: 'POST', body }),
      onQueryStarted: startSessionOnSuccess,
    }),
    // Revokes the refresh token family server-side; the local session ends regardless.
    logOut: build.mutation<void, void>({
      query: () => ({ url: '/auth/logout', method: 'POST' }),
    }),
  }),
});

export const { useSignUpMutation, useLogInMutation } = authApi;
