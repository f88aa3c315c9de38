import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import pg from 'pg';
import { protoPath } from '@meridian/proto';
import { http, type TestDatabase } from '@meridian/platform/testing';

/** Test support for the accounts/sessions/MFA suites (not a suite itself). */

export interface CapturedEmail {
  to: string;
  subject: string;
  text: string;
  html: string;
  category: number;
  idempotencyKey: string;
  workspaceId: string | undefined;
}

export interface EmailCapture {
  /** host:port for COMMUNICATION_GRPC_URL. */
  address: string;
  emails: CapturedEmail[];
  /** Resolves with the first email to `to` (after `since` emails) matching `category`. */
  next(to: string, category?: number, since?: number): Promise<CapturedEmail>;
  close(): Promise<void>;
}

/**
 * A stand-in for communication's `communication.v1.EmailService` on a loopback port: it
 * records each SendEmail with its tenant metadata, so tests read the links users would get.
 */
export async function startEmailCapture(): Promise<EmailCapture> {
  const definition = protoLoader.loadSync(protoPath('communication/v1/email_service.proto'), {
    keepCase: false,
    longs: Number,
    enums: Number,
    defaults: true,
  });
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    communication: { v1: { EmailService: grpc.ServiceClientConstructor } };
  };
  const emails: CapturedEmail[] = [];
  const server = new grpc.Server();
  server.addService(pkg.communication.v1.EmailService.service, {
    SendEmail: (call: grpc.ServerUnaryCall<Omit<CapturedEmail, 'workspaceId'>, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      emails.push({ ...call.request, workspaceId: call.metadata.get('x-workspace-id')[0]?.toString() });
      callback(null, { messageId: `m-${emails.length}`, status: 'stored' });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  const next = async (to: string, category?: number, since = 0): Promise<CapturedEmail> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const found = emails.slice(since).find((e) => e.to === to && (category === undefined || e.category === category));
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no email to ${to} (category ${category}); got ${JSON.stringify(emails.map((e) => [e.to, e.category]))}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  };
  return {
    address: `127.0.0.1:${port}`,
    emails,
    next,
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

/** The `token` query parameter of the link in an email. */
export function linkToken(email: CapturedEmail): string {
  const match = /https?:\/\/\S+[?&]token=([^\s&"]+)/.exec(email.text);
  if (!match) throw new Error(`no link in: ${email.text}`);
  return decodeURIComponent(match[1]!);
}

export const PASSWORD = 'a long enough password';

export async function signUp(
  base: string,
  email: string,
  name = 'Test User',
): Promise<{ accessToken: string; refreshToken: string; user: { id: string }; workspace: { id: string } }> {
  const res = await http(base, 'POST', '/api/v1/auth/signup', {
    body: { email, password: PASSWORD, name, workspaceName: `${name}'s team` },
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** JSON over HTTP with extra headers (user agent, X-Forwarded-For from the trusted loopback proxy). */
export async function request(
  base: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert on arbitrary JSON bodies
): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** Runs SQL as the cluster superuser (to inspect rows or move clocks); RLS does not apply. */
export async function superuserQuery<R extends Record<string, unknown>>(
  db: TestDatabase,
  sql: string,
  params: unknown[] = [],
): Promise<R[]> {
  const client = new pg.Client({ connectionString: db.superuserUrl });
  await client.connect();
  try {
    return (await client.query<R>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** A problem body without its `instance` (the path), for "same answer" comparisons. */
export const sameAnswer = (body: Record<string, unknown>) => ({ ...body, instance: undefined });
