import pg from 'pg';
import { GrpcClient } from '@meridian/platform';
import { randomUUID } from 'node:crypto';
import {
  createTestDatabase,
  eventually,
  http,
  startTestService,
  startTestTokenIssuer,
  type TestDatabase,
  type TestService,
  type TestTokenIssuer,
} from '@meridian/platform/testing';
import { crmService } from '../src/service.js';

interface Session {
  token: string;
  workspaceId: string;
}

/** A member session in a fresh workspace, with a token signed as the users service would. */
async function session(issuer: TestTokenIssuer): Promise<Session> {
  const workspaceId = randomUUID();
  return { token: await issuer.sign({ role: 'owner', workspaceId }), workspaceId };
}

describe('crm contacts (real Postgres, JWKS-verified tokens, gRPC over loopback)', () => {
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let crm: TestService;
  let a: Session;
  let b: Session;

  beforeAll(async () => {
    db = await createTestDatabase(['crm']);
    issuer = await startTestTokenIssuer();
    crm = await startTestService(crmService, db, { AUTH_JWKS_URL: issuer.jwksUrl });
    a = await session(issuer);
    b = await session(issuer);
  });

  afterAll(async () => {
    await crm?.close();
    await issuer?.close();
    await db?.drop();
  });

  it('creates, reads and lists a contact with cursor paging', async () => {
    const company = await http(crm.httpUrl, 'POST', '/api/v1/companies', { token: a.token, body: { name: 'Analytical Engines' } });
    expect(company.status).toBe(201);
    const created = await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: a.token,
      body: {
        firstName: 'Ada',
        lastName: 'Lovelace',
        email: 'Ada@Example.com',
        phone: '+44 20 7946 0958',
        companyId: company.body.id,
      },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      firstName: 'Ada',
      email: 'ada@example.com',
      phone: '+442079460958',
      companyName: 'Analytical Engines',
    });
    const got = await http(crm.httpUrl, 'GET', `/api/v1/contacts/${created.body.id}`, { token: a.token });
    expect(got.status).toBe(200);
    expect(got.body).toEqual(created.body);

    for (let i = 0; i < 4; i++) {
      await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
        token: a.token,
        body: { firstName: `P${i}`, lastName: 'Page', email: `p${i}@example.com` },
      });
    }
    const first = await http(crm.httpUrl, 'GET', '/api/v1/contacts?limit=3', { token: a.token });
    expect(first.body.data).toHaveLength(3);
    expect(first.body.data[0].firstName).toBe('P3');
    const second = await http(crm.httpUrl, 'GET', `/api/v1/contacts?limit=3&cursor=${first.body.nextCursor}`, { token: a.token });
    expect(second.body.data.map((c: { firstName: string }) => c.firstName)).toEqual(['P0', 'Ada']);
    expect(second.body.nextCursor).toBeNull();
  });

  it('answers invalid input with problem+json naming each field', async () => {
    const res = await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: a.token,
      body: { lastName: 'X', email: 'not-an-email', phone: '12', companyId: randomUUID() },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'phone']);
    const empty = await http(crm.httpUrl, 'POST', '/api/v1/contacts', { token: a.token, body: { title: 'CEO' } });
    expect(empty.body.errors.map((e: { field: string }) => e.field)).toEqual(['firstName']);
    const unknownCompany = await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: a.token,
      body: { firstName: 'Z', companyId: randomUUID() },
    });
    expect(unknownCompany.status).toBe(400);
    expect(unknownCompany.body.errors[0].field).toBe('companyId');
    const badLimit = await http(crm.httpUrl, 'GET', '/api/v1/contacts?limit=500', { token: a.token });
    expect(badLimit.status).toBe(400);
    expect(badLimit.body.errors[0].field).toBe('limit');
    const badCursor = await http(crm.httpUrl, 'GET', '/api/v1/contacts?cursor=garbage', { token: a.token });
    expect(badCursor.body.errors[0].field).toBe('cursor');
  });

  it('ignores mass-assigned workspaceId, id and createdBy', async () => {
    const res = await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: a.token,
      body: {
        firstName: 'Mass',
        lastName: 'Assign',
        email: 'm@example.com',
        workspaceId: b.workspaceId,
        id: '00000000-0000-4000-8000-000000000000',
        createdBy: 'x',
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.id).not.toBe('00000000-0000-4000-8000-000000000000');
    expect((await http(crm.httpUrl, 'GET', `/api/v1/contacts/${res.body.id}`, { token: b.token })).status).toBe(404);
    expect((await http(crm.httpUrl, 'GET', `/api/v1/contacts/${res.body.id}`, { token: a.token })).status).toBe(200);
  });

  it("gives tenant B a 404 identical to a missing id for tenant A's contact, and hides it from lists", async () => {
    const created = await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: a.token,
      body: { firstName: 'Only', lastName: 'A', email: 'only-a@example.com' },
    });
    const cross = await http(crm.httpUrl, 'GET', `/api/v1/contacts/${created.body.id}`, { token: b.token });
    const missing = await http(crm.httpUrl, 'GET', '/api/v1/contacts/6f1c2d3e-0000-4000-8000-000000000001', { token: b.token });
    expect(cross.status).toBe(404);
    const strip = (p: { instance?: string }) => ({ ...p, instance: undefined });
    expect(strip(cross.body)).toEqual(strip(missing.body));
    const list = await http(crm.httpUrl, 'GET', '/api/v1/contacts?limit=200', { token: b.token });
    expect(list.body.data.find((c: { id: string }) => c.id === created.body.id)).toBeUndefined();
  });

  it("limits a 'team' visibility role to its own records in lists and reads", async () => {
    const ownerId = randomUUID();
    const memberId = randomUUID();
    const owner = await issuer.sign({ role: 'owner', workspaceId: a.workspaceId, userId: ownerId });
    const member = await issuer.sign({ role: 'member', workspaceId: a.workspaceId, userId: memberId, recordVisibility: 'team' });
    const theirs = await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: owner,
      body: { firstName: 'Owner', lastName: 'Lead', email: 'ol@example.com' },
    });
    const mine = await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: member,
      body: { firstName: 'Member', lastName: 'Lead', email: 'ml@example.com' },
    });
    const list = await http(crm.httpUrl, 'GET', '/api/v1/contacts?limit=200', { token: member });
    expect(list.body.data.map((c: { id: string }) => c.id)).toEqual([mine.body.id]);
    expect((await http(crm.httpUrl, 'GET', `/api/v1/contacts/${theirs.body.id}`, { token: member })).status).toBe(404);
    expect((await http(crm.httpUrl, 'GET', `/api/v1/contacts/${mine.body.id}`, { token: member })).status).toBe(200);
    // 'all' visibility (the default) sees both.
    const all = await http(crm.httpUrl, 'GET', '/api/v1/contacts?limit=200', { token: owner });
    expect(all.body.data.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([mine.body.id, theirs.body.id]));
  });

  it('rejects requests without a valid token', async () => {
    expect((await http(crm.httpUrl, 'GET', '/api/v1/contacts')).status).toBe(401);
    expect((await http(crm.httpUrl, 'GET', '/api/v1/contacts', { token: 'not.a.jwt' })).status).toBe(401);
    const forged = a.token.split('.').slice(0, 2).join('.') + '.c2lnbmF0dXJl';
    expect((await http(crm.httpUrl, 'GET', '/api/v1/contacts', { token: forged })).status).toBe(401);
    const none = [Buffer.from('{"alg":"none"}').toString('base64url'), a.token.split('.')[1], ''].join('.');
    expect((await http(crm.httpUrl, 'GET', '/api/v1/contacts', { token: none })).status).toBe(401);
  });

  it('serves the contact over gRPC only to its own workspace', async () => {
    const created = await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: a.token,
      body: { firstName: 'Grace', lastName: 'Hopper', email: 'grace@example.com' },
    });
    const client = new GrpcClient({
      address: `127.0.0.1:${crm.grpcPort}`,
      protoFile: 'crm/v1/contact_service.proto',
      service: 'crm.v1.ContactService',
      deadlineMs: 2000,
    });
    try {
      const mine = await client.call<{ contactId: string }, { contact: { firstName: string; workspaceId: string } }>(
        'getContact',
        { contactId: created.body.id },
        { workspaceId: a.workspaceId },
      );
      expect(mine.contact).toMatchObject({ firstName: 'Grace', workspaceId: a.workspaceId });
      await expect(client.call('getContact', { contactId: created.body.id }, { workspaceId: b.workspaceId })).rejects.toMatchObject({
        code: 'NOT_FOUND',
      });
      await expect(client.call('getContact', { contactId: created.body.id })).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      client.close();
    }
  });

  it('writes crm.contact.created.v1 to the outbox in the same transaction and relays it', async () => {
    const created = await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: a.token,
      body: { firstName: 'Out', lastName: 'Box', email: 'outbox@example.com' },
    });
    const su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
    try {
      const row = await eventually(async () => {
        const r = await su.query(`SELECT type, subject, workspace_id, published_at FROM crm.outbox WHERE subject = $1`, [created.body.id]);
        return r.rows[0]?.published_at ? r.rows[0] : undefined;
      });
      expect(row).toMatchObject({ type: 'crm.contact.created.v1', subject: created.body.id, workspace_id: a.workspaceId });
    } finally {
      await su.end();
    }
  });
});

describe('crm: workspace export over gRPC', () => {
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let crm: TestService;

  beforeAll(async () => {
    db = await createTestDatabase(['crm']);
    issuer = await startTestTokenIssuer();
    crm = await startTestService(crmService, db, { AUTH_JWKS_URL: issuer.jwksUrl });
  });
  afterAll(async () => {
    await crm?.close();
    await issuer?.close();
    await db?.drop();
  });

  it("streams every contact of the caller's workspace and nothing of another's", async () => {
    const a = await session(issuer);
    const b = await session(issuer);
    for (let i = 0; i < 250; i += 25) {
      await Promise.all(
        Array.from({ length: 25 }, (_, j) =>
          http(crm.httpUrl, 'POST', '/api/v1/contacts', {
            token: a.token,
            body: { firstName: `F${i + j}`, lastName: 'L', email: `e${i + j}@example.com` },
          }),
        ),
      );
    }
    await http(crm.httpUrl, 'POST', '/api/v1/contacts', {
      token: b.token,
      body: { firstName: 'Other', lastName: 'B', email: 'b@example.com' },
    });
    const client = new GrpcClient({
      address: `127.0.0.1:${crm.grpcPort}`,
      protoFile: 'crm/v1/export_service.proto',
      service: 'crm.v1.ExportService',
      deadlineMs: 5000,
    });
    try {
      const rows: { workspace_id: string; first_name: string }[] = [];
      const objects = new Set<string>();
      for await (const chunk of client.serverStream<object, { object: string; jsonLines: string; count: number }>(
        'exportWorkspace',
        {},
        { workspaceId: a.workspaceId },
      )) {
        objects.add(chunk.object);
        if (chunk.object === 'contacts' && chunk.count) rows.push(...chunk.jsonLines.split('\n').map((l) => JSON.parse(l)));
      }
      // Every crm table is in the archive; the contacts are all of A's and none of B's.
      expect([...objects]).toEqual(expect.arrayContaining(['contacts', 'companies', 'deals', 'deal_contacts', 'activities', 'tasks']));
      expect(rows).toHaveLength(250);
      expect(new Set(rows.map((r) => r.workspace_id))).toEqual(new Set([a.workspaceId]));
    } finally {
      client.close();
    }
  });
});
