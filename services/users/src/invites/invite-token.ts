import { createHash, randomBytes } from 'node:crypto';

const FORMAT = /^mi\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.[A-Za-z0-9_-]{43}$/;

/**
 * Invite tokens are opaque `mi.<workspace id>.<secret>`: the workspace part lets the public
 * lookup run under that workspace's RLS; only a SHA-256 of the token is stored.
 */
export const inviteToken = {
  issue(workspaceId: string): { token: string; hash: string } {
    const token = `mi.${workspaceId}.${randomBytes(32).toString('base64url')}`;
    return { token, hash: inviteToken.hash(token) };
  },
  hash: (token: string): string => createHash('sha256').update(token).digest('hex'),
  /** The workspace of a well-formed token, or null (then the invite is simply "not found"). */
  workspaceOf(token: string): string | null {
    return FORMAT.exec(token)?.[1] ?? null;
  },
};
