import { isRole, type Role } from '../access/permissions';

/** The claims of a Meridian access token the app reads (it never verifies: the server does). */
export interface AccessClaims {
  sub: string | null;
  workspaceId: string | null;
  role: Role | null;
  /** Refresh-token family = the session id listed under Security > Sessions. */
  sessionId: string | null;
  expiresAt: number | null;
}

function decodeSegment(segment: string): unknown {
  const base64 = segment
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(segment.length / 4) * 4, '=');
  const binary = atob(base64);
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

const str = (value: unknown) => (typeof value === 'string' ? value : null);

/** Reads the payload of a JWT; anything malformed yields null rather than an exception. */
export function decodeAccessToken(token: string | null | undefined): AccessClaims | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const claims = decodeSegment(payload);
    if (!claims || typeof claims !== 'object') return null;
    const c = claims as Record<string, unknown>;
    return {
      sub: str(c.sub),
      workspaceId: str(c.wid),
      role: isRole(c.role) ? c.role : null,
      sessionId: str(c.sid),
      expiresAt: typeof c.exp === 'number' ? c.exp : null,
    };
  } catch {
    return null;
  }
}
