import { SECRET_BEARING, type EmailCategoryName, type MessageEntity, type MessageStatus } from './message.entity.js';

/** A message in the list: envelope and delivery state, no body. */
export interface MessageSummaryDto {
  id: string;
  channel: 'email';
  category: EmailCategoryName;
  to: string;
  from: string;
  subject: string;
  status: MessageStatus;
  attempts: number;
  lastError: string | null;
  providerMessageId: string | null;
  nextAttemptAt: string | null;
  createdAt: string;
  sentAt: string | null;
}

/** One message with its body. */
export interface MessageDto extends MessageSummaryDto {
  text: string | null;
  html: string | null;
  /**
   * True when the body is withheld: a reset, verification or invite email that went (or is
   * going) to a real mailbox. Its link is a credential of the recipient, so no admin reads it
   * here; only the dev outbox (nothing left the machine) shows such bodies.
   */
  bodyWithheld: boolean;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Whether the REST API may show this message's body (see MessageDto.bodyWithheld). */
export const bodyVisible = (m: Pick<MessageEntity, 'category' | 'status'>): boolean =>
  m.status === 'stored' || !SECRET_BEARING.has(m.category);

export const messageMapper = {
  toSummary(m: MessageEntity): MessageSummaryDto {
    return {
      id: m.id,
      channel: m.channel,
      category: m.category,
      to: m.to,
      from: m.from,
      subject: m.subject,
      status: m.status,
      attempts: m.attempts,
      lastError: m.lastError,
      providerMessageId: m.providerMessageId,
      nextAttemptAt: m.status === 'queued' ? iso(m.nextAttemptAt) : null,
      createdAt: m.createdAt.toISOString(),
      sentAt: iso(m.sentAt),
    };
  },
  /** For the workspace export: secret-bearing bodies are withheld whatever the transport. */
  toExport(m: MessageEntity): MessageDto {
    const secret = SECRET_BEARING.has(m.category);
    return { ...messageMapper.toSummary(m), text: secret ? null : m.text, html: secret ? null : m.html, bodyWithheld: secret };
  },
  toDto(m: MessageEntity): MessageDto {
    const visible = bodyVisible(m);
    return {
      ...messageMapper.toSummary(m),
      text: visible ? m.text : null,
      html: visible ? m.html : null,
      bodyWithheld: !visible,
    };
  },
};
