import type { Task } from '@meridian/proto/crm/v1/record_service';

export interface TaskRow {
  id: string;
  workspace_id: string;
  title: string;
  notes: string | null;
  due_at: Date | null;
  reminder_at: Date | null;
  reminded_at: Date | null;
  assignee_id: string | null;
  done: boolean;
  completed_at: Date | null;
  contact_id: string | null;
  company_id: string | null;
  deal_id: string | null;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export const TASK_COLUMNS =
  'id, workspace_id, title, notes, due_at, reminder_at, reminded_at, assignee_id, done, completed_at, contact_id, company_id, deal_id, created_by, created_at, updated_at';

/** The REST representation of a task. */
export interface TaskDto {
  id: string;
  title: string;
  notes: string | null;
  dueAt: string | null;
  reminderAt: string | null;
  /** When the assignee dismissed the reminder (then it leaves `due=reminders`). */
  reminderDismissedAt: string | null;
  assigneeId: string | null;
  done: boolean;
  completedAt: string | null;
  contactId: string | null;
  companyId: string | null;
  dealId: string | null;
  createdBy: string | null;
  createdAt: string;
  updatedAt: string;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const taskMapper = {
  toDto(r: TaskRow): TaskDto {
    return {
      id: r.id,
      title: r.title,
      notes: r.notes,
      dueAt: iso(r.due_at),
      reminderAt: iso(r.reminder_at),
      reminderDismissedAt: iso(r.reminded_at),
      assigneeId: r.assignee_id,
      done: r.done,
      completedAt: iso(r.completed_at),
      contactId: r.contact_id,
      companyId: r.company_id,
      dealId: r.deal_id,
      createdBy: r.created_by,
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  },
  toMessage(r: TaskRow): Task {
    return {
      id: r.id,
      workspaceId: r.workspace_id,
      title: r.title,
      ...(r.notes !== null ? { notes: r.notes } : {}),
      ...(r.due_at ? { dueAt: r.due_at.toISOString() } : {}),
      ...(r.reminder_at ? { reminderAt: r.reminder_at.toISOString() } : {}),
      ...(r.assignee_id ? { assigneeId: r.assignee_id } : {}),
      done: r.done,
      ...(r.completed_at ? { completedAt: r.completed_at.toISOString() } : {}),
      ...(r.contact_id ? { contactId: r.contact_id } : {}),
      ...(r.company_id ? { companyId: r.company_id } : {}),
      ...(r.deal_id ? { dealId: r.deal_id } : {}),
      ...(r.created_by ? { createdBy: r.created_by } : {}),
    };
  },
};
