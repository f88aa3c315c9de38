/** Workspace roles, most to least privileged. */
export const ROLES = ['owner', 'admin', 'manager', 'member', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who is calling: resolved from an access token by the auth guard. */
export interface Principal {
  userId: string;
  workspaceId: string;
  role: Role;
  sessionId?: string;
  /** Set when the caller authenticated with an API key instead of a user session. */
  apiKeyId?: string;
  /** Which records the caller sees: all of the workspace's, or own + team (`vis` claim). */
  recordVisibility?: 'all' | 'team';
}

export const isRole = (value: unknown): value is Role => typeof value === 'string' && (ROLES as readonly string[]).includes(value);
