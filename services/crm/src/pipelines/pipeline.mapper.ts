import type { StageKind } from './dto/pipeline.schemas.js';

/** A stage as the REST API and the deals module see it. */
export interface StageDto {
  id: string;
  pipelineId: string;
  name: string;
  position: number;
  probability: number;
  kind: StageKind;
}

export interface PipelineDto {
  id: string;
  name: string;
  isDefault: boolean;
  position: number;
  stages: StageDto[];
  createdAt: string;
  updatedAt: string;
}

export interface PipelineRow {
  id: string;
  name: string;
  is_default: boolean;
  position: number;
  created_at: Date;
  updated_at: Date;
}

export interface StageRow {
  id: string;
  pipeline_id: string;
  name: string;
  position: number;
  probability: number;
  kind: StageKind;
}

export const STAGE_COLUMNS = 'id, pipeline_id, name, position, probability, kind';
export const PIPELINE_COLUMNS = 'id, name, is_default, position, created_at, updated_at';

export const pipelineMapper = {
  stage(r: StageRow): StageDto {
    return { id: r.id, pipelineId: r.pipeline_id, name: r.name, position: r.position, probability: r.probability, kind: r.kind };
  },
  pipeline(r: PipelineRow, stages: StageRow[]): PipelineDto {
    return {
      id: r.id,
      name: r.name,
      isDefault: r.is_default,
      position: r.position,
      stages: stages
        .filter((s) => s.pipeline_id === r.id)
        .sort((a, b) => a.position - b.position)
        .map(pipelineMapper.stage),
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
    };
  },
};
