import { z } from 'zod';
import { ROLES } from '@meridian/platform';

export const workspaceIdSchema = z.uuid('Workspace ids are UUIDs.');

/** Body of POST /api/v1/auth/switch-workspace. */
export const switchWorkspaceSchema = z.object({ workspaceId: workspaceIdSchema });
export type SwitchWorkspaceInput = z.infer<typeof switchWorkspaceSchema>;

export const AUDIT_RETENTION_MIN_DAYS = 30;
export const AUDIT_RETENTION_MAX_DAYS = 3650;
export const AUDIT_RETENTION_DEFAULT_DAYS = 365;

/** Body of PATCH /api/v1/workspaces/current/settings; unknown keys (id, workspaceId) are dropped. */
export const updateWorkspaceSettingsSchema = z.object({
  name: z.string().trim().min(1, 'Name your workspace.').max(200, 'Use at most 200 characters.').optional(),
  auditRetentionDays: z
    .number({ error: 'Enter a number of days.' })
    .int('Enter a whole number of days.')
    .min(AUDIT_RETENTION_MIN_DAYS, `Keep the audit log for at least ${AUDIT_RETENTION_MIN_DAYS} days.`)
    .max(AUDIT_RETENTION_MAX_DAYS, `Keep the audit log for at most ${AUDIT_RETENTION_MAX_DAYS} days.`)
    .optional(),
});
export type UpdateWorkspaceSettingsInput = z.infer<typeof updateWorkspaceSettingsSchema>;

export const roleParamSchema = z.enum(ROLES, { error: `A role is one of ${ROLES.join(', ')}.` });

/** Body of PATCH /api/v1/roles/:role. */
export const updateRoleSchema = z.object({
  recordVisibility: z.enum(['all', 'team'], { error: 'Record visibility is "all" or "team".' }),
});
export type UpdateRoleInput = z.infer<typeof updateRoleSchema>;
