import { randomUUID } from 'node:crypto';
import type { baseConfigSchema } from '../../config/config.js';
import type { ServiceDefinition } from '../../bootstrap/bootstrap-service.js';
import { createTestDatabase, type TestDatabase } from '../postgres.js';
import { startTestService, type TestService } from '../service-harness.js';
import { invalidTokenCases } from './jwt-cases.js';
import { roleMatrixViolations, undeclaredRoutes } from './role-matrix.js';
import { routeCatalog } from './route-catalog.js';
import { startTestTokenIssuer, type TestTokenIssuer } from './test-token-issuer.js';

export interface SecuritySuiteOptions {
  /** Extra env for the service (e.g. CRM_GRPC_URL). */
  env?: Record<string, string>;
  /**
   * A route every role may call, used for the token cases (default: the first guarded GET
   * route). `false` for a service with no guarded HTTP route: the suite then asserts that.
   */
  probe?: { method: string; path: string } | false;
}

/**
 * The platform security suite for one service (quality.md cases 5 and 6): every route
 * declares its access, each role lacking a route's permission gets 403, and the guard
 * refuses every malformed or foreign token with 401.
 */
export function describeSecuritySuite<S extends typeof baseConfigSchema>(
  def: ServiceDefinition<S>,
  options: SecuritySuiteOptions = {},
): void {
  describe(`${def.name}: security suite`, () => {
    let db: TestDatabase;
    let issuer: TestTokenIssuer;
    let service: TestService;
    const workspaceId = randomUUID();

    beforeAll(async () => {
      db = await createTestDatabase([def.name]);
      issuer = await startTestTokenIssuer();
      service = await startTestService(def, db, { AUTH_JWKS_URL: issuer.jwksUrl, ...options.env });
    });
    afterAll(async () => {
      await service?.close();
      await issuer?.close();
      await db?.drop();
    });

    it('declares an access rule on every route', () => {
      expect(undeclaredRoutes(routeCatalog(service.app))).toEqual([]);
    });

    it('answers 403 to every role that lacks a route permission', async () => {
      const routes = routeCatalog(service.app);
      const violations = await roleMatrixViolations(service.httpUrl, routes, (role) => issuer.sign({ role, workspaceId }));
      expect(violations).toEqual([]);
    });

    if (options.probe === false) {
      it('has no guarded HTTP route (token cases apply once it has one)', () => {
        expect(routeCatalog(service.app).filter((r) => r.access?.kind !== 'public')).toEqual([]);
      });
      return;
    }

    it('answers 401 to alg=none, wrong key, bad signature, expired, wrong audience/issuer and refresh tokens', async () => {
      const probe =
        (options.probe || undefined) ??
        routeCatalog(service.app).find((r) => r.method === 'GET' && r.access && r.access.kind !== 'public' && !r.path.includes(':'));
      if (!probe) throw new Error(`${def.name} has no GET route to probe; pass options.probe`);
      const call = async (token: string) =>
        (await fetch(`${service.httpUrl}${probe.path}`, { method: probe.method, headers: { authorization: `Bearer ${token}` } })).status;
      expect(await call(await issuer.sign({ role: 'owner', workspaceId }))).not.toBe(401);
      const statuses: Record<string, number> = {};
      for (const [name, token] of Object.entries(await invalidTokenCases(issuer, workspaceId))) statuses[name] = await call(token);
      expect(statuses).toEqual(Object.fromEntries(Object.keys(statuses).map((k) => [k, 401])));
    });
  });
}
