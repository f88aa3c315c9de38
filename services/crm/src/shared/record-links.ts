import type { EntityManager } from 'typeorm';
import { DomainError, ErrorCode, type FieldError } from '@meridian/platform';
import { visibleIds, type RecordTable } from './references.js';

/** The records an activity or a task hangs on. */
export interface RecordLinks {
  contactId?: string | null;
  companyId?: string | null;
  dealId?: string | null;
}

export const LINK_FIELDS = ['contactId', 'companyId', 'dealId'] as const;
export type LinkField = (typeof LINK_FIELDS)[number];

/** Link field → its table and column; identifiers come only from here, never from input. */
export const LINKS: Record<LinkField, { table: RecordTable; column: string; label: string }> = {
  contactId: { table: 'contacts', column: 'contact_id', label: 'contact' },
  companyId: { table: 'companies', column: 'company_id', label: 'company' },
  dealId: { table: 'deals', column: 'deal_id', label: 'deal' },
};

/**
 * 404 naming each linked id that is missing, in another workspace or not visible to the
 * caller — the same answer for all three, so existence does not leak.
 */
export async function assertLinksVisible(m: EntityManager, workspaceId: string, links: RecordLinks, own?: string): Promise<void> {
  const errors: FieldError[] = [];
  for (const field of LINK_FIELDS) {
    const id = links[field];
    if (!id) continue;
    const { table, label } = LINKS[field];
    const found = await visibleIds(m, workspaceId, table, [id], own);
    if (found.size === 0) errors.push({ field, message: `No ${label} with this id.` });
  }
  if (errors.length > 0) throw new DomainError(ErrorCode.NotFound, `Linked record not found.`, errors);
}

/**
 * SQL (alias `x`) true when a 'team' caller may see a linked row: they created it, or they
 * own one of the records it is linked to. `$own` is the parameter holding their user id.
 */
export function visibleThroughLinksSql(own: string, alsoColumn: string): string {
  return `(x.${alsoColumn} = ${own}
    OR EXISTS (SELECT 1 FROM crm.contacts c WHERE c.id = x.contact_id AND c.workspace_id = x.workspace_id AND c.owner_id = ${own})
    OR EXISTS (SELECT 1 FROM crm.companies c WHERE c.id = x.company_id AND c.workspace_id = x.workspace_id AND c.owner_id = ${own})
    OR EXISTS (SELECT 1 FROM crm.deals d WHERE d.id = x.deal_id AND d.workspace_id = x.workspace_id AND d.owner_id = ${own}))`;
}
