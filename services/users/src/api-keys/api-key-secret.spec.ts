import { randomUUID } from 'node:crypto';
import { apiKeySecret } from './api-key-secret.js';

describe('apiKeySecret', () => {
  it('issues mk.<workspace>.<key id>.<secret> and stores only a hash that matches it', () => {
    const workspaceId = randomUUID();
    const keyId = randomUUID();
    const { key, hash } = apiKeySecret.issue(workspaceId, keyId);
    expect(key).toMatch(new RegExp(`^mk\\.${workspaceId}\\.${keyId}\\.[A-Za-z0-9_-]{43}$`));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(apiKeySecret.parse(key)).toEqual({ workspaceId, keyId });
    expect(apiKeySecret.matches(key, hash)).toBe(true);
  });

  it('does not match another secret for the same key id, or a malformed hash', () => {
    const workspaceId = randomUUID();
    const keyId = randomUUID();
    const a = apiKeySecret.issue(workspaceId, keyId);
    const b = apiKeySecret.issue(workspaceId, keyId);
    expect(apiKeySecret.matches(b.key, a.hash)).toBe(false);
    expect(apiKeySecret.matches(a.key, 'abcd')).toBe(false);
  });

  it('rejects malformed keys', () => {
    const ws = randomUUID();
    const id = randomUUID();
    for (const bad of [
      '',
      `mk.${ws}.${id}`,
      `mk.${ws}.${id}.short`,
      `mrt.${ws}.${'a'.repeat(43)}`,
      `mk.${ws}.not-a-uuid.${'a'.repeat(43)}`,
    ]) {
      expect(apiKeySecret.parse(bad)).toBeNull();
    }
  });
});
