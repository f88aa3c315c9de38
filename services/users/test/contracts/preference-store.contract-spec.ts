import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { createServiceDataSource, TenantDatabase } from '@meridian/platform';
import { createTestDatabase, startFirestoreEmulator, type FirestoreEmulator, type TestDatabase } from '@meridian/platform/testing';
import { migrateService, createLogger } from '@meridian/platform';
import { usersMigrations } from '../../src/migrations/index.js';
import { FirestorePreferenceStore } from '../../src/preferences/firestore-preference-store.js';
import { PostgresPreferenceStore } from '../../src/preferences/postgres-preference-store.js';
import type { PreferenceStore } from '../../src/preferences/preference-store.js';
import { DEFAULT_PREFERENCES } from '../../src/preferences/preferences.schema.js';

interface Adapter {
  name: string;
  open(): Promise<{ store: PreferenceStore; userId: () => Promise<string>; close(): Promise<void> }>;
}

const adapters: Adapter[] = [
  {
    name: 'Postgres',
    async open() {
      const db: TestDatabase = await createTestDatabase(['users']);
      const urls = db.urls.users!;
      await migrateService(
        'users',
        { DATABASE_URL: urls.appUrl, DATABASE_MIGRATION_URL: urls.migrationUrl } as never,
        usersMigrations,
        createLogger('test', 'silent'),
      );
      const ds = await createServiceDataSource({ url: urls.appUrl, schema: 'users', entities: [] }).initialize();
      const su = new pg.Client({ connectionString: db.superuserUrl });
      await su.connect();
      return {
        store: new PostgresPreferenceStore(new TenantDatabase(ds)),
        // user_preferences references users.users: create the account row first.
        async userId() {
          const id = randomUUID();
          await su.query(`INSERT INTO users.users (id, email, name, password_hash) VALUES ($1, $2, 'U', 'x')`, [id, `${id}@example.com`]);
          return id;
        },
        async close() {
          await su.end();
          await ds.destroy();
          await db.drop();
        },
      };
    },
  },
  {
    name: 'Firestore (emulator)',
    async open() {
      const emulator: FirestoreEmulator = await startFirestoreEmulator();
      process.env.FIRESTORE_EMULATOR_HOST = emulator.host;
      const store = new FirestorePreferenceStore({ projectId: emulator.projectId });
      return {
        store,
        userId: async () => randomUUID(),
        async close() {
          await store.close();
          delete process.env.FIRESTORE_EMULATOR_HOST;
          await emulator.stop();
        },
      };
    },
  },
];

describe.each(adapters)('PreferenceStore contract: $name', (adapter) => {
  let ctx: Awaited<ReturnType<Adapter['open']>>;
  const ws = randomUUID();
  const otherWs = randomUUID();

  beforeAll(async () => {
    process.env.METADATA_SERVER_DETECTION = 'none';
    ctx = await adapter.open();
  }, 120_000);
  afterAll(async () => ctx?.close());

  it('returns the defaults for a user who saved nothing', async () => {
    expect(await ctx.store.get(ws, await ctx.userId())).toEqual(DEFAULT_PREFERENCES);
  });

  it('applies partial patches and keeps what they do not mention', async () => {
    const user = await ctx.userId();
    await ctx.store.update(ws, user, { theme: 'dark' });
    const after = await ctx.store.update(ws, user, { notifications: { email: { weeklyDigest: true } } });
    expect(after.theme).toBe('dark');
    expect(after.notifications.email.weeklyDigest).toBe(true);
    expect(await ctx.store.get(ws, user)).toEqual(after);
  });

  it('merges concurrent patches to different keys', async () => {
    const user = await ctx.userId();
    await Promise.all([
      ctx.store.update(ws, user, { density: 'compact' }),
      ctx.store.update(ws, user, { locale: 'en-GB' }),
      ctx.store.update(ws, user, { timeZone: 'Europe/London' }),
    ]);
    expect(await ctx.store.get(ws, user)).toMatchObject({ density: 'compact', locale: 'en-GB', timeZone: 'Europe/London' });
  });

  it('keeps workspaces apart and removes on request', async () => {
    const user = await ctx.userId();
    await ctx.store.update(ws, user, { theme: 'light' });
    expect((await ctx.store.get(otherWs, user)).theme).toBe('system');
    await ctx.store.remove(ws, user);
    expect(await ctx.store.get(ws, user)).toEqual(DEFAULT_PREFERENCES);
  });

  it('answers its readiness probe', async () => {
    await expect(ctx.store.ping()).resolves.toBeUndefined();
  });
});
