import type { Role } from '../access/permissions';

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface Workspace {
  id: string;
  name: string;
}

/** What signup, login, the MFA step, refresh, switching workspace and accepting an invite return. */
export interface AuthResponse {
  accessToken: string;
  refreshToken: string;
  user: User;
  workspace: Workspace;
  /** The role in `workspace`; the access token's `role` claim is the authority. */
  role?: Role;
}

export type Session = AuthResponse;

/** Login's answer when the account has MFA: a short-lived token for the second step. */
export interface MfaChallenge {
  mfaRequired: true;
  mfaToken: string;
}

export type LogInResponse = AuthResponse | MfaChallenge;

export const isMfaChallenge = (response: LogInResponse): response is MfaChallenge =>
  'mfaRequired' in response && response.mfaRequired === true;

export interface SignUpRequest {
  email: string;
  password: string;
  name: string;
  workspaceName: string;
}

export interface LogInRequest {
  email: string;
  password: string;
}

export interface MfaRequest {
  mfaToken: string;
  code: string;
}

export interface PasswordResetConfirmRequest {
  token: string;
  password: string;
}
