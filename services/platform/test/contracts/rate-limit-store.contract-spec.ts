import { randomUUID } from 'node:crypto';
import { createRateLimitStore } from '../../src/rate-limit/rate-limit-store.js';
import { consumeAll, type RateLimitStore } from '../../src/rate-limit/rate-limiter.js';
import { DomainError, ErrorCode } from '../../src/errors/domain-error.js';
import { startRedisServer, type RedisServer } from '../../src/testing/redis.js';

/**
 * The RateLimitStore contract, run against both stores: in-process memory and Redis (Debian's
 * `redis-server` on a loopback port; the suite fails, never passes, when it is missing).
 * Each test uses its own key prefix so budgets never leak between tests.
 */
interface Adapter {
  name: string;
  /** Two stores that must share budgets (two replicas); memory stores never do. */
  replicas(prefix: string): Promise<[RateLimitStore, RateLimitStore]>;
  shared: boolean;
}

let redis: RedisServer;
const opened: RateLimitStore[] = [];
const track = (s: RateLimitStore): RateLimitStore => (opened.push(s), s);

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await Promise.all(opened.map((s) => s.close()));
  await redis?.stop();
});

const adapters: Adapter[] = [
  {
    name: 'memory',
    shared: false,
    replicas: async (prefix) => [track(createRateLimitStore({ keyPrefix: prefix })), track(createRateLimitStore({ keyPrefix: prefix }))],
  },
  {
    name: 'redis',
    shared: true,
    replicas: async (prefix) => {
      const stores: [RateLimitStore, RateLimitStore] = [
        track(createRateLimitStore({ keyPrefix: prefix, redisUrl: redis.url })),
        track(createRateLimitStore({ keyPrefix: prefix, redisUrl: redis.url })),
      ];
      // Connected before use: otherwise the first calls land on the in-process insurance.
      await Promise.all(stores.map((s) => s.ping()));
      return stores;
    },
  },
];

describe.each(adapters)('RateLimitStore contract: $name', (adapter) => {
  const prefix = () => `test:${randomUUID()}:`;

  it('allows `points` calls per window, then refuses with a wait no longer than the window', async () => {
    const [store] = await adapter.replicas(prefix());
    const limiter = store.limiter({ name: 'r', points: 3, durationSeconds: 30 });
    const states = [];
    for (let i = 0; i < 4; i++) states.push(await limiter.consume('alice'));
    expect(states.map((s) => s.allowed)).toEqual([true, true, true, false]);
    expect(states.map((s) => s.remaining)).toEqual([2, 1, 0, 0]);
    expect(states[3]!.limit).toBe(3);
    expect(states[3]!.resetSeconds).toBeGreaterThan(0);
    expect(states[3]!.resetSeconds).toBeLessThanOrEqual(30);
  });

  it('keeps keys and rules apart', async () => {
    const [store] = await adapter.replicas(prefix());
    const a = store.limiter({ name: 'a', points: 1, durationSeconds: 30 });
    const b = store.limiter({ name: 'b', points: 1, durationSeconds: 30 });
    expect((await a.consume('k')).allowed).toBe(true);
    expect((await a.consume('k')).allowed).toBe(false);
    expect((await a.consume('other')).allowed).toBe(true);
    expect((await b.consume('k')).allowed).toBe(true);
  });

  it('blocks for blockSeconds once the budget is spent', async () => {
    const [store] = await adapter.replicas(prefix());
    const limiter = store.limiter({ name: 'blocked', points: 1, durationSeconds: 1, blockSeconds: 120 });
    await limiter.consume('k');
    const refused = await limiter.consume('k');
    expect(refused.allowed).toBe(false);
    expect(refused.resetSeconds).toBeGreaterThan(60);
    await new Promise((r) => setTimeout(r, 1100));
    // The window is over but the block is not.
    expect((await limiter.consume('k')).allowed).toBe(false);
  });

  it('refills after the window', async () => {
    const [store] = await adapter.replicas(prefix());
    const limiter = store.limiter({ name: 'refill', points: 1, durationSeconds: 1 });
    expect((await limiter.consume('k')).allowed).toBe(true);
    expect((await limiter.consume('k')).allowed).toBe(false);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await limiter.consume('k')).allowed).toBe(true);
  });

  it('peeks without spending, and reset forgets the key', async () => {
    const [store] = await adapter.replicas(prefix());
    const limiter = store.limiter({ name: 'peek', points: 2, durationSeconds: 30 });
    expect(await limiter.peek('k')).toMatchObject({ allowed: true, remaining: 2 });
    await limiter.consume('k');
    expect(await limiter.peek('k')).toMatchObject({ allowed: true, remaining: 1 });
    expect(await limiter.peek('k')).toMatchObject({ remaining: 1 });
    await limiter.consume('k');
    expect((await limiter.peek('k')).allowed).toBe(false);
    await limiter.reset('k');
    expect(await limiter.peek('k')).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('refunds points spent', async () => {
    const [store] = await adapter.replicas(prefix());
    const limiter = store.limiter({ name: 'refund', points: 2, durationSeconds: 30 });
    await limiter.consume('k');
    await limiter.consume('k');
    await limiter.refund('k');
    expect(await limiter.peek('k')).toMatchObject({ allowed: true, remaining: 1 });
    expect((await limiter.consume('k')).allowed).toBe(true);
    expect((await limiter.consume('k')).allowed).toBe(false);
  });

  it('consumeAll spends every pair and throws 429 with the longest wait', async () => {
    const [store] = await adapter.replicas(prefix());
    const short = store.limiter({ name: 'short', points: 1, durationSeconds: 5 });
    const long = store.limiter({ name: 'long', points: 5, durationSeconds: 300, blockSeconds: 600 });
    await consumeAll([
      [short, 'k'],
      [long, 'k'],
    ]);
    const error = await consumeAll([
      [short, 'k'],
      [long, 'k'],
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe(ErrorCode.RateLimited);
    expect((error as DomainError).retryAfterSeconds).toBeLessThanOrEqual(5);
    // The long budget was spent too, even though the short one refused.
    expect((await long.peek('k')).remaining).toBe(3);
  });

  it('counts concurrent calls exactly', async () => {
    const [store] = await adapter.replicas(prefix());
    const limiter = store.limiter({ name: 'burst', points: 20, durationSeconds: 30 });
    const states = await Promise.all(Array.from({ length: 50 }, () => limiter.consume('k')));
    expect(states.filter((s) => s.allowed)).toHaveLength(20);
  });

  it(adapter.shared ? 'shares one budget across replicas' : 'keeps budgets per process', async () => {
    const p = prefix();
    const [one, two] = await adapter.replicas(p);
    const rule = { name: 'replicas', points: 4, durationSeconds: 30 };
    const a = one.limiter(rule);
    const b = two.limiter(rule);
    const results = [];
    for (let i = 0; i < 6; i++) results.push((await (i % 2 === 0 ? a : b).consume('ws')).allowed);
    expect(results.filter(Boolean)).toHaveLength(adapter.shared ? 4 : 6);
  });
});

describe('Redis store when Redis is unreachable', () => {
  it('falls back to per-process limits instead of failing or admitting everything', async () => {
    const store = track(createRateLimitStore({ keyPrefix: `test:${randomUUID()}:`, redisUrl: 'redis://127.0.0.1:1' }));
    const limiter = store.limiter({ name: 'insured', points: 2, durationSeconds: 30 });
    const states = [];
    for (let i = 0; i < 3; i++) states.push(await limiter.consume('k'));
    expect(states.map((s) => s.allowed)).toEqual([true, true, false]);
    await expect(store.ping()).rejects.toThrow();
  });
});
