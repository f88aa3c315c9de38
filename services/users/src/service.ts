import type { ServiceDefinition } from '@meridian/platform';
import { UsersAppModule } from './app.module.js';
import { usersConfigSchema } from './config.js';
import { usersMigrations } from './migrations/index.js';

/** The users service: identity, workspaces, tokens. */
export const usersService: ServiceDefinition<typeof usersConfigSchema> = {
  name: 'users',
  title: 'Users',
  configSchema: usersConfigSchema,
  migrations: usersMigrations,
  module: (config, logger) => UsersAppModule.forRoot(config, logger),
  grpc: { packages: ['users.v1'], protoFiles: ['users/v1/workspace_service.proto', 'users/v1/api_key_service.proto'] },
  events: { publishes: ['users.workspace.created.v1'], consumes: [] },
};
