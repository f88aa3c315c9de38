import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { ConflictError, NotFoundError, TenantDatabase } from '@meridian/platform';
import { DEFAULT_PIPELINE_NAME, DEFAULT_STAGES } from './default-pipeline.js';
import type { CreatePipelineInput, StageInput, UpdatePipelineInput } from './dto/pipeline.schemas.js';
import {
  PIPELINE_COLUMNS,
  STAGE_COLUMNS,
  pipelineMapper,
  type PipelineDto,
  type PipelineRow,
  type StageDto,
  type StageRow,
} from './pipeline.mapper.js';
import { rows } from '../shared/sql.js';
import { moveTo, renumber, uniqueAsConflict } from './pipeline-sql.js';

const PIPELINE_NAME_TAKEN = { pipelines_name_uq: { field: 'name', message: 'A pipeline with this name already exists.' } };

/**
 * Pipelines of a workspace: the default one (created on workspace creation and lazily for
 * older workspaces), custom ones, and lookups the deals module relies on.
 */
@Injectable()
export class PipelinesService {
  constructor(private readonly db: TenantDatabase) {}

  async list(workspaceId: string): Promise<PipelineDto[]> {
    return this.db.inWorkspace(workspaceId, async (m) => {
      await this.ensureDefaultIn(m, workspaceId);
      const pipelines = await rows<PipelineRow>(
        m,
        `SELECT ${PIPELINE_COLUMNS} FROM crm.pipelines WHERE workspace_id = $1 ORDER BY position, created_at, id`,
        [workspaceId],
      );
      const stages = await rows<StageRow>(m, `SELECT ${STAGE_COLUMNS} FROM crm.pipeline_stages WHERE workspace_id = $1`, [workspaceId]);
      return pipelines.map((p) => pipelineMapper.pipeline(p, stages));
    });
  }

  async get(workspaceId: string, id: string): Promise<PipelineDto> {
    return this.db.inWorkspace(workspaceId, (m) => this.load(m, workspaceId, id));
  }

  async create(workspaceId: string, input: CreatePipelineInput): Promise<PipelineDto> {
    const id = randomUUID();
    return uniqueAsConflict(
      () =>
        this.db.inWorkspace(workspaceId, async (m) => {
          // The first pipeline a workspace makes must not become a default-less world.
          await this.ensureDefaultIn(m, workspaceId);
          await this.lockAll(m, workspaceId);
          await m.query(
            `INSERT INTO crm.pipelines (id, workspace_id, name, position)
             SELECT $1, $2, $3, coalesce(max(position) + 1, 0) FROM crm.pipelines WHERE workspace_id = $2`,
            [id, workspaceId, input.name],
          );
          await this.insertStages(m, workspaceId, id, input.stages ?? DEFAULT_STAGES);
          return this.load(m, workspaceId, id);
        }),
      PIPELINE_NAME_TAKEN,
    );
  }

  async update(workspaceId: string, id: string, input: UpdatePipelineInput): Promise<PipelineDto> {
    return uniqueAsConflict(
      () =>
        this.db.inWorkspace(workspaceId, async (m) => {
          if (input.isDefault || input.position !== undefined) await this.lockAll(m, workspaceId);
          await this.lockPipeline(m, workspaceId, id);
          if (input.name !== undefined) {
            await m.query(
              `UPDATE crm.pipelines SET name = $3, updated_at = date_trunc('milliseconds', clock_timestamp()) WHERE workspace_id = $1 AND id = $2`,
              [workspaceId, id, input.name],
            );
          }
          if (input.isDefault) {
            await m.query(
              `UPDATE crm.pipelines SET is_default = false, updated_at = date_trunc('milliseconds', clock_timestamp()) WHERE workspace_id = $1 AND is_default AND id <> $2`,
              [workspaceId, id],
            );
            await m.query(
              `UPDATE crm.pipelines SET is_default = true, updated_at = date_trunc('milliseconds', clock_timestamp()) WHERE workspace_id = $1 AND id = $2 AND NOT is_default`,
              [workspaceId, id],
            );
          }
          if (input.position !== undefined) {
            const all = await rows<{ id: string }>(
              m,
              `SELECT id FROM crm.pipelines WHERE workspace_id = $1 ORDER BY position, created_at, id`,
              [workspaceId],
            );
            await renumber(
              m,
              'pipelines',
              moveTo(
                all.map((p) => p.id),
                id,
                input.position,
              ),
            );
          }
          return this.load(m, workspaceId, id);
        }),
      PIPELINE_NAME_TAKEN,
    );
  }

  /** Deletes an empty, non-default pipeline with its stages. */
  async remove(workspaceId: string, id: string): Promise<void> {
    await this.db.inWorkspace(workspaceId, async (m) => {
      await this.lockAll(m, workspaceId);
      const pipeline = await this.lockPipeline(m, workspaceId, id);
      if (pipeline.is_default) throw new ConflictError('The default pipeline cannot be deleted; make another pipeline the default first.');
      const [deals] = await rows<{ n: number }>(
        m,
        `SELECT count(*)::int AS n FROM crm.deals WHERE workspace_id = $1 AND pipeline_id = $2`,
        [workspaceId, id],
      );
      if (deals && deals.n > 0) throw new ConflictError(`This pipeline still has ${deals.n} deal(s); move or delete them first.`);
      await m.query(`DELETE FROM crm.pipelines WHERE workspace_id = $1 AND id = $2`, [workspaceId, id]);
      const left = await rows<{ id: string }>(m, `SELECT id FROM crm.pipelines WHERE workspace_id = $1 ORDER BY position, created_at, id`, [
        workspaceId,
      ]);
      await renumber(
        m,
        'pipelines',
        left.map((p) => p.id),
      );
    });
  }

  /**
   * The workspace's default pipeline, created with the default sales stages if it has none.
   * Idempotent and safe under concurrency: a transaction-scoped advisory lock per workspace
   * makes concurrent callers wait for the first one and then read its row (ON CONFLICT on
   * pipelines_default_uq alone would still let the racing "Sales" insert hit the name index).
   */
  async ensureDefault(workspaceId: string): Promise<PipelineDto> {
    return this.db.inWorkspace(workspaceId, async (m) => this.load(m, workspaceId, await this.ensureDefaultIn(m, workspaceId)));
  }

  /** ensureDefault inside the caller's transaction (the workspace-created consumer's). Returns the pipeline id. */
  async ensureDefaultIn(m: EntityManager, workspaceId: string): Promise<string> {
    const found = await this.defaultId(m, workspaceId);
    if (found) return found;
    await m.query(`SELECT pg_advisory_xact_lock(hashtextextended('crm.default_pipeline:' || $1, 0))`, [workspaceId]);
    const existing = await this.defaultId(m, workspaceId);
    if (existing) return existing;
    const id = randomUUID();
    // A non-default pipeline already named "Sales" must not fail the insert: then it takes a free name.
    const inserted = await rows<{ id: string }>(
      m,
      `INSERT INTO crm.pipelines (id, workspace_id, name, position, is_default)
       SELECT $1, $2, CASE WHEN EXISTS (SELECT 1 FROM crm.pipelines WHERE workspace_id = $2 AND lower(name) = lower($3)) THEN $3 || ' (default)' ELSE $3 END,
              coalesce(max(position) + 1, 0), true
       FROM crm.pipelines WHERE workspace_id = $2
       ON CONFLICT (workspace_id) WHERE is_default DO NOTHING RETURNING id`,
      [id, workspaceId, DEFAULT_PIPELINE_NAME],
    );
    if (inserted[0]) {
      await this.insertStages(m, workspaceId, id, DEFAULT_STAGES);
      return id;
    }
    const winner = await this.defaultId(m, workspaceId);
    if (!winner) throw new Error(`No default pipeline for workspace ${workspaceId} after a conflicting insert`);
    return winner;
  }

  private async defaultId(m: EntityManager, workspaceId: string): Promise<string | undefined> {
    const [row] = await rows<{ id: string }>(m, `SELECT id FROM crm.pipelines WHERE workspace_id = $1 AND is_default`, [workspaceId]);
    return row?.id;
  }

  /** One stage of the workspace, for the deals module. */
  async stage(workspaceId: string, stageId: string): Promise<StageDto> {
    const [stage] = await this.db.inWorkspace(workspaceId, (m) =>
      rows<StageRow>(m, `SELECT ${STAGE_COLUMNS} FROM crm.pipeline_stages WHERE workspace_id = $1 AND id = $2`, [workspaceId, stageId]),
    );
    if (!stage) throw new NotFoundError('Stage');
    return pipelineMapper.stage(stage);
  }

  /** Where a new deal of the pipeline starts: its first open stage (by position). */
  async firstStage(workspaceId: string, pipelineId: string): Promise<StageDto> {
    const [stage] = await this.db.inWorkspace(workspaceId, (m) =>
      rows<StageRow>(
        m,
        `SELECT ${STAGE_COLUMNS} FROM crm.pipeline_stages WHERE workspace_id = $1 AND pipeline_id = $2
         ORDER BY (kind <> 'open'), position LIMIT 1`,
        [workspaceId, pipelineId],
      ),
    );
    if (!stage) throw new NotFoundError('Pipeline');
    return pipelineMapper.stage(stage);
  }

  /**
   * Locks every pipeline of the workspace, always in id order: writes that touch several
   * (default switch, reordering, delete + renumber, create at the end) serialize instead of
   * deadlocking each other.
   */
  private async lockAll(m: EntityManager, workspaceId: string): Promise<void> {
    await m.query(`SELECT id FROM crm.pipelines WHERE workspace_id = $1 ORDER BY id FOR UPDATE`, [workspaceId]);
  }

  /** The pipeline row, locked for the rest of the transaction (stage edits serialize per pipeline). */
  async lockPipeline(m: EntityManager, workspaceId: string, id: string): Promise<PipelineRow> {
    const [pipeline] = await rows<PipelineRow>(
      m,
      `SELECT ${PIPELINE_COLUMNS} FROM crm.pipelines WHERE workspace_id = $1 AND id = $2 FOR UPDATE`,
      [workspaceId, id],
    );
    if (!pipeline) throw new NotFoundError('Pipeline');
    return pipeline;
  }

  async load(m: EntityManager, workspaceId: string, id: string): Promise<PipelineDto> {
    const [pipeline] = await rows<PipelineRow>(m, `SELECT ${PIPELINE_COLUMNS} FROM crm.pipelines WHERE workspace_id = $1 AND id = $2`, [
      workspaceId,
      id,
    ]);
    if (!pipeline) throw new NotFoundError('Pipeline');
    const stages = await rows<StageRow>(
      m,
      `SELECT ${STAGE_COLUMNS} FROM crm.pipeline_stages WHERE workspace_id = $1 AND pipeline_id = $2`,
      [workspaceId, id],
    );
    return pipelineMapper.pipeline(pipeline, stages);
  }

  private async insertStages(m: EntityManager, workspaceId: string, pipelineId: string, stages: readonly StageInput[]): Promise<void> {
    await m.query(
      `INSERT INTO crm.pipeline_stages (id, workspace_id, pipeline_id, name, position, probability, kind)
       SELECT gen_random_uuid(), $1, $2, s.name, s.n - 1, s.probability, s.kind
       FROM unnest($3::text[], $4::int[], $5::text[]) WITH ORDINALITY AS s(name, probability, kind, n)`,
      [workspaceId, pipelineId, stages.map((s) => s.name), stages.map((s) => s.probability), stages.map((s) => s.kind)],
    );
  }
}
