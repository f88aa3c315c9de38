import { randomBytes, randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventBus } from '../../src/events/event-bus.js';
import { subscriptionName, topicForType, type EventEnvelope } from '../../src/events/event-envelope.js';
import { processOnce } from '../../src/events/inbox.js';
import { newEvent } from '../../src/events/outbox.js';
import { PostgresEventBus } from '../../src/events/postgres/postgres-event-bus.js';
import { PubSubEventBus } from '../../src/events/pubsub/pubsub-event-bus.js';
import { createTestDatabase, type TestDatabase } from '../../src/testing/postgres.js';
import { startPubSubEmulator, type PubSubEmulator } from '../../src/testing/pubsub-emulator.js';
import { inTenantTx, migrateOutbox, testLogger, testPool, waitFor } from '../events/support.js';

/**
 * The EventBus contract, run against every adapter: at-least-once delivery, dedupe with
 * the inbox, ordering per subject (also across retries), dead-lettering with the error
 * kept, and replay. Each test uses its own event domain (so its own topic and queues).
 */
// google-auth probes the GCE metadata server even against the emulator; skip that here.
process.env.METADATA_SERVER_DETECTION ??= 'none';

const SERVICE = 'contract';
const RETRY = { baseMs: 20, maxMs: 100 };

let db: TestDatabase;
let appPool: pg.Pool;

beforeAll(async () => {
  db = await createTestDatabase([SERVICE]);
  await migrateOutbox(db, SERVICE);
  appPool = testPool(db.urls[SERVICE]!.appUrl);
});

afterAll(async () => {
  await appPool?.end();
  await db?.drop();
});

interface Adapter {
  name: string;
  setup(): Promise<void>;
  create(): EventBus;
  teardown(): Promise<void>;
}

const postgres: Adapter = {
  name: 'postgres',
  setup: async () => undefined,
  create: () =>
    new PostgresEventBus({
      connectionString: db.urls[SERVICE]!.migrationUrl,
      logger: testLogger(),
      pollIntervalMs: 200,
      retryBackoff: RETRY,
      poolSize: 5,
    }),
  teardown: async () => undefined,
};

let emulator: PubSubEmulator | undefined;
const pubsub: Adapter = {
  name: 'pubsub',
  setup: async () => {
    emulator = await startPubSubEmulator();
  },
  create: () =>
    new PubSubEventBus({ projectId: emulator!.projectId, apiEndpoint: emulator!.host, logger: testLogger(), retryBackoff: RETRY }),
  teardown: async () => emulator?.stop(),
};

describe.each([postgres, pubsub])('EventBus contract: $name', (adapter) => {
  let bus: EventBus;
  const workspaceId = randomUUID();

  beforeAll(() => adapter.setup(), 100_000);
  afterAll(() => adapter.teardown());
  beforeEach(async () => {
    bus = adapter.create();
    await bus.start();
  });
  afterEach(() => bus.stop());

  /** A fresh domain per test: its own topic, queues and dead-letter queue. */
  function scope(): { type: string; consumer: string } {
    const tag = randomBytes(4).toString('hex');
    return { type: `d${tag}.contact.updated.v1`, consumer: `c${tag}` };
  }

  function event(type: string, subject: string, data: unknown = {}): EventEnvelope {
    return newEvent({ type, source: 'meridian/test', workspaceId, subject, data });
  }

  it('delivers again after a handler failure (at least once)', async () => {
    const { type, consumer } = scope();
    const seen: string[] = [];
    await bus.subscribe({ consumer, types: [type] }, async (received) => {
      seen.push(received.id);
      if (seen.length === 1) throw new Error('transient');
    });
    const sent = event(type, randomUUID());
    await bus.publish([sent]);
    await waitFor('the redelivery', () => seen.length >= 2);
    expect(seen.slice(0, 2)).toEqual([sent.id, sent.id]);
  });

  it('runs every handler a consumer registered and skips types it did not ask for', async () => {
    const { type, consumer } = scope();
    const unwanted = type.replace('.updated.', '.deleted.'); // same domain, so the same topic
    const first: string[] = [];
    const second: string[] = [];
    await bus.subscribe({ consumer, types: [type] }, async (received) => void first.push(received.id));
    await bus.subscribe({ consumer, types: [type] }, async (received) => void second.push(received.id));
    const subject = randomUUID();
    const skipped = event(unwanted, subject);
    const wanted = event(type, subject);
    await bus.publish([skipped, wanted]);
    await waitFor('both handlers', () => first.includes(wanted.id) && second.includes(wanted.id));
    expect(first).toEqual([wanted.id]);
    expect(second).toEqual([wanted.id]);
  });

  it('has one effect for an event published twice, with the inbox', async () => {
    const { type, consumer } = scope();
    const subject = randomUUID();
    const deliveries = new Map<string, number>();
    const effects = new Map<string, number>();
    await bus.subscribe({ consumer, types: [type] }, async (received) => {
      deliveries.set(received.id, (deliveries.get(received.id) ?? 0) + 1);
      await inTenantTx(appPool, received.workspaceId, (client) =>
        processOnce(client, SERVICE, consumer, received, async () => {
          effects.set(received.id, (effects.get(received.id) ?? 0) + 1);
        }),
      );
    });
    const twice = event(type, subject);
    const sentinel = event(type, subject);
    await bus.publish([twice]);
    await bus.publish([twice]);
    await bus.publish([sentinel]);
    // Same subject, so the sentinel arrives after every copy of `twice`.
    await waitFor('the sentinel', () => effects.get(sentinel.id));
    expect(deliveries.get(twice.id)).toBeGreaterThanOrEqual(1);
    expect(effects.get(twice.id)).toBe(1);
    const rows = await inTenantTx(appPool, workspaceId, (client) =>
      client.query(`SELECT count(*)::int AS n FROM ${SERVICE}.processed_events WHERE consumer = $1 AND event_id = $2`, [
        consumer,
        twice.id,
      ]),
    );
    expect(rows.rows[0].n).toBe(1);
  });

  it('keeps order per subject, also across retries', async () => {
    const { type, consumer } = scope();
    const subjects = [randomUUID(), randomUUID(), randomUUID()];
    const events = Array.from({ length: 30 }, (_, i) => event(type, subjects[i % 3]!, { index: Math.floor(i / 3) }));
    const failOnce = new Set([events[12]!.id, events[22]!.id]);
    const attempted = new Map<string, number[]>(subjects.map((s) => [s, []]));
    const done = new Map<string, number[]>(subjects.map((s) => [s, []]));
    await bus.subscribe({ consumer, types: [type] }, async (received) => {
      const index = (received.data as { index: number }).index;
      attempted.get(received.subject)!.push(index);
      if (failOnce.delete(received.id)) throw new Error(`fail ${index} once`);
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5));
      done.get(received.subject)!.push(index);
    });
    await bus.publish(events);
    await waitFor('all 30 events', () => [...done.values()].every((list) => list.length >= 10), 40_000);
    for (const subject of subjects) {
      const tries = attempted.get(subject)!;
      // Never a later event before an earlier one finished; a retried one may repeat.
      expect(tries).toEqual([...tries].sort((a, b) => a - b));
      expect([...new Set(done.get(subject))]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    }
    expect(failOnce.size).toBe(0);
  });

  it('dead-letters after maxAttempts with the last error, and moves on', async () => {
    const { type, consumer } = scope();
    const subject = randomUUID();
    const poison = event(type, subject, { poison: true });
    const next = event(type, subject);
    let poisonCalls = 0;
    const handled: string[] = [];
    await bus.subscribe({ consumer, types: [type], maxAttempts: 3 }, async (received) => {
      if ((received.data as { poison?: boolean }).poison) {
        poisonCalls += 1;
        throw new Error(`poison message, call ${poisonCalls}`);
      }
      handled.push(received.id);
    });
    await bus.publish([poison, next]);
    await waitFor('the next event of the subject', () => handled.includes(next.id));
    const dead = await waitFor('the dead letter', async () =>
      (await bus.deadLetters(consumer)).find((letter) => letter.event.id === poison.id),
    );
    expect(poisonCalls).toBe(3);
    expect(dead.attempts).toBe(3);
    expect(dead.error).toContain('poison message, call 3');
    expect(dead.subscription).toBe(subscriptionName(consumer, topicForType(type)));
    expect(dead.event).toEqual(poison);
    expect(Number.isNaN(Date.parse(dead.deadAt))).toBe(false);
  });

  it('replays a dead letter onto its subscription', async () => {
    const { type, consumer } = scope();
    const poison = event(type, randomUUID(), { poison: true });
    let healed = false;
    const handled: string[] = [];
    await bus.subscribe({ consumer, types: [type], maxAttempts: 2 }, async (received) => {
      if (!healed) throw new Error('not yet');
      handled.push(received.id);
    });
    await bus.publish([poison]);
    await waitFor('the dead letter', async () => (await bus.deadLetters(consumer)).some((l) => l.event.id === poison.id));
    expect(await bus.replayDeadLetter(consumer, randomUUID())).toBe(false);
    healed = true;
    expect(await bus.replayDeadLetter(consumer, poison.id)).toBe(true);
    await waitFor('the replayed event', () => handled.includes(poison.id));
    expect(handled).toEqual([poison.id]);
    expect((await bus.deadLetters(consumer)).some((l) => l.event.id === poison.id)).toBe(false);
  });
});
