/** A dependency the service needs to serve traffic (database, bus, another service). */
export interface ReadinessCheck {
  name: string;
  check(): Promise<void>;
}

export interface ReadinessReport {
  status: 'ok' | 'unavailable';
  checks: Record<string, { status: 'ok' | 'down'; error?: string; ms: number }>;
}

const withTimeout = <T>(p: Promise<T>, ms: number): Promise<T> =>
  Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms).unref())]);

/** Runs every check in parallel, each bounded in time. */
export async function checkReadiness(checks: readonly ReadinessCheck[], timeoutMs = 2000): Promise<ReadinessReport> {
  const results = await Promise.all(
    checks.map(async (c) => {
      const started = Date.now();
      try {
        await withTimeout(c.check(), timeoutMs);
        return [c.name, { status: 'ok' as const, ms: Date.now() - started }] as const;
      } catch (err) {
        return [c.name, { status: 'down' as const, error: (err as Error).message, ms: Date.now() - started }] as const;
      }
    }),
  );
  const entries = Object.fromEntries(results);
  return { status: results.every(([, r]) => r.status === 'ok') ? 'ok' : 'unavailable', checks: entries };
}
