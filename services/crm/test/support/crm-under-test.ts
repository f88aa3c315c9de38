import pg from 'pg';
import {
  createTestDatabase,
  startTestService,
  startTestTokenIssuer,
  type TestDatabase,
  type TestService,
  type TestTokenIssuer,
} from '@meridian/platform/testing';
import { crmService } from '../../src/service.js';

/** What a crm integration suite runs against: its own database, a token issuer, the service, a superuser client. */
export interface CrmUnderTest {
  db: TestDatabase;
  issuer: TestTokenIssuer;
  crm: TestService;
  /** Superuser connection (bypasses RLS) for checking what was stored. */
  su: pg.Client;
  close(): Promise<void>;
}

/** Starts crm on a fresh database with JWKS-verified tokens; `env` adds settings. */
export async function startCrmUnderTest(env: Record<string, string> = {}): Promise<CrmUnderTest> {
  const db = await createTestDatabase(['crm']);
  const issuer = await startTestTokenIssuer();
  const crm = await startTestService(crmService, db, { AUTH_JWKS_URL: issuer.jwksUrl, ...env });
  const su = new pg.Client({ connectionString: db.superuserUrl });
  await su.connect();
  return {
    db,
    issuer,
    crm,
    su,
    async close() {
      await su.end();
      await crm.close();
      await issuer.close();
      await db.drop();
    },
  };
}
