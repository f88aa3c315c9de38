import type { MessageKey } from '../../app/i18n';
import type { EmailCategory, MessageStatus } from './messagesApi';

export const categoryLabels: Record<EmailCategory, MessageKey> = {
  verification: 'outbox.category.verification',
  password_reset: 'outbox.category.password_reset',
  invite: 'outbox.category.invite',
  security_notice: 'outbox.category.security_notice',
};

export const statusLabels: Record<MessageStatus, MessageKey> = {
  queued: 'outbox.status.queued',
  sent: 'outbox.status.sent',
  stored: 'outbox.status.stored',
  failed: 'outbox.status.failed',
};

export const statusColors: Record<MessageStatus, 'default' | 'success' | 'info' | 'error'> = {
  queued: 'default',
  sent: 'success',
  stored: 'info',
  failed: 'error',
};
