import type { Deal as DealRecord } from '../records/types';

export type { Pipeline, Stage, StageKind } from '../records/pipelinesApi';

/** A deal as the board reads it (the API resolves the company's name). */
export type Deal = DealRecord & { companyName?: string | null };

export interface DealPage {
  data: Deal[];
  nextCursor: string | null;
}

/** One group of GET /deals/aggregate: `value` is a decimal string (null when the group has no amounts). */
export interface AggregateRow {
  key: string | null;
  count: number;
  value: string | number | null;
}

/** What the board shows: one pipeline, everyone's deals or only mine. */
export interface BoardScope {
  pipelineId: string;
  ownerId?: string;
}

export interface StageScope extends BoardScope {
  stageId: string;
}
