import { isIP } from 'node:net';
import { createTransport, type Transporter } from 'nodemailer';
import type { SMTPPoolOptions, SMTPPoolSentMessageInfo } from 'nodemailer/lib/smtp-pool';
import type { CommunicationConfig } from '../../config.js';

/** One email as the transport sends it. */
export interface OutgoingEmail {
  id: string;
  from: string;
  to: string;
  subject: string;
  text: string | null;
  html: string | null;
}

/** The outcome of a successful hand-over. */
export interface DeliveryReceipt {
  /** `sent`: an SMTP server accepted it; `stored`: dev outbox, nothing left the machine. */
  status: 'sent' | 'stored';
  providerMessageId: string | null;
}

/** Where email goes: an SMTP server, or nowhere (dev outbox). */
export interface EmailTransport {
  readonly kind: 'smtp' | 'dev-outbox';
  /** Sends in flight at most (the worker's batch size). */
  readonly concurrency: number;
  /** Rejects with the provider's error; `signal` aborts a send that takes too long. */
  send(email: OutgoingEmail, signal: AbortSignal): Promise<DeliveryReceipt>;
  /** Checks connectivity and credentials (logged at boot, never fatal). */
  verify(): Promise<void>;
  close(): void;
}

export const EMAIL_TRANSPORT = Symbol('EMAIL_TRANSPORT');

/** Without SMTP_URL: messages are kept in the database and shown in the web app only. */
export class DevOutboxTransport implements EmailTransport {
  readonly kind = 'dev-outbox' as const;
  readonly concurrency = 10;

  async send(): Promise<DeliveryReceipt> {
    return { status: 'stored', providerMessageId: null };
  }

  async verify(): Promise<void> {}

  close(): void {}
}

const isLoopback = (host: string): boolean =>
  host === 'localhost' || host === '::1' || host === '[::1]' || (isIP(host) === 4 && host.startsWith('127.'));

/**
 * nodemailer pool options from SMTP_URL, built explicitly (query parameters are not passed
 * through, so the URL cannot switch off TLS checks or file access). Credentials are never
 * sent in the clear to another machine: with a user in an smtp:// URL to a non-loopback
 * host, STARTTLS is required.
 */
export function smtpPoolOptions(smtpUrl: string, timeoutMs: number, poolSize: number): SMTPPoolOptions {
  const url = new URL(smtpUrl);
  const secure = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const user = decodeURIComponent(url.username);
  return {
    pool: true,
    host,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && user !== '' && !isLoopback(host),
    ...(user ? { auth: { user, pass: decodeURIComponent(url.password) } } : {}),
    tls: { minVersion: 'TLSv1.2' },
    maxConnections: poolSize,
    maxMessages: 100,
    // Our queue owns retries (counted, backed off, visible); the pool must not resend on its own.
    maxRequeues: 0,
    idleTimeout: 60_000,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** Domain of the From address, for Message-IDs. */
export const fromDomain = (from: string): string => {
  const address = /<([^>]+)>/.exec(from)?.[1] ?? from;
  return address.slice(address.lastIndexOf('@') + 1).trim() || 'meridian.local';
};

/** SMTP through a pooled nodemailer transport. */
export class SmtpTransport implements EmailTransport {
  readonly kind = 'smtp' as const;
  readonly concurrency: number;
  private readonly mailer: Transporter<SMTPPoolSentMessageInfo>;

  constructor(options: SMTPPoolOptions) {
    this.concurrency = options.maxConnections ?? 1;
    this.mailer = createTransport({ ...options, pool: true });
  }

  async send(email: OutgoingEmail, signal: AbortSignal): Promise<DeliveryReceipt> {
    const info = await this.mailer.sendMail({
      from: email.from,
      to: email.to,
      subject: email.subject,
      ...(email.text !== null ? { text: email.text } : {}),
      ...(email.html !== null ? { html: email.html } : {}),
      // The same Message-ID on every attempt: a copy that went out before a crash or timeout
      // can be recognised as a duplicate by the receiving side.
      messageId: `<${email.id}@${fromDomain(email.from)}>`,
      // RFC 3834: automated mail; keeps vacation responders from answering it.
      headers: { 'Auto-Submitted': 'auto-generated' },
      signal,
    });
    return { status: 'sent', providerMessageId: info.serverMessageId ?? info.messageId ?? null };
  }

  async verify(): Promise<void> {
    await this.mailer.verify();
  }

  close(): void {
    this.mailer.close({ force: true });
  }
}

/** The configured transport: SMTP when SMTP_URL is set, otherwise the dev outbox. */
export function createEmailTransport(config: CommunicationConfig): EmailTransport {
  if (!config.SMTP_URL) return new DevOutboxTransport();
  return new SmtpTransport(smtpPoolOptions(config.SMTP_URL, config.SMTP_TIMEOUT_MS, config.SMTP_POOL_SIZE));
}
