import type { Activity } from '@meridian/proto/crm/v1/record_service';

/** An activity row as read with ACTIVITY_COLUMNS. */
export interface ActivityRow {
  id: string;
  workspace_id: string;
  type: string;
  subject: string | null;
  body: string | null;
  occurred_at: Date;
  duration_minutes: number | null;
  outcome: string | null;
  contact_id: string | null;
  company_id: string | null;
  deal_id: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  /** Keyset position (occurred_at with microseconds), present on list reads. */
  cursor_at?: string;
}

export const ACTIVITY_COLUMNS =
  'id, workspace_id, type, subject, body, occurred_at, duration_minutes, outcome, contact_id, company_id, deal_id, created_by, created_at, updated_at';

/** The REST representation of a timeline entry. */
export interface ActivityDto {
  id: string;
  type: string;
  subject: string | null;
  body: string | null;
  occurredAt: string;
  durationMinutes: number | null;
  outcome: string | null;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

export const activityMapper = {
  toDto(r: ActivityRow): ActivityDto {
    return {
      id: r.id,
      type: r.type,
      subject: r.subject,
      body: r.body,
      occurredAt: r.occurred_at.toISOString(),
      durationMinutes: r.duration_minutes,
      outcome: r.outcome,
      contactId: r.contact_id,
      companyId: r.company_id,
      dealId: r.deal_id,
      createdBy: r.created_by,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  },
  toMessage(r: ActivityRow): Activity {
    return {
      id: r.id,
      workspaceId: r.workspace_id,
      type: r.type,
      ...(r.subject !== null ? { subject: r.subject } : {}),
      ...(r.body !== null ? { body: r.body } : {}),
      occurredAt: r.occurred_at.toISOString(),
      ...(r.contact_id ? { contactId: r.contact_id } : {}),
      ...(r.company_id ? { companyId: r.company_id } : {}),
      ...(r.deal_id ? { dealId: r.deal_id } : {}),
      ...(r.created_by ? { createdBy: r.created_by } : {}),
      ...(r.duration_minutes !== null ? { durationMinutes: r.duration_minutes } : {}),
      ...(r.outcome !== null ? { outcome: r.outcome } : {}),
    };
  },
};
