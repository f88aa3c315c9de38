import type { MessageKey } from '../../app/i18n';
import type { FieldDefinition, FieldOption, FilterOp, RecordObject } from './types';

/** How a column shows, edits and filters its value. */
export type ColumnKind =
  | 'text'
  | 'longText'
  | 'email'
  | 'phone'
  | 'url'
  | 'number'
  | 'money'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'select'
  | 'multiSelect'
  | 'tags'
  | 'user'
  | 'company'
  | 'stage'
  | 'name';

export interface ColumnDef {
  /** The API field key, `custom.<key>` for custom fields, or `name` for a record's title. */
  key: string;
  labelKey?: MessageKey;
  /** Custom fields carry their own label. */
  label?: string;
  kind: ColumnKind;
  width: number;
  /** Server sort key, when the API can sort by it. */
  sortKey?: string;
  /** Field key for filters, when the API can filter by it. */
  filterKey?: string;
  /** Inline-editable in the table. */
  editable?: boolean;
  /** For select kinds: value → message key (standard enums) or option label (custom). */
  options?: Array<{ value: string; labelKey?: MessageKey; label?: string }>;
  /** Shown when no saved view says otherwise. */
  defaultVisible?: boolean;
}

const enumOptions = (prefix: string, values: string[]) => values.map((value) => ({ value, labelKey: `${prefix}.${value}` as MessageKey }));

export const lifecycleStages = [
  'subscriber',
  'lead',
  'marketingQualified',
  'salesQualified',
  'opportunity',
  'customer',
  'evangelist',
  'other',
];
export const leadStatuses = ['new', 'open', 'inProgress', 'openDeal', 'unqualified', 'attemptedToContact', 'connected', 'badTiming'];

const common = (object: RecordObject): ColumnDef[] => [
  {
    key: 'ownerId',
    labelKey: 'records.field.owner',
    kind: 'user',
    width: 170,
    sortKey: 'ownerId',
    filterKey: 'ownerId',
    editable: true,
    defaultVisible: true,
  },
  {
    key: 'tags',
    labelKey: 'records.field.tags',
    kind: 'tags',
    width: 180,
    filterKey: 'tags',
    editable: true,
    defaultVisible: object !== 'deals',
  },
  {
    key: 'lastActivityAt',
    labelKey: 'records.field.lastActivityAt',
    kind: 'datetime',
    width: 150,
    sortKey: 'lastActivityAt',
    filterKey: 'lastActivityAt',
  },
  {
    key: 'createdAt',
    labelKey: 'records.field.createdAt',
    kind: 'datetime',
    width: 150,
    sortKey: 'createdAt',
    filterKey: 'createdAt',
    defaultVisible: true,
  },
  { key: 'updatedAt', labelKey: 'records.field.updatedAt', kind: 'datetime', width: 150, sortKey: 'updatedAt', filterKey: 'updatedAt' },
];

export const standardColumns: Record<RecordObject, ColumnDef[]> = {
  contacts: [
    { key: 'name', labelKey: 'records.field.name', kind: 'name', width: 220, sortKey: 'lastName', defaultVisible: true },
    {
      key: 'firstName',
      labelKey: 'records.field.firstName',
      kind: 'text',
      width: 150,
      sortKey: 'firstName',
      filterKey: 'firstName',
      editable: true,
    },
    {
      key: 'lastName',
      labelKey: 'records.field.lastName',
      kind: 'text',
      width: 150,
      sortKey: 'lastName',
      filterKey: 'lastName',
      editable: true,
    },
    {
      key: 'email',
      labelKey: 'records.field.email',
      kind: 'email',
      width: 240,
      sortKey: 'email',
      filterKey: 'email',
      editable: true,
      defaultVisible: true,
    },
    { key: 'phone', labelKey: 'records.field.phone', kind: 'phone', width: 160, filterKey: 'phone', editable: true, defaultVisible: true },
    { key: 'title', labelKey: 'records.field.title', kind: 'text', width: 170, filterKey: 'title', editable: true },
    {
      key: 'companyId',
      labelKey: 'records.field.company',
      kind: 'company',
      width: 190,
      sortKey: 'companyId',
      filterKey: 'companyId',
      defaultVisible: true,
    },
    {
      key: 'lifecycleStage',
      labelKey: 'records.field.lifecycleStage',
      kind: 'select',
      width: 170,
      sortKey: 'lifecycleStage',
      filterKey: 'lifecycleStage',
      editable: true,
      options: enumOptions('records.lifecycle', lifecycleStages),
      defaultVisible: true,
    },
    {
      key: 'leadStatus',
      labelKey: 'records.field.leadStatus',
      kind: 'select',
      width: 170,
      sortKey: 'leadStatus',
      filterKey: 'leadStatus',
      editable: true,
      options: enumOptions('records.leadStatus', leadStatuses),
    },
    { key: 'source', labelKey: 'records.field.source', kind: 'text', width: 140, filterKey: 'source', editable: true },
    ...common('contacts'),
  ],
  companies: [
    {
      key: 'name',
      labelKey: 'records.field.companyName',
      kind: 'name',
      width: 220,
      sortKey: 'name',
      filterKey: 'name',
      defaultVisible: true,
    },
    {
      key: 'domain',
      labelKey: 'records.field.domain',
      kind: 'url',
      width: 190,
      sortKey: 'domain',
      filterKey: 'domain',
      editable: true,
      defaultVisible: true,
    },
    {
      key: 'industry',
      labelKey: 'records.field.industry',
      kind: 'text',
      width: 170,
      filterKey: 'industry',
      editable: true,
      defaultVisible: true,
    },
    {
      key: 'employees',
      labelKey: 'records.field.employees',
      kind: 'number',
      width: 130,
      sortKey: 'employees',
      filterKey: 'employees',
      editable: true,
      defaultVisible: true,
    },
    {
      key: 'annualRevenue',
      labelKey: 'records.field.annualRevenue',
      kind: 'money',
      width: 160,
      sortKey: 'annualRevenue',
      filterKey: 'annualRevenue',
      editable: true,
    },
    ...common('companies'),
  ],
  deals: [
    { key: 'name', labelKey: 'records.field.dealName', kind: 'name', width: 220, sortKey: 'name', filterKey: 'name', defaultVisible: true },
    {
      key: 'amount',
      labelKey: 'records.field.amount',
      kind: 'money',
      width: 140,
      sortKey: 'amount',
      filterKey: 'amount',
      editable: true,
      defaultVisible: true,
    },
    {
      key: 'stageId',
      labelKey: 'records.field.stage',
      kind: 'stage',
      width: 170,
      sortKey: 'stageId',
      filterKey: 'stageId',
      editable: true,
      defaultVisible: true,
    },
    {
      key: 'status',
      labelKey: 'records.field.status',
      kind: 'select',
      width: 110,
      filterKey: 'status',
      options: enumOptions('records.dealStatus', ['open', 'won', 'lost']),
      defaultVisible: true,
    },
    { key: 'probability', labelKey: 'records.field.probability', kind: 'number', width: 120, filterKey: 'probability', editable: true },
    {
      key: 'expectedCloseDate',
      labelKey: 'records.field.expectedCloseDate',
      kind: 'date',
      width: 150,
      sortKey: 'expectedCloseDate',
      filterKey: 'expectedCloseDate',
      editable: true,
      defaultVisible: true,
    },
    {
      key: 'companyId',
      labelKey: 'records.field.company',
      kind: 'company',
      width: 190,
      sortKey: 'companyId',
      filterKey: 'companyId',
      defaultVisible: true,
    },
    ...common('deals'),
  ],
};

const customKind: Record<FieldDefinition['type'], ColumnKind> = {
  text: 'text',
  longText: 'longText',
  number: 'number',
  currency: 'money',
  date: 'date',
  datetime: 'datetime',
  boolean: 'boolean',
  select: 'select',
  multiSelect: 'multiSelect',
  url: 'url',
  email: 'email',
  phone: 'phone',
  user: 'user',
};

const sortableCustom = new Set(['number', 'currency', 'date', 'datetime', 'text', 'select']);

/** A custom field as a column: filterable always, sortable where the API allows. */
export function customColumn(field: FieldDefinition): ColumnDef {
  const key = `custom.${field.key}`;
  return {
    key,
    label: field.label,
    kind: customKind[field.type],
    width: field.type === 'longText' ? 240 : 160,
    sortKey: sortableCustom.has(field.type) ? key : undefined,
    filterKey: key,
    editable: true,
    options: field.options?.map((o: FieldOption) => ({ value: o.value, label: o.label })),
  };
}

export function allColumns(object: RecordObject, fields: FieldDefinition[] | undefined): ColumnDef[] {
  return [...standardColumns[object], ...(fields ?? []).map(customColumn)];
}

export const defaultColumnKeys = (object: RecordObject) => standardColumns[object].filter((c) => c.defaultVisible).map((c) => c.key);

/** The operators that make sense for a kind of value, in menu order. */
export function opsFor(kind: ColumnKind): FilterOp[] {
  switch (kind) {
    case 'number':
    case 'money':
    case 'date':
    case 'datetime':
      return ['eq', 'neq', 'gt', 'gte', 'lt', 'lte', 'between', 'isEmpty', 'isNotEmpty'];
    case 'select':
    case 'user':
    case 'stage':
      return ['eq', 'neq', 'in', 'isEmpty', 'isNotEmpty'];
    case 'company':
      return ['isEmpty', 'isNotEmpty'];
    case 'tags':
    case 'multiSelect':
      return ['contains', 'in', 'isEmpty', 'isNotEmpty'];
    case 'boolean':
      return ['eq'];
    default:
      return ['contains', 'eq', 'neq', 'startsWith', 'isEmpty', 'isNotEmpty'];
  }
}

/** Reads a column's raw value from a record (custom fields live under `custom`). */
export function readValue(record: Record<string, unknown>, key: string): unknown {
  if (key.startsWith('custom.')) return (record.custom as Record<string, unknown> | undefined)?.[key.slice(7)];
  return record[key];
}

/** The PATCH body that sets one column. */
export function patchFor(key: string, value: unknown): Record<string, unknown> {
  if (key.startsWith('custom.')) return { custom: { [key.slice(7)]: value } };
  return { [key]: value };
}

export function recordTitle(object: RecordObject, record: Record<string, unknown> | undefined): string {
  if (!record) return '';
  if (object === 'contacts') {
    const name = [record.firstName, record.lastName].filter(Boolean).join(' ').trim();
    return name || String(record.email ?? '');
  }
  return String(record.name ?? '');
}
