import type { z } from 'zod';
import { baseConfigSchema } from '@meridian/platform';

export const crmConfigSchema = baseConfigSchema.extend({});
export type CrmConfig = z.infer<typeof crmConfigSchema>;
