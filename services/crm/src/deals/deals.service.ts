import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainEvents, TenantDatabase, ValidationError, type DomainEventInput, type Principal } from '@meridian/platform';
import type { Deal as DealMessage } from '@meridian/proto/crm/v1/record_service';
import type { DealStageChanged } from '@meridian/proto/crm/v1/crm_events';
import { FieldsService } from '../fields/fields.service.js';
import { PipelinesService } from '../pipelines/pipelines.service.js';
import { RecordsService } from '../records/records.service.js';
import type { ColumnValues } from '../records/record-sql.js';
import { assertRecordExists } from '../shared/references.js';
import { dealDefinition, type DealDto } from './deal.definition.js';
import type { CreateDealInput, PatchDealInput } from './dto/deal.schemas.js';

export const DEAL_STAGE_CHANGED = 'crm.deal.stage_changed.v1';

interface StageRow {
  id: string;
  pipeline_id: string;
  kind: 'open' | 'won' | 'lost';
}

const COLUMNS: Partial<Record<keyof PatchDealInput, string>> = {
  name: 'name',
  amount: 'amount',
  currency: 'currency',
  probability: 'probability',
  expectedCloseDate: 'expected_close_date',
  ownerId: 'owner_id',
  companyId: 'company_id',
  lostReason: 'lost_reason',
  tags: 'tags',
  externalId: 'external_id',
};

export function dealToMessage(d: DealDto, workspaceId: string): DealMessage {
  return {
    id: d.id,
    workspaceId,
    name: d.name,
    currency: d.currency,
    pipelineId: d.pipelineId,
    stageId: d.stageId,
    stageName: d.stageName,
    probability: d.probability,
    contactIds: d.contactIds,
    status: d.status,
    tags: d.tags,
    customJson: JSON.stringify(d.custom),
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    ...(d.amount !== null ? { amount: d.amount } : {}),
    ...(d.expectedCloseDate ? { expectedCloseDate: d.expectedCloseDate } : {}),
    ...(d.ownerId ? { ownerId: d.ownerId } : {}),
    ...(d.companyId ? { companyId: d.companyId } : {}),
    ...(d.lostReason ? { lostReason: d.lostReason } : {}),
    ...(d.closedAt ? { closedAt: d.closedAt } : {}),
  };
}

/** Deals: records in a pipeline stage; moving to a won/lost stage closes them. */
@Injectable()
export class DealsService extends RecordsService<DealDto, CreateDealInput, PatchDealInput> {
  readonly def = dealDefinition;

  constructor(
    db: TenantDatabase,
    events: DomainEvents,
    fields: FieldsService,
    private readonly pipelines: PipelinesService,
  ) {
    super(db, events, fields);
  }

  private async stageRow(m: EntityManager, workspaceId: string, where: string, params: unknown[]): Promise<StageRow | undefined> {
    const rows: StageRow[] = await m.query(
      `SELECT id, pipeline_id, kind FROM crm.pipeline_stages WHERE workspace_id = $1 AND ${where} ORDER BY (kind <> 'open'), position LIMIT 1`,
      [workspaceId, ...params],
    );
    return rows[0];
  }

  /** The stage a write puts the deal in, checked against the pipeline. */
  private async resolveStage(m: EntityManager, ws: string, pipelineId: string | undefined, stageId: string | undefined): Promise<StageRow> {
    if (stageId) {
      const stage = await this.stageRow(m, ws, 'id = $2', [stageId]);
      if (!stage) throw new ValidationError([{ field: 'stageId', message: 'No such stage in this workspace.' }]);
      if (pipelineId && stage.pipeline_id !== pipelineId) {
        throw new ValidationError([{ field: 'stageId', message: 'That stage belongs to another pipeline.' }]);
      }
      return stage;
    }
    const pipeline = pipelineId ?? (await this.pipelines.ensureDefaultIn(m, ws));
    const first = await this.stageRow(m, ws, 'pipeline_id = $2', [pipeline]);
    if (!first) throw new ValidationError([{ field: 'pipelineId', message: 'No such pipeline in this workspace.' }]);
    return first;
  }

  /** Status and close time follow the stage's kind. */
  private stageColumns(stage: StageRow, lostReason: string | null | undefined): ColumnValues {
    return {
      pipeline_id: stage.pipeline_id,
      stage_id: stage.id,
      status: stage.kind,
      closed_at: stage.kind === 'open' ? null : new Date(),
      stage_changed_at: new Date(),
      ...(stage.kind === 'lost' ? {} : { lost_reason: null }),
      ...(stage.kind === 'lost' && lostReason !== undefined ? { lost_reason: lostReason } : {}),
    };
  }

  private columns(input: PatchDealInput): ColumnValues {
    const values: ColumnValues = {};
    for (const [key, column] of Object.entries(COLUMNS)) {
      const value = input[key as keyof PatchDealInput];
      if (value !== undefined) values[column] = value;
    }
    return values;
  }

  protected async columnsForCreate(m: EntityManager, principal: Principal, input: CreateDealInput): Promise<ColumnValues> {
    const ws = principal.workspaceId;
    if (input.companyId) await assertRecordExists(m, principal, 'companies', input.companyId, 'companyId');
    await assertRecordExists(m, principal, 'contacts', input.contactIds, 'contactIds');
    const stage = await this.resolveStage(m, ws, input.pipelineId, input.stageId);
    const columns = { ...this.columns(input), ...this.stageColumns(stage, input.lostReason) };
    if (input.ownerId === null) delete columns.owner_id;
    return columns;
  }

  protected async columnsForPatch(m: EntityManager, principal: Principal, before: DealDto, patch: PatchDealInput): Promise<ColumnValues> {
    const ws = principal.workspaceId;
    if (patch.companyId) await assertRecordExists(m, principal, 'companies', patch.companyId, 'companyId');
    if (patch.contactIds) await assertRecordExists(m, principal, 'contacts', patch.contactIds, 'contactIds');
    const columns = this.columns(patch);
    const movesPipeline = patch.pipelineId !== undefined && patch.pipelineId !== before.pipelineId;
    if ((patch.stageId !== undefined && patch.stageId !== before.stageId) || movesPipeline) {
      const stage = await this.resolveStage(m, ws, patch.pipelineId, patch.stageId);
      Object.assign(columns, this.stageColumns(stage, patch.lostReason));
    }
    return columns;
  }

  protected override async afterWrite(m: EntityManager, ws: string, id: string, input: CreateDealInput | PatchDealInput): Promise<void> {
    if (!input.contactIds) return;
    await m.query(`DELETE FROM crm.deal_contacts WHERE workspace_id = $1 AND deal_id = $2 AND NOT (contact_id = ANY($3::uuid[]))`, [
      ws,
      id,
      input.contactIds,
    ]);
    await m.query(
      `INSERT INTO crm.deal_contacts (workspace_id, deal_id, contact_id) SELECT $1, $2, unnest($3::uuid[]) ON CONFLICT DO NOTHING`,
      [ws, id, input.contactIds],
    );
  }

  protected override extraEvents(before: DealDto | undefined, after: DealDto, ws: string): DomainEventInput<unknown>[] {
    if (!before || before.stageId === after.stageId) return [];
    const data: DealStageChanged = { deal: dealToMessage(after, ws), fromStageId: before.stageId, toStageId: after.stageId };
    return [{ type: DEAL_STAGE_CHANGED, workspaceId: ws, subject: after.id, data }];
  }

  protected toMessage(dto: DealDto, workspaceId: string): DealMessage {
    return dealToMessage(dto, workspaceId);
  }
}
