export interface User {
  id: string;
  email: string;
  name: string;
}

export interface Workspace {
  id: string;
  name: string;
}

/** What signup, login and refresh all return. */
export interface AuthResponse {
  accessToken: string;
  refreshToken: string;
  user: User;
  workspace: Workspace;
}

export type Session = AuthResponse;

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
