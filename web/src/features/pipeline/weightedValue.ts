import { toAmount } from './dealFilter';
import type { AggregateRow, Stage } from './types';

export interface PipelineSummary {
  openCount: number;
  openValue: number;
  /** Σ amount × probability of open deals: a deal's own probability, else its stage's. */
  weightedValue: number;
  wonValue: number;
}

/**
 * The board's headline numbers from three aggregates (no deal is fetched):
 * `perStage` = sum of amount per stage; `overriddenPerStage` = the same for deals with their own
 * probability; `overriddenByProbability` = open deals with their own probability, summed per probability.
 */
export function summarisePipeline(
  stages: Stage[],
  perStage: AggregateRow[],
  overriddenPerStage: AggregateRow[],
  overriddenByProbability: AggregateRow[],
): PipelineSummary {
  const sumOf = (rows: AggregateRow[], key: string) => toAmount(rows.find((r) => r.key === key)?.value);
  const summary: PipelineSummary = { openCount: 0, openValue: 0, weightedValue: 0, wonValue: 0 };
  for (const stage of stages) {
    const total = sumOf(perStage, stage.id);
    if (stage.kind === 'won') summary.wonValue += total;
    if (stage.kind !== 'open') continue;
    summary.openCount += perStage.find((r) => r.key === stage.id)?.count ?? 0;
    summary.openValue += total;
    summary.weightedValue += ((total - sumOf(overriddenPerStage, stage.id)) * stage.probability) / 100;
  }
  for (const row of overriddenByProbability) {
    const probability = row.key === null ? Number.NaN : Number.parseFloat(row.key);
    if (Number.isFinite(probability)) summary.weightedValue += (toAmount(row.value) * probability) / 100;
  }
  return summary;
}
