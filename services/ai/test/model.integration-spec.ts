import { GrpcClient } from '@meridian/platform';
import {
  createTestDatabase,
  grpcHealthStatus,
  http,
  startTestService,
  type TestDatabase,
  type TestService,
} from '@meridian/platform/testing';
import { usersService } from '../../users/src/service.js';
import { aiService } from '../src/service.js';

describe('ai service', () => {
  let db: TestDatabase;
  let users: TestService;
  let ai: TestService;
  let token: string;
  let workspaceId: string;

  beforeAll(async () => {
    db = await createTestDatabase(['users', 'ai']);
    users = await startTestService(usersService, db);
    ai = await startTestService(aiService, db, { AUTH_JWKS_URL: `${users.httpUrl}/api/v1/auth/jwks.json` });
    const res = await http(users.httpUrl, 'POST', '/api/v1/auth/signup', {
      body: { email: 'ai@example.com', password: 'a long enough password', name: 'A', workspaceName: 'W' },
    });
    token = res.body.accessToken;
    workspaceId = res.body.workspace.id;
  });
  afterAll(async () => {
    await ai?.close();
    await users?.close();
    await db?.drop();
  });

  it('says which model answers, labelling the offline provider, over REST and gRPC', async () => {
    expect((await http(ai.httpUrl, 'GET', '/api/v1/ai/model')).status).toBe(401);
    const rest = await http(ai.httpUrl, 'GET', '/api/v1/ai/model', { token });
    expect(rest.body).toEqual({ provider: 'offline', model: 'meridian-offline-1', offline: true });
    const client = new GrpcClient({
      address: `127.0.0.1:${ai.grpcPort}`,
      protoFile: 'ai/v1/model_service.proto',
      service: 'ai.v1.ModelService',
      deadlineMs: 2000,
    });
    try {
      expect(await client.call('getModelInfo', {}, { workspaceId })).toEqual(rest.body);
    } finally {
      client.close();
    }
  });

  it('serves the standard gRPC health service', async () => {
    expect(await grpcHealthStatus(`127.0.0.1:${ai.grpcPort}`)).toBe('SERVING');
  });
});
