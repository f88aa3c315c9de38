import type { ImportObject } from './dto/import.schemas.js';

/** A column the importer writes: its SQL type (for jsonb_to_recordset) and its API field key (for update events). */
export interface ImportColumn {
  column: string;
  type: 'text' | 'text[]' | 'uuid' | 'jsonb' | 'integer' | 'numeric' | 'date' | 'timestamptz';
  field: string;
  /** Value of a new record when the file leaves the column empty. */
  fallback?: unknown;
  /** Arrays are unioned and objects merged key by key on update, instead of replaced. */
  merge?: 'union' | 'object';
}

/** How the importer writes one object type: table, columns, dedupe columns and event names. */
export interface ImportObjectSpec {
  object: ImportObject;
  table: string;
  singular: 'contact' | 'company' | 'deal';
  columns: readonly ImportColumn[];
  dedupeColumn: Partial<Record<'email' | 'domain' | 'externalId', string>>;
}

const common = (extra: ImportColumn[]): ImportColumn[] => [
  ...extra,
  { column: 'owner_id', type: 'uuid', field: 'ownerId' },
  { column: 'tags', type: 'text[]', field: 'tags', fallback: [], merge: 'union' },
  { column: 'external_id', type: 'text', field: 'externalId' },
  { column: 'custom', type: 'jsonb', field: 'custom', fallback: {}, merge: 'object' },
];

export const IMPORT_OBJECT_SPECS: Record<ImportObject, ImportObjectSpec> = {
  contacts: {
    object: 'contacts',
    table: 'contacts',
    singular: 'contact',
    dedupeColumn: { email: 'email', externalId: 'external_id' },
    columns: common([
      { column: 'first_name', type: 'text', field: 'firstName', fallback: '' },
      { column: 'last_name', type: 'text', field: 'lastName', fallback: '' },
      { column: 'email', type: 'text', field: 'email' },
      { column: 'emails', type: 'text[]', field: 'otherEmails', fallback: [], merge: 'union' },
      { column: 'phone', type: 'text', field: 'phone' },
      { column: 'phones', type: 'text[]', field: 'otherPhones', fallback: [], merge: 'union' },
      { column: 'title', type: 'text', field: 'title' },
      { column: 'company_id', type: 'uuid', field: 'companyId' },
      { column: 'lifecycle_stage', type: 'text', field: 'lifecycleStage' },
      { column: 'lead_status', type: 'text', field: 'leadStatus' },
      { column: 'source', type: 'text', field: 'source' },
      { column: 'address', type: 'jsonb', field: 'address', merge: 'object' },
      { column: 'social', type: 'jsonb', field: 'social', merge: 'object' },
    ]),
  },
  companies: {
    object: 'companies',
    table: 'companies',
    singular: 'company',
    dedupeColumn: { domain: 'domain', externalId: 'external_id' },
    columns: common([
      { column: 'name', type: 'text', field: 'name' },
      { column: 'domain', type: 'text', field: 'domain' },
      { column: 'industry', type: 'text', field: 'industry' },
      { column: 'employees', type: 'integer', field: 'employees' },
      { column: 'annual_revenue', type: 'numeric', field: 'annualRevenue' },
      { column: 'address', type: 'jsonb', field: 'address', merge: 'object' },
    ]),
  },
  deals: {
    object: 'deals',
    table: 'deals',
    singular: 'deal',
    dedupeColumn: { externalId: 'external_id' },
    columns: common([
      { column: 'name', type: 'text', field: 'name' },
      { column: 'amount', type: 'numeric', field: 'amount' },
      { column: 'currency', type: 'text', field: 'currency', fallback: 'USD' },
      { column: 'pipeline_id', type: 'uuid', field: 'pipelineId' },
      { column: 'stage_id', type: 'uuid', field: 'stageId' },
      { column: 'probability', type: 'integer', field: 'probability' },
      { column: 'expected_close_date', type: 'date', field: 'expectedCloseDate' },
      { column: 'company_id', type: 'uuid', field: 'companyId' },
      { column: 'status', type: 'text', field: 'status', fallback: 'open' },
      { column: 'lost_reason', type: 'text', field: 'lostReason' },
      { column: 'closed_at', type: 'timestamptz', field: 'closedAt' },
    ]),
  },
};

/** `r(id uuid, first_name text, ...)`: the record type of a jsonb_to_recordset over the spec's columns. */
export const recordsetType = (spec: ImportObjectSpec): string =>
  `r(id uuid, ${spec.columns.map((c) => `${c.column} ${c.type}`).join(', ')})`;

/** SELECT list that reads a stored record back in the shape the importer writes (dates as text). */
export const storedColumns = (spec: ImportObjectSpec): string =>
  [
    'id',
    ...spec.columns.map((c) =>
      c.type === 'date' ? `${c.column}::text AS ${c.column}` : c.type === 'numeric' ? `${c.column}::text AS ${c.column}` : c.column,
    ),
    'created_at',
    'updated_at',
  ].join(', ');
