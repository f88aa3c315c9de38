import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { GrpcClient } from '@meridian/platform';
import {
  createTestDatabase,
  eventually,
  http,
  startSmtpServer,
  startTestService,
  startTestTokenIssuer,
  type TestDatabase,
  type TestService,
  type TestSmtpServer,
  type TestTokenIssuer,
} from '@meridian/platform/testing';
import { EmailCategory, type SendEmailRequest, type SendEmailResponse } from '@meridian/proto/communication/v1/email_service';
import { communicationService } from '../src/service.js';

// Small numbers so retries, timeouts and the circuit breaker play out in seconds.
const MAX_ATTEMPTS = 4;
const RETRY_BASE_MS = 100;
const RETRY_MAX_MS = 400;
const CIRCUIT_THRESHOLD = 5;

interface MessageView {
  id: string;
  status: string;
  attempts: number;
  lastError: string | null;
  providerMessageId: string | null;
  sentAt: string | null;
  text: string | null;
  html: string | null;
  bodyWithheld: boolean;
}

describe('communication email delivery through a real SMTP server (smtp-server on loopback)', () => {
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let smtp: TestSmtpServer;
  let service: TestService;
  let client: GrpcClient;
  let token: string;
  const workspaceId = randomUUID();

  const send = (patch: Partial<SendEmailRequest> = {}) =>
    client.call<SendEmailRequest, SendEmailResponse>(
      'sendEmail',
      {
        to: 'ada@example.com',
        subject: `Reset your password ${randomUUID().slice(0, 8)}`,
        text: 'Reset it here: https://app.example.com/reset?token=s3cret',
        html: '<p>Reset it <a href="https://app.example.com/reset?token=s3cret">here</a>.</p>',
        category: EmailCategory.EMAIL_CATEGORY_PASSWORD_RESET,
        idempotencyKey: `reset:${randomUUID()}`,
        ...patch,
      },
      { workspaceId },
    );

  const view = async (id: string): Promise<MessageView> => {
    const res = await http(service.httpUrl, 'GET', `/api/v1/messages/${id}`, { token });
    expect(res.status).toBe(200);
    return res.body as MessageView;
  };

  const settled = (id: string, timeoutMs = 20_000) =>
    eventually(
      async () => {
        const m = await view(id);
        return m.status === 'sent' || m.status === 'failed' ? m : undefined;
      },
      timeoutMs,
      50,
    );

  const withDb = async <T>(fn: (su: pg.Client) => Promise<T>): Promise<T> => {
    const su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
    try {
      return await fn(su);
    } finally {
      await su.end();
    }
  };

  beforeAll(async () => {
    db = await createTestDatabase(['communication']);
    issuer = await startTestTokenIssuer();
    smtp = await startSmtpServer({ auth: { user: 'mailer', pass: 'p@ss word' } });
    service = await startTestService(communicationService, db, {
      AUTH_JWKS_URL: issuer.jwksUrl,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Meridian Test <no-reply@meridian.test>',
      SMTP_TIMEOUT_MS: '400',
      SMTP_POOL_SIZE: '2',
      EMAIL_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      EMAIL_RETRY_BASE_MS: String(RETRY_BASE_MS),
      EMAIL_RETRY_MAX_MS: String(RETRY_MAX_MS),
      EMAIL_POLL_INTERVAL_MS: '20',
      EMAIL_CIRCUIT_THRESHOLD: String(CIRCUIT_THRESHOLD),
    });
    client = new GrpcClient({
      address: `127.0.0.1:${service.grpcPort}`,
      protoFile: 'communication/v1/email_service.proto',
      service: 'communication.v1.EmailService',
      deadlineMs: 5000,
    });
    token = await issuer.sign({ role: 'owner', workspaceId });
  });

  afterAll(async () => {
    client?.close();
    await service?.close();
    await smtp?.close();
    await issuer?.close();
    await db?.drop();
  });

  beforeEach(() => {
    smtp.recover();
    smtp.reset();
  });

  it('queues, then delivers with the configured sender, credentials, headers and both bodies', async () => {
    const sent = await send({
      to: 'grace@example.com',
      subject: 'Vérifiez votre adresse — Meridian',
      text: 'Hello Grace,\nconfirm here: https://app.example.com/verify?token=v3rify\n',
      html: '<p>Hello Grace, <a href="https://app.example.com/verify?token=v3rify">confirm</a> — merci.</p>',
      category: EmailCategory.EMAIL_CATEGORY_VERIFICATION,
    });
    expect(sent.status).toBe('queued');
    const done = await settled(sent.messageId);
    expect(done).toMatchObject({ status: 'sent', attempts: 1, lastError: null, providerMessageId: `<${sent.messageId}@meridian.test>` });
    expect(done.sentAt).not.toBeNull();

    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0]!;
    expect(mail.user).toBe('mailer');
    expect(mail.envelopeFrom).toBe('no-reply@meridian.test');
    expect(mail.envelopeTo).toEqual(['grace@example.com']);
    expect(mail.headers).toMatchObject({
      from: 'Meridian Test <no-reply@meridian.test>',
      to: 'grace@example.com',
      subject: 'Vérifiez votre adresse — Meridian',
      'message-id': `<${sent.messageId}@meridian.test>`,
      'auto-submitted': 'auto-generated',
    });
    expect(mail.headers['content-type']).toMatch(/^multipart\/alternative/);
    expect(mail.text).toBe('Hello Grace,\nconfirm here: https://app.example.com/verify?token=v3rify');
    expect(mail.html).toBe('<p>Hello Grace, <a href="https://app.example.com/verify?token=v3rify">confirm</a> — merci.</p>');
  });

  it('drops a delivered secret-bearing body from storage and withholds it from admins; other categories stay readable', async () => {
    const reset = await send();
    const notice = await send({
      category: EmailCategory.EMAIL_CATEGORY_SECURITY_NOTICE,
      subject: 'Your password was changed',
      text: 'If this was not you, contact your admin.',
      html: '',
    });
    const [r, n] = await Promise.all([settled(reset.messageId), settled(notice.messageId)]);
    expect(r).toMatchObject({ status: 'sent', text: null, html: null, bodyWithheld: true });
    expect(n).toMatchObject({ status: 'sent', text: 'If this was not you, contact your admin.', html: null, bodyWithheld: false });
    const rows = await withDb((su) =>
      su.query(`SELECT text_body, html_body, body_purged_at FROM communication.messages WHERE id = $1`, [reset.messageId]),
    );
    expect(rows.rows[0]).toEqual({ text_body: null, html_body: null, body_purged_at: expect.any(Date) });
  });

  it('sends once per idempotency key, however often and however concurrently it is asked', async () => {
    const key = `invite:${randomUUID()}`;
    const subject = `You are invited ${key}`;
    const burst = await Promise.all(Array.from({ length: 4 }, () => send({ idempotencyKey: key, subject })));
    expect(new Set(burst.map((r) => r.messageId)).size).toBe(1);
    const done = await settled(burst[0]!.messageId);
    const later = await send({ idempotencyKey: key, subject: 'A different subject' });
    expect(later).toEqual({ messageId: done.id, status: 'sent' });
    await new Promise((r) => setTimeout(r, 300));
    expect(smtp.received.filter((m) => m.headers.subject === subject)).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
  });

  it('retries a 5xx with exponential backoff up to the attempt limit, then fails with the error kept', async () => {
    smtp.failAll({ stage: 'data', code: 554, message: 'Transaction failed: provider incident' });
    const sent = await send();
    const done = await settled(sent.messageId);
    expect(done).toMatchObject({ status: 'failed', attempts: MAX_ATTEMPTS, bodyWithheld: true, text: null });
    expect(done.lastError).toContain('554');
    expect(done.lastError).toContain('provider incident');
    expect(smtp.attempts).toHaveLength(MAX_ATTEMPTS);
    const gaps = smtp.attempts.slice(1).map((t, i) => t - smtp.attempts[i]!);
    gaps.forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** i) * 0.8 - 5));
    await new Promise((r) => setTimeout(r, RETRY_MAX_MS * 2));
    expect(smtp.attempts).toHaveLength(MAX_ATTEMPTS);
    expect(smtp.received).toHaveLength(0);
  });

  it('fails at once when the server refuses the recipient for good (550), without retrying', async () => {
    smtp.failNext({ stage: 'rcpt', code: 550, message: 'No such user here' });
    const sent = await send({ to: 'nobody@example.com' });
    const done = await settled(sent.messageId);
    expect(done).toMatchObject({ status: 'failed', attempts: 1 });
    expect(done.lastError).toMatch(/550.*No such user here/);
    await new Promise((r) => setTimeout(r, RETRY_BASE_MS * 3));
    expect(smtp.attempts).toHaveLength(1);
  });

  it('retries temporary 4xx refusals and then delivers, clearing the error', async () => {
    smtp.failNext({ stage: 'mail', code: 451, message: 'Temporary local problem' }, 2);
    const sent = await send();
    const done = await settled(sent.messageId);
    expect(done).toMatchObject({ status: 'sent', attempts: 3, lastError: null });
    expect(smtp.attempts).toHaveLength(3);
    expect(smtp.received).toHaveLength(1);
  });

  it('gives up on a server that stops answering (timeout) and delivers on the next attempt', async () => {
    smtp.failNext({ stage: 'data', stall: true });
    const sent = await send();
    const done = await settled(sent.messageId);
    expect(done).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.headers['message-id']).toBe(`<${sent.messageId}@meridian.test>`);
  });

  it('pauses sending during an outage instead of retrying every message (circuit breaker), then delivers each message once', async () => {
    smtp.failAll({ stage: 'mail', code: 421, message: 'Service not available' });
    const messages = await Promise.all(Array.from({ length: 10 }, (_, i) => send({ subject: `Outage ${i}` })));
    await new Promise((r) => setTimeout(r, 1500));
    const during = [...smtp.attempts];
    // The breaker opens after CIRCUIT_THRESHOLD faults (one more was already in flight); from
    // then on only single probes go out, spaced by a pause that doubles. Without it, pairs of
    // sends kept going out back to back until every message had spent its attempts.
    expect(during.length).toBeGreaterThan(CIRCUIT_THRESHOLD + 1);
    const probes = during.slice(CIRCUIT_THRESHOLD);
    probes.slice(1).forEach((t, i) => expect(t - probes[i]!).toBeGreaterThanOrEqual(RETRY_BASE_MS * 0.8 - 5));
    expect(during.length).toBeLessThanOrEqual(CIRCUIT_THRESHOLD + 1 + 6);
    const states = await withDb((su) =>
      su.query<{ status: string; attempts: number }>(`SELECT status, attempts FROM communication.messages WHERE id = ANY($1::uuid[])`, [
        messages.map((m) => m.messageId),
      ]),
    );
    expect(states.rows.filter((r) => r.status !== 'queued')).toEqual([]);
    expect(Math.max(...states.rows.map((r) => r.attempts))).toBeLessThan(MAX_ATTEMPTS);

    smtp.recover();
    const done = await Promise.all(messages.map((m) => settled(m.messageId)));
    expect(done.map((m) => m.status)).toEqual(Array(10).fill('sent'));
    const ids = smtp.received.map((m) => m.headers['message-id']).sort();
    expect(ids).toEqual(messages.map((m) => `<${m.messageId}@meridian.test>`).sort());
  });

  it('picks up a message whose worker died mid-send once its lease expires (same Message-ID)', async () => {
    const id = randomUUID();
    // What a replica killed after leasing leaves behind: queued, attempt counted, lease running out.
    await withDb((su) =>
      su.query(
        `INSERT INTO communication.messages (id, workspace_id, category, to_address, from_address, subject, text_body, status,
           attempts, idempotency_key, next_attempt_at, locked_until)
         VALUES ($1, $2, 'security_notice', 'ada@example.com', 'Meridian Test <no-reply@meridian.test>', 'Orphaned', 'Body',
           'queued', 1, $3, now() - interval '2 minutes', now() + interval '300 milliseconds')`,
        [id, workspaceId, `orphan:${id}`],
      ),
    );
    await new Promise((r) => setTimeout(r, 150));
    expect(smtp.attempts).toHaveLength(0);
    const done = await settled(id);
    expect(done).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smtp.received.map((m) => m.headers['message-id'])).toEqual([`<${id}@meridian.test>`]);
  });

  it('shares the queue between replicas without sending anything twice', async () => {
    const second = await startTestService(communicationService, db, {
      AUTH_JWKS_URL: issuer.jwksUrl,
      SMTP_URL: smtp.url,
      SMTP_FROM: 'Meridian Test <no-reply@meridian.test>',
      SMTP_POOL_SIZE: '2',
      EMAIL_POLL_INTERVAL_MS: '20',
    });
    try {
      const messages = await Promise.all(Array.from({ length: 24 }, (_, i) => send({ subject: `Replica ${i}` })));
      const done = await Promise.all(messages.map((m) => settled(m.messageId)));
      expect(done.every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
      await new Promise((r) => setTimeout(r, 200));
      const ids = smtp.received.map((m) => m.headers['message-id']).sort();
      expect(ids).toEqual(messages.map((m) => `<${m.messageId}@meridian.test>`).sort());
    } finally {
      await second.close();
    }
  });

  it('reports SMTP as the email channel, leaving the machine', async () => {
    const res = await http(service.httpUrl, 'GET', '/api/v1/channels', { token });
    expect(res.body.data).toEqual([{ kind: 'email', transport: 'smtp', localOnly: false }]);
  });
});
