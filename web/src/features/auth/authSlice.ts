import { createSelector, createSlice, type PayloadAction } from '@reduxjs/toolkit';
import { decodeAccessToken } from './accessToken';
import type { Session } from './types';

/** user: they logged out; expired: the session could not be renewed; passwordChanged: every session ended. */
export type LogoutReason = 'user' | 'expired' | 'passwordChanged';

export interface AuthState {
  session: Session | null;
  /** Why the last session ended, so the login page can explain an unexpected logout. */
  logoutReason: LogoutReason | null;
}

const initialState: AuthState = { session: null, logoutReason: null };

export const authSlice = createSlice({
  name: 'auth',
  initialState,
  reducers: {
    sessionStarted(state, action: PayloadAction<Session>) {
      state.session = action.payload;
      state.logoutReason = null;
    },
    /** The signed-in user's own details changed (e.g. a new email address). */
    userUpdated(state, action: PayloadAction<Partial<Session['user']>>) {
      if (state.session) state.session.user = { ...state.session.user, ...action.payload };
    },
    loggedOut(state, action: PayloadAction<LogoutReason | undefined>) {
      state.session = null;
      state.logoutReason = action.payload ?? 'user';
    },
  },
  selectors: {
    selectSession: (state) => state.session,
    selectIsAuthenticated: (state) => state.session !== null,
    selectAccessToken: (state) => state.session?.accessToken ?? null,
    selectRefreshToken: (state) => state.session?.refreshToken ?? null,
    selectCurrentUser: (state) => state.session?.user ?? null,
    selectWorkspace: (state) => state.session?.workspace ?? null,
    selectLogoutReason: (state) => state.logoutReason,
    /** The claims of the current access token (role, session id), decoded once per token. */
    selectAccessClaims: createSelector([(state: AuthState) => state.session?.accessToken], (token) => decodeAccessToken(token)),
  },
});

export const { sessionStarted, loggedOut, userUpdated } = authSlice.actions;
export const {
  selectSession,
  selectIsAuthenticated,
  selectAccessToken,
  selectRefreshToken,
  selectCurrentUser,
  selectWorkspace,
  selectLogoutReason,
  selectAccessClaims,
} = authSlice.selectors;

/** The caller's role in the current workspace: the token's `role` claim, else what the server said. */
export const selectRole = (state: { auth: AuthState }) => selectAccessClaims(state)?.role ?? state.auth.session?.role ?? null;
