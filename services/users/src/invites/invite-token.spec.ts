import { randomUUID } from 'node:crypto';
import { inviteToken } from './invite-token.js';

describe('inviteToken', () => {
  it('issues a token carrying its workspace, stored only as a hash', () => {
    const workspaceId = randomUUID();
    const { token, hash } = inviteToken.issue(workspaceId);
    expect(token.startsWith(`mi.${workspaceId}.`)).toBe(true);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token.split('.')[2]);
    expect(inviteToken.hash(token)).toBe(hash);
    expect(inviteToken.workspaceOf(token)).toBe(workspaceId);
  });

  it('issues a different secret every time', () => {
    const workspaceId = randomUUID();
    expect(inviteToken.issue(workspaceId).token).not.toBe(inviteToken.issue(workspaceId).token);
  });

  it('finds no workspace in malformed tokens', () => {
    const ws = randomUUID();
    for (const bad of [
      '',
      'mi',
      `mi.${ws}`,
      `mi.not-a-uuid.${'a'.repeat(43)}`,
      `mk.${ws}.${'a'.repeat(43)}`,
      `mi.${ws}.short`,
      `mi.${ws}.${'a'.repeat(43)}.x`,
    ]) {
      expect(inviteToken.workspaceOf(bad)).toBeNull();
    }
  });
});
