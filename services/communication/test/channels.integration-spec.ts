import { randomUUID } from 'node:crypto';
import { GrpcClient } from '@meridian/platform';
import {
  createTestDatabase,
  grpcHealthStatus,
  http,
  startTestService,
  startTestTokenIssuer,
  type TestDatabase,
  type TestService,
  type TestTokenIssuer,
} from '@meridian/platform/testing';
import { communicationService } from '../src/service.js';

describe('communication service', () => {
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let communication: TestService;
  let token: string;
  const workspaceId = randomUUID();

  beforeAll(async () => {
    db = await createTestDatabase(['communication']);
    issuer = await startTestTokenIssuer();
    communication = await startTestService(communicationService, db, { AUTH_JWKS_URL: issuer.jwksUrl });
    token = await issuer.sign({ role: 'owner', workspaceId });
  });
  afterAll(async () => {
    await communication?.close();
    await issuer?.close();
    await db?.drop();
  });

  it('lists the dev outbox as the local-only email channel when no SMTP server is configured', async () => {
    expect((await http(communication.httpUrl, 'GET', '/api/v1/channels')).status).toBe(401);
    const rest = await http(communication.httpUrl, 'GET', '/api/v1/channels', { token });
    expect(rest.body).toEqual({ data: [{ kind: 'email', transport: 'dev-outbox', localOnly: true }], nextCursor: null });
    const client = new GrpcClient({
      address: `127.0.0.1:${communication.grpcPort}`,
      protoFile: 'communication/v1/channel_service.proto',
      service: 'communication.v1.ChannelService',
      deadlineMs: 2000,
    });
    try {
      const res = await client.call<object, { channels: { transport: string; localOnly: boolean }[] }>('listChannels', {}, { workspaceId });
      expect(res.channels).toEqual([{ kind: 1, transport: 'dev-outbox', localOnly: true }]);
      await expect(client.call('listChannels', {})).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    } finally {
      client.close();
    }
  });

  it('serves the standard gRPC health service', async () => {
    expect(await grpcHealthStatus(`127.0.0.1:${communication.grpcPort}`)).toBe('SERVING');
  });
});
