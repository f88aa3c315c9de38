import type { CommunicationConfig } from '../../config.js';

/** How the delivery worker paces, bounds and leases sends (derived once from config). */
export interface DeliverySettings {
  /** From header of every email. */
  from: string;
  maxAttempts: number;
  retryBaseMs: number;
  retryMaxMs: number;
  pollIntervalMs: number;
  /** Whole-send deadline (connect + envelope + data), enforced with an AbortSignal. */
  sendDeadlineMs: number;
  /** How long a claimed message stays with one worker; longer than any send can take. */
  leaseMs: number;
  circuitThreshold: number;
  /** Longest pause of the circuit breaker before it probes the provider again. */
  circuitMaxOpenMs: number;
  /** New messages a workspace may queue per rolling hour. */
  hourlyLimit: number;
  /** How long shutdown waits for sends in flight before aborting them. */
  shutdownGraceMs: number;
}

export const DELIVERY_SETTINGS = Symbol('DELIVERY_SETTINGS');

export function deliverySettings(config: CommunicationConfig): DeliverySettings {
  const sendDeadlineMs = config.SMTP_TIMEOUT_MS * 3;
  return {
    from: config.SMTP_FROM,
    maxAttempts: config.EMAIL_MAX_ATTEMPTS,
    retryBaseMs: config.EMAIL_RETRY_BASE_MS,
    retryMaxMs: Math.max(config.EMAIL_RETRY_BASE_MS, config.EMAIL_RETRY_MAX_MS),
    pollIntervalMs: config.EMAIL_POLL_INTERVAL_MS,
    sendDeadlineMs,
    leaseMs: sendDeadlineMs * 2 + 30_000,
    circuitThreshold: config.EMAIL_CIRCUIT_THRESHOLD,
    circuitMaxOpenMs: Math.min(Math.max(config.EMAIL_RETRY_BASE_MS, config.EMAIL_RETRY_MAX_MS), 5 * 60_000),
    hourlyLimit: config.EMAIL_WORKSPACE_HOURLY_LIMIT,
    shutdownGraceMs: Math.min(sendDeadlineMs, 5000),
  };
}
