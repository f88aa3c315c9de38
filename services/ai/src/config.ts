import { z } from 'zod';
import { baseConfigSchema } from '@meridian/platform';

export const aiConfigSchema = baseConfigSchema.extend({
  /** LLM provider. `offline` is the built-in deterministic provider (no network, clearly labelled). */
  LLM_PROVIDER: z.enum(['offline']).default('offline'),
  LLM_MODEL: z.string().default('meridian-offline-1'),
});
export type AiConfig = z.infer<typeof aiConfigSchema>;
