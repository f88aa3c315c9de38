import { randomUUID } from 'node:crypto';
import { GrpcClient, type Logger } from '@meridian/platform';
import { EmailCategory, type SendEmailRequest, type SendEmailResponse } from '@meridian/proto/communication/v1/email_service';

export interface AccountEmail {
  to: string;
  /** The workspace the call is made for (communication is tenant-scoped; dev outbox per workspace). */
  workspaceId: string;
  category: EmailCategory;
  subject: string;
  /** Paragraphs of plain text; the HTML version is built from the same lines. */
  lines: string[];
  link?: { label: string; url: string };
  /** The same key never sends twice (communication deduplicates), e.g. `reset:<token id>`. */
  idempotencyKey: string;
}

const ATTEMPTS = 3;
const BACKOFF_MS = [250, 1000];

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * Identity emails (verification, reset, email change, security notices) through
 * communication's `communication.v1.EmailService/SendEmail` over gRPC. Without
 * COMMUNICATION_GRPC_URL nothing is sent and each skipped email is logged (without its link).
 */
export class AccountMailer {
  private readonly client: GrpcClient | null;

  constructor(
    address: string | undefined,
    deadlineMs: number,
    private readonly publicAppUrl: string,
    private readonly logger: Logger,
  ) {
    this.client = address
      ? new GrpcClient({ address, protoFile: 'communication/v1/email_service.proto', service: 'communication.v1.EmailService', deadlineMs })
      : null;
    if (!this.client) this.logger.warn({ context: 'AccountMailer' }, 'COMMUNICATION_GRPC_URL is not set: account emails are not sent');
  }

  /** An absolute link into the web app. */
  link(path: string, params: Record<string, string>): string {
    const url = new URL(path, this.publicAppUrl);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    return url.toString();
  }

  /** Sends with bounded retries; rejects when every attempt failed. */
  async send(email: AccountEmail): Promise<void> {
    if (!this.client) {
      this.logger.warn(
        { context: 'AccountMailer', category: EmailCategory[email.category] },
        'Email not sent: COMMUNICATION_GRPC_URL is not set',
      );
      return;
    }
    const request: SendEmailRequest = {
      to: email.to,
      subject: email.subject,
      text: [...email.lines, ...(email.link ? [`${email.link.label}: ${email.link.url}`] : [])].join('\n\n'),
      html: this.html(email),
      category: email.category,
      idempotencyKey: email.idempotencyKey,
    };
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.call<SendEmailRequest, SendEmailResponse>('SendEmail', request, { workspaceId: email.workspaceId });
        return;
      } catch (err) {
        if (attempt >= ATTEMPTS) throw err;
        await new Promise((r) => setTimeout(r, BACKOFF_MS[attempt - 1]));
      }
    }
  }

  /** Fire and forget, after the caller's transaction committed: a slow or failing mail path never fails the request. */
  sendInBackground(email: AccountEmail): void {
    this.send(email).catch((err: unknown) =>
      this.logger.error({ err, context: 'AccountMailer', category: EmailCategory[email.category] }, 'Account email could not be sent'),
    );
  }

  /** The link that verifies an address (after sign-up, or the new address of an email change). */
  verifyEmail(to: string, name: string, token: { id: string; token: string }, workspaceId: string, change: boolean): void {
    this.sendInBackground({
      to,
      workspaceId,
      category: EmailCategory.EMAIL_CATEGORY_VERIFICATION,
      subject: change ? 'Confirm your new email address for Meridian' : 'Verify your email address for Meridian',
      lines: [
        `Hi ${name},`,
        change
          ? 'Confirm that you want to use this address to sign in to Meridian. Until you do, your old address stays in use.'
          : 'Confirm your email address to finish setting up your Meridian account.',
        'The link works once and expires in 24 hours. If you did not ask for this, ignore this email.',
      ],
      link: { label: change ? 'Confirm new address' : 'Verify email address', url: this.link('/verify-email', { token: token.token }) },
      idempotencyKey: `verify-email:${token.id}`,
    });
  }

  passwordReset(to: string, name: string, token: { id: string; token: string }, workspaceId: string): void {
    this.sendInBackground({
      to,
      workspaceId,
      category: EmailCategory.EMAIL_CATEGORY_PASSWORD_RESET,
      subject: 'Reset your Meridian password',
      lines: [
        `Hi ${name},`,
        'Someone asked to reset the password of your Meridian account. If it was you, choose a new password with the link below.',
        'The link works once and expires in 30 minutes. Resetting signs you out everywhere. If it was not you, ignore this email: your password stays the same.',
      ],
      link: { label: 'Choose a new password', url: this.link('/reset-password', { token: token.token }) },
      idempotencyKey: `password-reset:${token.id}`,
    });
  }

  /** A notice to the account's address about a security change (password, email, MFA). */
  securityNotice(to: string, workspaceId: string, line: string): void {
    this.sendInBackground({
      to,
      workspaceId,
      category: EmailCategory.EMAIL_CATEGORY_SECURITY_NOTICE,
      subject: 'Security change on your Meridian account',
      lines: [line, 'If this was not you, reset your password now and contact your workspace admin.'],
      idempotencyKey: `security-notice:${randomUUID()}`,
    });
  }

  close(): void {
    this.client?.close();
  }

  private html(email: AccountEmail): string {
    const paragraphs = email.lines.map((l) => `<p>${escapeHtml(l)}</p>`);
    if (email.link) paragraphs.push(`<p><a href="${escapeHtml(email.link.url)}">${escapeHtml(email.link.label)}</a></p>`);
    return `<!doctype html><html><body style="font-family:sans-serif">${paragraphs.join('')}</body></html>`;
  }
}
