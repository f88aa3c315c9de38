/** Exponential backoff with +-20 % jitter, so many failing consumers do not retry in lockstep. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.min(30, Math.max(0, attempt - 1)));
  return Math.round(exp * (0.8 + random() * 0.4));
}

/**
 * A sleep that another party can cut short: pollers wait on it and LISTEN/NOTIFY
 * handlers call `wake()` so new work is picked up at once instead of at the next poll.
 */
export class WakeSignal {
  private pending: (() => void) | undefined;
  private woken = false;

  wake(): void {
    this.woken = true;
    this.pending?.();
  }

  /** Resolves after `ms` or on `wake()`, whichever is first; a wake that came earlier counts. */
  async sleep(ms: number): Promise<void> {
    if (this.woken) {
      this.woken = false;
      return;
    }
    await new Promise<void>((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.pending = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.pending = done;
    });
    this.woken = false;
  }
}

/** Error text worth keeping in a dead letter or an outbox row: message and a short stack. */
export function errorText(error: unknown, max = 4000): string {
  const text = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

/** Sleeps `ms`, returning early once `signal` aborts (used so stop() never waits out a backoff). */
export async function sleepUnlessAborted(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
    function done(): void {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
  });
}
