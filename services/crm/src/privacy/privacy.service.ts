import { ownOnly } from '../shared/visibility.js';
import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { DomainEvents, LOGGER, NotFoundError, TenantDatabase, type Logger, type Principal } from '@meridian/platform';
import type { ContactErased } from '@meridian/proto/crm/v1/crm_events';
import { camelRow } from './camel-row.js';
import { suppressionHash } from './suppression-hash.js';

export const CONTACT_ERASED = 'crm.contact.erased.v1';
/** A task that also concerns a company or deal keeps its link but loses the person's words. */
const ERASED_TASK_TITLE = 'Task about an erased person';

interface PersonRow {
  id: string;
  first_name: string;
  last_name: string;
  email: string | null;
  emails: string[];
  phone: string | null;
  phones: string[];
}

/**
 * GDPR for a person (contact): erasure (right to be forgotten) and the subject access
 * export. Both honour the caller's record visibility: a contact they cannot see is a 404.
 */
@Injectable()
export class PrivacyService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly events: DomainEvents,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Hard-deletes the contact and what is only theirs, strips their words from records
   * shared with a company or deal, suppresses their addresses, drops already-published
   * outbox copies of their data, and tells other services (crm.contact.erased.v1) — all
   * in one transaction.
   */
  async erase(principal: Principal, contactId: string): Promise<void> {
    const ws = principal.workspaceId;
    await this.db.inWorkspace(ws, async (m) => {
      const person = await this.lockVisible(m, principal, contactId);
      await m.query(`DELETE FROM crm.activities WHERE workspace_id = $1 AND contact_id = $2 AND company_id IS NULL AND deal_id IS NULL`, [
        ws,
        contactId,
      ]);
      await m.query(
        `UPDATE crm.activities SET contact_id = NULL, subject = NULL, body = NULL, outcome = NULL, updated_at = now()
          WHERE workspace_id = $1 AND contact_id = $2`,
        [ws, contactId],
      );
      await m.query(`DELETE FROM crm.tasks WHERE workspace_id = $1 AND contact_id = $2 AND company_id IS NULL AND deal_id IS NULL`, [
        ws,
        contactId,
      ]);
      await m.query(
        `UPDATE crm.tasks SET contact_id = NULL, title = $3, notes = NULL, updated_at = now() WHERE workspace_id = $1 AND contact_id = $2`,
        [ws, contactId, ERASED_TASK_TITLE],
      );
      await m.query(`DELETE FROM crm.deal_contacts WHERE workspace_id = $1 AND contact_id = $2`, [ws, contactId]);
      await this.suppress(m, ws, person);
      await m.query(`DELETE FROM crm.contacts WHERE workspace_id = $1 AND id = $2`, [ws, contactId]);
      await this.forgetNameWords(m, ws, person);
      // Published events about the person are copies of their data at rest; unpublished ones
      // are kept so consumers still see the history they then erase.
      await m.query(`DELETE FROM crm.outbox WHERE workspace_id = $1 AND subject = $2 AND published_at IS NOT NULL`, [ws, contactId]);
      await this.events.record<ContactErased>(m, { type: CONTACT_ERASED, workspaceId: ws, subject: contactId, data: { contactId } });
    });
    // An audit line without personal data: who erased which record.
    this.logger.info(
      {
        context: PrivacyService.name,
        audit: 'contact.erased',
        actorId: principal.userId,
        apiKeyId: principal.apiKeyId,
        workspaceId: ws,
        contactId,
      },
      'Contact erased at the person’s request',
    );
  }

  /** Everything crm holds on the person, as JSON (subject access request). */
  async personalData(principal: Principal, contactId: string): Promise<Record<string, unknown>> {
    const ws = principal.workspaceId;
    return this.db.inWorkspace(ws, async (m) => {
      await this.lockVisible(m, principal, contactId, false);
      const [contact] = await m.query(
        `SELECT id, first_name, last_name, email, emails AS other_emails, phone, phones AS other_phones, title, company_id,
                owner_id, lifecycle_stage, lead_status, source, tags, address, social, external_id, custom,
                created_by, created_at, updated_at, last_activity_at
           FROM crm.contacts WHERE workspace_id = $1 AND id = $2`,
        [ws, contactId],
      );
      const [company] = await m.query(
        `SELECT co.id, co.name, co.domain FROM crm.companies co
           JOIN crm.contacts c ON c.company_id = co.id WHERE c.workspace_id = $1 AND c.id = $2 AND co.workspace_id = $1`,
        [ws, contactId],
      );
      const activities = await m.query(
        `SELECT id, type, subject, body, occurred_at, duration_minutes, outcome, company_id, deal_id, created_by, created_at, updated_at
           FROM crm.activities WHERE workspace_id = $1 AND contact_id = $2 ORDER BY occurred_at DESC, id`,
        [ws, contactId],
      );
      const tasks = await m.query(
        `SELECT id, title, notes, due_at, reminder_at, assignee_id, done, completed_at, company_id, deal_id, created_by, created_at, updated_at
           FROM crm.tasks WHERE workspace_id = $1 AND contact_id = $2 ORDER BY created_at, id`,
        [ws, contactId],
      );
      const deals = await m.query(
        `SELECT d.id, d.name, d.amount::text AS amount, d.currency, d.status, s.name AS stage_name, d.expected_close_date::text AS expected_close_date
           FROM crm.deal_contacts dc JOIN crm.deals d ON d.id = dc.deal_id AND d.workspace_id = $1
           LEFT JOIN crm.pipeline_stages s ON s.id = d.stage_id AND s.workspace_id = $1
          WHERE dc.workspace_id = $1 AND dc.contact_id = $2 ORDER BY d.created_at, d.id`,
        [ws, contactId],
      );
      const rows = (list: Record<string, unknown>[]) => list.map(camelRow);
      return {
        exportedAt: new Date().toISOString(),
        contact: camelRow(contact),
        company: company ? camelRow(company) : null,
        activities: rows(activities),
        tasks: rows(tasks),
        deals: rows(deals),
      };
    });
  }

  /** The contact if the caller may see it (workspace + 'team' visibility), else a 404. */
  private async lockVisible(m: EntityManager, principal: Principal, contactId: string, lock = true): Promise<PersonRow> {
    const own = ownOnly(principal) ?? null;
    const rows: PersonRow[] = await m.query(
      `SELECT id, first_name, last_name, email, emails, phone, phones FROM crm.contacts
        WHERE workspace_id = $1 AND id = $2 AND ($3::uuid IS NULL OR owner_id = $3)${lock ? ' FOR UPDATE' : ''}`,
      [principal.workspaceId, contactId, own],
    );
    if (!rows[0]) throw new NotFoundError('Contact');
    return rows[0];
  }

  /** Search dictionary words of the person's name that no one else in the workspace has. */
  private async forgetNameWords(m: EntityManager, ws: string, person: PersonRow): Promise<void> {
    const words = `${person.first_name} ${person.last_name}`
      .toLowerCase()
      .split(/[^\p{L}]+/u)
      .filter((w) => w.length >= 2);
    if (!words.length) return;
    await m.query(
      `DELETE FROM crm.search_words sw WHERE sw.workspace_id = $1 AND sw.word = ANY($2::text[])
         AND NOT EXISTS (SELECT 1 FROM crm.contacts c WHERE c.workspace_id = $1 AND lower(c.first_name) = sw.word)
         AND NOT EXISTS (SELECT 1 FROM crm.contacts c WHERE c.workspace_id = $1 AND lower(c.last_name) = sw.word)`,
      [ws, words],
    );
  }

  private async suppress(m: EntityManager, ws: string, person: PersonRow): Promise<void> {
    const emails = [person.email, ...person.emails].filter((e): e is string => Boolean(e)).map((e) => suppressionHash('email', e));
    const phones = [person.phone, ...person.phones].filter((p): p is string => Boolean(p)).map((p) => suppressionHash('phone', p));
    const hashes = [...emails, ...phones];
    if (!hashes.length) return;
    const kinds = [...emails.map(() => 'email'), ...phones.map(() => 'phone')];
    await m.query(
      `INSERT INTO crm.suppressions (workspace_id, value_hash, kind)
       SELECT $1, h, k FROM unnest($2::text[], $3::text[]) AS t(h, k)
       ON CONFLICT (workspace_id, value_hash) DO NOTHING`,
      [ws, hashes, kinds],
    );
  }
}
