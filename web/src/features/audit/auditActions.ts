import type { MessageKey } from '../../app/i18n';

/** The actions the users service records (its AUDIT_ACTIONS), each with a readable label. */
export const AUDIT_ACTION_LABELS = {
  'auth.login': 'audit.action.auth.login',
  'auth.logout': 'audit.action.auth.logout',
  'auth.mfa': 'audit.action.auth.mfa',
  'auth.password_changed': 'audit.action.auth.password_changed',
  'auth.password_reset': 'audit.action.auth.password_reset',
  'auth.email_changed': 'audit.action.auth.email_changed',
  'auth.workspace_switched': 'audit.action.auth.workspace_switched',
  'mfa.enabled': 'audit.action.mfa.enabled',
  'mfa.disabled': 'audit.action.mfa.disabled',
  'session.revoked': 'audit.action.session.revoked',
  'member.invited': 'audit.action.member.invited',
  'member.invite_resent': 'audit.action.member.invite_resent',
  'member.invite_revoked': 'audit.action.member.invite_revoked',
  'member.joined': 'audit.action.member.joined',
  'member.role_changed': 'audit.action.member.role_changed',
  'member.removed': 'audit.action.member.removed',
  'member.left': 'audit.action.member.left',
  'role.visibility_changed': 'audit.action.role.visibility_changed',
  'api_key.created': 'audit.action.api_key.created',
  'api_key.revoked': 'audit.action.api_key.revoked',
  'workspace.settings_changed': 'audit.action.workspace.settings_changed',
  'workspace.exported': 'audit.action.workspace.exported',
  'records.exported': 'audit.action.records.exported',
  'audit.purged': 'audit.action.audit.purged',
} as const satisfies Record<string, MessageKey>;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;
export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS) as AuditAction[];

export const isAuditAction = (value: string | null | undefined): value is AuditAction =>
  typeof value === 'string' && value in AUDIT_ACTION_LABELS;

/** A label for any action, including ones this build does not know yet (shown as recorded). */
export function auditActionLabel(action: string, t: (key: MessageKey) => string): string {
  return isAuditAction(action) ? t(AUDIT_ACTION_LABELS[action]) : action;
}
