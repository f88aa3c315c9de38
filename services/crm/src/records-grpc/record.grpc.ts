import { Controller } from '@nestjs/common';
import { z } from 'zod';
import { currentContext, currentWorkspaceId, parseOrThrow } from '@meridian/platform';
import {
  RecordServiceControllerMethods,
  type Activity,
  type CreateTaskRequest,
  type CreateTaskResponse,
  type GetCompanyRequest,
  type GetCompanyResponse,
  type GetDealRequest,
  type GetDealResponse,
  type LogActivityRequest,
  type LogActivityResponse,
  type RecordServiceController,
  type Task,
} from '@meridian/proto/crm/v1/record_service';
import { ActivitiesService } from '../activities/activities.service.js';
import type { ActivityDto } from '../activities/activity.mapper.js';
import { CompaniesService, companyToMessage } from '../companies/companies.service.js';
import { DealsService, dealToMessage } from '../deals/deals.service.js';
import { recordIdSchema } from '../records/list-query.js';
import { TasksService } from '../tasks/tasks.service.js';
import type { TaskDto } from '../tasks/task.mapper.js';

/** Retries of the same step must not log twice: callers send a stable key (e.g. runId:stepId). */
const idempotencyKey = z.string().min(1, 'idempotency_key is required.').max(200);

const opt = <T>(v: T | null | undefined): T | undefined => (v === null ? undefined : v);

function activityMessage(a: ActivityDto, workspaceId: string): Activity {
  return {
    id: a.id,
    workspaceId,
    type: a.type,
    occurredAt: a.occurredAt,
    ...(a.subject !== null ? { subject: a.subject } : {}),
    ...(a.body !== null ? { body: a.body } : {}),
    ...(a.contactId ? { contactId: a.contactId } : {}),
    ...(a.companyId ? { companyId: a.companyId } : {}),
    ...(a.dealId ? { dealId: a.dealId } : {}),
    ...(a.createdBy ? { createdBy: a.createdBy } : {}),
    ...(a.durationMinutes !== null ? { durationMinutes: a.durationMinutes } : {}),
    ...(a.outcome !== null ? { outcome: a.outcome } : {}),
  };
}

function taskMessage(t: TaskDto, workspaceId: string): Task {
  return {
    id: t.id,
    workspaceId,
    title: t.title,
    done: t.done,
    ...(t.notes !== null ? { notes: t.notes } : {}),
    ...(t.dueAt ? { dueAt: t.dueAt } : {}),
    ...(t.reminderAt ? { reminderAt: t.reminderAt } : {}),
    ...(t.assigneeId ? { assigneeId: t.assigneeId } : {}),
    ...(t.completedAt ? { completedAt: t.completedAt } : {}),
    ...(t.contactId ? { contactId: t.contactId } : {}),
    ...(t.companyId ? { companyId: t.companyId } : {}),
    ...(t.dealId ? { dealId: t.dealId } : {}),
    ...(t.createdBy ? { createdBy: t.createdBy } : {}),
  };
}

/**
 * crm.v1.RecordService for other services (workflow logs the emails it sends and
 * schedules follow-up tasks; ai reads companies and deals). The workspace and acting
 * user come from call metadata; gRPC callers are services and see the whole workspace.
 */
@Controller()
@RecordServiceControllerMethods()
export class RecordGrpcController implements RecordServiceController {
  constructor(
    private readonly companies: CompaniesService,
    private readonly deals: DealsService,
    private readonly activities: ActivitiesService,
    private readonly tasks: TasksService,
  ) {}

  async getCompany(request: GetCompanyRequest): Promise<GetCompanyResponse> {
    const ws = currentWorkspaceId();
    const company = await this.companies.get(ws, parseOrThrow(recordIdSchema, request.companyId));
    return { company: companyToMessage(company, ws) };
  }

  async getDeal(request: GetDealRequest): Promise<GetDealResponse> {
    const ws = currentWorkspaceId();
    const deal = await this.deals.get(ws, parseOrThrow(recordIdSchema, request.dealId));
    return { deal: dealToMessage(deal, ws) };
  }

  async logActivity(request: LogActivityRequest): Promise<LogActivityResponse> {
    const ws = currentWorkspaceId();
    const key = parseOrThrow(idempotencyKey, request.idempotencyKey);
    const activity = await this.activities.log(
      ws,
      currentContext()?.userId ?? null,
      {
        type: request.type as 'note' | 'call' | 'meeting' | 'email',
        subject: opt(request.subject),
        body: opt(request.body),
        occurredAt: opt(request.occurredAt),
        contactId: opt(request.contactId),
        companyId: opt(request.companyId),
        dealId: opt(request.dealId),
      },
      key,
    );
    return { activity: activityMessage(activity, ws) };
  }

  async createTask(request: CreateTaskRequest): Promise<CreateTaskResponse> {
    const ws = currentWorkspaceId();
    const key = parseOrThrow(idempotencyKey, request.idempotencyKey);
    const task = await this.tasks.create(
      ws,
      currentContext()?.userId ?? null,
      {
        title: request.title,
        notes: opt(request.notes),
        dueAt: opt(request.dueAt),
        assigneeId: opt(request.assigneeId),
        contactId: opt(request.contactId),
        companyId: opt(request.companyId),
        dealId: opt(request.dealId),
      },
      key,
    );
    return { task: taskMessage(task, ws) };
  }
}
