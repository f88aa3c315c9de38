// Shapes of the crm REST contract (docs/crm-api.md) as the web app reads them.

export type RecordObject = 'contacts' | 'companies' | 'deals';

export interface Address {
  street?: string | null;
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
}

interface RecordBase {
  id: string;
  createdAt: string;
  updatedAt: string;
  lastActivityAt: string | null;
  ownerId: string | null;
  tags: string[];
  custom: Record<string, unknown>;
  externalId: string | null;
}

export interface Contact extends RecordBase {
  firstName: string | null;
  lastName: string | null;
  email: string | null;
  otherEmails?: string[];
  phone: string | null;
  otherPhones?: string[];
  title: string | null;
  companyId: string | null;
  companyName: string | null;
  lifecycleStage: string | null;
  leadStatus: string | null;
  source: string | null;
  address?: Address | null;
}

export interface Company extends RecordBase {
  name: string;
  domain: string | null;
  industry: string | null;
  employees: number | null;
  annualRevenue: string | null;
  address?: Address | null;
}

export interface Deal extends RecordBase {
  name: string;
  amount: string | null;
  currency: string;
  pipelineId: string;
  stageId: string;
  stageName: string | null;
  probability: number | null;
  expectedCloseDate: string | null;
  companyId: string | null;
  contactIds: string[];
  status: 'open' | 'won' | 'lost';
  lostReason: string | null;
  closedAt: string | null;
}

export type CrmRecord = Contact | Company | Deal;
/** A record as a bag of fields, the way tables and field panels read it. */
export type AnyRecord = RecordBase & Record<string, unknown>;

export type FilterOp = 'eq' | 'neq' | 'in' | 'contains' | 'startsWith' | 'gt' | 'gte' | 'lt' | 'lte' | 'between' | 'isEmpty' | 'isNotEmpty';

export interface FilterCondition {
  field: string;
  op: FilterOp;
  value?: unknown;
}

export type FilterGroup = { and: FilterNode[] } | { or: FilterNode[] };
export type FilterNode = FilterCondition | FilterGroup;

export interface Total {
  count: number;
  estimated: boolean;
}

export interface RecordPage<T = AnyRecord> {
  data: T[];
  nextCursor: string | null;
  total?: Total;
}

export interface ListArgs {
  object: RecordObject;
  filter?: FilterGroup | null;
  /** Like `-amount,name`. */
  sort?: string;
}

export type FieldType =
  | 'text'
  | 'longText'
  | 'number'
  | 'currency'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'select'
  | 'multiSelect'
  | 'url'
  | 'email'
  | 'phone'
  | 'user';

export interface FieldOption {
  value: string;
  label: string;
  color?: string | null;
}

export interface FieldDefinition {
  id: string;
  object: RecordObject;
  key: string;
  label: string;
  type: FieldType;
  options: FieldOption[] | null;
  required: boolean;
  position: number;
}

export interface SavedView {
  id: string;
  object: RecordObject;
  name: string;
  filter: FilterGroup | null;
  sort: string | null;
  columns: string[];
  shared: boolean;
  ownerId?: string | null;
}

export type BulkAction = 'update' | 'delete' | 'assign' | 'tag' | 'untag';

export interface BulkRequest {
  action: BulkAction;
  ids?: string[];
  filter?: FilterGroup;
  changes?: Record<string, unknown>;
  ownerId?: string;
  tags?: string[];
}

export type BulkResponse = { affected: number } | { jobId: string };

export interface BulkJob {
  id: string;
  kind: string;
  status: 'queued' | 'running' | 'completed' | 'failed';
  total: number | null;
  processed: number;
  result: unknown;
  failureReason: string | null;
}
