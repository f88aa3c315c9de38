import type { EntityManager } from 'typeorm';
import type { DomainEvents } from '@meridian/platform';
import type { DealStageChanged } from '@meridian/proto/crm/v1/crm_events';
import type { Deal } from '@meridian/proto/crm/v1/record_service';
import { rows } from './pipeline-sql.js';
import type { StageRow } from './pipeline.mapper.js';

export const DEAL_STAGE_CHANGED = 'crm.deal.stage_changed.v1';

interface DealMessageRow {
  id: string;
  name: string;
  amount: string | null;
  currency: string;
  pipeline_id: string;
  stage_id: string;
  stage_name: string;
  probability: number;
  expected_close_date: string | null;
  owner_id: string | null;
  company_id: string | null;
  contact_ids: string[];
  status: string;
  lost_reason: string | null;
  closed_at: string | null;
  tags: string[];
  custom: Record<string, unknown>;
  created_at: string;
  updated_at: string;
}

const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * Moves every deal of stage `from` to stage `to` (same pipeline) when `from` is deleted.
 * Status and close time follow the new stage's kind, and each deal gets the same
 * `crm.deal.stage_changed.v1` a one-by-one move would send, so workflows and analytics
 * see the move.
 */
export async function moveDealsBetweenStages(
  m: EntityManager,
  events: DomainEvents,
  workspaceId: string,
  from: StageRow,
  to: StageRow,
): Promise<number> {
  const moved = await rows<{ id: string }>(
    m,
    `UPDATE crm.deals SET stage_id = $3, status = $4,
       closed_at = CASE WHEN $4 = 'open' THEN NULL WHEN status = $4 THEN closed_at ELSE date_trunc('milliseconds', clock_timestamp()) END,
       lost_reason = CASE WHEN $4 = 'lost' THEN lost_reason ELSE NULL END,
       stage_changed_at = date_trunc('milliseconds', clock_timestamp()),
       updated_at = date_trunc('milliseconds', clock_timestamp())
     WHERE workspace_id = $1 AND stage_id = $2 RETURNING id`,
    [workspaceId, from.id, to.id, to.kind],
  );
  if (moved.length === 0) return 0;
  const deals = await rows<DealMessageRow>(
    m,
    `SELECT d.id, d.name, d.amount::text AS amount, d.currency, d.pipeline_id, d.stage_id, s.name AS stage_name,
            coalesce(d.probability, s.probability) AS probability, to_char(d.expected_close_date, 'YYYY-MM-DD') AS expected_close_date,
            d.owner_id, d.company_id, d.status, d.lost_reason, ${iso('d.closed_at')} AS closed_at, d.tags, d.custom,
            ${iso('d.created_at')} AS created_at, ${iso('d.updated_at')} AS updated_at,
            coalesce((SELECT array_agg(dc.contact_id ORDER BY dc.contact_id) FROM crm.deal_contacts dc WHERE dc.deal_id = d.id), '{}') AS contact_ids
     FROM crm.deals d JOIN crm.pipeline_stages s ON s.id = d.stage_id
     WHERE d.workspace_id = $1 AND d.id = ANY($2::uuid[])`,
    [workspaceId, moved.map((d) => d.id)],
  );
  await events.record<DealStageChanged>(
    m,
    ...deals.map((d) => ({
      type: DEAL_STAGE_CHANGED,
      workspaceId,
      subject: d.id,
      data: { deal: dealMessage(workspaceId, d), fromStageId: from.id, toStageId: to.id },
    })),
  );
  return moved.length;
}

function dealMessage(workspaceId: string, d: DealMessageRow): Deal {
  return {
    id: d.id,
    workspaceId,
    name: d.name,
    ...(d.amount !== null ? { amount: d.amount } : {}),
    currency: d.currency.trim(),
    pipelineId: d.pipeline_id,
    stageId: d.stage_id,
    stageName: d.stage_name,
    probability: d.probability,
    ...(d.expected_close_date ? { expectedCloseDate: d.expected_close_date } : {}),
    ...(d.owner_id ? { ownerId: d.owner_id } : {}),
    ...(d.company_id ? { companyId: d.company_id } : {}),
    contactIds: d.contact_ids,
    status: d.status,
    ...(d.lost_reason ? { lostReason: d.lost_reason } : {}),
    ...(d.closed_at ? { closedAt: d.closed_at } : {}),
    tags: d.tags,
    customJson: JSON.stringify(d.custom),
    createdAt: d.created_at,
    updatedAt: d.updated_at,
  };
}
