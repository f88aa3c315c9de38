import { CreateTriggers1732240300000 } from './1732240300000-create-triggers.js';

/** Every migration of the workflow schema, oldest first. */
export const workflowMigrations = [CreateTriggers1732240300000];
