import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { http, type TestService, type TestTokenIssuer } from '@meridian/platform/testing';
import { ActivitiesService } from '../src/activities/activities.service.js';
import { startCrmUnderTest, type CrmUnderTest } from './support/crm-under-test.js';

interface Member {
  workspaceId: string;
  userId: string;
  token: string;
}

describe('crm activity timeline (real Postgres)', () => {
  let issuer: TestTokenIssuer;
  let crm: TestService;
  let su: pg.Client;
  let under: CrmUnderTest;

  const member = async (
    role: 'owner' | 'manager' | 'member' | 'viewer',
    workspaceId: string = randomUUID(),
    team = false,
  ): Promise<Member> => {
    const userId = randomUUID();
    return { workspaceId, userId, token: await issuer.sign({ role, workspaceId, userId, recordVisibility: team ? 'team' : 'all' }) };
  };
  const call = (who: Member, method: string, path: string, body?: unknown) =>
    http(crm.httpUrl, method, path, { token: who.token, ...(body !== undefined ? { body } : {}) });
  /** Records placed straight in the tables: their own APIs are tested by their modules. */
  const company = async (who: Member, ownerId = who.userId) => {
    const id = randomUUID();
    await su.query(`INSERT INTO crm.companies (id, workspace_id, name, owner_id) VALUES ($1, $2, 'Acme', $3)`, [
      id,
      who.workspaceId,
      ownerId,
    ]);
    return id;
  };
  const contact = async (who: Member, companyId: string | null = null, ownerId = who.userId) => {
    const id = randomUUID();
    await su.query(
      `INSERT INTO crm.contacts (id, workspace_id, first_name, last_name, email, owner_id, company_id) VALUES ($1, $2, 'Ada', 'L', $3, $4, $5)`,
      [id, who.workspaceId, `${id}@example.com`, ownerId, companyId],
    );
    return id;
  };
  const lastActivity = async (table: string, id: string): Promise<Date | null> =>
    (await su.query(`SELECT last_activity_at FROM crm.${table} WHERE id = $1`, [id])).rows[0].last_activity_at;
  const timeline = async (who: Member, query: string): Promise<{ id: string; subject: string }[]> => {
    const out: { id: string; subject: string }[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(who, 'GET', `/api/v1/activities?${query}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      out.push(...res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  };

  beforeAll(async () => {
    under = await startCrmUnderTest();
    ({ issuer, crm, su } = under);
  });

  afterAll(async () => {
    await under?.close();
  });

  it('logs a call on a contact, bumps its last activity and writes crm.activity.logged.v1 in the same transaction', async () => {
    const a = await member('member');
    const c = await contact(a);
    const res = await call(a, 'POST', '/api/v1/activities', {
      type: 'call',
      subject: 'Discovery call',
      body: 'Talked budget',
      occurredAt: '2026-11-20T10:00:00Z',
      durationMinutes: 30,
      outcome: 'connected',
      contactId: c,
      id: '00000000-0000-4000-8000-000000000000',
      workspaceId: randomUUID(),
      createdBy: randomUUID(),
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      type: 'call',
      subject: 'Discovery call',
      occurredAt: '2026-11-20T10:00:00.000Z',
      durationMinutes: 30,
      outcome: 'connected',
      contactId: c,
      companyId: null,
      dealId: null,
      createdBy: a.userId,
    });
    expect(res.body.id).not.toBe('00000000-0000-4000-8000-000000000000');
    expect((await lastActivity('contacts', c))?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
    const { rows } = await su.query(
      `SELECT workspace_id, envelope FROM crm.outbox WHERE type = 'crm.activity.logged.v1' AND subject = $1`,
      [res.body.id],
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].workspace_id).toBe(a.workspaceId);
    expect(rows[0].envelope.data.activity).toMatchObject({ id: res.body.id, type: 'call', contactId: c, workspaceId: a.workspaceId });

    // An older activity does not move last_activity_at back; a future meeting does not count yet.
    await call(a, 'POST', '/api/v1/activities', { type: 'note', occurredAt: '2026-01-01T00:00:00Z', contactId: c });
    await call(a, 'POST', '/api/v1/activities', { type: 'meeting', occurredAt: '2099-01-01T00:00:00Z', contactId: c });
    expect((await lastActivity('contacts', c))?.toISOString()).toBe('2026-11-20T10:00:00.000Z');
  });

  it('pages a timeline newest first without gaps or repeats, ties broken by id', async () => {
    const a = await member('member');
    const c = await contact(a);
    const times = ['2026-03-01T00:00:00Z', '2026-05-01T00:00:00Z', '2026-04-01T00:00:00Z', '2026-05-01T00:00:00Z', '2026-02-01T00:00:00Z'];
    const logged: { id: string; occurredAt: string }[] = [];
    for (const [i, occurredAt] of times.entries()) {
      logged.push((await call(a, 'POST', '/api/v1/activities', { type: 'note', subject: `n${i}`, occurredAt, contactId: c })).body);
    }
    const expected = [...logged].sort((x, y) => y.occurredAt.localeCompare(x.occurredAt) || x.id.localeCompare(y.id)).map((x) => x.id);
    expect((await timeline(a, `contactId=${c}`)).map((x) => x.id)).toEqual(expected);
    const bad = await call(a, 'GET', `/api/v1/activities?contactId=${c}&cursor=forged`);
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].field).toBe('cursor');
    const none = await call(a, 'GET', `/api/v1/activities`);
    expect(none.status).toBe(400);
    expect(none.body.errors[0].field).toBe('contactId');
  });

  it("shows a company's own activities and its contacts' in one timeline, each once", async () => {
    const a = await member('member');
    const co = await company(a);
    const [c1, c2, elsewhere] = [await contact(a, co), await contact(a, co), await contact(a)];
    const log = async (subject: string, occurredAt: string, links: object) =>
      (await call(a, 'POST', '/api/v1/activities', { type: 'note', subject, occurredAt, ...links })).body.id as string;
    const ids = [
      await log('company', '2026-01-05T00:00:00Z', { companyId: co }),
      await log('c1', '2026-01-04T00:00:00Z', { contactId: c1 }),
      await log('both', '2026-01-03T00:00:00Z', { contactId: c2, companyId: co }),
      await log('c2', '2026-01-02T00:00:00Z', { contactId: c2 }),
    ];
    await log('other company', '2026-01-06T00:00:00Z', { contactId: elsewhere });
    expect((await timeline(a, `companyId=${co}`)).map((x) => x.id)).toEqual(ids);
    expect((await timeline(a, `contactId=${c2}`)).map((x) => x.subject)).toEqual(['both', 'c2']);
    expect((await lastActivity('companies', co))?.toISOString()).toBe('2026-01-05T00:00:00.000Z');
  });

  it('requires a link to an existing record of the workspace, and names the field', async () => {
    const a = await member('member');
    const b = await member('member');
    const theirs = await contact(b);
    const noLink = await call(a, 'POST', '/api/v1/activities', { type: 'note', subject: 'x' });
    expect(noLink.status).toBe(400);
    expect(noLink.body.errors[0].field).toBe('contactId');
    const badType = await call(a, 'POST', '/api/v1/activities', { type: 'fax', contactId: await contact(a) });
    expect(badType.body.errors[0].field).toBe('type');
    const cross = await call(a, 'POST', '/api/v1/activities', { type: 'note', contactId: theirs, dealId: randomUUID() });
    expect(cross.status).toBe(404);
    expect(cross.body.errors.map((e: { field: string }) => e.field)).toEqual(['contactId', 'dealId']);
    expect(await lastActivity('contacts', theirs)).toBeNull();
  });

  it('lets the author or a manager edit and delete, recomputing last activity; others get 403', async () => {
    const author = await member('member');
    const colleague = await member('member', author.workspaceId);
    const manager = await member('manager', author.workspaceId);
    const c = await contact(author);
    const d = await contact(author);
    const first = (await call(author, 'POST', '/api/v1/activities', { type: 'note', occurredAt: '2026-02-01T00:00:00Z', contactId: c }))
      .body;
    const second = (await call(author, 'POST', '/api/v1/activities', { type: 'note', occurredAt: '2026-03-01T00:00:00Z', contactId: c }))
      .body;

    const edited = await call(author, 'PATCH', `/api/v1/activities/${second.id}`, {
      subject: 'Edited',
      body: null,
      createdBy: colleague.userId,
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ subject: 'Edited', body: null, createdBy: author.userId });
    expect((await call(colleague, 'PATCH', `/api/v1/activities/${second.id}`, { subject: 'Mine' })).status).toBe(403);
    expect((await call(colleague, 'DELETE', `/api/v1/activities/${second.id}`)).status).toBe(403);
    const unlink = await call(author, 'PATCH', `/api/v1/activities/${second.id}`, { contactId: null });
    expect(unlink.status).toBe(400);

    // Moving the activity to another contact moves last_activity_at with it.
    expect((await call(manager, 'PATCH', `/api/v1/activities/${second.id}`, { contactId: d })).status).toBe(200);
    expect((await lastActivity('contacts', c))?.toISOString()).toBe('2026-02-01T00:00:00.000Z');
    expect((await lastActivity('contacts', d))?.toISOString()).toBe('2026-03-01T00:00:00.000Z');
    expect((await call(manager, 'DELETE', `/api/v1/activities/${first.id}`)).status).toBe(204);
    expect(await lastActivity('contacts', c)).toBeNull();
    expect((await call(author, 'GET', `/api/v1/activities/${first.id}`)).status).toBe(404);
  });

  it("answers 404 for another workspace's activities and records, as for missing ids", async () => {
    const a = await member('owner');
    const b = await member('owner');
    const theirContact = await contact(b);
    const theirs = (await call(b, 'POST', '/api/v1/activities', { type: 'note', subject: 'secret', contactId: theirContact })).body;
    const missing = await call(a, 'GET', `/api/v1/activities/${randomUUID()}`);
    const cross = await call(a, 'GET', `/api/v1/activities/${theirs.id}`);
    expect(cross.status).toBe(404);
    expect({ ...cross.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });
    expect((await call(a, 'PATCH', `/api/v1/activities/${theirs.id}`, { subject: 'x' })).status).toBe(404);
    expect((await call(a, 'DELETE', `/api/v1/activities/${theirs.id}`)).status).toBe(404);
    expect((await call(a, 'GET', `/api/v1/activities?contactId=${theirContact}`)).status).toBe(404);
    expect((await call(b, 'GET', `/api/v1/activities/${theirs.id}`)).body.subject).toBe('secret');
  });

  it("keeps a 'team' member to the timelines of their own records", async () => {
    const boss = await member('owner');
    const rep = await member('member', boss.workspaceId, true);
    const co = await company(boss, rep.userId);
    const bossContact = await contact(boss, co, boss.userId);
    const repContact = await contact(boss, co, rep.userId);
    const hidden = (await call(boss, 'POST', '/api/v1/activities', { type: 'note', subject: 'boss', contactId: bossContact })).body;
    await call(boss, 'POST', '/api/v1/activities', { type: 'note', subject: 'rep', contactId: repContact });

    expect((await call(rep, 'GET', `/api/v1/activities?contactId=${bossContact}`)).status).toBe(404);
    expect((await call(rep, 'GET', `/api/v1/activities/${hidden.id}`)).status).toBe(404);
    expect((await call(rep, 'POST', '/api/v1/activities', { type: 'note', contactId: bossContact })).status).toBe(404);
    expect((await timeline(rep, `companyId=${co}`)).map((x) => x.subject)).toEqual(['rep']);
    expect((await timeline(boss, `companyId=${co}`)).map((x) => x.subject).sort()).toEqual(['boss', 'rep']);
  });

  it('logs once per idempotency key (the gRPC LogActivity path)', async () => {
    const a = await member('owner');
    const c = await contact(a);
    const service = crm.app.get(ActivitiesService, { strict: false });
    const key = `workflow-run:${randomUUID()}`;
    const [x, y] = await Promise.all([
      service.log(a.workspaceId, null, { type: 'email', subject: 'Follow-up sent', contactId: c }, key),
      service.log(a.workspaceId, null, { type: 'email', subject: 'Follow-up sent', contactId: c }, key),
    ]);
    const z = await service.log(a.workspaceId, null, { type: 'email', subject: 'Follow-up sent', contactId: c }, key);
    expect(new Set([x.id, y.id, z.id]).size).toBe(1);
    expect(x.createdBy).toBeNull();
    const { rows } = await su.query(`SELECT count(*)::int AS n FROM crm.outbox WHERE type = 'crm.activity.logged.v1' AND subject = $1`, [
      x.id,
    ]);
    expect(rows[0].n).toBe(1);
    await expect(service.log(a.workspaceId, null, { type: 'email', contactId: randomUUID() }, `k-${randomUUID()}`)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
