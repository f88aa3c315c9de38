/** Latency and throughput of one operation at one concurrency. */
export interface Measurement {
  requests: number;
  errors: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

const percentile = (sorted: number[], p: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0;

/**
 * Runs `op` from `concurrency` workers for `seconds` (bounded also by `maxRequests`), after
 * a short warm-up. Each call gets its global sequence number.
 */
export async function measure(
  op: (i: number) => Promise<void>,
  concurrency: number,
  seconds: number,
  maxRequests = 200_000,
): Promise<Measurement> {
  let seq = 0;
  const warmUntil = Date.now() + 500;
  let warmErrors = 0;
  while (Date.now() < warmUntil) {
    try {
      await op(seq++);
    } catch (err) {
      // A broken operation must fail the benchmark, not be measured as fast errors.
      if (++warmErrors > 5) throw new Error(`operation keeps failing during warm-up: ${(err as Error).message}`);
    }
  }
  const latencies: number[] = [];
  let errors = 0;
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline && latencies.length + errors < maxRequests) {
        const t0 = performance.now();
        try {
          await op(seq++);
          latencies.push(performance.now() - t0);
        } catch {
          errors++;
        }
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    requests: latencies.length,
    errors,
    rps: round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 50)),
    p95Ms: round(percentile(latencies, 95)),
    p99Ms: round(percentile(latencies, 99)),
  };
}
