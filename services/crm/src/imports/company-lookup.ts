import { randomUUID } from 'node:crypto';
import type { EntityManager } from 'typeorm';
import { normaliseDomain } from './import-rows.js';
import { eventRecord, type StoredRow } from './import-messages.js';
import type { DomainEventInput } from '@meridian/platform';

export interface CompanyRef {
  id: string;
  name: string;
}

/** How a `company` cell is matched: a domain-looking value by domain, anything else by name (any case). */
const keyOf = (value: string): { domain: string } | { name: string } => {
  const domain = !/\s/.test(value) && value.includes('.') ? normaliseDomain(value) : null;
  return domain ? { domain } : { name: value.toLowerCase() };
};

/**
 * Resolves the company names/domains a batch names to ids, creating the missing companies
 * (as HubSpot does when contacts name an unknown company). Their created events are appended
 * to `events`; the caller records them in the batch transaction.
 */
export async function resolveCompanies(
  m: EntityManager,
  workspaceId: string,
  ownerId: string | null,
  values: readonly string[],
  events: DomainEventInput<unknown>[],
): Promise<Map<string, CompanyRef>> {
  const found = new Map<string, CompanyRef>();
  const distinct = [...new Set(values)];
  if (distinct.length === 0) return found;
  const domains = distinct.map(keyOf).flatMap((k) => ('domain' in k ? [k.domain] : []));
  const names = distinct.map(keyOf).flatMap((k) => ('name' in k ? [k.name] : []));
  const load = async () =>
    (await m.query(
      `SELECT DISTINCT ON (k) k, id, name FROM (
         SELECT domain AS k, id, name, created_at FROM crm.companies WHERE domain = ANY($1::text[])
         UNION ALL
         SELECT lower(name) AS k, id, name, created_at FROM crm.companies WHERE lower(name) = ANY($2::text[])) c
       ORDER BY k, created_at, id`,
      [domains, names],
    )) as { k: string; id: string; name: string }[];
  const byKey = new Map((await load()).map((r) => [r.k, { id: r.id, name: r.name }]));
  const missing = new Map<string, { id: string; name: string; domain: string | null }>();
  for (const v of distinct) {
    const k = keyOf(v);
    const key = 'domain' in k ? k.domain : k.name;
    if (!byKey.has(key) && !missing.has(key))
      missing.set(key, { id: randomUUID(), name: v.slice(0, 200), domain: 'domain' in k ? k.domain : null });
  }
  if (missing.size) {
    const rows = [...missing.values()];
    const inserted = (await m.query(
      `INSERT INTO crm.companies (id, workspace_id, name, domain, owner_id, created_by)
       SELECT r.id, $1, r.name, r.domain, $2, $2 FROM jsonb_to_recordset($3::jsonb) AS r(id uuid, name text, domain text)
       ON CONFLICT DO NOTHING
       RETURNING id, name, domain, owner_id, tags, custom, industry, employees, annual_revenue::text AS annual_revenue, created_at, updated_at`,
      [workspaceId, ownerId, JSON.stringify(rows)],
    )) as StoredRow[];
    for (const row of inserted) {
      events.push({ type: 'crm.company.created.v1', workspaceId, subject: row.id, data: eventRecord('companies', workspaceId, row, {}) });
    }
    // A concurrent writer may have created one of them first (unique domain): read them back.
    for (const r of await load()) byKey.set(r.k, { id: r.id, name: r.name });
  }
  for (const v of distinct) {
    const k = keyOf(v);
    const ref = byKey.get('domain' in k ? k.domain : k.name);
    if (ref) found.set(v, ref);
  }
  return found;
}
