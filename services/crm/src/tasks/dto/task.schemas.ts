import { z } from 'zod';

const text = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `At most ${max} characters.`)
    .nullish()
    .transform((v) => (v ? v : null));
const instant = (field: string) =>
  z.iso.datetime({ offset: true, error: `${field} is an ISO-8601 date-time, e.g. 2026-11-22T09:30:00Z.` }).nullish();
const uuid = (field: string) => z.uuid(`${field} is a UUID.`);
const title = z.string({ error: 'Enter a title.' }).trim().min(1, 'Enter a title.').max(300, 'A title has at most 300 characters.');

const fields = {
  title,
  notes: text(20_000),
  dueAt: instant('dueAt'),
  reminderAt: instant('reminderAt'),
  assigneeId: uuid('assigneeId').nullish(),
  contactId: uuid('contactId').nullish(),
  companyId: uuid('companyId').nullish(),
  dealId: uuid('dealId').nullish(),
};

/** Body of POST /api/v1/tasks. Without assigneeId the task is the caller's. Unknown keys are dropped. */
export const createTaskSchema = z.object(fields);
export type CreateTaskInput = z.infer<typeof createTaskSchema>;

/** Body of PATCH /api/v1/tasks/:id: `done` completes or reopens; `dismissReminder` clears it from the reminders list. */
export const updateTaskSchema = z
  .object({
    ...fields,
    done: z.boolean({ error: 'done is true or false.' }),
    dismissReminder: z.literal(true, { error: 'dismissReminder can only be true.' }),
  })
  .partial()
  .refine((p) => Object.keys(p).length > 0, { message: 'Send at least one field to change.', path: ['(body)'] });
export type UpdateTaskInput = z.infer<typeof updateTaskSchema>;

const isTimeZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

export const TASK_DUE = ['overdue', 'today', 'week', 'none', 'reminders'] as const;

/** GET /api/v1/tasks. `today`/`week` are days of `tz` (IANA name, default UTC); `week` = today and the 6 days after. */
export const listTasksQuerySchema = z.object({
  assigneeId: z.union([z.literal('me'), uuid('assigneeId')], { error: 'assigneeId is "me" or a user id (UUID).' }).optional(),
  done: z.enum(['true', 'false'], { error: 'done is true or false.' }).optional(),
  due: z.enum(TASK_DUE, { error: `due is one of ${TASK_DUE.join(', ')}.` }).optional(),
  tz: z
    .string()
    .max(64)
    .refine((tz) => /^[A-Za-z0-9_+\-/]+$/.test(tz) && isTimeZone(tz), 'tz is an IANA time zone, e.g. Europe/Paris.')
    .default('UTC'),
  contactId: uuid('contactId').optional(),
  companyId: uuid('companyId').optional(),
  dealId: uuid('dealId').optional(),
  limit: z.coerce.number().int().min(1, 'limit must be at least 1.').max(200, 'limit must be at most 200.').default(50),
  cursor: z.string().max(200).optional(),
});
export type ListTasksQuery = z.infer<typeof listTasksQuerySchema>;

export const taskIdSchema = z.uuid('Task ids are UUIDs.');
