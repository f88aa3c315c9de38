import { retryDelayMs } from './retry-policy.js';

/**
 * A circuit breaker in front of the email provider (quality.md case 19: no retry storm).
 * After `threshold` consecutive provider faults (timeouts, refused connections, 4xx/5xx not
 * about the recipient) it opens: nothing is sent, and queued messages keep their attempts.
 * When the pause ends one message probes the provider; success closes the circuit, failure
 * re-opens it for twice as long (jittered, capped). Per replica and in memory: each replica
 * probes on its own.
 */
export class DeliveryCircuit {
  private consecutiveFaults = 0;
  private openings = 0;
  private openUntil = 0;

  constructor(
    private readonly threshold: number,
    private readonly baseMs: number,
    private readonly maxMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get state(): 'closed' | 'open' | 'half-open' {
    if (this.consecutiveFaults < this.threshold) return 'closed';
    return this.now() < this.openUntil ? 'open' : 'half-open';
  }

  /** How many messages may be sent now: all `wanted` when closed, 1 probe when half-open, 0 when open. */
  allowance(wanted: number): number {
    const state = this.state;
    return state === 'closed' ? wanted : state === 'half-open' ? Math.min(1, wanted) : 0;
  }

  /** Milliseconds until the next probe may go out (0 unless open). */
  msUntilProbe(): number {
    return this.state === 'open' ? this.openUntil - this.now() : 0;
  }

  /** The provider answered (even a refusal of one recipient shows it works). */
  recordProviderOk(): void {
    this.consecutiveFaults = 0;
    this.openings = 0;
    this.openUntil = 0;
  }

  /** The provider failed; opens (or re-opens after a failed probe) the circuit at the threshold. */
  recordProviderFault(): void {
    this.consecutiveFaults += 1;
    if (this.consecutiveFaults < this.threshold || this.now() < this.openUntil) return;
    this.openings += 1;
    this.openUntil = this.now() + retryDelayMs(this.openings, this.baseMs, this.maxMs);
  }
}
