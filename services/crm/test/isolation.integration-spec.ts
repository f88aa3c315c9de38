import { randomUUID } from 'node:crypto';
import { GrpcClient } from '@meridian/platform';
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

/**
 * quality.md cases 1 and 4 for every crm object and path: another workspace's id is
 * answered exactly like a missing id (read, write, delete, bulk, aggregate, export, search,
 * merge, privacy, imports, gRPC) and changes nothing there; mass-assigned `workspaceId`,
 * `id`, `createdBy`, `role` (and fixed keys such as a field's `type`) change nothing.
 */

interface Session {
  token: string;
  workspaceId: string;
  userId: string;
}
type Json = Record<string, unknown>;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

/**
 * A problem body without `instance` (the path) and with the ids asked for replaced: a
 * message may repeat the id the caller sent ("No company <id> in this workspace."), and
 * must otherwise be identical for another workspace's id and a missing one.
 */
const comparable = (body: unknown, askedIds: string[] = []) => {
  if (!body || typeof body !== 'object') return body;
  let text = JSON.stringify({ ...(body as Json), instance: undefined });
  for (const id of askedIds) text = text.replaceAll(id, '<asked id>');
  return JSON.parse(text) as unknown;
};

describe('crm tenant isolation (real Postgres, gRPC over loopback)', () => {
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let crm: TestService;
  let grpc: GrpcClient;
  let a: Session;
  let b: Session;
  /** B's records, and what B sees of them before A tries anything. */
  const theirs: Record<string, string> = {};
  const before: Record<string, unknown> = {};
  const mine: Record<string, string> = {};

  const session = async (role: 'owner' | 'member' | 'viewer' = 'owner', workspaceId: string = randomUUID()): Promise<Session> => {
    const userId = randomUUID();
    return { token: await issuer.sign({ role, workspaceId, userId }), workspaceId, userId };
  };
  const call = (s: Session, method: Method, path: string, body?: unknown) =>
    http(crm.httpUrl, method, path, { token: s.token, ...(body !== undefined ? { body } : {}) });
  const created = async (s: Session, path: string, body: unknown): Promise<string> => {
    const res = await call(s, 'POST', path, body);
    expect({ path, status: res.status, body: res.body }).toMatchObject({ path, status: 201 });
    return res.body.id as string;
  };
  const exportCsv = async (s: Session, body: unknown) => {
    const res = await fetch(`${crm.httpUrl}/api/v1/exports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${s.token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
  /** Everything B can read of its own records: compared before and after A's attempts. */
  const snapshotOfB = async () => {
    const out: Record<string, unknown> = {};
    for (const [key, path] of [
      ['company', `/api/v1/companies/${theirs.company}`],
      ['contact', `/api/v1/contacts/${theirs.contact}`],
      ['contact2', `/api/v1/contacts/${theirs.contact2}`],
      ['deal', `/api/v1/deals/${theirs.deal}`],
      ['activity', `/api/v1/activities/${theirs.activity}`],
      ['task', `/api/v1/tasks/${theirs.task}`],
      ['view', `/api/v1/views/${theirs.view}`],
      ['fields', '/api/v1/fields'],
      ['import', `/api/v1/imports/${theirs.import}`],
      ['pipelines', '/api/v1/pipelines'],
      ['contacts', '/api/v1/contacts?limit=200&total=true'],
      ['companies', '/api/v1/companies?limit=200&total=true'],
      ['deals', '/api/v1/deals?limit=200&total=true'],
    ] as const) {
      const res = await call(b, 'GET', path);
      expect({ key, status: res.status }).toEqual({ key, status: 200 });
      out[key] = res.body;
    }
    return out;
  };

  beforeAll(async () => {
    db = await createTestDatabase(['crm']);
    issuer = await startTestTokenIssuer();
    crm = await startTestService(crmService, db, { AUTH_JWKS_URL: issuer.jwksUrl });
    grpc = new GrpcClient({
      address: `127.0.0.1:${crm.grpcPort}`,
      protoFile: 'crm/v1/record_service.proto',
      service: 'crm.v1.RecordService',
      deadlineMs: 5000,
    });
    a = await session();
    b = await session();

    // Workspace B: one of everything.
    theirs.field = await created(b, '/api/v1/fields', { object: 'contacts', key: 'secret_score', label: 'Secret score', type: 'number' });
    theirs.company = await created(b, '/api/v1/companies', { name: 'Victim Holdings', domain: 'victim.example', industry: 'Vaults' });
    theirs.company2 = await created(b, '/api/v1/companies', { name: 'Victim Holdings Inc', industry: 'Vaults' });
    theirs.contact = await created(b, '/api/v1/contacts', {
      firstName: 'Vera',
      lastName: 'Victim',
      email: 'vera@victim.example',
      companyId: theirs.company,
      custom: { secret_score: 99 },
    });
    theirs.contact2 = await created(b, '/api/v1/contacts', { firstName: 'Vera', lastName: 'Victim', email: 'vera2@victim.example' });
    theirs.deal = await created(b, '/api/v1/deals', {
      name: 'Victim vault deal',
      amount: 777000,
      companyId: theirs.company,
      contactIds: [theirs.contact],
    });
    theirs.activity = await created(b, '/api/v1/activities', { type: 'note', body: 'Vault code is 1234', contactId: theirs.contact });
    theirs.task = await created(b, '/api/v1/tasks', { title: 'Rotate the vault code', contactId: theirs.contact, dealId: theirs.deal });
    theirs.view = await created(b, '/api/v1/views', { object: 'contacts', name: 'Vault people', shared: true });
    const pipelines = await call(b, 'GET', '/api/v1/pipelines');
    theirs.pipeline = pipelines.body.data[0].id;
    theirs.stage = pipelines.body.data[0].stages[0].id;
    const bulk = await call(b, 'POST', '/api/v1/contacts/bulk', {
      action: 'tag',
      filter: { and: [{ field: 'lastName', op: 'eq', value: 'Victim' }] },
      tags: ['vault'],
    });
    expect(bulk.body.jobId).toEqual(expect.any(String));
    theirs.bulkJob = bulk.body.jobId;
    await eventually(async () => (await call(b, 'GET', `/api/v1/contacts/bulk/${theirs.bulkJob}`)).body.status === 'completed');
    const form = new FormData();
    form.append('object', 'contacts');
    form.append('file', new Blob(['First Name,Email\nIvan,ivan@victim.example\nBad,not-an-email\n'], { type: 'text/csv' }), 'b.csv');
    const upload = await fetch(`${crm.httpUrl}/api/v1/imports`, {
      method: 'POST',
      headers: { authorization: `Bearer ${b.token}` },
      body: form,
    });
    theirs.import = ((await upload.json()) as { id: string }).id;
    await eventually(async () => ['completed', 'failed'].includes((await call(b, 'GET', `/api/v1/imports/${theirs.import}`)).body.status));

    // Workspace A: a few records of its own to act on.
    mine.company = await created(a, '/api/v1/companies', { name: 'Attacker Ltd', industry: 'Probing' });
    mine.contact = await created(a, '/api/v1/contacts', { firstName: 'Alice', lastName: 'Attacker', email: 'alice@attacker.example' });
    mine.deal = await created(a, '/api/v1/deals', { name: 'Attacker deal', amount: 5 });
    mine.task = await created(a, '/api/v1/tasks', { title: 'Probe' });

    Object.assign(before, await snapshotOfB());
  }, 120_000);

  afterAll(async () => {
    grpc?.close();
    await crm?.close();
    await issuer?.close();
    await db?.drop();
  });

  /** [what, method, path with {id}, body] — `{id}` is B's record, then a random id. */
  const byId = (): Array<[string, Method, string, string, unknown?]> => [
    ['company read', 'GET', '/api/v1/companies/{id}', theirs.company!],
    ['company patch', 'PATCH', '/api/v1/companies/{id}', theirs.company!, { name: 'Pwned' }],
    ['company delete', 'DELETE', '/api/v1/companies/{id}', theirs.company!],
    ['deal read', 'GET', '/api/v1/deals/{id}', theirs.deal!],
    ['deal patch', 'PATCH', '/api/v1/deals/{id}', theirs.deal!, { amount: 1 }],
    ['deal stage move', 'PATCH', '/api/v1/deals/{id}', theirs.deal!, { stageId: theirs.stage }],
    ['deal delete', 'DELETE', '/api/v1/deals/{id}', theirs.deal!],
    ['contact read', 'GET', '/api/v1/contacts/{id}', theirs.contact!],
    ['contact patch', 'PATCH', '/api/v1/contacts/{id}', theirs.contact!, { firstName: 'Pwned' }],
    ['contact delete', 'DELETE', '/api/v1/contacts/{id}', theirs.contact!],
    ['bulk job', 'GET', '/api/v1/contacts/bulk/{id}', theirs.bulkJob!],
    ['activity read', 'GET', '/api/v1/activities/{id}', theirs.activity!],
    ['activity patch', 'PATCH', '/api/v1/activities/{id}', theirs.activity!, { body: 'Pwned' }],
    ['activity delete', 'DELETE', '/api/v1/activities/{id}', theirs.activity!],
    ['contact timeline', 'GET', '/api/v1/activities?contactId={id}', theirs.contact!],
    ['company timeline', 'GET', '/api/v1/activities?companyId={id}', theirs.company!],
    ['deal timeline', 'GET', '/api/v1/activities?dealId={id}', theirs.deal!],
    ['task read', 'GET', '/api/v1/tasks/{id}', theirs.task!],
    ['task patch', 'PATCH', '/api/v1/tasks/{id}', theirs.task!, { done: true }],
    ['task delete', 'DELETE', '/api/v1/tasks/{id}', theirs.task!],
    ['contact tasks', 'GET', '/api/v1/tasks?contactId={id}', theirs.contact!],
    ['deal tasks', 'GET', '/api/v1/tasks?dealId={id}', theirs.deal!],
    ['view read', 'GET', '/api/v1/views/{id}', theirs.view!],
    ['view patch', 'PATCH', '/api/v1/views/{id}', theirs.view!, { name: 'Pwned' }],
    ['view delete', 'DELETE', '/api/v1/views/{id}', theirs.view!],
    ['field patch', 'PATCH', '/api/v1/fields/{id}', theirs.field!, { label: 'Pwned' }],
    ['field delete', 'DELETE', '/api/v1/fields/{id}', theirs.field!],
    ['pipeline read', 'GET', '/api/v1/pipelines/{id}', theirs.pipeline!],
    ['personal data', 'GET', '/api/v1/contacts/{id}/personal-data', theirs.contact!],
    ['erase', 'POST', '/api/v1/contacts/{id}/erase', theirs.contact!],
    ['import status', 'GET', '/api/v1/imports/{id}', theirs.import!],
    ['import errors', 'GET', '/api/v1/imports/{id}/errors', theirs.import!],
  ];

  it("answers every path asked for another workspace's id exactly like a missing id", async () => {
    for (const [what, method, template, id, body] of byId()) {
      const cross = await call(a, method, template.replace('{id}', id), body);
      const missingId = randomUUID();
      const missing = await call(a, method, template.replace('{id}', missingId), body);
      expect({ what, status: cross.status, body: comparable(cross.body, [id]) }).toEqual({
        what,
        status: 404,
        body: comparable(missing.body, [missingId]),
      });
    }
  }, 60_000);

  it("answers bodies that name another workspace's ids exactly like missing ids", async () => {
    const cases = (id: (kind: string) => string): Array<[string, Method, string, unknown]> => [
      ['contact merge (B duplicate)', 'POST', '/api/v1/contacts/merge', { primaryId: mine.contact, duplicateIds: [id('contact')] }],
      ['contact merge (B primary)', 'POST', '/api/v1/contacts/merge', { primaryId: id('contact'), duplicateIds: [mine.contact] }],
      ['company merge (B duplicate)', 'POST', '/api/v1/companies/merge', { primaryId: mine.company, duplicateIds: [id('company')] }],
      ['company merge (B primary)', 'POST', '/api/v1/companies/merge', { primaryId: id('company'), duplicateIds: [mine.company] }],
      ['dismiss duplicate', 'POST', '/api/v1/contacts/duplicates/dismiss', { ids: [mine.contact, id('contact')] }],
      ['export a view', 'POST', '/api/v1/exports', { object: 'contacts', viewId: id('view') }],
      ['contact in B company', 'POST', '/api/v1/contacts', { firstName: 'X', companyId: id('company') }],
      ['move contact to B company', 'PATCH', `/api/v1/contacts/${mine.contact}`, { companyId: id('company') }],
      ['deal in B company', 'POST', '/api/v1/deals', { name: 'X', companyId: id('company') }],
      ['deal with B contact', 'POST', '/api/v1/deals', { name: 'X', contactIds: [id('contact')] }],
      ['deal in B pipeline', 'POST', '/api/v1/deals', { name: 'X', pipelineId: id('pipeline') }],
      ['deal in B stage', 'POST', '/api/v1/deals', { name: 'X', stageId: id('stage') }],
      ['move deal to B stage', 'PATCH', `/api/v1/deals/${mine.deal}`, { stageId: id('stage') }],
      ['note on B contact', 'POST', '/api/v1/activities', { type: 'note', body: 'x', contactId: id('contact') }],
      ['note on B deal', 'POST', '/api/v1/activities', { type: 'note', body: 'x', dealId: id('deal') }],
      ['task on B company', 'POST', '/api/v1/tasks', { title: 'x', companyId: id('company') }],
      ['link my task to B deal', 'PATCH', `/api/v1/tasks/${mine.task}`, { dealId: id('deal') }],
    ];
    const missingIds: string[] = [];
    const crossCases = cases((kind) => theirs[kind]!);
    const missingCases = cases(() => {
      const id = randomUUID();
      missingIds.push(id);
      return id;
    });
    for (const [i, [what, method, path, body]] of crossCases.entries()) {
      const cross = await call(a, method, path, body);
      const [, , missingPath, missingBody] = missingCases[i]!;
      const missing = await call(a, method, missingPath, missingBody);
      expect([400, 404]).toContain(cross.status);
      expect({ what, status: cross.status, body: comparable(cross.body, Object.values(theirs)) }).toEqual({
        what,
        status: missing.status,
        body: comparable(missing.body, missingIds),
      });
    }
  }, 60_000);

  it("affects none of another workspace's records by bulk, inline or as a job", async () => {
    for (const [object, id] of [
      ['contacts', theirs.contact!],
      ['companies', theirs.company!],
      ['deals', theirs.deal!],
    ] as const) {
      for (const request of [
        { action: 'tag', tags: ['pwned'] },
        { action: 'untag', tags: ['vault'] },
        { action: 'assign', ownerId: a.userId },
        { action: 'update', changes: { tags: ['pwned'] } },
        { action: 'delete' },
      ]) {
        const inline = await call(a, 'POST', `/api/v1/${object}/bulk`, { ...request, ids: [id] });
        expect({ object, request, status: inline.status, body: inline.body }).toEqual({
          object,
          request,
          status: 200,
          body: { affected: 0 },
        });
      }
      // More than 200 ids run as a job in the worker: B's id among them still affects nothing.
      const job = await call(a, 'POST', `/api/v1/${object}/bulk`, {
        action: 'delete',
        ids: [id, ...Array.from({ length: 250 }, () => randomUUID())],
      });
      expect(job.status).toBe(202);
      const done = await eventually(async () => {
        const res = await call(a, 'GET', `/api/v1/${object}/bulk/${job.body.jobId}`);
        return ['completed', 'failed'].includes(res.body.status) ? res.body : undefined;
      });
      expect(done).toMatchObject({ status: 'completed', result: { affected: 0 } });
      // B cannot see A's job either.
      expect((await call(b, 'GET', `/api/v1/${object}/bulk/${job.body.jobId}`)).status).toBe(404);
    }
  }, 60_000);

  it("never counts, lists, exports or finds another workspace's records", async () => {
    const companies = await call(a, 'GET', '/api/v1/companies/aggregate?groupBy=industry');
    expect(companies.body.data).toEqual([{ key: 'Probing', count: 1, value: null }]);
    const amounts = await call(a, 'GET', '/api/v1/deals/aggregate?groupBy=status&metric=sum&field=amount');
    expect(amounts.body.data).toEqual([{ key: 'open', count: 1, value: '5.00' }]);
    const contacts = await call(a, 'GET', '/api/v1/contacts/aggregate?groupBy=companyId');
    expect(contacts.body.data).toEqual([{ key: null, count: 1, value: null }]);
    for (const object of ['contacts', 'companies', 'deals']) {
      const list = await call(a, 'GET', `/api/v1/${object}?limit=200&total=true`);
      expect(list.body.total).toEqual({ count: 1, estimated: false });
      const named = await call(
        a,
        'GET',
        `/api/v1/${object}?filter=${encodeURIComponent(JSON.stringify({ and: [{ field: object === 'contacts' ? 'lastName' : 'name', op: 'contains', value: 'Victim' }] }))}`,
      );
      expect(named.body.data).toEqual([]);
      const csv = await exportCsv(a, { object });
      expect(csv.status).toBe(200);
      expect(csv.text).not.toMatch(/victim/i);
      for (const id of Object.values(theirs)) expect(csv.text).not.toContain(id);
    }
    for (const q of ['Victim', 'Vera', 'vera@victim.example', 'victim.example', 'Vault']) {
      const found = await call(a, 'GET', `/api/v1/search?q=${encodeURIComponent(q)}`);
      expect({ q, status: found.status, data: found.body.data }).toEqual({ q, status: 200, data: [] });
    }
    expect((await call(a, 'GET', '/api/v1/contacts/duplicates')).body.data).toEqual([]);
    expect((await call(a, 'GET', '/api/v1/imports')).body.data).toEqual([]);
    expect((await call(a, 'GET', '/api/v1/views?object=contacts')).body.data).toEqual([]);
    expect((await call(a, 'GET', '/api/v1/tasks?limit=200')).body.data.map((t: Json) => t.id)).toEqual([mine.task]);
  }, 60_000);

  it("keeps custom field definitions per workspace: B's key is unknown to A, and A may reuse it", async () => {
    const fields = await call(a, 'GET', '/api/v1/fields');
    expect(fields.body.data).toEqual([]);
    const filterBy = (key: string) =>
      call(
        a,
        'GET',
        `/api/v1/contacts?filter=${encodeURIComponent(JSON.stringify({ and: [{ field: `custom.${key}`, op: 'gt', value: 1 }] }))}`,
      );
    const cross = await filterBy('secret_score');
    const never = await filterBy('never_defined');
    expect(cross.status).toBe(400);
    expect(cross.body.errors.map((e: Json) => e.field)).toEqual(never.body.errors.map((e: Json) => e.field));
    expect((await call(a, 'GET', '/api/v1/contacts?sort=-custom.secret_score')).status).toBe(400);
    const own = await call(a, 'POST', '/api/v1/fields', { object: 'contacts', key: 'secret_score', label: 'Mine', type: 'text' });
    expect(own.status).toBe(201);
    expect((await call(a, 'DELETE', `/api/v1/fields/${own.body.id}`)).status).toBe(204);
  }, 60_000);

  it("answers gRPC calls for another workspace's ids with NOT_FOUND, as for missing ids", async () => {
    const asA = { workspaceId: a.workspaceId };
    const failure = (p: Promise<unknown>) =>
      p.then(
        () => ({ code: 'OK' }),
        (err: { code: string; message: string }) => ({ code: err.code, message: err.message }),
      );
    for (const [method, request] of [
      ['getCompany', (id: (k: string) => string) => ({ companyId: id('company') })],
      ['getDeal', (id: (k: string) => string) => ({ dealId: id('deal') })],
      ['logActivity', (id: (k: string) => string) => ({ idempotencyKey: randomUUID(), type: 'note', body: 'x', dealId: id('deal') })],
      ['createTask', (id: (k: string) => string) => ({ idempotencyKey: randomUUID(), title: 'x', contactId: id('contact') })],
    ] as const) {
      const cross = await failure(
        grpc.call(
          method,
          request((k) => theirs[k]!),
          asA,
        ),
      );
      const missing = await failure(
        grpc.call(
          method,
          request(() => randomUUID()),
          asA,
        ),
      );
      expect({ method, ...cross }).toEqual({ method, ...missing, code: 'NOT_FOUND' });
    }
    // B's own metadata reads them: the ids are real.
    await expect(grpc.call('getDeal', { dealId: theirs.deal }, { workspaceId: b.workspaceId })).resolves.toMatchObject({
      deal: { name: 'Victim vault deal' },
    });
  }, 60_000);

  // Runs last: everything above must have left B's data exactly as it was.
  it("leaves every one of another workspace's records unchanged", async () => {
    expect(await snapshotOfB()).toEqual(before);
  }, 60_000);
});

describe('crm mass assignment (quality case 4)', () => {
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let crm: TestService;
  let a: Session;
  let b: Session;

  const session = async (role: 'owner' | 'member' | 'viewer' = 'owner', workspaceId: string = randomUUID()): Promise<Session> => {
    const userId = randomUUID();
    return { token: await issuer.sign({ role, workspaceId, userId }), workspaceId, userId };
  };
  const call = (s: Session, method: Method, path: string, body?: unknown) =>
    http(crm.httpUrl, method, path, { token: s.token, ...(body !== undefined ? { body } : {}) });

  beforeAll(async () => {
    db = await createTestDatabase(['crm']);
    issuer = await startTestTokenIssuer();
    crm = await startTestService(crmService, db, { AUTH_JWKS_URL: issuer.jwksUrl });
    a = await session();
    b = await session();
  }, 120_000);
  afterAll(async () => {
    await crm?.close();
    await issuer?.close();
    await db?.drop();
  });

  it('ignores workspaceId, id, createdBy and role on every create and PATCH body', async () => {
    const forgedId = randomUUID();
    const forged = { workspaceId: b.workspaceId, id: forgedId, createdBy: b.userId, role: 'owner', createdAt: '2000-01-01T00:00:00.000Z' };
    const company = await call(a, 'POST', '/api/v1/companies', { name: 'Mass Co' });
    const contact = await call(a, 'POST', '/api/v1/contacts', { firstName: 'Mass' });
    const creates: Array<[string, Json]> = [
      ['companies', { name: 'Forged Co' }],
      ['deals', { name: 'Forged deal', companyId: company.body.id }],
      ['activities', { type: 'call', subject: 'Forged call', contactId: contact.body.id }],
      ['tasks', { title: 'Forged task', contactId: contact.body.id }],
      ['views', { object: 'deals', name: 'Forged view' }],
      ['fields', { object: 'deals', key: 'forged', label: 'Forged', type: 'text' }],
    ];
    const patches: Record<string, Json> = {
      companies: { industry: 'Patched' },
      deals: { amount: 10 },
      activities: { subject: 'Patched' },
      tasks: { title: 'Patched' },
      views: { name: 'Patched' },
      fields: { label: 'Patched' },
    };
    for (const [kind, body] of creates) {
      const res = await call(a, 'POST', `/api/v1/${kind}`, { ...body, ...forged });
      expect({ kind, status: res.status }).toEqual({ kind, status: 201 });
      const id = res.body.id as string;
      expect({ kind, id }).not.toEqual({ kind, id: forgedId });
      expect(res.body.workspaceId).toBeUndefined();
      if ('createdBy' in res.body) expect({ kind, createdBy: res.body.createdBy }).toEqual({ kind, createdBy: a.userId });
      if (kind === 'views') expect(res.body.ownerId).toBe(a.userId);
      expect(res.body.createdAt).not.toBe(forged.createdAt);

      const patched = await call(a, 'PATCH', `/api/v1/${kind}/${id}`, { ...patches[kind], ...forged });
      expect({ kind, status: patched.status }).toEqual({ kind, status: 200 });
      expect(patched.body.id).toBe(id);
      if ('createdBy' in patched.body) expect(patched.body.createdBy).toBe(a.userId);
      expect(patched.body.createdAt).toBe(res.body.createdAt);

      // Still A's, under its own id; B sees nothing under either id.
      const readPath = kind === 'fields' ? undefined : `/api/v1/${kind}/${id}`;
      if (readPath) expect((await call(a, 'GET', readPath)).status).toBe(200);
      for (const probe of [id, forgedId]) {
        if (kind === 'fields') continue;
        expect((await call(b, 'GET', `/api/v1/${kind}/${probe}`)).status).toBe(404);
      }
    }
    expect((await call(b, 'GET', '/api/v1/fields')).body.data).toEqual([]);
    expect((await call(a, 'GET', '/api/v1/fields?object=deals')).body.data.map((f: Json) => f.key)).toEqual(['forged']);
  }, 60_000);

  it("keeps a field's key, type and object and a view's object and owner fixed on PATCH", async () => {
    const field = await call(a, 'POST', '/api/v1/fields', { object: 'companies', key: 'tier', label: 'Tier', type: 'number' });
    const patched = await call(a, 'PATCH', `/api/v1/fields/${field.body.id}`, {
      label: 'Tier level',
      key: 'renamed',
      type: 'text',
      object: 'contacts',
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ key: 'tier', type: 'number', object: 'companies', label: 'Tier level' });
    const view = await call(a, 'POST', '/api/v1/views', { object: 'companies', name: 'Mine', ownerId: b.userId });
    expect(view.body.ownerId).toBe(a.userId);
    const viewPatched = await call(a, 'PATCH', `/api/v1/views/${view.body.id}`, { name: 'Still mine', object: 'deals', ownerId: b.userId });
    expect(viewPatched.body).toMatchObject({ object: 'companies', ownerId: a.userId, name: 'Still mine' });
  }, 60_000);

  it("never lets a body raise the caller's role", async () => {
    const member = await session('member', a.workspaceId);
    const viewer = await session('viewer', a.workspaceId);
    const escalate = { role: 'owner', permissions: ['settings.manage'], recordVisibility: 'all' };
    // settings.manage: owner/admin only.
    const field = await call(member, 'POST', '/api/v1/fields', { object: 'contacts', label: 'Sneaky', type: 'text', ...escalate });
    expect(field.status).toBe(403);
    // Sharing a view needs records.write.
    const shared = await call(viewer, 'POST', '/api/v1/views', { object: 'contacts', name: 'Shared', shared: true, ...escalate });
    expect(shared.status).toBe(403);
    // Deleting records needs records.delete, also in bulk.
    const contact = await call(a, 'POST', '/api/v1/contacts', { firstName: 'Keep' });
    const bulk = await call(member, 'POST', '/api/v1/contacts/bulk', { action: 'delete', ids: [contact.body.id], ...escalate });
    expect(bulk.status).toBe(403);
    // Editing someone else's activity needs records.delete.
    const note = await call(a, 'POST', '/api/v1/activities', { type: 'note', body: 'Owner note', contactId: contact.body.id });
    const edit = await call(member, 'PATCH', `/api/v1/activities/${note.body.id}`, { body: 'Member edit', ...escalate });
    expect(edit.status).toBe(403);
    expect((await call(a, 'GET', `/api/v1/contacts/${contact.body.id}`)).status).toBe(200);
    expect((await call(a, 'GET', `/api/v1/activities/${note.body.id}`)).body.body).toBe('Owner note');
    expect((await call(a, 'GET', '/api/v1/fields?object=contacts')).body.data).toEqual([]);
  }, 60_000);
});
