import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const FORMAT = new RegExp(`^mk\\.(${UUID})\\.(${UUID})\\.[A-Za-z0-9_-]{43}$`);

const sha256 = (key: string): Buffer => createHash('sha256').update(key).digest();

/**
 * API keys are `mk.<workspace id>.<key id>.<secret>` (256-bit secret): the workspace scopes
 * the lookup (RLS), the key id finds the row, and only a SHA-256 of the whole key is stored.
 */
export const apiKeySecret = {
  issue(workspaceId: string, keyId: string): { key: string; hash: string } {
    const key = `mk.${workspaceId}.${keyId}.${randomBytes(32).toString('base64url')}`;
    return { key, hash: sha256(key).toString('hex') };
  },
  parse(key: string): { workspaceId: string; keyId: string } | null {
    const match = FORMAT.exec(key);
    return match ? { workspaceId: match[1]!, keyId: match[2]! } : null;
  },
  /** Constant-time comparison with the stored hash. */
  matches(key: string, storedHash: string): boolean {
    const stored = Buffer.from(storedHash, 'hex');
    const given = sha256(key);
    return stored.length === given.length && timingSafeEqual(stored, given);
  },
};
