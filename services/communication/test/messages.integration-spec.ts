import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { GrpcClient } from '@meridian/platform';
import {
  createTestDatabase,
  http,
  startTestService,
  startTestTokenIssuer,
  type TestDatabase,
  type TestService,
  type TestTokenIssuer,
} from '@meridian/platform/testing';
import { EmailCategory, type SendEmailRequest, type SendEmailResponse } from '@meridian/proto/communication/v1/email_service';
import { communicationService } from '../src/service.js';

const HOURLY_LIMIT = 30;

describe('communication messages: dev outbox (no SMTP_URL), REST view, gRPC contract', () => {
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let service: TestService;
  let client: GrpcClient;
  const a = randomUUID();
  const b = randomUUID();
  let tokenA: string;
  let tokenB: string;

  const send = (workspaceId: string | undefined, patch: Partial<SendEmailRequest> = {}) =>
    client.call<SendEmailRequest, SendEmailResponse>(
      'sendEmail',
      {
        to: 'ada@example.com',
        subject: 'Verify your email',
        text: 'Open http://localhost:8080/verify?token=secret-1',
        html: '<p><a href="http://localhost:8080/verify?token=secret-1">Verify</a></p>',
        category: EmailCategory.EMAIL_CATEGORY_VERIFICATION,
        idempotencyKey: `verify:${randomUUID()}`,
        ...patch,
      },
      workspaceId ? { workspaceId } : {},
    );

  beforeAll(async () => {
    db = await createTestDatabase(['communication']);
    issuer = await startTestTokenIssuer();
    service = await startTestService(communicationService, db, {
      AUTH_JWKS_URL: issuer.jwksUrl,
      EMAIL_WORKSPACE_HOURLY_LIMIT: String(HOURLY_LIMIT),
    });
    client = new GrpcClient({
      address: `127.0.0.1:${service.grpcPort}`,
      protoFile: 'communication/v1/email_service.proto',
      service: 'communication.v1.EmailService',
      deadlineMs: 5000,
    });
    tokenA = await issuer.sign({ role: 'admin', workspaceId: a });
    tokenB = await issuer.sign({ role: 'owner', workspaceId: b });
  });

  afterAll(async () => {
    client?.close();
    await service?.close();
    await issuer?.close();
    await db?.drop();
  });

  it('stores the email in the dev outbox and shows it, HTML included, to an admin of the workspace', async () => {
    const sent = await send(a, { to: 'grace@example.com', subject: 'Verify your email — Meridian' });
    expect(sent).toEqual({ messageId: expect.any(String), status: 'stored' });

    const one = await http(service.httpUrl, 'GET', `/api/v1/messages/${sent.messageId}`, { token: tokenA });
    expect(one.status).toBe(200);
    expect(one.body).toEqual({
      id: sent.messageId,
      channel: 'email',
      category: 'verification',
      to: 'grace@example.com',
      from: 'Meridian <no-reply@meridian.local>',
      subject: 'Verify your email — Meridian',
      status: 'stored',
      attempts: 0,
      lastError: null,
      providerMessageId: null,
      nextAttemptAt: null,
      createdAt: expect.any(String),
      sentAt: null,
      text: 'Open http://localhost:8080/verify?token=secret-1',
      html: '<p><a href="http://localhost:8080/verify?token=secret-1">Verify</a></p>',
      bodyWithheld: false,
    });

    const list = await http(service.httpUrl, 'GET', '/api/v1/messages', { token: tokenA });
    expect(list.status).toBe(200);
    const listed = list.body.data.find((m: { id: string }) => m.id === sent.messageId);
    expect(listed).toMatchObject({ to: 'grace@example.com', status: 'stored', category: 'verification' });
    expect(listed).not.toHaveProperty('html');
    expect(listed).not.toHaveProperty('text');
  });

  it('pages newest first with a keyset cursor', async () => {
    const ws = randomUUID();
    const token = await issuer.sign({ role: 'owner', workspaceId: ws });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await send(ws, { subject: `Message ${i}` })).messageId);
    const first = await http(service.httpUrl, 'GET', '/api/v1/messages?limit=2', { token });
    expect(first.body.data.map((m: { subject: string }) => m.subject)).toEqual(['Message 4', 'Message 3']);
    const second = await http(service.httpUrl, 'GET', `/api/v1/messages?limit=2&cursor=${first.body.nextCursor}`, { token });
    expect(second.body.data.map((m: { subject: string }) => m.subject)).toEqual(['Message 2', 'Message 1']);
    const third = await http(service.httpUrl, 'GET', `/api/v1/messages?limit=2&cursor=${second.body.nextCursor}`, { token });
    expect(third.body).toEqual({ data: [expect.objectContaining({ id: ids[0], subject: 'Message 0' })], nextCursor: null });
  });

  it('is idempotent per workspace: the same key returns the first message and stores nothing new', async () => {
    const key = `reset:${randomUUID()}`;
    const first = await send(a, { idempotencyKey: key, subject: 'First', category: EmailCategory.EMAIL_CATEGORY_PASSWORD_RESET });
    const again = await send(a, { idempotencyKey: key, subject: 'Second', to: 'someone-else@example.com' });
    expect(again).toEqual(first);
    const concurrent = await Promise.all(Array.from({ length: 5 }, () => send(a, { idempotencyKey: `${key}:race` })));
    expect(new Set(concurrent.map((r) => r.messageId)).size).toBe(1);
    // The key is scoped to the workspace: B using it gets its own message.
    const inB = await send(b, { idempotencyKey: key });
    expect(inB.messageId).not.toBe(first.messageId);

    const su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
    try {
      const rows = await su.query(
        `SELECT workspace_id, subject FROM communication.messages WHERE idempotency_key = $1 ORDER BY workspace_id`,
        [key],
      );
      expect(rows.rows).toEqual(
        [
          { workspace_id: a, subject: 'First' },
          { workspace_id: b, subject: 'Verify your email' },
        ].sort((x, y) => x.workspace_id.localeCompare(y.workspace_id)),
      );
      const race = await su.query(`SELECT count(*)::int AS n FROM communication.messages WHERE idempotency_key = $1`, [`${key}:race`]);
      expect(race.rows[0].n).toBe(1);
    } finally {
      await su.end();
    }
  });

  it("gives workspace B a 404 identical to a missing id for A's message, and never lists it", async () => {
    const sent = await send(a, { subject: 'Only for A' });
    const cross = await http(service.httpUrl, 'GET', `/api/v1/messages/${sent.messageId}`, { token: tokenB });
    const missing = await http(service.httpUrl, 'GET', `/api/v1/messages/${randomUUID()}`, { token: tokenB });
    expect(cross.status).toBe(404);
    const strip = (p: { instance?: string }) => ({ ...p, instance: undefined });
    expect(strip(cross.body)).toEqual(strip(missing.body));
    const list = await http(service.httpUrl, 'GET', '/api/v1/messages?limit=200', { token: tokenB });
    expect(list.body.data.some((m: { id: string }) => m.id === sent.messageId)).toBe(false);
  });

  it('keeps RLS as a second wall: the app role sees no message without a workspace set', async () => {
    const app = new pg.Client({ connectionString: db.urls.communication!.appUrl });
    await app.connect();
    try {
      expect((await app.query(`SELECT count(*)::int AS n FROM communication.messages`)).rows[0].n).toBe(0);
      const flags = await app.query(
        `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'communication.messages'::regclass`,
      );
      expect(flags.rows[0]).toEqual({ relrowsecurity: true, relforcerowsecurity: true });
    } finally {
      await app.end();
    }
  });

  it('refuses a call without workspace metadata, and names each invalid field', async () => {
    await expect(send(undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(
      send(a, { to: 'not-an-address', subject: 'a\r\nBcc: x@example.com', text: '', html: '', category: 0, idempotencyKey: '' }),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('answers invalid REST input with problem+json naming the field', async () => {
    const badLimit = await http(service.httpUrl, 'GET', '/api/v1/messages?limit=500', { token: tokenA });
    expect(badLimit.status).toBe(400);
    expect(badLimit.headers.get('content-type')).toContain('application/problem+json');
    expect(badLimit.body.errors[0].field).toBe('limit');
    const badCursor = await http(service.httpUrl, 'GET', '/api/v1/messages?cursor=garbage', { token: tokenA });
    expect(badCursor.body.errors[0].field).toBe('cursor');
    const badId = await http(service.httpUrl, 'GET', '/api/v1/messages/not-a-uuid', { token: tokenA });
    expect(badId.status).toBe(400);
  });

  it('is an admin tool: a member gets 403, an anonymous caller 401', async () => {
    const member = await issuer.sign({ role: 'member', workspaceId: a });
    expect((await http(service.httpUrl, 'GET', '/api/v1/messages', { token: member })).status).toBe(403);
    expect((await http(service.httpUrl, 'GET', '/api/v1/messages')).status).toBe(401);
  });

  it('caps new emails per workspace per hour (RESOURCE_EXHAUSTED), while repeats of a known key still answer', async () => {
    const ws = randomUUID();
    const key = `invite:${randomUUID()}`;
    await send(ws, { idempotencyKey: key, category: EmailCategory.EMAIL_CATEGORY_INVITE });
    for (let i = 1; i < HOURLY_LIMIT; i++) await send(ws);
    await expect(send(ws)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await expect(send(ws, { idempotencyKey: key })).resolves.toMatchObject({ status: 'stored' });
    await expect(send(randomUUID())).resolves.toMatchObject({ status: 'stored' });
  });

  it("exports the workspace's messages over ExportService, without secret-bearing bodies", async () => {
    const ws = randomUUID();
    const verify = await send(ws, { subject: 'Verify' });
    const notice = await send(ws, {
      subject: 'Password changed',
      category: EmailCategory.EMAIL_CATEGORY_SECURITY_NOTICE,
      text: 'Your password was changed.',
      html: '',
    });
    await send(b, { subject: 'Not this workspace' });
    const exporter = new GrpcClient({
      address: `127.0.0.1:${service.grpcPort}`,
      protoFile: 'communication/v1/export_service.proto',
      service: 'communication.v1.ExportService',
      deadlineMs: 5000,
    });
    try {
      const rows: { id: string; subject: string; text: string | null; html: string | null; bodyWithheld: boolean }[] = [];
      for await (const chunk of exporter.serverStream<object, { object: string; jsonLines: string; count: number }>(
        'exportWorkspace',
        {},
        { workspaceId: ws },
      )) {
        expect(chunk.object).toBe('messages');
        if (chunk.count) rows.push(...chunk.jsonLines.split('\n').map((l) => JSON.parse(l)));
      }
      expect(rows.map((r) => r.id).sort()).toEqual([verify.messageId, notice.messageId].sort());
      expect(rows.find((r) => r.id === verify.messageId)).toMatchObject({ text: null, html: null, bodyWithheld: true });
      expect(rows.find((r) => r.id === notice.messageId)).toMatchObject({ text: 'Your password was changed.', bodyWithheld: false });
      expect(JSON.stringify(rows)).not.toContain('token=secret-1');
    } finally {
      exporter.close();
    }
  });

  it('reports the dev outbox as the email channel', async () => {
    const res = await http(service.httpUrl, 'GET', '/api/v1/channels', { token: tokenA });
    expect(res.body).toEqual({ data: [{ kind: 'email', transport: 'dev-outbox', localOnly: true }], nextCursor: null });
  });
});
