import type { TestTokenIssuer } from './test-token-issuer.js';

/** quality.md case 6: tokens every service's guard must refuse with 401. */
export async function invalidTokenCases(issuer: TestTokenIssuer, workspaceId: string): Promise<Record<string, string>> {
  const valid = await issuer.sign({ role: 'owner', workspaceId });
  const [header, payload] = valid.split('.');
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString()) as Record<string, unknown>;
  return {
    'alg=none': `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`,
    'wrong key': await issuer.sign({ role: 'owner', workspaceId }, { key: 'untrusted' }),
    'bad signature': `${header}.${b64({ ...claims, role: 'owner', wid: workspaceId, sub: 'someone-else' })}.${valid.split('.')[2]}`,
    expired: await issuer.sign({ role: 'owner', workspaceId }, { expiresIn: '-10m' }),
    'wrong audience': await issuer.sign({ role: 'owner', workspaceId }, { audience: 'another-app' }),
    'wrong issuer': await issuer.sign({ role: 'owner', workspaceId }, { issuer: 'evil' }),
    'refresh token used as access token': await issuer.sign({ role: 'owner', workspaceId }, { typ: 'refresh' }),
    'opaque refresh token': `mrt.${workspaceId}.c2VjcmV0`,
    garbage: 'not-a-token',
  };
}
