import pg from 'pg';
import { randomUUID } from 'node:crypto';
import { http, type TestService, type TestTokenIssuer } from '@meridian/platform/testing';
import { TasksService } from '../src/tasks/tasks.service.js';
import { startCrmUnderTest, type CrmUnderTest } from './support/crm-under-test.js';

interface Member {
  workspaceId: string;
  userId: string;
  token: string;
}
interface Task {
  id: string;
  title: string;
  dueAt: string | null;
  done: boolean;
  completedAt: string | null;
  assigneeId: string | null;
}

const HOUR = 3_600_000;
const inHours = (h: number) => new Date(Date.now() + h * HOUR).toISOString();

describe('crm tasks (real Postgres)', () => {
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
  const create = async (who: Member, body: object): Promise<Task> => {
    const res = await call(who, 'POST', '/api/v1/tasks', body);
    expect(res.status).toBe(201);
    return res.body;
  };
  /** Every page of a list, following nextCursor. */
  const all = async (who: Member, query: string, limit = 2): Promise<Task[]> => {
    const out: Task[] = [];
    let cursor: string | null = null;
    do {
      const res = await call(who, 'GET', `/api/v1/tasks?${query}&limit=${limit}${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      out.push(...res.body.data);
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  };
  const contact = async (who: Member, ownerId = who.userId) => {
    const id = randomUUID();
    await su.query(
      `INSERT INTO crm.contacts (id, workspace_id, first_name, last_name, email, owner_id) VALUES ($1, $2, 'T', 'C', $3, $4)`,
      [id, who.workspaceId, `${id}@example.com`, ownerId],
    );
    return id;
  };

  beforeAll(async () => {
    under = await startCrmUnderTest();
    ({ issuer, crm, su } = under);
  });

  afterAll(async () => {
    await under?.close();
  });

  it('creates a task for the caller by default and ignores mass-assigned keys', async () => {
    const a = await member('member');
    const c = await contact(a);
    const res = await call(a, 'POST', '/api/v1/tasks', {
      title: '  Send proposal ',
      notes: 'v2 pricing',
      dueAt: '2026-12-01T09:00:00+01:00',
      contactId: c,
      id: '00000000-0000-4000-8000-000000000000',
      workspaceId: randomUUID(),
      createdBy: randomUUID(),
      done: true,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Send proposal',
      notes: 'v2 pricing',
      dueAt: '2026-12-01T08:00:00.000Z',
      assigneeId: a.userId,
      createdBy: a.userId,
      done: false,
      completedAt: null,
      contactId: c,
    });
    expect(res.body.id).not.toBe('00000000-0000-4000-8000-000000000000');
    const invalid = await call(a, 'POST', '/api/v1/tasks', { title: '', dueAt: 'tomorrow', contactId: randomUUID() });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['dueAt', 'title']);
    const missing = await call(a, 'POST', '/api/v1/tasks', { title: 'x', dealId: randomUUID() });
    expect(missing.status).toBe(404);
    expect(missing.body.errors[0].field).toBe('dealId');
  });

  it('lists by due date with nulls last across pages, and filters by assignee, state and due window', async () => {
    const a = await member('member');
    const other = randomUUID();
    const overdue = await create(a, { title: 'overdue', dueAt: inHours(-30) });
    const soon = await create(a, { title: 'soon', dueAt: inHours(0.5) });
    const nextWeek = await create(a, { title: 'in 5 days', dueAt: inHours(24 * 5) });
    const later = await create(a, { title: 'in 20 days', dueAt: inHours(24 * 20) });
    const undated1 = await create(a, { title: 'undated 1' });
    const undated2 = await create(a, { title: 'undated 2' });
    const theirs = await create(a, { title: 'theirs', assigneeId: other, dueAt: inHours(-1) });

    const undated = [undated1.id, undated2.id].sort();
    expect((await all(a, 'assigneeId=me')).map((t) => t.id)).toEqual([overdue.id, soon.id, nextWeek.id, later.id, ...undated]);
    expect((await all(a, `assigneeId=${other}`)).map((t) => t.id)).toEqual([theirs.id]);
    expect((await all(a, 'assigneeId=me&due=overdue')).map((t) => t.title)).toEqual(['overdue']);
    expect((await all(a, 'assigneeId=me&due=none')).map((t) => t.id)).toEqual(undated);
    const week = (await all(a, 'assigneeId=me&due=week')).map((t) => t.title);
    expect(week).toContain('in 5 days');
    expect(week).not.toContain('in 20 days');
    expect(week).not.toContain('overdue');
    // 'today' depends on the caller's day; half an hour from now is today in UTC unless the day is about to end.
    if (new Date(Date.now() + HOUR).getUTCDate() === new Date().getUTCDate()) {
      expect((await all(a, 'assigneeId=me&due=today&tz=UTC')).map((t) => t.title)).toEqual(['soon']);
    }
    expect((await all(a, 'due=today&tz=Pacific/Kiritimati')).every((t) => t.dueAt !== null)).toBe(true);

    await call(a, 'PATCH', `/api/v1/tasks/${soon.id}`, { done: true });
    expect((await all(a, 'assigneeId=me&done=true')).map((t) => t.id)).toEqual([soon.id]);
    expect((await all(a, 'assigneeId=me&done=false')).map((t) => t.id)).not.toContain(soon.id);

    for (const bad of [
      'due=yesterday',
      "tz=UTC'; DROP TABLE crm.tasks; --",
      'tz=Mars/Olympus',
      'assigneeId=you',
      'cursor=forged',
      'limit=201',
    ]) {
      const res = await call(a, 'GET', `/api/v1/tasks?${bad}`);
      expect(res.status).toBe(400);
      expect(res.body.errors[0].field).toBe(bad.split('=')[0]);
    }
  });

  it('completes a task with crm.task.completed.v1 in the outbox, once, and reopens it', async () => {
    const a = await member('member');
    const task = await create(a, { title: 'Call back', contactId: await contact(a) });
    const done = await call(a, 'PATCH', `/api/v1/tasks/${task.id}`, { done: true });
    expect(done.status).toBe(200);
    expect(done.body.done).toBe(true);
    expect(Date.parse(done.body.completedAt)).toBeGreaterThan(Date.now() - 60_000);
    await call(a, 'PATCH', `/api/v1/tasks/${task.id}`, { done: true, title: 'Called back' });
    const events = await su.query(`SELECT workspace_id, envelope FROM crm.outbox WHERE type = 'crm.task.completed.v1' AND subject = $1`, [
      task.id,
    ]);
    expect(events.rows).toHaveLength(1);
    expect(events.rows[0].workspace_id).toBe(a.workspaceId);
    expect(events.rows[0].envelope.data.task).toMatchObject({ id: task.id, done: true, title: 'Call back', assigneeId: a.userId });

    const reopened = await call(a, 'PATCH', `/api/v1/tasks/${task.id}`, { done: false });
    expect(reopened.body).toMatchObject({ done: false, completedAt: null, title: 'Called back' });
  });

  it('lists due reminders until done or dismissed; a new reminder time shows again', async () => {
    const a = await member('member');
    const due = await create(a, { title: 'remind me', reminderAt: inHours(-0.1), dueAt: inHours(1) });
    await create(a, { title: 'not yet', reminderAt: inHours(2) });
    const finished = await create(a, { title: 'finished', reminderAt: inHours(-1) });
    await call(a, 'PATCH', `/api/v1/tasks/${finished.id}`, { done: true });
    expect((await all(a, 'assigneeId=me&due=reminders')).map((t) => t.title)).toEqual(['remind me']);

    const dismissed = await call(a, 'PATCH', `/api/v1/tasks/${due.id}`, { dismissReminder: true });
    expect(dismissed.body.reminderDismissedAt).not.toBeNull();
    expect(await all(a, 'assigneeId=me&due=reminders')).toEqual([]);
    await call(a, 'PATCH', `/api/v1/tasks/${due.id}`, { reminderAt: inHours(-0.01) });
    expect((await all(a, 'assigneeId=me&due=reminders')).map((t) => t.id)).toEqual([due.id]);
  });

  it('lets the creator, the assignee or a manager delete a task; others get 403', async () => {
    const creator = await member('member');
    const assignee = await member('member', creator.workspaceId);
    const bystander = await member('member', creator.workspaceId);
    const manager = await member('manager', creator.workspaceId);
    const t1 = await create(creator, { title: 'one', assigneeId: assignee.userId });
    const t2 = await create(creator, { title: 'two' });
    const t3 = await create(creator, { title: 'three' });
    expect((await call(bystander, 'DELETE', `/api/v1/tasks/${t1.id}`)).status).toBe(403);
    expect((await call(assignee, 'DELETE', `/api/v1/tasks/${t1.id}`)).status).toBe(204);
    expect((await call(creator, 'DELETE', `/api/v1/tasks/${t2.id}`)).status).toBe(204);
    expect((await call(manager, 'DELETE', `/api/v1/tasks/${t3.id}`)).status).toBe(204);
    expect((await call(creator, 'GET', `/api/v1/tasks/${t3.id}`)).status).toBe(404);
  });

  it("answers 404 for another workspace's tasks and records, as for missing ids", async () => {
    const a = await member('owner');
    const b = await member('owner');
    const theirContact = await contact(b);
    const theirs = await create(b, { title: 'secret', contactId: theirContact });
    const missing = await call(a, 'GET', `/api/v1/tasks/${randomUUID()}`);
    const cross = await call(a, 'GET', `/api/v1/tasks/${theirs.id}`);
    expect(cross.status).toBe(404);
    expect({ ...cross.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });
    expect((await call(a, 'PATCH', `/api/v1/tasks/${theirs.id}`, { done: true })).status).toBe(404);
    expect((await call(a, 'DELETE', `/api/v1/tasks/${theirs.id}`)).status).toBe(404);
    expect((await call(a, 'GET', `/api/v1/tasks?contactId=${theirContact}`)).status).toBe(404);
    expect((await call(a, 'GET', `/api/v1/tasks?assigneeId=${b.userId}`)).body.data).toEqual([]);
    expect((await call(b, 'GET', `/api/v1/tasks/${theirs.id}`)).body.done).toBe(false);
  });

  it("keeps a 'team' member to tasks assigned to them, created by them or on their records", async () => {
    const boss = await member('owner');
    const rep = await member('member', boss.workspaceId, true);
    const repContact = await contact(boss, rep.userId);
    const assigned = await create(boss, { title: 'assigned to rep', assigneeId: rep.userId });
    const onTheirRecord = await create(boss, { title: 'on rep contact', contactId: repContact });
    const hidden = await create(boss, { title: 'boss only' });
    const own = await create(rep, { title: 'rep own', assigneeId: boss.userId });
    const seen = (await all(rep, 'done=false', 50)).map((t) => t.id).sort();
    expect(seen).toEqual([assigned.id, onTheirRecord.id, own.id].sort());
    expect((await call(rep, 'GET', `/api/v1/tasks/${hidden.id}`)).status).toBe(404);
    expect((await call(rep, 'PATCH', `/api/v1/tasks/${hidden.id}`, { done: true })).status).toBe(404);
    expect((await all(boss, 'done=false', 50)).length).toBe(4);
  });

  it('creates once per idempotency key (the gRPC CreateTask path)', async () => {
    const a = await member('owner');
    const service = crm.app.get(TasksService, { strict: false });
    const key = `run:${randomUUID()}:step-2`;
    const input = { title: 'Follow up', assigneeId: a.userId, dueAt: inHours(48) };
    const [x, y] = await Promise.all([service.create(a.workspaceId, null, input, key), service.create(a.workspaceId, null, input, key)]);
    const z = await service.create(a.workspaceId, null, input, key);
    expect(new Set([x.id, y.id, z.id]).size).toBe(1);
    const { rows } = await su.query(`SELECT count(*)::int AS n FROM crm.tasks WHERE workspace_id = $1`, [a.workspaceId]);
    expect(rows[0].n).toBe(1);
  });
});
