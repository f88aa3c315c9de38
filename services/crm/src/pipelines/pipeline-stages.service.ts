import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, DomainEvents, ErrorCode, DomainError, NotFoundError, TenantDatabase } from '@meridian/platform';
import { STAGE_KINDS, type CreateStageInput, type StageKind, type UpdateStageInput } from './dto/pipeline.schemas.js';
import { STAGE_COLUMNS, type PipelineDto, type StageRow } from './pipeline.mapper.js';
import { rows } from '../shared/sql.js';
import { moveTo, renumber, uniqueAsConflict } from './pipeline-sql.js';
import { PipelinesService } from './pipelines.service.js';
import { moveDealsBetweenStages } from './stage-deals.js';

const STAGE_NAME_TAKEN = { pipeline_stages_name_uq: { field: 'name', message: 'This pipeline already has a stage with this name.' } };

/**
 * Stages of a pipeline. Positions stay dense (0..n-1) and every pipeline keeps at least one
 * open, one won and one lost stage: new deals need somewhere to start and somewhere to close.
 * Each edit locks the pipeline row, so concurrent edits of one pipeline serialize.
 */
@Injectable()
export class PipelineStagesService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly events: DomainEvents,
    private readonly pipelines: PipelinesService,
  ) {}

  async add(workspaceId: string, pipelineId: string, input: CreateStageInput): Promise<PipelineDto> {
    return uniqueAsConflict(
      () =>
        this.db.inWorkspace(workspaceId, async (m) => {
          await this.pipelines.lockPipeline(m, workspaceId, pipelineId);
          const stages = await this.stagesOf(m, workspaceId, pipelineId);
          const id = randomUUID();
          const probability = input.probability ?? (input.kind === 'won' ? 100 : 0);
          await m.query(
            `INSERT INTO crm.pipeline_stages (id, workspace_id, pipeline_id, name, position, probability, kind) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
            [id, workspaceId, pipelineId, input.name, stages.length, probability, input.kind],
          );
          // Without a position, an open stage goes after the last open one (before Won/Lost).
          const firstClosed = stages.findIndex((s) => s.kind !== 'open');
          const position = input.position ?? (input.kind === 'open' && firstClosed >= 0 ? firstClosed : stages.length);
          await renumber(m, 'pipeline_stages', moveTo([...stages.map((s) => s.id), id], id, position));
          await this.touch(m, workspaceId, pipelineId);
          return this.pipelines.load(m, workspaceId, pipelineId);
        }),
      STAGE_NAME_TAKEN,
    );
  }

  async update(workspaceId: string, pipelineId: string, stageId: string, input: UpdateStageInput): Promise<PipelineDto> {
    return uniqueAsConflict(
      () =>
        this.db.inWorkspace(workspaceId, async (m) => {
          await this.pipelines.lockPipeline(m, workspaceId, pipelineId);
          const stages = await this.stagesOf(m, workspaceId, pipelineId);
          const stage = stages.find((s) => s.id === stageId);
          if (!stage) throw new NotFoundError('Stage');
          if (input.kind !== undefined && input.kind !== stage.kind) {
            requireEveryKind(
              stages.map((s) => (s.id === stageId ? { ...s, kind: input.kind as StageKind } : s)),
              'kind',
            );
            // A deal's status follows its stage's kind; flipping it under open deals would
            // silently win or lose them.
            const deals = await this.dealCount(m, workspaceId, stageId);
            if (deals > 0) {
              throw new ConflictError(`${deals} deal(s) sit in this stage; move them before changing its kind.`, [
                { field: 'kind', message: 'Move the deals out of this stage first.' },
              ]);
            }
          }
          await m.query(
            `UPDATE crm.pipeline_stages SET name = coalesce($3, name), probability = coalesce($4, probability), kind = coalesce($5, kind)
             WHERE workspace_id = $1 AND id = $2`,
            [workspaceId, stageId, input.name ?? null, input.probability ?? null, input.kind ?? null],
          );
          if (input.position !== undefined) {
            await renumber(
              m,
              'pipeline_stages',
              moveTo(
                stages.map((s) => s.id),
                stageId,
                input.position,
              ),
            );
          }
          await this.touch(m, workspaceId, pipelineId);
          return this.pipelines.load(m, workspaceId, pipelineId);
        }),
      STAGE_NAME_TAKEN,
    );
  }

  /** Deletes a stage; its deals block it (409) unless `moveToId` names another stage of the pipeline to move them to. */
  async remove(workspaceId: string, pipelineId: string, stageId: string, moveToId?: string): Promise<PipelineDto> {
    return this.db.inWorkspace(workspaceId, async (m) => {
      await this.pipelines.lockPipeline(m, workspaceId, pipelineId);
      const stages = await this.stagesOf(m, workspaceId, pipelineId);
      const stage = stages.find((s) => s.id === stageId);
      if (!stage) throw new NotFoundError('Stage');
      requireEveryKind(
        stages.filter((s) => s.id !== stageId),
        'stageId',
      );
      const deals = await this.dealCount(m, workspaceId, stageId);
      if (deals > 0) {
        if (!moveToId) {
          throw new ConflictError(`${deals} deal(s) sit in this stage; move them first or pass moveTo=<stage id>.`, [
            { field: 'moveTo', message: 'Name the stage that should receive the deals.' },
          ]);
        }
        const target = stages.find((s) => s.id === moveToId && s.id !== stageId);
        if (!target)
          throw new DomainError(ErrorCode.NotFound, 'Stage not found.', [
            { field: 'moveTo', message: 'No other stage of this pipeline has this id.' },
          ]);
        await moveDealsBetweenStages(m, this.events, workspaceId, stage, target);
      }
      await m.query(`DELETE FROM crm.pipeline_stages WHERE workspace_id = $1 AND id = $2`, [workspaceId, stageId]);
      await renumber(
        m,
        'pipeline_stages',
        stages.filter((s) => s.id !== stageId).map((s) => s.id),
      );
      await this.touch(m, workspaceId, pipelineId);
      return this.pipelines.load(m, workspaceId, pipelineId);
    });
  }

  private async stagesOf(m: EntityManager, workspaceId: string, pipelineId: string): Promise<StageRow[]> {
    return rows<StageRow>(
      m,
      `SELECT ${STAGE_COLUMNS} FROM crm.pipeline_stages WHERE workspace_id = $1 AND pipeline_id = $2 ORDER BY position, id`,
      [workspaceId, pipelineId],
    );
  }

  private async dealCount(m: EntityManager, workspaceId: string, stageId: string): Promise<number> {
    const [row] = await rows<{ n: number }>(m, `SELECT count(*)::int AS n FROM crm.deals WHERE workspace_id = $1 AND stage_id = $2`, [
      workspaceId,
      stageId,
    ]);
    return row?.n ?? 0;
  }

  private async touch(m: EntityManager, workspaceId: string, pipelineId: string): Promise<void> {
    await m.query(
      `UPDATE crm.pipelines SET updated_at = date_trunc('milliseconds', clock_timestamp()) WHERE workspace_id = $1 AND id = $2`,
      [workspaceId, pipelineId],
    );
  }
}

/** 409 naming `field` unless the stages would still include an open, a won and a lost one. */
function requireEveryKind(stages: Array<{ kind: StageKind }>, field: string): void {
  const missing = STAGE_KINDS.filter((k) => !stages.some((s) => s.kind === k));
  if (missing.length > 0) {
    const message = `A pipeline keeps at least one ${missing.join(' and one ')} stage.`;
    throw new ConflictError(message, [{ field, message }]);
  }
}
