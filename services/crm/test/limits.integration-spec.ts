import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  http,
  startTestService,
  startTestTokenIssuer,
  type TestDatabase,
  type TestService,
  type TestTokenIssuer,
} from '@meridian/platform/testing';
import { crmService } from '../src/service.js';

/**
 * quality.md case 14 for crm: page size, bulk size and body size are capped, and the
 * per-workspace request budget answers 429 + Retry-After to the noisy workspace only,
 * without moving a quiet workspace's latency much. (The import file cap is covered by
 * imports.integration-spec.ts.)
 */

interface Session {
  token: string;
  workspaceId: string;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)]!;
};

describe('crm limits: page, bulk and body caps', () => {
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let crm: TestService;
  let a: Session;

  beforeAll(async () => {
    db = await createTestDatabase(['crm']);
    issuer = await startTestTokenIssuer();
    crm = await startTestService(crmService, db, { AUTH_JWKS_URL: issuer.jwksUrl });
    const workspaceId = randomUUID();
    a = { token: await issuer.sign({ role: 'owner', workspaceId }), workspaceId };
  }, 60_000);
  afterAll(async () => {
    await crm?.close();
    await issuer?.close();
    await db?.drop();
  }, 60_000);

  it.each(['contacts', 'companies', 'deals'])(
    'caps a %s page at 200 rows (201 → 400 naming limit)',
    async (object) => {
      expect((await http(crm.httpUrl, 'GET', `/api/v1/${object}?limit=200`, { token: a.token })).status).toBe(200);
      const res = await http(crm.httpUrl, 'GET', `/api/v1/${object}?limit=201`, { token: a.token });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(['limit']);
    },
    60_000,
  );

  it.each([
    ['activities', '/api/v1/activities?contactId=CONTACT&limit=201'],
    ['tasks', '/api/v1/tasks?limit=201'],
    ['duplicates', '/api/v1/contacts/duplicates?limit=101'],
    ['search', '/api/v1/search?q=ada&limit=1000'],
  ])(
    'caps the %s page size too',
    async (_name, template) => {
      const contact = await http(crm.httpUrl, 'POST', '/api/v1/contacts', { token: a.token, body: { firstName: 'Ada' } });
      const res = await http(crm.httpUrl, 'GET', template.replace('CONTACT', contact.body.id), { token: a.token });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('limit');
    },
    60_000,
  );

  it.each(['contacts', 'companies', 'deals'])(
    'caps a %s bulk request at 1,000 ids (1,001 → 400 naming ids)',
    async (object) => {
      const ids = Array.from({ length: 1001 }, () => randomUUID());
      const res = await http(crm.httpUrl, 'POST', `/api/v1/${object}/bulk`, { token: a.token, body: { action: 'delete', ids } });
      expect(res.status).toBe(400);
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain('ids');
      // 1,000 ids of nothing is a valid (job) request that affects nothing of the workspace.
      const ok = await http(crm.httpUrl, 'POST', `/api/v1/${object}/bulk`, {
        token: a.token,
        body: { action: 'delete', ids: ids.slice(1) },
      });
      expect(ok.status).toBe(202);
    },
    60_000,
  );

  it('refuses a JSON body over 1 MB with 413 problem+json before touching the database', async () => {
    const before = await http(crm.httpUrl, 'GET', '/api/v1/contacts?total=true', { token: a.token });
    const huge = JSON.stringify({ firstName: 'Big', title: 'x'.repeat(1024 * 1024 + 10) });
    for (const [method, path] of [
      ['POST', '/api/v1/contacts'],
      ['PATCH', `/api/v1/contacts/${randomUUID()}`],
      ['POST', '/api/v1/contacts/bulk'],
    ] as const) {
      const res = await fetch(`${crm.httpUrl}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${a.token}` },
        body: huge,
      });
      expect({ path, status: res.status, type: res.headers.get('content-type') }).toEqual({
        path,
        status: 413,
        type: expect.stringContaining('application/problem+json'),
      });
      const problem = (await res.json()) as { status: number; code: string };
      expect(problem.status).toBe(413);
    }
    // A body just under the cap is parsed and validated as usual (title is capped far lower).
    const under = await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: a.token,
      body: { firstName: 'Big', title: 'x'.repeat(1000 * 1000) },
    });
    expect(under.status).toBe(400);
    expect(under.body.errors.map((e: { field: string }) => e.field)).toEqual(['title']);
    const after = await http(crm.httpUrl, 'GET', '/api/v1/contacts?total=true', { token: a.token });
    expect(after.body.total).toEqual(before.body.total);
  }, 60_000);
});

describe('crm limits: per-workspace request budget', () => {
  const BUDGET = 60;
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let crm: TestService;

  beforeAll(async () => {
    db = await createTestDatabase(['crm']);
    issuer = await startTestTokenIssuer();
    crm = await startTestService(crmService, db, {
      AUTH_JWKS_URL: issuer.jwksUrl,
      RATE_LIMIT_PER_WORKSPACE_PER_MINUTE: String(BUDGET),
    });
  }, 60_000);
  afterAll(async () => {
    await crm?.close();
    await issuer?.close();
    await db?.drop();
  }, 60_000);

  /**
   * One round in two fresh workspaces. The noisy workspace first spends its budget, then its 2
   * callers fire back to back during every other phase; the quiet workspace measures 4 calls per
   * phase over 10 alternating phases (noisy paused / noisy bursting), so load from elsewhere on
   * the machine falls on both halves alike. Bounded to 800 noisy requests and 20 s; loopback only.
   */
  async function round() {
    const noisy = await issuer.sign({ role: 'owner', workspaceId: randomUUID() });
    const quiet = await issuer.sign({ role: 'owner', workspaceId: randomUUID() });
    const list = async (token: string) => {
      const t0 = performance.now();
      const res = await http(crm.httpUrl, 'GET', '/api/v1/contacts?limit=10', { token });
      return { res, ms: performance.now() - t0 };
    };
    await list(quiet); // warm-up (JWKS, plan cache)
    const statuses: number[] = [];
    let refusal: { retryAfter: string | null; remaining: string | null; type: string | null; code: unknown } | undefined;
    let sent = 0;
    let bursting = true;
    let done = false;
    const deadline = Date.now() + 20_000;
    const burst = Promise.all(
      Array.from({ length: 2 }, async () => {
        while (!done && sent < 800 && Date.now() < deadline) {
          if (!bursting) {
            await new Promise((r) => setTimeout(r, 2));
            continue;
          }
          sent++;
          const { res } = await list(noisy);
          statuses.push(res.status);
          if (res.status === 429 && !refusal) {
            refusal = {
              retryAfter: res.headers.get('retry-after'),
              remaining: res.headers.get('ratelimit-remaining'),
              type: res.headers.get('content-type'),
              code: res.body.code,
            };
          }
        }
      }),
    );
    while (statuses.length < BUDGET + 5 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    const quietAlone: number[] = [];
    const quietDuring: number[] = [];
    const quietStatuses: number[] = [];
    for (let phase = 0; phase < 10; phase++) {
      bursting = phase % 2 === 1;
      await new Promise((r) => setTimeout(r, 10)); // let in-flight noisy calls finish or start
      for (let i = 0; i < 4; i++) {
        const { res, ms } = await list(quiet);
        quietStatuses.push(res.status);
        (bursting ? quietDuring : quietAlone).push(ms);
      }
    }
    done = true;
    await burst;
    const after = { noisy: (await list(noisy)).res.status, quiet: (await list(quiet)).res.status };
    return { statuses, refusal, quietStatuses, quietAlone: median(quietAlone), quietDuring: median(quietDuring), after };
  }

  it('answers the noisy workspace 429 + Retry-After while a quiet one keeps its 200s and its latency', async () => {
    const first = await round();
    // The budget admits exactly BUDGET requests of the noisy workspace per minute.
    expect(first.statuses.filter((s) => s === 200)).toHaveLength(BUDGET);
    expect(first.statuses.filter((s) => s === 429).length).toBe(first.statuses.length - BUDGET);
    expect(Number(first.refusal?.retryAfter)).toBeGreaterThanOrEqual(1);
    expect(Number(first.refusal?.retryAfter)).toBeLessThanOrEqual(60);
    expect(first.refusal).toMatchObject({
      remaining: '0',
      type: expect.stringContaining('application/problem+json'),
      code: 'RATE_LIMITED',
    });
    // The quiet workspace (42 calls in all, inside its own budget) was served every time; the noisy one is still refused.
    expect(first.quietStatuses).toEqual(Array(40).fill(200));
    expect(first.after).toEqual({ noisy: 429, quiet: 200 });
    // Refused requests are cheap: the quiet workspace's median while the noisy one bursts stays
    // within 3x + 20 ms of its median while it pauses. On 2 shared cores another suite can still
    // land on one round, so a second round in fresh workspaces may confirm it; a real regression
    // fails both.
    const bound = (r: { quietAlone: number }) => 3 * r.quietAlone + 20;
    const rounds = [first];
    if (first.quietDuring >= bound(first)) rounds.push(await round());
    const last = rounds[rounds.length - 1]!;
    process.stderr.write(
      `LAT ${JSON.stringify(rounds.map((r) => [Math.round(r.quietAlone), Math.round(r.quietDuring), r.statuses.length]))}\n`,
    );
    expect(last.quietDuring).toBeLessThan(bound(last));
  }, 90_000);
});
