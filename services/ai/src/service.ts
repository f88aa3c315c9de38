import type { ServiceDefinition } from '@meridian/platform';
import { AiAppModule } from './app.module.js';
import { aiConfigSchema } from './config.js';
import { aiMigrations } from './migrations/index.js';

/** The ai service: lead scoring, LLM features and agents (model configuration so far). */
export const aiService: ServiceDefinition<typeof aiConfigSchema> = {
  name: 'ai',
  title: 'AI',
  configSchema: aiConfigSchema,
  migrations: aiMigrations,
  module: (config, logger) => AiAppModule.forRoot(config, logger),
  grpc: { packages: ['ai.v1'], protoFiles: ['ai/v1/model_service.proto'] },
  events: { publishes: [], consumes: [] },
};
