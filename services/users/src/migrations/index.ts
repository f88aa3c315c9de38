import { CreateIdentity1732240000000 } from './1732240000000-create-identity.js';
import { CreateAuditLog1732241000000 } from './1732241000000-create-audit-log.js';
import { AccountsAndSessions1732241010000 } from './1732241010000-accounts-and-sessions.js';
import { CreateWorkspacePeople1732242000000 } from './1732242000000-create-workspace-people.js';
import { GuardAuditPurge1732242000001 } from './1732242000001-guard-audit-purge.js';
import { CreateUserPreferences1732243000000 } from './1732243000000-create-user-preferences.js';
import { CreateWorkspaceExports1732243100000 } from './1732243100000-create-workspace-exports.js';

/** Every migration of the users schema, oldest first. Never edit one that has landed. */
export const usersMigrations = [
  CreateIdentity1732240000000,
  CreateAuditLog1732241000000,
  AccountsAndSessions1732241010000,
  CreateWorkspacePeople1732242000000,
  GuardAuditPurge1732242000001,
  CreateUserPreferences1732243000000,
  CreateWorkspaceExports1732243100000,
];
