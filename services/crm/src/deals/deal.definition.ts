import { COMMON_FIELDS, isoOrNull as iso, type ObjectDefinition, type StandardField } from '../records/object-definition.js';
import { createDealSchema, patchDealSchema, type CreateDealInput, type PatchDealInput } from './dto/deal.schemas.js';

export interface DealDto {
  id: string;
  name: string;
  amount: string | null;
  currency: string;
  pipelineId: string;
  stageId: string;
  stageName: string;
  stageKind: 'open' | 'won' | 'lost';
  /** The deal's own probability, else its stage's. */
  probability: number;
  expectedCloseDate: string | null;
  ownerId: string | null;
  companyId: string | null;
  companyName: string | null;
  contactIds: string[];
  status: 'open' | 'won' | 'lost';
  lostReason: string | null;
  closedAt: string | null;
  stageChangedAt: string;
  tags: string[];
  externalId: string | null;
  custom: Record<string, unknown>;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string | null;
}

const fields: StandardField[] = [
  { key: 'name', kind: 'text', expr: 'r.name', ciExpr: 'r.name_key', sortExpr: 'r.name_key', caseInsensitive: true, nullable: false },
  { key: 'amount', kind: 'number', expr: 'r.amount', sortExpr: 'r.amount', nullable: true },
  { key: 'currency', kind: 'text', expr: 'r.currency', nullable: false },
  { key: 'pipelineId', kind: 'uuid', expr: 'r.pipeline_id', nullable: false },
  { key: 'stageId', kind: 'uuid', expr: 'r.stage_id', sortExpr: 'r.stage_id', nullable: false },
  { key: 'status', kind: 'text', expr: 'r.status', nullable: false, values: ['open', 'won', 'lost'] },
  { key: 'probability', kind: 'number', expr: 'r.probability', nullable: true },
  { key: 'expectedCloseDate', kind: 'date', expr: 'r.expected_close_date', sortExpr: 'r.expected_close_date', nullable: true },
  { key: 'companyId', kind: 'uuid', expr: 'r.company_id', sortExpr: 'r.company_id', nullable: true },
  // The deal's contacts: `contains` finds a contact's deals (record pages), `in` any of several.
  {
    key: 'contactIds',
    kind: 'tags',
    expr: 'ARRAY(SELECT dc.contact_id::text FROM crm.deal_contacts dc WHERE dc.deal_id = r.id)',
    nullable: false,
  },
  { key: 'closedAt', kind: 'datetime', expr: 'r.closed_at', nullable: true },
  ...COMMON_FIELDS,
];

export const dealDefinition: ObjectDefinition<DealDto, CreateDealInput, PatchDealInput> = {
  name: 'deals',
  singular: 'deal',
  label: 'Deal',
  table: 'deals',
  select: `r.id, r.name, r.amount::text AS amount, r.currency, r.pipeline_id, r.stage_id, s.name AS stage_name, s.kind AS stage_kind,
    coalesce(r.probability, s.probability) AS probability, to_char(r.expected_close_date, 'YYYY-MM-DD') AS expected_close_date,
    r.owner_id, r.company_id, co.name AS company_name,
    ARRAY(SELECT dc.contact_id FROM crm.deal_contacts dc WHERE dc.deal_id = r.id ORDER BY dc.contact_id) AS contact_ids,
    r.status, r.lost_reason, r.closed_at, r.stage_changed_at, r.tags, r.external_id, r.custom, r.created_at, r.updated_at, r.last_activity_at`,
  joins: 'JOIN crm.pipeline_stages s ON s.id = r.stage_id LEFT JOIN crm.companies co ON co.id = r.company_id',
  fields,
  extraKeys: ['stageName', 'stageKind', 'companyName', 'lostReason', 'stageChangedAt', 'custom'],
  createSchema: createDealSchema,
  patchSchema: patchDealSchema,
  toDto: (r) => ({
    id: r.id as string,
    name: r.name as string,
    amount: (r.amount as string | null) ?? null,
    currency: (r.currency as string).trim(),
    pipelineId: r.pipeline_id as string,
    stageId: r.stage_id as string,
    stageName: r.stage_name as string,
    stageKind: r.stage_kind as DealDto['stageKind'],
    probability: r.probability as number,
    expectedCloseDate: (r.expected_close_date as string | null) ?? null,
    ownerId: (r.owner_id as string | null) ?? null,
    companyId: (r.company_id as string | null) ?? null,
    companyName: (r.company_name as string | null) ?? null,
    contactIds: (r.contact_ids as string[]) ?? [],
    status: r.status as DealDto['status'],
    lostReason: (r.lost_reason as string | null) ?? null,
    closedAt: iso(r.closed_at),
    stageChangedAt: iso(r.stage_changed_at)!,
    tags: (r.tags as string[]) ?? [],
    externalId: (r.external_id as string | null) ?? null,
    custom: (r.custom as Record<string, unknown>) ?? {},
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    lastActivityAt: iso(r.last_activity_at),
  }),
};
