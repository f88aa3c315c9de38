import type { ExportSource } from '@meridian/platform';

const PAGE = 1000;

/** deal_contacts has a composite key, so the workspace export pages it by (deal_id, contact_id). */
export const dealContactsExport: ExportSource = {
  object: 'deal_contacts',
  async *rows(workspaceId, db) {
    let after: [string, string] | null = null;
    for (;;) {
      const page: { deal_id: string; contact_id: string }[] = await db.inWorkspace(workspaceId, (m) =>
        m.query(
          `SELECT deal_id, contact_id FROM crm.deal_contacts WHERE workspace_id = $1
             AND ($2::uuid IS NULL OR (deal_id, contact_id) > ($2::uuid, $3::uuid))
           ORDER BY deal_id, contact_id LIMIT ${PAGE}`,
          [workspaceId, after?.[0] ?? null, after?.[1] ?? null],
        ),
      );
      for (const row of page) yield { dealId: row.deal_id, contactId: row.contact_id };
      const last = page[page.length - 1];
      if (!last || page.length < PAGE) return;
      after = [last.deal_id, last.contact_id];
    }
  },
};
