import type { AuditFilters } from './auditApi';
import { isAuditAction } from './auditActions';

/** The filters as they sit in the address bar: dates as calendar days (YYYY-MM-DD) in the user's zone. */
export interface AuditFilterParams {
  action: string;
  outcome: '' | 'success' | 'failure';
  actor: string;
  from: string;
  to: string;
}

export const emptyAuditFilters: AuditFilterParams = { action: '', outcome: '', actor: '', from: '', to: '' };

const day = /^(\d{4})-(\d{2})-(\d{2})$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function localMidnight(value: string, addDays = 0): string | undefined {
  const match = day.exec(value);
  if (!match) return undefined;
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + addDays);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** Reads filters from search params, dropping anything the server would refuse. */
export function readAuditFilters(params: URLSearchParams): AuditFilterParams {
  const outcome = params.get('outcome');
  const action = params.get('action');
  const actor = params.get('actor');
  return {
    action: isAuditAction(action) ? action : '',
    outcome: outcome === 'success' || outcome === 'failure' ? outcome : '',
    actor: actor && uuid.test(actor) ? actor : '',
    from: day.test(params.get('from') ?? '') ? (params.get('from') as string) : '',
    to: day.test(params.get('to') ?? '') ? (params.get('to') as string) : '',
  };
}

/** The API query: `from` is the start of its day, `to` the start of the day after (exclusive), so both days are included. */
export function toAuditQuery(filters: AuditFilterParams): AuditFilters {
  const query: AuditFilters = {};
  if (filters.action) query.action = filters.action;
  if (filters.outcome) query.outcome = filters.outcome;
  if (filters.actor) query.actorUserId = filters.actor;
  const from = localMidnight(filters.from);
  const to = localMidnight(filters.to, 1);
  if (from) query.from = from;
  if (to) query.to = to;
  return query;
}

/** True when `to` is before `from` (the server would refuse the range). */
export const isBackwardsRange = (filters: AuditFilterParams) => Boolean(filters.from && filters.to && filters.to < filters.from);
