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

type Role = 'owner' | 'admin' | 'manager' | 'member' | 'viewer';
interface Member {
  workspaceId: string;
  userId: string;
  token: string;
}

describe('crm saved views (real Postgres)', () => {
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let crm: TestService;

  const member = async (role: Role, workspaceId: string = randomUUID()): Promise<Member> => {
    const userId = randomUUID();
    return { workspaceId, userId, token: await issuer.sign({ role, workspaceId, userId }) };
  };
  const call = (who: Member, method: string, path: string, body?: unknown) =>
    http(crm.httpUrl, method, path, { token: who.token, ...(body !== undefined ? { body } : {}) });
  const names = async (who: Member, object = 'contacts'): Promise<string[]> =>
    (await call(who, 'GET', `/api/v1/views?object=${object}`)).body.data.map((v: { name: string }) => v.name);

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

  it('saves a view with filter, sort and columns, ignoring mass-assigned owner and workspace', async () => {
    const a = await member('member');
    const b = await member('member');
    const filter = {
      and: [
        { field: 'lifecycleStage', op: 'eq', value: 'lead' },
        {
          or: [
            { field: 'ownerId', op: 'eq', value: 'me' },
            { field: 'tags', op: 'contains', value: 'vip' },
          ],
        },
      ],
    };
    const res = await call(a, 'POST', '/api/v1/views', {
      object: 'contacts',
      name: 'My leads',
      filter,
      sort: '-createdAt,lastName',
      columns: ['firstName', 'lastName', 'email', 'companyName'],
      ownerId: b.userId,
      workspaceId: b.workspaceId,
      id: '00000000-0000-4000-8000-000000000000',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      object: 'contacts',
      name: 'My leads',
      ownerId: a.userId,
      shared: false,
      filter,
      sort: '-createdAt,lastName',
      columns: ['firstName', 'lastName', 'email', 'companyName'],
    });
    expect(res.body.id).not.toBe('00000000-0000-4000-8000-000000000000');
    expect((await call(a, 'GET', `/api/v1/views/${res.body.id}`)).body).toEqual(res.body);
    expect(await names(a)).toEqual(['My leads']);
    expect(await names(a, 'deals')).toEqual([]);
    expect(await names(b)).toEqual([]);
  });

  it('rejects unknown fields, ops, sorts and columns the way a list would, naming the field', async () => {
    const a = await member('member');
    const cases: Array<[object, string]> = [
      [{ filter: { and: [{ field: 'password', op: 'eq', value: 'x' }] } }, 'filter'],
      [{ filter: { and: [{ field: 'email', op: 'explode', value: 'x' }] } }, 'filter'],
      [{ filter: { xor: [] } }, 'filter'],
      [{ filter: { and: [{ and: [{ and: [{ and: [{ and: [{ field: 'email', op: 'isEmpty' }] }] }] }] }] } }, 'filter'],
      [{ sort: 'email; DROP TABLE crm.views' }, 'sort'],
      [{ sort: 'custom.nope' }, 'sort'],
      [{ columns: ['firstName', 'passwordHash'] }, 'columns'],
      [{ object: 'users' }, 'object'],
      [{ name: '' }, 'name'],
    ];
    for (const [body, field] of cases) {
      const res = await call(a, 'POST', '/api/v1/views', { object: 'contacts', name: 'Bad', ...body });
      expect({ body, status: res.status, field: res.body.errors?.[0]?.field }).toEqual({ body, status: 400, field });
    }
    expect(await names(a)).toEqual([]);
  });

  it("validates custom fields against the workspace's definitions", async () => {
    const admin = await member('admin');
    const created = await call(admin, 'POST', '/api/v1/fields', {
      object: 'deals',
      key: 'renewal_date',
      label: 'Renewal date',
      type: 'date',
    });
    expect(created.status).toBe(201);
    const ok = await call(admin, 'POST', '/api/v1/views', {
      object: 'deals',
      name: 'Renewals',
      filter: { and: [{ field: 'custom.renewal_date', op: 'lte', value: '2026-12-31' }] },
      sort: 'custom.renewal_date',
      columns: ['name', 'amount', 'custom.renewal_date', 'stageName'],
    });
    expect(ok.status).toBe(201);
    const elsewhere = await member('admin');
    const other = await call(elsewhere, 'POST', '/api/v1/views', { object: 'deals', name: 'X', columns: ['custom.renewal_date'] });
    expect(other.status).toBe(400);
    expect(other.body.errors[0].field).toBe('columns');
  });

  it('shares views with the workspace: sharing needs write access, others may read but not change them', async () => {
    const owner = await member('member');
    const colleague = await member('member', owner.workspaceId);
    const viewer = await member('viewer', owner.workspaceId);
    const admin = await member('admin', owner.workspaceId);
    const shared = (
      await call(owner, 'POST', '/api/v1/views', { object: 'companies', name: 'Team accounts', shared: true, columns: ['name'] })
    ).body;
    await call(owner, 'POST', '/api/v1/views', { object: 'companies', name: 'Private', columns: [] });
    expect(await names(colleague, 'companies')).toEqual(['Team accounts']);
    expect(await names(owner, 'companies')).toEqual(['Private', 'Team accounts']);

    expect((await call(viewer, 'POST', '/api/v1/views', { object: 'companies', name: 'Mine', shared: true })).status).toBe(403);
    const personal = await call(viewer, 'POST', '/api/v1/views', { object: 'companies', name: 'Viewer own' });
    expect(personal.status).toBe(201);
    expect((await call(viewer, 'PATCH', `/api/v1/views/${personal.body.id}`, { shared: true })).status).toBe(403);
    expect((await call(viewer, 'PATCH', `/api/v1/views/${personal.body.id}`, { name: 'Renamed', sort: '-name' })).body).toMatchObject({
      name: 'Renamed',
      sort: '-name',
    });

    expect((await call(colleague, 'PATCH', `/api/v1/views/${shared.id}`, { name: 'Hijacked' })).status).toBe(403);
    expect((await call(colleague, 'DELETE', `/api/v1/views/${shared.id}`)).status).toBe(403);
    const renamed = await call(admin, 'PATCH', `/api/v1/views/${shared.id}`, { name: 'Key accounts', filter: null });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Key accounts', ownerId: owner.userId, filter: null, shared: true });
    expect((await call(admin, 'DELETE', `/api/v1/views/${shared.id}`)).status).toBe(204);
    expect(await names(colleague, 'companies')).toEqual([]);
  });

  it("hides someone else's personal view and another workspace's views behind the same 404", async () => {
    const a = await member('owner');
    const teammate = await member('admin', a.workspaceId);
    const b = await member('owner');
    const personal = (await call(a, 'POST', '/api/v1/views', { object: 'contacts', name: 'Mine' })).body;
    const theirs = (await call(b, 'POST', '/api/v1/views', { object: 'contacts', name: 'B shared', shared: true })).body;
    const missing = await call(a, 'GET', `/api/v1/views/${randomUUID()}`);
    for (const [who, id] of [
      [teammate, personal.id],
      [a, theirs.id],
    ] as const) {
      const got = await call(who, 'GET', `/api/v1/views/${id}`);
      expect(got.status).toBe(404);
      expect({ ...got.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });
      expect((await call(who, 'PATCH', `/api/v1/views/${id}`, { name: 'x' })).status).toBe(404);
      expect((await call(who, 'DELETE', `/api/v1/views/${id}`)).status).toBe(404);
    }
    expect(await names(a)).toEqual(['Mine']);
    expect((await call(b, 'GET', `/api/v1/views/${theirs.id}`)).body.name).toBe('B shared');
  });
});
