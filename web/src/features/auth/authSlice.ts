import { createSlice, type PayloadAction } from '@reduxjs/toolkit';
import type { Session } from './types';

export type LogoutReason = 'user' | 'expired';

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
  },
});

export const { sessionStarted, loggedOut } = authSlice.actions;
export const {
  selectSession,
  selectIsAuthenticated,
  selectAccessToken,
  selectRefreshToken,
  selectCurrentUser,
  selectWorkspace,
  selectLogoutReason,
} = authSlice.selectors;
