import { combineSlices, configureStore, createListenerMiddleware } from '@reduxjs/toolkit';
import { setupListeners } from '@reduxjs/toolkit/query';
import { baseApi } from '../api/baseApi';
import { authSlice, loggedOut, type AuthState } from '../features/auth/authSlice';
import { loadSession, saveSession } from '../features/auth/sessionStorage';

const rootReducer = combineSlices(baseApi, authSlice);

export type RootState = ReturnType<typeof rootReducer>;

export interface CreateStoreOptions {
  /** Initial auth state; by default the session saved in localStorage. */
  auth?: AuthState;
  /** Persist session changes to localStorage (off in tests that do not want it). */
  persistSession?: boolean;
}

/** A fresh store; the app makes one, tests make one per case. */
export function createStore({ auth, persistSession = true }: CreateStoreOptions = {}) {
  const listeners = createListenerMiddleware();
  // Cached data belongs to the account that fetched it.
  listeners.startListening({
    actionCreator: loggedOut,
    effect: (_action, api) => {
      api.dispatch(baseApi.util.resetApiState());
    },
  });

  const store = configureStore({
    reducer: rootReducer,
    preloadedState: { auth: auth ?? { session: loadSession(), logoutReason: null } },
    middleware: (getDefault) => getDefault().prepend(listeners.middleware).concat(baseApi.middleware),
  });

  if (persistSession) {
    let saved = store.getState().auth.session;
    store.subscribe(() => {
      const session = store.getState().auth.session;
      if (session !== saved) {
        saved = session;
        saveSession(session);
      }
    });
  }

  setupListeners(store.dispatch);
  return store;
}

export type AppStore = ReturnType<typeof createStore>;
export type AppDispatch = AppStore['dispatch'];
