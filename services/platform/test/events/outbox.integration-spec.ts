import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import type { EventEnvelope } from '../../src/events/event-envelope.js';
import { processOnce } from '../../src/events/inbox.js';
import { appendToOutbox, newEvent } from '../../src/events/outbox.js';
import { OutboxRelay } from '../../src/events/outbox-relay.js';
import { outboxMigrationSql } from '../../src/events/outbox-schema.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/postgres.js';
import { RecordingBus } from './recording-bus.js';
import { inTenantTx, migrateOutbox, testLogger, testPool, waitFor } from './support.js';

const SERVICE = 'crm';
const here = dirname(fileURLToPath(import.meta.url));
const platformRoot = join(here, '..', '..');

let db: TestDatabase;
let app: pg.Pool;
let owner: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase([SERVICE]);
  await migrateOutbox(db, SERVICE);
  app = testPool(db.urls[SERVICE]!.appUrl, 6);
  owner = testPool(db.superuserUrl, 2);
});

afterAll(async () => {
  await app?.end();
  await owner?.end();
  await db?.drop();
});

beforeEach(async () => {
  // Superuser bypasses RLS: a clean outbox per test.
  await owner.query(`TRUNCATE ${SERVICE}.outbox, ${SERVICE}.processed_events`);
});

function events(workspaceId: string, count: number, subjects = 3): EventEnvelope[] {
  return Array.from({ length: count }, (_, i) =>
    newEvent({ type: 'crm.contact.updated.v1', source: 'meridian/crm', workspaceId, subject: `c${i % subjects}`, data: { i } }),
  );
}

function relay(bus: RecordingBus, extra: Partial<ConstructorParameters<typeof OutboxRelay>[0]> = {}): OutboxRelay {
  return new OutboxRelay({ pool: app, schema: SERVICE, bus, logger: testLogger(), ...extra });
}

async function drainAll(r: OutboxRelay): Promise<void> {
  while ((await r.drainOnce()) > 0);
}

describe('transactional outbox', () => {
  it('never publishes rows of a rolled-back transaction', async () => {
    const ws = randomUUID();
    const doomed = events(ws, 3);
    await expect(
      inTenantTx(app, ws, async (client) => {
        await appendToOutbox(client, SERVICE, doomed);
        throw new Error('domain write failed');
      }),
    ).rejects.toThrow('domain write failed');
    const kept = events(ws, 2);
    await inTenantTx(app, ws, (client) => appendToOutbox(client, SERVICE, kept));
    const bus = new RecordingBus();
    await drainAll(relay(bus));
    expect(bus.ids()).toEqual(kept.map((e) => e.id));
  });

  it('publishes committed rows exactly in seq order, batch after batch', async () => {
    const ws = randomUUID();
    const all = events(ws, 23);
    for (let i = 0; i < all.length; i += 4) {
      await inTenantTx(app, ws, (client) => appendToOutbox(client, SERVICE, all.slice(i, i + 4)));
    }
    const bus = new RecordingBus();
    const r = relay(bus, { batchSize: 5 });
    expect(await r.drainOnce()).toBe(5);
    await drainAll(r);
    expect(bus.ids()).toEqual(all.map((e) => e.id));
    expect(bus.published[0]).toEqual(all[0]);
    const { rows } = await owner.query(`SELECT count(*)::int AS n FROM ${SERVICE}.outbox WHERE published_at IS NULL`);
    expect(rows[0].n).toBe(0);
  });

  it('stops at the first row the bus refuses, keeps its error, and resumes in order', async () => {
    const ws = randomUUID();
    const all = events(ws, 6);
    await inTenantTx(app, ws, (client) => appendToOutbox(client, SERVICE, all));
    const bus = new RecordingBus();
    bus.failOn = all[3]!.id;
    const r = relay(bus);
    expect(await r.drainOnce()).toBe(3);
    expect(await r.drainOnce()).toBe(0);
    const { rows } = await owner.query(`SELECT attempts, last_error FROM ${SERVICE}.outbox WHERE id = $1`, [all[3]!.id]);
    expect(rows[0]).toEqual({ attempts: 2, last_error: expect.stringContaining(`bus refused ${all[3]!.id}`) });
    bus.failOn = undefined;
    await drainAll(r);
    expect(bus.ids()).toEqual(all.map((e) => e.id));
  });

  it('loses nothing and invents nothing when the writer is killed -9 between commit and publish', async () => {
    const fixture = join(here, 'fixtures', 'outbox-writer.mjs');
    const built = join(platformRoot, 'dist', 'events', 'outbox.js');
    if (!existsSync(built)) throw new Error(`${built} is missing: run "npm run build -w services/platform" first`);
    const ws = randomUUID();
    const child = spawn(process.execPath, [fixture], {
      env: { ...process.env, OUTBOX_URL: db.urls[SERVICE]!.appUrl, OUTBOX_SCHEMA: SERVICE, OUTBOX_WORKSPACE: ws, OUTBOX_COUNT: '40' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    const committed: string[] = [];
    const uncommitted: string[] = [];
    const lines = createInterface({ input: child.stdout! });
    const timeout = setTimeout(() => child.kill('SIGKILL'), 30_000);
    for await (const line of lines) {
      const message = JSON.parse(line) as { committed?: string[]; uncommitted?: string[]; ready?: boolean };
      committed.push(...(message.committed ?? []));
      uncommitted.push(...(message.uncommitted ?? []));
      if (message.ready) {
        child.kill('SIGKILL');
        break;
      }
    }
    clearTimeout(timeout);
    expect(await exited).toBe('SIGKILL');
    expect(stderr).toBe('');
    expect(committed).toHaveLength(40);
    // The killed session's open transaction must be gone before we look (server notices the EOF).
    await waitFor('the killed session to end', async () => {
      const { rows } = await owner.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`,
      );
      return rows[0].n === 0;
    });
    const bus = new RecordingBus();
    await drainAll(relay(bus, { batchSize: 7 }));
    expect(bus.ids()).toEqual(committed);
    expect(bus.ids().filter((id) => uncommitted.includes(id))).toEqual([]);
  });

  it('wakes on NOTIFY at commit, without waiting for the poll', async () => {
    const ws = randomUUID();
    const bus = new RecordingBus();
    const r = relay(bus, { pollIntervalMs: 60_000 });
    await r.start();
    try {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const sent = events(ws, 3);
      const started = Date.now();
      await inTenantTx(app, ws, (client) => appendToOutbox(client, SERVICE, sent));
      await waitFor('the relay to publish', () => bus.published.length === 3, 5_000, 10);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(bus.ids()).toEqual(sent.map((e) => e.id));
    } finally {
      await r.stop();
    }
  });

  it('publishes each row once and in order with two relay replicas running', async () => {
    const ws = randomUUID();
    const bus = new RecordingBus();
    const replicas = [relay(bus, { batchSize: 4, pollIntervalMs: 50 }), relay(bus, { batchSize: 4, pollIntervalMs: 50 })];
    await Promise.all(replicas.map((r) => r.start()));
    try {
      const all = events(ws, 60, 5);
      for (let i = 0; i < all.length; i += 6) {
        await inTenantTx(app, ws, (client) => appendToOutbox(client, SERVICE, all.slice(i, i + 6)));
      }
      await waitFor('all rows published', () => bus.published.length >= all.length, 15_000);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(bus.ids()).toEqual(all.map((e) => e.id));
    } finally {
      await Promise.all(replicas.map((r) => r.stop()));
    }
  });
});

describe('outbox and inbox row-level security', () => {
  it('shows the app role no outbox rows without app.workspace_id, and only its own with it', async () => {
    const a = randomUUID();
    const b = randomUUID();
    await inTenantTx(app, a, (client) => appendToOutbox(client, SERVICE, events(a, 2)));
    await inTenantTx(app, b, (client) => appendToOutbox(client, SERVICE, events(b, 3)));
    const bare = await app.query(`SELECT count(*)::int AS n FROM ${SERVICE}.outbox`);
    expect(bare.rows[0].n).toBe(0);
    const seenByA = await inTenantTx(app, a, (client) => client.query(`SELECT workspace_id FROM ${SERVICE}.outbox`));
    expect(seenByA.rows.map((row) => row.workspace_id)).toEqual([a, a]);
    const updatedByA = await inTenantTx(app, a, (client) =>
      client.query(`UPDATE ${SERVICE}.outbox SET attempts = 9 WHERE workspace_id = $1`, [b]),
    );
    expect(updatedByA.rowCount).toBe(0);
  });

  it('refuses outbox rows for another workspace and keeps the relay switch read/mark only', async () => {
    const a = randomUUID();
    const b = randomUUID();
    await expect(inTenantTx(app, a, (client) => appendToOutbox(client, SERVICE, events(b, 1)))).rejects.toThrow(/row-level security/);
    const client = await app.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.outbox_relay', 'on', true)`);
      await expect(appendToOutbox(client, SERVICE, events(b, 1))).rejects.toThrow(/row-level security/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('scopes processed_events per workspace and runs a handler once per event', async () => {
    const a = randomUUID();
    const b = randomUUID();
    const event = events(a, 1)[0]!;
    let runs = 0;
    const handle = () => inTenantTx(app, a, (client) => processOnce(client, SERVICE, 'analytics', event, async () => void (runs += 1)));
    expect(await handle()).toBe(true);
    expect(await handle()).toBe(false);
    expect(runs).toBe(1);
    // A failing handler rolls its inbox row back, so the retry runs it.
    const other = events(a, 1)[0]!;
    await expect(
      inTenantTx(app, a, (client) => processOnce(client, SERVICE, 'analytics', other, async () => Promise.reject(new Error('boom')))),
    ).rejects.toThrow('boom');
    expect(await inTenantTx(app, a, (client) => processOnce(client, SERVICE, 'analytics', other, async () => undefined))).toBe(true);
    const bare = await app.query(`SELECT count(*)::int AS n FROM ${SERVICE}.processed_events`);
    expect(bare.rows[0].n).toBe(0);
    const seenByB = await inTenantTx(app, b, (client) => client.query(`SELECT count(*)::int AS n FROM ${SERVICE}.processed_events`));
    expect(seenByB.rows[0].n).toBe(0);
  });
});

describe('outbox migration', () => {
  it('reverts and re-applies cleanly', async () => {
    const client = new pg.Client({ connectionString: db.urls[SERVICE]!.migrationUrl });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA scratch`);
      const { up, down } = outboxMigrationSql('scratch');
      for (const statement of up) await client.query(statement);
      for (const statement of down) await client.query(statement);
      for (const statement of up) await client.query(statement);
      const { rows } = await client.query(
        `SELECT relname, relrowsecurity, relforcerowsecurity FROM pg_class
         WHERE relnamespace = 'scratch'::regnamespace AND relkind = 'r' ORDER BY relname`,
      );
      expect(rows).toEqual([
        { relname: 'outbox', relrowsecurity: true, relforcerowsecurity: true },
        { relname: 'processed_events', relrowsecurity: true, relforcerowsecurity: true },
      ]);
    } finally {
      await client.end();
    }
  });

  it('rejects unsafe schema names', () => {
    expect(() => outboxMigrationSql('crm; DROP TABLE x')).toThrow(/Unsafe SQL identifier/);
  });
});
