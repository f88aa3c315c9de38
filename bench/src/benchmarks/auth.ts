import argon2 from 'argon2';
import { createLocalJWKSet, createRemoteJWKSet, exportJWK, generateKeyPair, jwtVerify, SignJWT, type JWK } from 'jose';
import { createServer } from 'node:http';
import { AccessTokenVerifier } from '@meridian/platform';
import type { Benchmark, BenchmarkOptions, BenchmarkResult } from '../benchmark.js';
import { measure, type Measurement } from '../measure.js';
import { startStack } from '../stack.js';

// The parameters the users service uses (services/users/src/auth/password-hasher.ts).
const ARGON2 = { type: argon2.argon2id, memoryCost: 19 * 1024, timeCost: 2, parallelism: 1 } as const;

/** Login through the whole stack vs bare argon2id verification, same parameters. */
async function loginThroughput(seconds: number) {
  const stack = await startStack();
  try {
    const body = { email: 'bench-login@example.com', password: 'bench-password-123' };
    const signup = await fetch(`${stack.origin}/api/v1/auth/signup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...body, name: 'Bench', workspaceName: 'Bench' }),
    });
    if (signup.status !== 201) throw new Error(`signup answered ${signup.status}`);
    const login = async () => {
      const res = await fetch(`${stack.origin}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 200) throw new Error(`login answered ${res.status}`);
      await res.arrayBuffer();
    };
    const hash = await argon2.hash(body.password, ARGON2);
    const bare = async () => {
      if (!(await argon2.verify(hash, body.password))) throw new Error('mismatch');
    };
    const out: Record<string, { stack: Measurement; bareArgon2: Measurement; ratio: number }> = {};
    for (const c of [1, 4]) {
      const bareArgon2 = await measure(bare, c, seconds);
      const viaStack = await measure(login, c, seconds);
      out[`c${c}`] = { stack: viaStack, bareArgon2, ratio: Math.round((viaStack.rps / bareArgon2.rps) * 1000) / 1000 };
    }
    return out;
  } finally {
    await stack.stop();
  }
}

/** Access-token verification as a service does it (AccessTokenVerifier + cached remote JWKS) vs a bare jose.jwtVerify loop. */
async function verificationThroughput(seconds: number) {
  const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256' };
  const server = createServer((_q, r) => r.end(JSON.stringify({ keys: [jwk] })));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  try {
    const token = await new SignJWT({ typ: 'access', wid: '11111111-1111-4111-8111-111111111111', role: 'member', sid: 's' })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('22222222-2222-4222-8222-222222222222')
      .setIssuer('meridian-users')
      .setAudience('meridian')
      .setIssuedAt()
      .setExpirationTime('15m')
      .sign(privateKey);
    const verifier = new AccessTokenVerifier({
      keys: createRemoteJWKSet(new URL(`http://127.0.0.1:${port}/jwks.json`)),
      issuer: 'meridian-users',
      audience: 'meridian',
    });
    const local = createLocalJWKSet({ keys: [jwk] });
    const bare = async () =>
      void (await jwtVerify(token, local, { issuer: 'meridian-users', audience: 'meridian', algorithms: ['ES256'] }));
    const service = async () => void (await verifier.verify(token));
    await service(); // fetch the JWKS once, as a running service has
    const bareJose = await measure(bare, 1, seconds, 1_000_000);
    const inService = await measure(service, 1, seconds, 1_000_000);
    return { inService, bareJose, ratio: Math.round((inService.rps / bareJose.rps) * 1000) / 1000 };
  } finally {
    server.close();
  }
}

async function run({ seconds }: BenchmarkOptions): Promise<BenchmarkResult> {
  const verification = await verificationThroughput(seconds);
  const login = await loginThroughput(seconds);
  const lines = [
    `token verification: ${verification.inService.rps} /s in a service vs ${verification.bareJose.rps} /s bare jose.jwtVerify = ${verification.ratio}x (goal >= 0.8)`,
    ...Object.entries(login).map(
      ([c, r]) =>
        `login ${c}: ${r.stack.rps} rps (p50 ${r.stack.p50Ms} ms, p99 ${r.stack.p99Ms} ms) vs bare argon2id verify ${r.bareArgon2.rps} /s = ${r.ratio}x`,
    ),
  ];
  return {
    name: 'auth',
    argon2: { memoryKiB: ARGON2.memoryCost, iterations: ARGON2.timeCost, parallelism: ARGON2.parallelism },
    verification,
    login,
    summary: `auth (argon2id m=19 MiB t=2 p=1; ES256 access tokens):\n  ${lines.join('\n  ')}`,
  };
}

export const authBenchmark: Benchmark = { defaultScale: 0, run };
