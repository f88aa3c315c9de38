import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, LOGGER, NotFoundError, TenantDatabase, type Logger, keysetCursor } from '@meridian/platform';
import { DELIVERY_SETTINGS, type DeliverySettings } from './delivery/delivery-settings.js';
import { EmailDeliveryWorker } from './delivery/email-delivery.worker.js';
import { EMAIL_TRANSPORT, type EmailTransport } from './delivery/email-transport.js';
import type { ListMessagesQuery, SendEmailInput } from './dto/message.schemas.js';
import { MessageEntity } from './message.entity.js';
import { messageMapper, type MessageSummaryDto } from './message.mapper.js';

export interface MessagePage {
  data: MessageSummaryDto[];
  nextCursor: string | null;
}

const HOUR_MS = 3_600_000;

/** Outbound messages: queue an email (idempotently), list and read them within a workspace. */
@Injectable()
export class MessagesService {
  private readonly log: Logger;

  constructor(
    private readonly db: TenantDatabase,
    private readonly worker: EmailDeliveryWorker,
    @Inject(EMAIL_TRANSPORT) private readonly transport: EmailTransport,
    @Inject(DELIVERY_SETTINGS) private readonly settings: DeliverySettings,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.log = logger.child({ context: 'MessagesService' });
  }

  /**
   * Records one email in the workspace, once per idempotency key: a repeated key returns the
   * first message as it is now (whatever the new request says) and sends nothing. With SMTP the
   * message is `queued` and the worker sends it after this transaction commits; in the dev
   * outbox it is `stored` at once.
   */
  async sendEmail(workspaceId: string, input: SendEmailInput): Promise<MessageEntity> {
    const { message, created } = await this.db.inWorkspace(workspaceId, async (m) => {
      const existing = await m.findOneBy(MessageEntity, { workspaceId, idempotencyKey: input.idempotencyKey });
      if (existing) return { message: existing, created: false };
      await this.enforceHourlyLimit(m, workspaceId);
      const id = randomUUID();
      const local = this.transport.kind === 'dev-outbox';
      const inserted: unknown[] = await m.query(
        `INSERT INTO communication.messages
           (id, workspace_id, channel, category, to_address, from_address, subject, text_body, html_body, status, idempotency_key, next_attempt_at)
         VALUES ($1, $2, 'email', $3, $4, $5, $6, $7, $8, $9, $10, CASE WHEN $9 = 'queued' THEN now() END)
         ON CONFLICT (workspace_id, idempotency_key) DO NOTHING
         RETURNING id`,
        [
          id,
          workspaceId,
          input.category,
          input.to,
          this.settings.from,
          input.subject,
          input.text,
          input.html,
          local ? 'stored' : 'queued',
          input.idempotencyKey,
        ],
      );
      // Nothing inserted: a concurrent call with the same key committed first; its row is visible now.
      const messageId = inserted.length > 0 ? id : undefined;
      const row = await m.findOneByOrFail(
        MessageEntity,
        messageId ? { id: messageId } : { workspaceId, idempotencyKey: input.idempotencyKey },
      );
      return { message: row, created: messageId !== undefined };
    });
    if (!created && message.to !== input.to) {
      this.log.warn({ messageId: message.id, workspaceId }, 'Idempotency key reused for another recipient; the first message stands');
    }
    if (created && message.status === 'queued') this.worker.wake();
    return message;
  }

  async get(workspaceId: string, id: string): Promise<MessageEntity> {
    const message = await this.db.inWorkspace(workspaceId, (m) => m.findOneBy(MessageEntity, { id, workspaceId }));
    if (!message) throw new NotFoundError('Message');
    return message;
  }

  /** Newest first, keyset-paged on (createdAt, id). */
  async list(workspaceId: string, query: ListMessagesQuery): Promise<MessagePage> {
    const after = query.cursor ? keysetCursor.decode(query.cursor) : undefined;
    const rows = await this.db.inWorkspace(workspaceId, (m) => {
      const qb = m
        .createQueryBuilder(MessageEntity, 'msg')
        .where('msg.workspace_id = :workspaceId', { workspaceId })
        .orderBy('msg.created_at', 'DESC')
        .addOrderBy('msg.id', 'DESC')
        .limit(query.limit + 1);
      if (after) qb.andWhere('(msg.created_at, msg.id) < (:at, :id)', { at: after.at, id: after.id });
      return qb.getMany();
    });
    const page = rows.slice(0, query.limit);
    const last = page[page.length - 1];
    return {
      data: page.map(messageMapper.toSummary),
      nextCursor: rows.length > query.limit && last ? keysetCursor.encode({ at: last.createdAt.toISOString(), id: last.id }) : null,
    };
  }

  /** A runaway caller (a loop in another service) cannot flood the provider from one workspace. */
  private async enforceHourlyLimit(m: EntityManager, workspaceId: string): Promise<void> {
    const [usage] = (await m.query(
      `SELECT count(*)::int AS n, min(created_at) AS oldest FROM communication.messages
        WHERE workspace_id = $1 AND created_at > now() - interval '1 hour'`,
      [workspaceId],
    )) as { n: number; oldest: Date | null }[];
    if (!usage || usage.n < this.settings.hourlyLimit) return;
    const retryAfter = usage.oldest ? Math.max(1, Math.ceil((usage.oldest.getTime() + HOUR_MS - Date.now()) / 1000)) : 60;
    throw new DomainError(
      ErrorCode.RateLimited,
      `This workspace queued ${this.settings.hourlyLimit} emails in the last hour; try again later.`,
      undefined,
      retryAfter,
    );
  }
}
