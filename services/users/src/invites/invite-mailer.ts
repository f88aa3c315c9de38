import { GrpcClient, type Logger } from '@meridian/platform';
import { EmailCategory, type SendEmailRequest, type SendEmailResponse } from '@meridian/proto/communication/v1/email_service';
import type { Role } from '@meridian/platform';

export interface InviteEmail {
  inviteId: string;
  workspaceId: string;
  /** Changes whenever the token does (resend), so a resend is not deduplicated away. */
  sendNumber: number;
  to: string;
  token: string;
  workspaceName: string;
  inviterName: string | null;
  role: Role;
  expiresAt: Date;
}

/** What became of the invite email: communication's status, or why none was sent. */
export type InviteEmailDelivery = 'queued' | 'sent' | 'stored' | 'failed' | 'not_configured';

export interface InviteMailerOptions {
  /** communication's gRPC host:port; undefined: invite emails are not sent. */
  address: string | undefined;
  deadlineMs: number;
  /** The web app origin; the email links to `<origin>/invites/<token>`. */
  appUrl: string;
  logger: Logger;
}

/** Names come from users: no line breaks or control characters in a subject line. */
const oneLine = (s: string): string => s.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Sends invite emails through communication.v1.EmailService (deadline + tenant metadata via GrpcClient). */
export class InviteMailer {
  private readonly client: GrpcClient | null;

  constructor(private readonly options: InviteMailerOptions) {
    this.client = options.address
      ? new GrpcClient({
          address: options.address,
          protoFile: 'communication/v1/email_service.proto',
          service: 'communication.v1.EmailService',
          deadlineMs: options.deadlineMs,
        })
      : null;
    if (!this.client) {
      options.logger.warn({ context: 'InviteMailer' }, 'COMMUNICATION_GRPC_URL is not set: invite emails are not sent');
    }
  }

  /** Link to the web app's accept page for a token. */
  acceptUrl(token: string): string {
    return `${this.options.appUrl.replace(/\/+$/, '')}/invites/${encodeURIComponent(token)}`;
  }

  /**
   * Sends one invite email. The invite is already committed: a delivery failure is logged
   * and reported to the inviter (who can resend), not turned into a failed invite.
   */
  async send(email: InviteEmail): Promise<InviteEmailDelivery> {
    if (!this.client) {
      this.options.logger.warn(
        { context: 'InviteMailer', inviteId: email.inviteId },
        'Invite email not sent: COMMUNICATION_GRPC_URL is not set',
      );
      return 'not_configured';
    }
    try {
      const res = await this.client.call<SendEmailRequest, SendEmailResponse>('sendEmail', this.message(email), {
        workspaceId: email.workspaceId,
      });
      return (['queued', 'sent', 'stored', 'failed'] as const).find((s) => s === res.status) ?? 'queued';
    } catch (err) {
      this.options.logger.error({ context: 'InviteMailer', inviteId: email.inviteId, err }, 'Invite email could not be sent');
      return 'failed';
    }
  }

  /** Nest calls this at shutdown: the gRPC channel closes with the service. */
  onApplicationShutdown(): void {
    this.client?.close();
  }

  private message(email: InviteEmail): SendEmailRequest {
    const url = this.acceptUrl(email.token);
    const who = oneLine(email.inviterName ?? '') || 'A teammate';
    const workspace = oneLine(email.workspaceName);
    const expires = email.expiresAt.toUTCString();
    const subject = `${who} invited you to ${workspace} on Meridian`;
    const text = [
      `${who} invited you to join ${workspace} on Meridian as ${email.role}.`,
      '',
      `Accept the invite: ${url}`,
      '',
      `The link works once and expires on ${expires}. If you did not expect this invite, ignore this email.`,
    ].join('\n');
    const html = [
      `<p>${escapeHtml(who)} invited you to join <strong>${escapeHtml(workspace)}</strong> on Meridian as ${escapeHtml(email.role)}.</p>`,
      `<p><a href="${escapeHtml(url)}">Accept the invite</a></p>`,
      `<p>The link works once and expires on ${escapeHtml(expires)}. If you did not expect this invite, ignore this email.</p>`,
    ].join('\n');
    return {
      to: email.to,
      subject,
      text,
      html,
      category: EmailCategory.EMAIL_CATEGORY_INVITE,
      idempotencyKey: `invite:${email.inviteId}:${email.sendNumber}`,
    };
  }
}
