/**
 * Delay before the next attempt after `attempt` attempts (1-based): exponential from
 * `baseMs`, capped at `maxMs`, with ±20 % jitter so messages that failed together (an
 * outage) do not come back together.
 */
export function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.round(exp * (0.8 + random() * 0.4));
}
