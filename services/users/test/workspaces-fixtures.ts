import * as grpc from '@grpc/grpc-js';
import * as protoLoader from '@grpc/proto-loader';
import { protoPath } from '@meridian/proto';
import { PROTO_LOADER_OPTIONS } from '@meridian/platform';
import { http } from '@meridian/platform/testing';
import type { SendEmailRequest } from '@meridian/proto/communication/v1/email_service';
import type { Role } from '@meridian/platform';

export const PASSWORD = 'a long enough password';

export interface Session {
  accessToken: string;
  refreshToken: string;
  userId: string;
  workspaceId: string;
  email: string;
}

export interface SentEmail {
  request: SendEmailRequest;
  workspaceId: string | undefined;
}

/**
 * A stand-in for communication.v1.EmailService on loopback: records every SendEmail with the
 * tenant metadata it came with, so tests read invite links the way a person would.
 */
export interface FakeEmailService {
  address: string;
  sent: SentEmail[];
  /** The next N calls fail with UNAVAILABLE. */
  failNext(n: number): void;
  close(): Promise<void>;
}

export async function startFakeEmailService(): Promise<FakeEmailService> {
  const definition = protoLoader.loadSync(protoPath('communication/v1/email_service.proto'), PROTO_LOADER_OPTIONS);
  const pkg = grpc.loadPackageDefinition(definition) as unknown as {
    communication: { v1: { EmailService: { service: grpc.ServiceDefinition } } };
  };
  const sent: SentEmail[] = [];
  let failures = 0;
  const server = new grpc.Server();
  server.addService(pkg.communication.v1.EmailService.service, {
    SendEmail: (call: grpc.ServerUnaryCall<SendEmailRequest, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      if (failures > 0) {
        failures--;
        callback({ code: grpc.status.UNAVAILABLE, details: 'smtp down' });
        return;
      }
      const workspaceId = call.metadata.get('x-workspace-id')[0];
      sent.push({ request: call.request, workspaceId: typeof workspaceId === 'string' ? workspaceId : undefined });
      callback(null, { messageId: `msg-${sent.length}`, status: 'stored' });
    },
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, p) => (err ? reject(err) : resolve(p))),
  );
  return {
    address: `127.0.0.1:${port}`,
    sent,
    failNext: (n) => {
      failures = n;
    },
    close: () => new Promise<void>((resolve) => server.tryShutdown(() => resolve())),
  };
}

/** The invite token in the accept link of an email. */
export function inviteTokenIn(email: SentEmail | undefined): string {
  const match = /\/invites\/(mi\.[A-Za-z0-9._-]+)/.exec(email?.request.text ?? '');
  if (!match?.[1]) throw new Error(`no invite link in ${JSON.stringify(email?.request.text)}`);
  return decodeURIComponent(match[1]);
}

const toSession = (body: {
  accessToken: string;
  refreshToken: string;
  user: { id: string; email: string };
  workspace: { id: string };
}): Session => ({
  accessToken: body.accessToken,
  refreshToken: body.refreshToken,
  userId: body.user.id,
  workspaceId: body.workspace.id,
  email: body.user.email,
});

export async function signUp(base: string, email: string, workspaceName = `${email} team`): Promise<Session> {
  const res = await http(base, 'POST', '/api/v1/auth/signup', {
    body: { email, password: PASSWORD, name: `Name of ${email}`, workspaceName },
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${JSON.stringify(res.body)}`);
  return toSession(res.body);
}

/** Invites `email` with `role` as `admin`, reads the link from the fake mailbox and accepts it as a new account. */
export async function inviteNewMember(base: string, admin: Session, mail: FakeEmailService, email: string, role: Role): Promise<Session> {
  const created = await http(base, 'POST', '/api/v1/invites', { token: admin.accessToken, body: { email, role } });
  if (created.status !== 201) throw new Error(`invite failed: ${created.status} ${JSON.stringify(created.body)}`);
  const token = inviteTokenIn(mail.sent.filter((s) => s.request.to === email).at(-1));
  const accepted = await http(base, 'POST', `/api/v1/invites/${token}/accept`, { body: { name: `Name of ${email}`, password: PASSWORD } });
  if (accepted.status !== 200) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return toSession(accepted.body);
}
