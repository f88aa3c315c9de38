import type { ObjectName } from '../records/object-definition.js';

export const FIELD_TYPES = [
  'text',
  'longText',
  'number',
  'currency',
  'date',
  'datetime',
  'boolean',
  'select',
  'multiSelect',
  'url',
  'email',
  'phone',
  'user',
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

export interface SelectOption {
  value: string;
  label: string;
  color?: string | undefined;
}

/** A workspace's custom field on one object; values live in the record's `custom` jsonb. */
export interface FieldDefinition {
  id: string;
  object: ObjectName;
  key: string;
  label: string;
  type: FieldType;
  options: SelectOption[];
  required: boolean;
  position: number;
  createdAt: string;
  updatedAt: string;
}

/** Custom field types that lists can sort by (one comparable scalar). */
export const SORTABLE_FIELD_TYPES: ReadonlySet<FieldType> = new Set([
  'text',
  'number',
  'currency',
  'date',
  'datetime',
  'select',
  'email',
  'url',
  'phone',
  'boolean',
]);
