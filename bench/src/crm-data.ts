import { randomUUID } from 'node:crypto';
import pg from 'pg';

/** Deterministic people: last names from a fixed list with numeric suffixes, 1 in 8 a lead. */
export const LAST_NAMES = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  'Hernandez',
  'Lopez',
  'Gonzalez',
  'Wilson',
  'Anderson',
  'Thomas',
];
export const FIRST_NAMES = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'Joseph',
  'Jessica',
];
export const LIFECYCLE = ['subscriber', 'lead', 'marketingQualified', 'salesQualified', 'opportunity', 'customer', 'evangelist', 'other'];

/**
 * Inserts `n` contacts into one workspace straight into crm.contacts (as the superuser: a
 * benchmark fixture, not an API path). Values depend only on `offset + i`, so every run
 * generates the same data. Timestamps spread over the past, one second apart.
 */
export async function seedContacts(
  client: pg.Client,
  workspaceId: string,
  n: number,
  offset = 0,
  ownerId: string | null = null,
): Promise<void> {
  const chunk = 100_000;
  for (let start = 0; start < n; start += chunk) {
    const count = Math.min(chunk, n - start);
    await client.query(
      `INSERT INTO crm.contacts (id, workspace_id, first_name, last_name, email, phone, lifecycle_stage, owner_id, created_by, created_at, updated_at)
       SELECT gen_random_uuid(), $1,
              ($4::text[])[1 + (i * 7) % 16],
              ($5::text[])[1 + (i * 13) % 16] || (i % 997),
              'person' || i || '@example' || (i % 50) || '.com',
              '+1415' || lpad((i % 10000000)::text, 7, '0'),
              -- independent of the name (which cycles every 16 rows): every stage has every name
              ($6::text[])[1 + (i / 16) % 8],
              $7, $7,
              now() - make_interval(secs => i), now() - make_interval(secs => i)
         FROM generate_series($2::int, $3::int) AS i`,
      [workspaceId, offset + start + 1, offset + start + count, FIRST_NAMES, LAST_NAMES, LIFECYCLE, ownerId],
    );
  }
}

/**
 * Fills crm.contacts to `total` rows: `sizes` rows in the named workspaces, the rest spread
 * over filler workspaces (other tenants sharing the table and its indexes), then ANALYZE.
 */
export async function seedTable(
  superuserUrl: string,
  sizes: { workspaceId: string; n: number; ownerId?: string }[],
  total: number,
  log: (s: string) => void,
): Promise<void> {
  const client = new pg.Client({ connectionString: superuserUrl.replace(/\/[^/]*$/, '/meridian') });
  await client.connect();
  try {
    let offset = 0;
    const started = Date.now();
    for (const s of sizes) {
      await seedContacts(client, s.workspaceId, s.n, offset, s.ownerId ?? null);
      offset += s.n;
      log(`seeded ${offset} contacts (${((Date.now() - started) / 1000).toFixed(0)} s)`);
    }
    const fillers = 20;
    const rest = Math.max(0, total - offset);
    for (let f = 0; f < fillers && rest > 0; f++) {
      const n = Math.floor(rest / fillers) + (f === 0 ? rest % fillers : 0);
      await seedContacts(client, randomUUID(), n, offset);
      offset += n;
    }
    log(`seeded ${offset} contacts in total (${((Date.now() - started) / 1000).toFixed(0)} s); analyzing`);
    await client.query('VACUUM ANALYZE crm.contacts');
  } finally {
    await client.end();
  }
}

/** Signs a user up through the API: a workspace of their own and an access token. */
export async function signup(origin: string, email: string): Promise<{ token: string; workspaceId: string; userId: string }> {
  const res = await fetch(`${origin}/api/v1/auth/signup`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: 'bench-password-1', name: 'Bench', workspaceName: email }),
  });
  if (!res.ok) throw new Error(`signup failed: HTTP ${res.status}`);
  const body = (await res.json()) as { accessToken: string; workspace: { id: string }; user: { id: string } };
  return { token: body.accessToken, workspaceId: body.workspace.id, userId: body.user.id };
}

/** A raw pg transaction as crm runs one: BEGIN, the tenant setting, the statements, COMMIT. */
export async function tenantTx<T>(pool: pg.Pool, workspaceId: string, fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
  const c = await pool.connect();
  try {
    await c.query('BEGIN');
    await c.query(`SELECT set_config('app.workspace_id', $1, true)`, [workspaceId]);
    const r = await fn(c);
    await c.query('COMMIT');
    return r;
  } catch (err) {
    await c.query('ROLLBACK');
    throw err;
  } finally {
    c.release();
  }
}

export const ratio = (a: number, b: number): number => Math.round((a / Math.max(b, 0.001)) * 100) / 100;
