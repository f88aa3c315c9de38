import type { AggregateRow, BoardScope, Deal } from './types';

type Condition = { field: string; op: 'eq'; value: string } | { field: string; op: 'isNotEmpty' };

interface Narrowing {
  stageId?: string;
  currency?: string;
  /** Only open deals (not won or lost). */
  open?: boolean;
  /** Only deals with their own probability (null means "the stage's"). */
  ownProbability?: boolean;
}

/** The list filter (docs/crm-api.md) for the deals of a board, optionally narrowed further. */
export function boardFilter(scope: BoardScope, extra: Narrowing = {}): string {
  const and: Condition[] = [{ field: 'pipelineId', op: 'eq', value: scope.pipelineId }];
  if (extra.stageId) and.push({ field: 'stageId', op: 'eq', value: extra.stageId });
  if (scope.ownerId) and.push({ field: 'ownerId', op: 'eq', value: scope.ownerId });
  if (extra.currency) and.push({ field: 'currency', op: 'eq', value: extra.currency });
  if (extra.open) and.push({ field: 'status', op: 'eq', value: 'open' });
  if (extra.ownProbability) and.push({ field: 'probability', op: 'isNotEmpty' });
  return JSON.stringify({ and });
}

/** A decimal from the API as a number; anything unreadable counts as 0. */
export function toAmount(value: string | number | null | undefined): number {
  if (value === null || value === undefined || value === '') return 0;
  const n = typeof value === 'number' ? value : Number.parseFloat(value);
  return Number.isFinite(n) ? n : 0;
}

/**
 * Moves one deal's count and amount from one group to another, as the server will once the
 * change lands: the optimistic half of a drag. Works on the draft RTK Query hands out.
 */
export function moveBetweenGroups(rows: AggregateRow[], deal: Deal, fromKey: string, toKey: string): void {
  const amount = toAmount(deal.amount);
  const adjust = (key: string, sign: 1 | -1) => {
    let row = rows.find((r) => r.key === key);
    if (!row) {
      row = { key, count: 0, value: '0' };
      rows.push(row);
    }
    row.count = Math.max(0, row.count + sign);
    row.value = (toAmount(row.value) + sign * amount).toFixed(2);
  };
  adjust(fromKey, -1);
  adjust(toKey, 1);
}
