import { ROLES, type Role } from '@meridian/platform';
import {
  concretePath,
  createTestDatabase,
  matrixTable,
  roleMatrixViolations,
  routeCatalog,
  startTestService,
  undeclaredRoutes,
  type RouteInfo,
  type TestDatabase,
  type TestService,
} from '@meridian/platform/testing';
import { usersService } from '../src/service.js';
import { peopleControllers } from '../src/workspaces/people.wiring.js';
import { inviteNewMember, signUp, startFakeEmailService, type FakeEmailService, type Session } from './workspaces-fixtures.js';

/**
 * quality.md case 5 for workspaces and people. describeSecuritySuite cannot mint users-service
 * tokens, so this builds a real workspace with one member of every role (through invites) and
 * calls every route of these controllers, generated from route metadata, as each role.
 */
describe('users: role × route matrix for workspaces and people', () => {
  let db: TestDatabase;
  let users: TestService;
  let mail: FakeEmailService;
  const sessions = new Map<Role, Session>();
  let routes: RouteInfo[];

  beforeAll(async () => {
    db = await createTestDatabase(['users']);
    mail = await startFakeEmailService();
    users = await startTestService(usersService, db, { COMMUNICATION_GRPC_URL: mail.address });
    const owner = await signUp(users.httpUrl, 'owner@matrix.test', 'Matrix');
    sessions.set('owner', owner);
    for (const role of ROLES.filter((r) => r !== 'owner')) {
      sessions.set(role, await inviteNewMember(users.httpUrl, owner, mail, `${role}@matrix.test`, role));
    }
    const ours = new Set(peopleControllers.map((c) => c.name));
    routes = routeCatalog(users.app).filter((r) => ours.has(r.controller));
  });
  afterAll(async () => {
    await users?.close();
    await mail?.close();
    await db?.drop();
  });

  it('covers every route of these controllers, each with a declared access rule', () => {
    expect(routes.length).toBeGreaterThanOrEqual(19);
    expect(undeclaredRoutes(routes)).toEqual([]);
    expect(undeclaredRoutes(routeCatalog(users.app))).toEqual([]);
  });

  it('answers 403 to every role lacking a route permission (guarded routes)', async () => {
    const violations = await roleMatrixViolations(users.httpUrl, routes, async (role) => sessions.get(role)!.accessToken);
    expect(violations).toEqual([]);
    // The matrix is not empty: lower roles really are refused somewhere.
    const refused = matrixTable(routes).filter((row) => row.includes('403'));
    expect(refused.length).toBeGreaterThanOrEqual(13);
  });

  it('lets every role reach the routes meant for any member, and the public invite routes without a token', async () => {
    const viewer = sessions.get('viewer')!.accessToken;
    for (const r of routes.filter((x) => x.access?.kind === 'authenticated' && x.method === 'GET')) {
      const res = await fetch(`${users.httpUrl}${concretePath(r.path)}`, { headers: { authorization: `Bearer ${viewer}` } });
      expect([r.path, res.status]).toEqual([r.path, 200]);
    }
    for (const r of routes.filter((x) => x.access?.kind !== 'public')) {
      const res = await fetch(`${users.httpUrl}${concretePath(r.path)}`, {
        method: r.method,
        headers: { 'content-type': 'application/json' },
        ...(r.method === 'GET' ? {} : { body: '{}' }),
      });
      expect([r.method, r.path, res.status]).toEqual([r.method, r.path, 401]);
    }
    const publicRoutes = routes.filter((x) => x.access?.kind === 'public').map((x) => `${x.method} ${x.path}`);
    expect(publicRoutes.sort()).toEqual(['GET /api/v1/invites/:token', 'POST /api/v1/invites/:token/accept']);
  });
});
