import { z } from 'zod';
import { baseConfigSchema, sensitive } from '@meridian/platform';

const ms = (min: number, max: number, fallback: number) => z.coerce.number().int().min(min).max(max).default(fallback);

/** `Name <address>` or a bare address, one mailbox, no line breaks (it becomes the From header). */
const MAILBOX = /^(?:[^<>\r\n]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/;

export const communicationConfigSchema = baseConfigSchema.extend({
  /**
   * smtp://user:pass@host:587 (STARTTLS when offered; required when credentials go to a
   * non-loopback host) or smtps://user:pass@host:465 — when unset, email goes to the dev
   * outbox and never leaves the machine.
   */
  SMTP_URL: sensitive(
    z
      .string()
      .url()
      .refine((v) => /^smtps?:\/\/[^/?#]+\/?$/i.test(v), 'must be smtp://[user:pass@]host[:port] or smtps://...')
      .optional(),
  ),
  /** From header of every email. */
  SMTP_FROM: z.string().trim().regex(MAILBOX, 'must be "Name <address>" or an address').default('Meridian <no-reply@meridian.local>'),
  /** Connection, greeting and socket-inactivity timeout of one SMTP step; a whole send gets three of these. */
  SMTP_TIMEOUT_MS: ms(100, 120_000, 10_000),
  /** Pooled SMTP connections per replica (also the number of sends in flight). */
  SMTP_POOL_SIZE: ms(1, 50, 3),
  /** Delivery attempts per message before it ends as failed. */
  EMAIL_MAX_ATTEMPTS: ms(1, 20, 6),
  /** First retry delay; doubles per attempt (±20 % jitter) up to EMAIL_RETRY_MAX_MS. */
  EMAIL_RETRY_BASE_MS: ms(10, 3_600_000, 30_000),
  EMAIL_RETRY_MAX_MS: ms(10, 86_400_000, 3_600_000),
  /** How often the delivery worker looks for due messages when nothing woke it. */
  EMAIL_POLL_INTERVAL_MS: ms(10, 60_000, 1000),
  /** Consecutive provider failures that pause all sending (circuit breaker) before probing again. */
  EMAIL_CIRCUIT_THRESHOLD: ms(1, 1000, 5),
  /** New emails a workspace may queue per rolling hour (a runaway caller cannot flood the provider). */
  EMAIL_WORKSPACE_HOURLY_LIMIT: ms(1, 1_000_000, 1000),
});
export type CommunicationConfig = z.infer<typeof communicationConfigSchema>;
