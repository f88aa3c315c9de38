import type { AppDispatch } from '../../app/store';
import { authApi } from './authApi';
import { loggedOut } from './authSlice';

const revokeWaitMs = 1500;

/**
 * Asks the server to revoke the refresh tokens, then ends the local session. The server
 * call needs the current access token, so it is sent first; a slow or failed answer
 * never keeps the user signed in.
 */
export function logOut() {
  return async (dispatch: AppDispatch) => {
    const revoke = dispatch(authApi.endpoints.logOut.initiate());
    await Promise.race([revoke, new Promise((resolve) => setTimeout(resolve, revokeWaitMs))]);
    dispatch(loggedOut('user'));
  };
}
