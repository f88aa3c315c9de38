import { z } from 'zod';
import { baseConfigSchema, sensitive } from '@meridian/platform';

export const communicationConfigSchema = baseConfigSchema.extend({
  /** smtp(s)://user:pass@host:port — when unset, email goes to the dev outbox and never leaves the machine. */
  SMTP_URL: sensitive(z.string().url().optional()),
});
export type CommunicationConfig = z.infer<typeof communicationConfigSchema>;
