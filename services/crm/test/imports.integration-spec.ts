import { createHash, randomUUID } from 'node:crypto';
import pg from 'pg';
import {
  createTestDatabase,
  eventually,
  http,
  startTestService,
  startTestTokenIssuer,
  type TestDatabase,
  type TestService,
  type TestTokenIssuer,
} from '@meridian/platform/testing';
import { crmService } from '../src/service.js';

/** Booting the service (migrations included) on a busy 2-core machine takes longer than jest's 5 s hook default. */
const HOOK_TIMEOUT_MS = 120_000;
/** Per test: imports run in the service's worker and share the machine with other suites. */
const TEST_TIMEOUT_MS = 120_000;

interface Session {
  token: string;
  workspaceId: string;
  userId: string;
}

const MAX_BYTES = 64 * 1024;
/** Imports run in the service's worker; a busy CI machine can take a while. */
const IMPORT_WAIT_MS = 60_000;

describe('crm CSV import (real Postgres, in-process worker)', () => {
  let db: TestDatabase;
  let issuer: TestTokenIssuer;
  let crm: TestService;
  let su: pg.Client;

  const session = async (workspaceId = randomUUID()): Promise<Session> => {
    const userId = randomUUID();
    return { token: await issuer.sign({ role: 'manager', workspaceId, userId }), workspaceId, userId };
  };

  /** POSTs a multipart form with `csv` as the file part. */
  const upload = async (s: Session, path: string, fields: Record<string, string>, csv: string | Buffer) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'people.csv');
    const res = await fetch(`${crm.httpUrl}${path}`, { method: 'POST', headers: { authorization: `Bearer ${s.token}` }, body: form });
    const text = await res.text();
    return { status: res.status, headers: res.headers, body: text.startsWith('{') ? JSON.parse(text) : text };
  };

  /** Uploads and waits until the worker has finished the import. */
  const runImport = async (s: Session, fields: Record<string, string>, csv: string | Buffer) => {
    const started = await upload(s, '/api/v1/imports', fields, csv);
    expect([200, 202]).toContain(started.status);
    return eventually(async () => {
      const res = await http(crm.httpUrl, 'GET', `/api/v1/imports/${started.body.id}`, { token: s.token });
      return res.body.status === 'completed' || res.body.status === 'failed' ? res.body : undefined;
    }, IMPORT_WAIT_MS);
  };

  const errorsOf = async (s: Session, id: string) => {
    const res = await fetch(`${crm.httpUrl}/api/v1/imports/${id}/errors`, { headers: { authorization: `Bearer ${s.token}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    return res.text();
  };

  const contacts = async (workspaceId: string) =>
    (
      await su.query(
        `SELECT c.*, co.name AS company_name FROM crm.contacts c LEFT JOIN crm.companies co ON co.id = c.company_id
          WHERE c.workspace_id = $1 ORDER BY c.email, c.id`,
        [workspaceId],
      )
    ).rows;

  beforeAll(async () => {
    db = await createTestDatabase(['crm']);
    issuer = await startTestTokenIssuer();
    crm = await startTestService(crmService, db, {
      AUTH_JWKS_URL: issuer.jwksUrl,
      IMPORT_MAX_BYTES: String(MAX_BYTES),
      IMPORT_BATCH_ROWS: '3',
      IMPORT_POLL_INTERVAL_MS: '50',
    });
    su = new pg.Client({ connectionString: db.superuserUrl });
    await su.connect();
  }, HOOK_TIMEOUT_MS);

  afterAll(async () => {
    await su?.end();
    await crm?.close();
    await issuer?.close();
    await db?.drop();
  }, HOOK_TIMEOUT_MS);

  it(
    'commits the valid rows and reports each malformed row with its row and column',
    async () => {
      const s = await session();
      const csv = [
        'First Name,Last Name,Email,Phone',
        'Ada,Lovelace,ada@example.com,+44 20 7946 0958',
        'Bad,Email,not-an-email,',
        'Too,Many,too@example.com,,surprise',
        '"Grace ""Amazing""",Hopper,GRACE@example.com,',
        ',,,',
        'Phone,Less,pl@example.com,020 7946 0958',
      ].join('\n');
      const done = await runImport(s, { object: 'contacts' }, csv);
      expect(done).toMatchObject({ status: 'completed', totalRows: 6, processedRows: 6, createdCount: 2, errorCount: 3, updatedCount: 0 });
      const rows = await contacts(s.workspaceId);
      expect(rows.map((r) => [r.first_name, r.email, r.phone])).toEqual([
        ['Ada', 'ada@example.com', '+442079460958'],
        ['Grace "Amazing"', 'grace@example.com', null],
      ]);
      expect(rows.every((r) => r.owner_id === s.userId && r.created_by === s.userId)).toBe(true);
      const errors = (await errorsOf(s, done.id)).trim().split('\n');
      expect(errors[0]).toBe('row,column,reason,value');
      expect(errors[1]).toBe('3,Email,Not a valid email address.,not-an-email');
      expect(errors[2]).toBe("4,E,The row has a value beyond the header's 4 columns.,surprise");
      expect(errors[3]).toMatch(/^7,Phone,Not a phone number with its country code/);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'imports the same idempotencyKey once',
    async () => {
      const s = await session();
      const csv = 'email,first name\nonce@example.com,Once\n';
      const first = await upload(s, '/api/v1/imports', { object: 'contacts', idempotencyKey: 'import-1' }, csv);
      expect(first.status).toBe(202);
      expect(first.body).toMatchObject({ id: expect.any(String), status: 'queued' });
      const again = await upload(s, '/api/v1/imports', { object: 'contacts', idempotencyKey: 'import-1' }, csv);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      await eventually(
        async () => (await http(crm.httpUrl, 'GET', `/api/v1/imports/${first.body.id}`, { token: s.token })).body.status === 'completed',
        IMPORT_WAIT_MS,
      );
      const third = await upload(s, '/api/v1/imports', { object: 'contacts', idempotencyKey: 'import-1' }, csv);
      expect(third.body).toMatchObject({ id: first.body.id, status: 'completed', createdCount: 1 });
      expect(await contacts(s.workspaceId)).toHaveLength(1);
      const list = await http(crm.httpUrl, 'GET', '/api/v1/imports', { token: s.token });
      expect(list.body.data.map((i: { id: string }) => i.id)).toEqual([first.body.id]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses a file over the size cap with 413 problem+json and keeps nothing',
    async () => {
      const s = await session();
      const big = 'email\n' + 'x'.repeat(MAX_BYTES + 10);
      const res = await upload(s, '/api/v1/imports', { object: 'contacts' }, big);
      expect(res.status).toBe(413);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await su.query(`SELECT count(*)::int AS n FROM crm.imports WHERE workspace_id = $1`, [s.workspaceId])).rows[0].n).toBe(0);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'reads UTF-8 with BOM and semicolons, and answers bad form fields with 400 naming them',
    async () => {
      const s = await session();
      const done = await runImport(
        s,
        { object: 'contacts' },
        Buffer.from(
          '\uFEFFVorname;Nachname;E-Mail\nJosé;García;jose@example.es\n'.replace('Vorname', 'First Name').replace('Nachname', 'Last Name'),
          'utf8',
        ),
      );
      expect(done).toMatchObject({ status: 'completed', createdCount: 1 });
      expect((await contacts(s.workspaceId))[0]).toMatchObject({ first_name: 'José', last_name: 'García', email: 'jose@example.es' });
      const bad = await upload(s, '/api/v1/imports', { object: 'planets', onDuplicate: 'merge' }, 'email\n');
      expect(bad.status).toBe(400);
      expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['object', 'onDuplicate']);
      const badMapping = await upload(
        s,
        '/api/v1/imports',
        { object: 'contacts', mapping: JSON.stringify({ Email: 'password' }) },
        'Email\n',
      );
      expect(badMapping.status).toBe(400);
      expect(badMapping.body.errors[0].field).toBe('mapping');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'auto-maps HubSpot export headers, links companies (creating missing ones) and previews the mapping',
    async () => {
      const s = await session();
      const owner = randomUUID();
      const csv = [
        'Record ID,First Name,Last Name,Email,Phone Number,Company Name,Lifecycle Stage,Lead Status,Contact owner',
        `101,Ada,Lovelace,ada@hub.example,+1 415 555 2671,Analytical Engines,Marketing Qualified Lead,Attempted to Contact,${owner}`,
        '102,Charles,Babbage,charles@hub.example,,analytical engines,Customer,Connected,',
        '103,Owner,Byemail,obe@hub.example,,,Lead,New,someone@example.com',
      ].join('\r\n');
      const preview = await upload(s, '/api/v1/imports/preview', { object: 'contacts' }, csv);
      expect(preview.status).toBe(200);
      expect(preview.body).toMatchObject({
        delimiter: ',',
        source: 'hubspot',
        mapping: {
          'Record ID': 'externalId',
          'First Name': 'firstName',
          'Phone Number': 'phone',
          'Company Name': 'company',
          'Lifecycle Stage': 'lifecycleStage',
          'Lead Status': 'leadStatus',
          'Contact owner': 'owner',
        },
      });
      expect(preview.body.rows).toHaveLength(3);
      const done = await runImport(s, { object: 'contacts' }, csv);
      expect(done).toMatchObject({ status: 'completed', createdCount: 2, errorCount: 1 });
      const [ada, charles] = await contacts(s.workspaceId);
      expect(ada).toMatchObject({
        external_id: '101',
        lifecycle_stage: 'marketingQualified',
        lead_status: 'attemptedToContact',
        phone: '+14155552671',
        owner_id: owner,
      });
      expect(charles).toMatchObject({
        lifecycle_stage: 'customer',
        lead_status: 'connected',
        owner_id: s.userId,
        company_name: 'Analytical Engines',
      });
      expect(ada.company_id).toBe(charles.company_id);
      expect((await su.query(`SELECT count(*)::int AS n FROM crm.companies WHERE workspace_id = $1`, [s.workspaceId])).rows[0].n).toBe(1);
      expect(await errorsOf(s, done.id)).toContain('4,Contact owner,owner someone@example.com not found');
      const outbox = await su.query(`SELECT type, count(*)::int AS n FROM crm.outbox WHERE workspace_id = $1 GROUP BY type ORDER BY type`, [
        s.workspaceId,
      ]);
      expect(outbox.rows).toEqual([
        { type: 'crm.company.created.v1', n: 1 },
        { type: 'crm.contact.created.v1', n: 2 },
      ]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'createFields=true creates typed custom fields and options; false rejects such rows',
    async () => {
      const s = await session();
      const csv = [
        'Email,Plan,Renewal,Seats,Notes',
        'a@cf.example,Gold,2026-01-31,5,first',
        'b@cf.example,Silver,2026-02-28,7,second',
        'c@cf.example,Gold,,12,third',
      ].join('\n');
      const refused = await runImport(s, { object: 'contacts', mapping: JSON.stringify({ Email: 'email', Plan: 'custom.plan' }) }, csv);
      expect(refused).toMatchObject({ status: 'failed', createdCount: 0, errorCount: 3 });
      expect(refused.failureReason).toMatch(/None of the rows could be imported/);
      expect(await errorsOf(s, refused.id)).toContain('2,Plan,"The custom field ""plan"" does not exist');

      const done = await runImport(s, { object: 'contacts', createFields: 'true' }, csv);
      expect(done).toMatchObject({ status: 'completed', createdCount: 3, errorCount: 0 });
      const fields = await su.query(`SELECT key, type, options FROM crm.field_definitions WHERE workspace_id = $1 ORDER BY position`, [
        s.workspaceId,
      ]);
      expect(fields.rows.map((f) => [f.key, f.type])).toEqual([
        ['plan', 'select'],
        ['renewal', 'date'],
        ['seats', 'number'],
        ['notes', 'text'],
      ]);
      expect(fields.rows[0].options.map((o: { value: string }) => o.value)).toEqual(['Gold', 'Silver']);
      const byEmail = (await contacts(s.workspaceId)).sort((x, y) => x.email.localeCompare(y.email));
      expect(byEmail.map((c) => c.custom)).toEqual([
        { plan: 'Gold', renewal: '2026-01-31', seats: 5, notes: 'first' },
        { plan: 'Silver', renewal: '2026-02-28', seats: 7, notes: 'second' },
        { plan: 'Gold', seats: 12, notes: 'third' },
      ]);
      // A new option named by a later file is added to the existing select field.
      const more = await runImport(
        s,
        { object: 'contacts', createFields: 'true', mapping: JSON.stringify({ Email: 'email', Plan: 'custom.plan' }) },
        'Email,Plan\nd@cf.example,Platinum\n',
      );
      expect(more).toMatchObject({ status: 'completed', createdCount: 1 });
      const plan = await su.query(`SELECT options FROM crm.field_definitions WHERE workspace_id = $1 AND key = 'plan'`, [s.workspaceId]);
      expect(plan.rows[0].options.map((o: { value: string }) => o.value)).toEqual(['Gold', 'Silver', 'Platinum']);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'dedupes by email against the workspace and within the file: skip keeps, update merges',
    async () => {
      const s = await session();
      await runImport(s, { object: 'contacts' }, 'Email,First Name,Title,Tags\nada@dd.example,Ada,Analyst,vip\n');
      const skipped = await runImport(
        s,
        { object: 'contacts', onDuplicate: 'skip' },
        'Email,Title\nADA@dd.example,Countess\nnew@dd.example,New\nnew@dd.example,Again\n',
      );
      expect(skipped).toMatchObject({ status: 'completed', createdCount: 1, skippedCount: 2, updatedCount: 0 });
      let rows = (await contacts(s.workspaceId)).sort((x, y) => x.email.localeCompare(y.email));
      expect(rows.map((r) => [r.email, r.title])).toEqual([
        ['ada@dd.example', 'Analyst'],
        ['new@dd.example', 'New'],
      ]);
      const updated = await runImport(
        s,
        { object: 'contacts', onDuplicate: 'update' },
        'Email,Title,Tags\nada@dd.example,Countess,math\nfresh@dd.example,One,\nfresh@dd.example,Two,x\n',
      );
      expect(updated).toMatchObject({ status: 'completed', createdCount: 1, updatedCount: 2, skippedCount: 0 });
      rows = (await contacts(s.workspaceId)).sort((x, y) => x.email.localeCompare(y.email));
      expect(rows.map((r) => [r.email, r.first_name, r.title, r.tags])).toEqual([
        ['ada@dd.example', 'Ada', 'Countess', ['vip', 'math']],
        ['fresh@dd.example', '', 'Two', ['x']],
        ['new@dd.example', '', 'New', []],
      ]);
      const events = await su.query(`SELECT envelope FROM crm.outbox WHERE workspace_id = $1 AND type = 'crm.contact.updated.v1'`, [
        s.workspaceId,
      ]);
      expect(events.rows).toHaveLength(1);
      expect(events.rows[0].envelope.data.changes).toEqual([
        { field: 'title', oldJson: '"Analyst"', newJson: '"Countess"' },
        { field: 'tags', oldJson: '["vip"]', newJson: '["vip","math"]' },
      ]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "never updates records a 'team' visibility importer cannot see: their duplicate is their own",
    async () => {
      const owner = await session();
      const teamUser = randomUUID();
      const team: Session = {
        workspaceId: owner.workspaceId,
        userId: teamUser,
        token: await issuer.sign({ role: 'manager', workspaceId: owner.workspaceId, userId: teamUser, recordVisibility: 'team' }),
      };
      await runImport(owner, { object: 'contacts' }, 'Email,Title\nshared@vis.example,Owner title\n');
      const done = await runImport(team, { object: 'contacts', onDuplicate: 'update' }, 'Email,Title\nshared@vis.example,Team title\n');
      expect(done).toMatchObject({ status: 'completed', createdCount: 1, updatedCount: 0 });
      const rows = await contacts(owner.workspaceId);
      expect(rows.map((r) => [r.title, r.owner_id]).sort()).toEqual(
        [
          ['Owner title', owner.userId],
          ['Team title', teamUser],
        ].sort(),
      );
      // Their own import history only.
      const list = await http(crm.httpUrl, 'GET', '/api/v1/imports', { token: team.token });
      expect(list.body.data.map((i: { id: string }) => i.id)).toEqual([done.id]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'skips people erased at their request and keeps none of their data in the error file',
    async () => {
      const s = await session();
      const hash = createHash('sha256').update('gone@example.com').digest('hex');
      await su.query(`INSERT INTO crm.suppressions (workspace_id, value_hash, kind) VALUES ($1, $2, 'email')`, [s.workspaceId, hash]);
      const done = await runImport(s, { object: 'contacts' }, 'Email,First Name\nGone@Example.com,Gone\nstays@example.com,Stays\n');
      expect(done).toMatchObject({ status: 'completed', createdCount: 1, skippedCount: 1 });
      expect((await contacts(s.workspaceId)).map((c) => c.email)).toEqual(['stays@example.com']);
      const errors = await errorsOf(s, done.id);
      expect(errors).toContain('2,Email,erased at the person\u2019s request,');
      expect(errors).not.toContain('gone@');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'gives another workspace 404 for an import, its errors and its list',
    async () => {
      const a = await session();
      const b = await session();
      const done = await runImport(a, { object: 'contacts' }, 'Email\nbad\n');
      for (const path of [`/api/v1/imports/${done.id}`, `/api/v1/imports/${done.id}/errors`]) {
        const cross = await http(crm.httpUrl, 'GET', path, { token: b.token });
        const missing = await http(crm.httpUrl, 'GET', path.replace(done.id, randomUUID()), { token: b.token });
        expect(cross.status).toBe(404);
        expect({ ...cross.body, instance: undefined }).toEqual({ ...missing.body, instance: undefined });
      }
      expect((await http(crm.httpUrl, 'GET', '/api/v1/imports', { token: b.token })).body.data).toEqual([]);
      const member = await issuer.sign({ role: 'member', workspaceId: a.workspaceId });
      expect((await upload({ ...a, token: member }, '/api/v1/imports', { object: 'contacts' }, 'Email\nx@y.z\n')).status).toBe(403);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'imports Pipedrive deals: stages by name, Won to the won stage, new stages with createFields',
    async () => {
      const s = await session();
      const csv = [
        'Deal - Title,Deal - Value,Deal - Currency,Deal - Stage,Deal - Pipeline,Deal - Expected close date,Organization - Name,Deal - ID',
        'Big deal,"12,500.50",eur,Proposal,Sales,2026-03-31,Acme,d1',
        'Won deal,1000,USD,Closed Won,,2026-01-15,Acme,d2',
        'Odd stage,50,USD,Discovery call,Sales,,,d3',
      ].join('\n');
      const refused = await runImport(s, { object: 'deals' }, csv);
      expect(refused).toMatchObject({ status: 'completed', createdCount: 2, errorCount: 1 });
      expect(await errorsOf(s, refused.id)).toContain('4,Deal - Stage,stage Discovery call not found in pipeline Sales');
      const done = await runImport(s, { object: 'deals', createFields: 'true' }, csv);
      expect(done).toMatchObject({ status: 'completed', createdCount: 1, updatedCount: 2, errorCount: 0 });
      const deals = await su.query(
        `SELECT d.name, d.amount::text, d.currency, s.name AS stage, d.status, d.closed_at IS NOT NULL AS closed, d.expected_close_date::text AS close, co.name AS company
         FROM crm.deals d JOIN crm.pipeline_stages s ON s.id = d.stage_id LEFT JOIN crm.companies co ON co.id = d.company_id
        WHERE d.workspace_id = $1 ORDER BY d.external_id`,
        [s.workspaceId],
      );
      expect(deals.rows).toEqual([
        {
          name: 'Big deal',
          amount: '12500.50',
          currency: 'EUR',
          stage: 'Proposal',
          status: 'open',
          closed: false,
          close: '2026-03-31',
          company: 'Acme',
        },
        {
          name: 'Won deal',
          amount: '1000.00',
          currency: 'USD',
          stage: 'Won',
          status: 'won',
          closed: true,
          close: '2026-01-15',
          company: 'Acme',
        },
        {
          name: 'Odd stage',
          amount: '50.00',
          currency: 'USD',
          stage: 'Discovery call',
          status: 'open',
          closed: false,
          close: null,
          company: null,
        },
      ]);
      const stages = await su.query(`SELECT name, kind FROM crm.pipeline_stages WHERE workspace_id = $1 ORDER BY position`, [
        s.workspaceId,
      ]);
      expect(stages.rows.map((r) => r.name)).toEqual([
        'Qualification',
        'Meeting booked',
        'Proposal',
        'Negotiation',
        'Discovery call',
        'Won',
        'Lost',
      ]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    "leaves an import whose file is on another replica's disk to that replica, and fails it once it is long gone",
    async () => {
      const s = await session();
      const insert = async (age: string) => {
        const id = randomUUID();
        await su.query(
          `INSERT INTO crm.imports (id, workspace_id, object, file_name, file_path, options, created_by, created_at)
         VALUES ($1, $2, 'contacts', 'elsewhere.csv', '/nonexistent/replica-b/elsewhere.csv', $3, $4, now() - $5::interval)`,
          [
            id,
            s.workspaceId,
            JSON.stringify({ mapping: null, createFields: false, dedupeBy: 'email', onDuplicate: 'update', delimiter: ',' }),
            s.userId,
            age,
          ],
        );
        return id;
      };
      const fresh = await insert('0 seconds');
      const stale = await insert('2 hours');
      const failed = await eventually(async () => {
        const res = await http(crm.httpUrl, 'GET', `/api/v1/imports/${stale}`, { token: s.token });
        return res.body.status === 'failed' ? res.body : undefined;
      }, IMPORT_WAIT_MS);
      expect(failed.failureReason).toBe('The uploaded file is no longer available; upload it again.');
      const deferred = await eventually(async () => {
        const row = (await su.query(`SELECT status, locked_until > now() AS deferred FROM crm.imports WHERE id = $1`, [fresh])).rows[0];
        return row.deferred ? row : undefined;
      }, IMPORT_WAIT_MS);
      expect(deferred.status).toBe('queued');
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'resumes an import a crashed worker left running, after its last committed batch, without duplicates',
    async () => {
      const s = await session();
      // A worker that died after committing the first batch (3 rows): the lease has run out.
      const csv = ['Email', 'r1@resume.example', 'r2@resume.example', 'r3@resume.example', 'r4@resume.example', 'r5@resume.example'].join(
        '\n',
      );
      const started = await upload(s, '/api/v1/imports', { object: 'contacts', idempotencyKey: 'resume' }, csv);
      const done = await eventually(async () => {
        const res = await http(crm.httpUrl, 'GET', `/api/v1/imports/${started.body.id}`, { token: s.token });
        return res.body.status === 'completed' ? res.body : undefined;
      }, IMPORT_WAIT_MS);
      expect(done.createdCount).toBe(5);
      // Replay: mark it running again at "3 rows processed" with an expired lease and the file back.
      const { writeFile, mkdtemp } = await import('node:fs/promises');
      const path = `${await mkdtemp('/tmp/meridian-import-test-')}/again.csv`;
      await writeFile(path, csv);
      await su.query(`DELETE FROM crm.contacts WHERE workspace_id = $1 AND email IN ('r4@resume.example', 'r5@resume.example')`, [
        s.workspaceId,
      ]);
      await su.query(
        `UPDATE crm.imports SET status = 'running', processed_rows = 3, created_count = 3, file_path = $2, locked_until = now() - interval '1 second', finished_at = NULL WHERE id = $1`,
        [started.body.id, path],
      );
      const resumed = await eventually(async () => {
        const res = await http(crm.httpUrl, 'GET', `/api/v1/imports/${started.body.id}`, { token: s.token });
        return res.body.status === 'completed' ? res.body : undefined;
      }, IMPORT_WAIT_MS);
      expect(resumed).toMatchObject({ processedRows: 5, createdCount: 5 });
      expect((await contacts(s.workspaceId)).map((c) => c.email).sort()).toEqual(
        ['r1', 'r2', 'r3', 'r4', 'r5'].map((r) => `${r}@resume.example`),
      );
    },
    TEST_TIMEOUT_MS,
  );
});
