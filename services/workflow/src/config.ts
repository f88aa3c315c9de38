import { z } from 'zod';
import { baseConfigSchema } from '@meridian/platform';

export const workflowConfigSchema = baseConfigSchema.extend({
  /** host:port of the crm service's gRPC server. */
  CRM_GRPC_URL: z.string().min(3),
});
export type WorkflowConfig = z.infer<typeof workflowConfigSchema>;
