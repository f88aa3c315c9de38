import { describe, expect, it } from '@jest/globals';
import { decodeAccessToken } from './accessToken';

const encode = (value: unknown) => {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
};
const token = (claims: unknown) => `${encode({ alg: 'ES256', typ: 'JWT' })}.${encode(claims)}.signature`;

describe('decodeAccessToken', () => {
  it('reads role, workspace, session and expiry claims', () => {
    expect(decodeAccessToken(token({ sub: 'u1', wid: 'w1', role: 'viewer', sid: 's1', exp: 1700000000 }))).toEqual({
      sub: 'u1',
      workspaceId: 'w1',
      role: 'viewer',
      sessionId: 's1',
      expiresAt: 1700000000,
    });
  });

  it('decodes non-ASCII payloads (UTF-8)', () => {
    expect(decodeAccessToken(token({ sub: 'zoë', role: 'owner' }))?.sub).toBe('zoë');
  });

  it('drops an unknown role rather than trusting it', () => {
    expect(decodeAccessToken(token({ role: 'superuser' }))?.role).toBeNull();
  });

  it('returns null for anything that is not a JWT', () => {
    expect(decodeAccessToken('not-a-token')).toBeNull();
    expect(decodeAccessToken('a.%%%.c')).toBeNull();
    expect(decodeAccessToken(null)).toBeNull();
  });
});
