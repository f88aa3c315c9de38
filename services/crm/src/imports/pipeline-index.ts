import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';

export interface StageInfo {
  id: string;
  pipelineId: string;
  name: string;
  position: number;
  probability: number;
  kind: 'open' | 'won' | 'lost';
}

interface PipelineInfo {
  id: string;
  name: string;
  isDefault: boolean;
  stages: StageInfo[];
}

const WON = new Set(['won', 'closedwon', 'dealwon', 'win']);
const LOST = new Set(['lost', 'closedlost', 'deallost']);
const squash = (v: string) => v.toLowerCase().replace(/[^a-z0-9]/g, '');

/** "Closed Won" / "Won" → the pipeline's won stage; "Closed Lost" / "Lost" → its lost stage. */
export const closedKind = (name: string): 'won' | 'lost' | null => (WON.has(squash(name)) ? 'won' : LOST.has(squash(name)) ? 'lost' : null);

/** The workspace's pipelines and stages, for resolving deals' `pipeline` and `stage` names. */
export class PipelineIndex {
  private constructor(private readonly pipelines: PipelineInfo[]) {}

  static async load(m: EntityManager): Promise<PipelineIndex> {
    const pipelines = (await m.query(`SELECT id, name, is_default FROM crm.pipelines ORDER BY is_default DESC, position, created_at`)) as {
      id: string;
      name: string;
      is_default: boolean;
    }[];
    const stages = (await m.query(
      `SELECT id, pipeline_id, name, position, probability, kind FROM crm.pipeline_stages ORDER BY position`,
    )) as { id: string; pipeline_id: string; name: string; position: number; probability: number; kind: StageInfo['kind'] }[];
    return new PipelineIndex(
      pipelines.map((p) => ({
        id: p.id,
        name: p.name,
        isDefault: p.is_default,
        stages: stages
          .filter((s) => s.pipeline_id === p.id)
          .map((s) => ({ id: s.id, pipelineId: p.id, name: s.name, position: s.position, probability: s.probability, kind: s.kind })),
      })),
    );
  }

  pipeline(name: string | undefined): PipelineInfo | undefined {
    if (!name) return this.pipelines.find((p) => p.isDefault) ?? this.pipelines[0];
    const lower = name.toLowerCase();
    return this.pipelines.find((p) => p.name.toLowerCase() === lower || p.id === lower);
  }

  pipelineById(id: string): PipelineInfo | undefined {
    return this.pipelines.find((p) => p.id === id);
  }

  /** A stage of `pipeline` by name (or won/lost-like name); without a name, its first open stage. */
  stage(pipeline: PipelineInfo, name: string | undefined): StageInfo | undefined {
    if (!name) return pipeline.stages.find((s) => s.kind === 'open') ?? pipeline.stages[0];
    const lower = name.toLowerCase();
    const exact = pipeline.stages.find((s) => s.name.toLowerCase() === lower || s.id === lower);
    if (exact) return exact;
    const kind = closedKind(name);
    return kind ? pipeline.stages.find((s) => s.kind === kind) : undefined;
  }

  stageById(id: string): StageInfo | undefined {
    for (const p of this.pipelines) {
      const s = p.stages.find((x) => x.id === id);
      if (s) return s;
    }
    return undefined;
  }

  /** Adds an open stage before the pipeline's won/lost stages (createFields), returning it. */
  async addStage(m: EntityManager, workspaceId: string, pipeline: PipelineInfo, name: string): Promise<StageInfo> {
    const open = pipeline.stages.filter((s) => s.kind === 'open');
    const position = open.length ? Math.max(...open.map((s) => s.position)) + 1 : 0;
    const probability = open.length ? open[open.length - 1]!.probability : 10;
    await m.query(`UPDATE crm.pipeline_stages SET position = position + 1 WHERE pipeline_id = $1 AND position >= $2`, [
      pipeline.id,
      position,
    ]);
    for (const s of pipeline.stages) if (s.position >= position) s.position++;
    const stage: StageInfo = { id: randomUUID(), pipelineId: pipeline.id, name: name.slice(0, 100), position, probability, kind: 'open' };
    await m.query(
      `INSERT INTO crm.pipeline_stages (id, workspace_id, pipeline_id, name, position, probability, kind) VALUES ($1, $2, $3, $4, $5, $6, 'open')`,
      [stage.id, workspaceId, pipeline.id, stage.name, position, probability],
    );
    pipeline.stages.push(stage);
    pipeline.stages.sort((a, b) => a.position - b.position);
    return stage;
  }
}
