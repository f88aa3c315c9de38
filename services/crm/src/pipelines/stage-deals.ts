import type { EntityManager } from 'typeorm';
import type { DomainEventInput, DomainEvents } from '@meridian/platform';
import type { DealStageChanged, DealUpdated } from '@meridian/proto/crm/v1/crm_events';
import { dealDefinition, type DealDto } from '../deals/deal.definition.js';
import { dealToMessage } from '../deals/deals.service.js';
import { diffRecords } from '../records/changes.js';
import { rows } from '../shared/sql.js';
import type { StageRow } from './pipeline.mapper.js';

export const DEAL_STAGE_CHANGED = 'crm.deal.stage_changed.v1';
export const DEAL_UPDATED = 'crm.deal.updated.v1';

const NOW = `date_trunc('milliseconds', clock_timestamp())`;

async function dealsWhere(m: EntityManager, workspaceId: string, where: string, param: unknown): Promise<Map<string, DealDto>> {
  const found = await rows<Record<string, unknown>>(
    m,
    `SELECT ${dealDefinition.select} FROM crm.deals r ${dealDefinition.joins} WHERE r.workspace_id = $1 AND ${where}`,
    [workspaceId, param],
  );
  return new Map(found.map((r) => [r.id as string, dealDefinition.toDto(r)]));
}

/**
 * Moves every deal of stage `from` to stage `to` (same pipeline) when `from` is deleted.
 * Status and close time follow the new stage's kind, and each deal gets the same events a
 * one-by-one move through PATCH /deals/:id sends (crm.deal.updated.v1 with the changed
 * fields, then crm.deal.stage_changed.v1), so workflows and analytics see the move.
 */
export async function moveDealsBetweenStages(
  m: EntityManager,
  events: DomainEvents,
  workspaceId: string,
  from: StageRow,
  to: StageRow,
): Promise<number> {
  const before = await dealsWhere(m, workspaceId, 'r.stage_id = $2', from.id);
  if (before.size === 0) return 0;
  const ids = [...before.keys()];
  await m.query(
    `UPDATE crm.deals SET stage_id = $3, status = $4,
       closed_at = CASE WHEN $4 = 'open' THEN NULL WHEN status = $4 THEN closed_at ELSE ${NOW} END,
       lost_reason = CASE WHEN $4 = 'lost' THEN lost_reason ELSE NULL END,
       stage_changed_at = ${NOW}, updated_at = ${NOW}
     WHERE workspace_id = $1 AND id = ANY($2::uuid[])`,
    [workspaceId, ids, to.id, to.kind],
  );
  const after = await dealsWhere(m, workspaceId, 'r.id = ANY($2::uuid[])', ids);
  const out: DomainEventInput<DealUpdated | DealStageChanged>[] = [];
  for (const [id, old] of before) {
    const moved = after.get(id)!;
    const deal = dealToMessage(moved, workspaceId);
    const changes = diffRecords(old as unknown as Record<string, unknown>, moved as unknown as Record<string, unknown>);
    out.push({ type: DEAL_UPDATED, workspaceId, subject: id, data: { deal, changes } });
    out.push({ type: DEAL_STAGE_CHANGED, workspaceId, subject: id, data: { deal, fromStageId: from.id, toStageId: to.id } });
  }
  await events.record(m, ...out);
  return ids.length;
}
