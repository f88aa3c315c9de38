import { CreateIdentity1732240000000 } from './1732240000000-create-identity.js';

/** Every migration of the users schema, oldest first. Never edit one that has landed. */
export const usersMigrations = [CreateIdentity1732240000000];
