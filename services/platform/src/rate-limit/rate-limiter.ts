import { DomainError, ErrorCode } from '../errors/domain-error.js';

/** A budget of `points` per `durationSeconds`; once spent, the key is refused for `blockSeconds` (default: the rest of the window). */
export interface RateLimitRule {
  /** Stable name, part of every stored key (`login-account`, `workspace-requests`). */
  name: string;
  points: number;
  durationSeconds: number;
  blockSeconds?: number;
}

/** Where a key stands after a call. */
export interface RateLimitState {
  allowed: boolean;
  limit: number;
  remaining: number;
  /** Seconds until the budget refills (or the block ends); at least 1. */
  resetSeconds: number;
}

/** One rule applied to many keys (an email, an IP, a workspace id). */
export interface RateLimiter {
  readonly rule: RateLimitRule;
  /** Spends `points` (default 1) of `key`'s budget; `allowed` is false once it is spent. */
  consume(key: string, points?: number): Promise<RateLimitState>;
  /** The key's state without spending anything. */
  peek(key: string): Promise<RateLimitState>;
  /** Gives back points spent (default 1): an attempt that turned out fine need not count. */
  refund(key: string, points?: number): Promise<void>;
  /** Forgets the key (a successful login clears its failures). */
  reset(key: string): Promise<void>;
}

/** Creates limiters over one backing store: Redis across replicas, or process memory. */
export interface RateLimitStore {
  readonly kind: 'redis' | 'memory';
  limiter(rule: RateLimitRule): RateLimiter;
  /** Resolves when the backing store answers (always, for memory). */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** The 429 every service answers when a budget is spent; the filter turns `retryAfterSeconds` into `Retry-After`. */
export function tooManyRequests(retryAfterSeconds: number, message = 'Too many requests. Try again later.'): DomainError {
  return new DomainError(ErrorCode.RateLimited, message, undefined, Math.max(1, Math.ceil(retryAfterSeconds)));
}

/**
 * Spends one point of each (limiter, key) pair and throws a 429 carrying the longest wait
 * when any is spent. Every pair is consumed, so a refused caller cannot probe which limit hit.
 */
export async function consumeAll(pairs: ReadonlyArray<readonly [RateLimiter, string]>, message?: string): Promise<void> {
  const states = await Promise.all(pairs.map(([limiter, key]) => limiter.consume(key)));
  const refused = states.filter((s) => !s.allowed);
  if (refused.length > 0) throw tooManyRequests(Math.max(...refused.map((s) => s.resetSeconds)), message);
}
