import type { MigrationInterface, QueryRunner } from 'typeorm';
import { tenantTableSql } from '@meridian/platform';

/** Set only by a crm background worker's claim transaction. */
export const CRM_WORKER = `current_setting('app.crm_worker', true) = 'on'`;

/**
 * The CRM core data model (issue 4): companies, deals, pipelines, activities, tasks,
 * custom field definitions, saved views, imports, background jobs, GDPR suppressions,
 * and the richer contact. Every table carries workspace_id with FORCE RLS.
 *
 * Lists are keyset-paginated, so every sortable standard column has a
 * (workspace_id, column, id) index; `search_text` columns carry trigram indexes for
 * typo-tolerant search; custom fields live in `custom` (jsonb, GIN-indexed).
 */
export class CrmCore1763800000000 implements MigrationInterface {
  name = 'CrmCore1763800000000';

  async up(q: QueryRunner): Promise<void> {
    const run = async (sql: string) => q.query(sql);
    const tenant = async (table: string) => {
      for (const sql of tenantTableSql('crm', table).up) await run(sql);
    };
    // Background workers (imports, bulk jobs, task reminders) find and lease due rows across
    // workspaces only with `app.crm_worker = on`, set by their claim transaction alone; they
    // read and write a row's content inside that row's workspace transaction.
    const workerPolicies = async (table: string) => {
      await run(`CREATE POLICY ${table}_worker_read ON crm.${table} FOR SELECT USING (${CRM_WORKER})`);
      await run(`CREATE POLICY ${table}_worker_lease ON crm.${table} FOR UPDATE USING (${CRM_WORKER}) WITH CHECK (${CRM_WORKER})`);
    };
    const ts = `timestamptz NOT NULL DEFAULT date_trunc('milliseconds', clock_timestamp())`;

    // ── companies ────────────────────────────────────────────────────────────
    await run(`CREATE TABLE crm.companies (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      name text NOT NULL,
      domain text,
      industry text,
      employees integer,
      annual_revenue numeric(18,2),
      address jsonb,
      owner_id uuid,
      tags text[] NOT NULL DEFAULT '{}',
      external_id text,
      custom jsonb NOT NULL DEFAULT '{}',
      created_by uuid,
      created_at ${ts},
      updated_at ${ts},
      last_activity_at timestamptz,
      search_text text GENERATED ALWAYS AS (lower(name || ' ' || coalesce(domain, ''))) STORED)`);
    await run(`CREATE UNIQUE INDEX companies_domain_uq ON crm.companies (workspace_id, domain) WHERE domain IS NOT NULL`);
    await run(`CREATE INDEX companies_name_idx ON crm.companies (workspace_id, lower(name), id)`);
    await run(`CREATE INDEX companies_created_idx ON crm.companies (workspace_id, created_at, id)`);
    await run(`CREATE INDEX companies_updated_idx ON crm.companies (workspace_id, updated_at, id)`);
    await run(`CREATE INDEX companies_owner_idx ON crm.companies (workspace_id, owner_id, id)`);
    await run(`CREATE INDEX companies_external_idx ON crm.companies (workspace_id, external_id) WHERE external_id IS NOT NULL`);
    await run(`CREATE INDEX companies_search_trgm ON crm.companies USING gin (search_text gin_trgm_ops)`);
    await run(`CREATE INDEX companies_custom_gin ON crm.companies USING gin (custom jsonb_path_ops)`);
    await run(`CREATE INDEX companies_tags_gin ON crm.companies USING gin (tags)`);
    await tenant('companies');

    // ── contacts: from the slice's shape to the full person ─────────────────
    await run(`ALTER TABLE crm.contacts
      ALTER COLUMN first_name SET DEFAULT '',
      ALTER COLUMN last_name SET DEFAULT '',
      ALTER COLUMN email DROP NOT NULL,
      ADD COLUMN emails text[] NOT NULL DEFAULT '{}',
      ADD COLUMN phones text[] NOT NULL DEFAULT '{}',
      ADD COLUMN title text,
      ADD COLUMN company_id uuid,
      ADD COLUMN owner_id uuid,
      ADD COLUMN lifecycle_stage text,
      ADD COLUMN lead_status text,
      ADD COLUMN source text,
      ADD COLUMN tags text[] NOT NULL DEFAULT '{}',
      ADD COLUMN address jsonb,
      ADD COLUMN social jsonb,
      ADD COLUMN external_id text,
      ADD COLUMN custom jsonb NOT NULL DEFAULT '{}',
      ADD COLUMN last_activity_at timestamptz`);
    // The slice stored a free-text company name: turn each distinct one into a company.
    // FORCE RLS binds the migrator (owner) too, so the data move lifts it briefly.
    await run(`ALTER TABLE crm.contacts NO FORCE ROW LEVEL SECURITY`);
    await run(`ALTER TABLE crm.companies NO FORCE ROW LEVEL SECURITY`);
    await run(`INSERT INTO crm.companies (id, workspace_id, name, owner_id, created_by)
      SELECT gen_random_uuid(), workspace_id, company_name, (array_agg(created_by))[1], (array_agg(created_by))[1]
      FROM crm.contacts WHERE company_name IS NOT NULL AND company_name <> ''
      GROUP BY workspace_id, company_name`);
    await run(`UPDATE crm.contacts c SET company_id = co.id FROM crm.companies co
      WHERE co.workspace_id = c.workspace_id AND co.name = c.company_name`);
    await run(`UPDATE crm.contacts SET owner_id = created_by`);
    await run(`ALTER TABLE crm.contacts DROP COLUMN company_name`);
    await run(`UPDATE crm.contacts SET email = lower(email) WHERE email IS NOT NULL`);
    await run(`ALTER TABLE crm.contacts FORCE ROW LEVEL SECURITY`);
    await run(`ALTER TABLE crm.companies FORCE ROW LEVEL SECURITY`);
    await run(`ALTER TABLE crm.contacts ADD COLUMN search_text text GENERATED ALWAYS AS (
      lower(first_name || ' ' || last_name || ' ' || coalesce(email, '') || ' ' || coalesce(phone, ''))) STORED`);
    await run(`DROP INDEX crm.contacts_workspace_email_idx`);
    await run(`CREATE INDEX contacts_email_idx ON crm.contacts (workspace_id, email, id)`);
    await run(`CREATE INDEX contacts_phone_idx ON crm.contacts (workspace_id, phone) WHERE phone IS NOT NULL`);
    await run(`CREATE INDEX contacts_last_name_idx ON crm.contacts (workspace_id, lower(last_name), id)`);
    await run(`CREATE INDEX contacts_first_name_idx ON crm.contacts (workspace_id, lower(first_name), id)`);
    await run(`CREATE INDEX contacts_updated_idx ON crm.contacts (workspace_id, updated_at, id)`);
    await run(`CREATE INDEX contacts_activity_idx ON crm.contacts (workspace_id, last_activity_at, id)`);
    await run(`CREATE INDEX contacts_company_idx ON crm.contacts (workspace_id, company_id, id)`);
    await run(`CREATE INDEX contacts_owner_idx ON crm.contacts (workspace_id, owner_id, id)`);
    await run(`CREATE INDEX contacts_lifecycle_idx ON crm.contacts (workspace_id, lifecycle_stage, id)`);
    await run(`CREATE INDEX contacts_lead_status_idx ON crm.contacts (workspace_id, lead_status, id)`);
    await run(`CREATE INDEX contacts_external_idx ON crm.contacts (workspace_id, external_id) WHERE external_id IS NOT NULL`);
    await run(`CREATE INDEX contacts_search_trgm ON crm.contacts USING gin (search_text gin_trgm_ops)`);
    await run(`CREATE INDEX contacts_custom_gin ON crm.contacts USING gin (custom jsonb_path_ops)`);
    await run(`CREATE INDEX contacts_tags_gin ON crm.contacts USING gin (tags)`);

    // ── pipelines and stages ────────────────────────────────────────────────
    await run(`CREATE TABLE crm.pipelines (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      name text NOT NULL,
      position integer NOT NULL DEFAULT 0,
      is_default boolean NOT NULL DEFAULT false,
      created_at ${ts},
      updated_at ${ts})`);
    await run(`CREATE UNIQUE INDEX pipelines_default_uq ON crm.pipelines (workspace_id) WHERE is_default`);
    await run(`CREATE UNIQUE INDEX pipelines_name_uq ON crm.pipelines (workspace_id, lower(name))`);
    await tenant('pipelines');
    await run(`CREATE TABLE crm.pipeline_stages (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      pipeline_id uuid NOT NULL REFERENCES crm.pipelines (id) ON DELETE CASCADE,
      name text NOT NULL,
      position integer NOT NULL,
      probability integer NOT NULL DEFAULT 0 CHECK (probability BETWEEN 0 AND 100),
      -- open stages move deals along; won/lost stages close them
      kind text NOT NULL DEFAULT 'open' CHECK (kind IN ('open', 'won', 'lost')),
      created_at ${ts})`);
    await run(`CREATE INDEX pipeline_stages_pipeline_idx ON crm.pipeline_stages (workspace_id, pipeline_id, position)`);
    await run(`CREATE UNIQUE INDEX pipeline_stages_name_uq ON crm.pipeline_stages (pipeline_id, lower(name))`);
    await tenant('pipeline_stages');

    // ── deals ───────────────────────────────────────────────────────────────
    await run(`CREATE TABLE crm.deals (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      name text NOT NULL,
      amount numeric(18,2),
      currency char(3) NOT NULL DEFAULT 'USD',
      pipeline_id uuid NOT NULL REFERENCES crm.pipelines (id),
      stage_id uuid NOT NULL REFERENCES crm.pipeline_stages (id),
      -- null = the stage's probability
      probability integer CHECK (probability BETWEEN 0 AND 100),
      expected_close_date date,
      owner_id uuid,
      company_id uuid REFERENCES crm.companies (id) ON DELETE SET NULL,
      status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'won', 'lost')),
      lost_reason text,
      closed_at timestamptz,
      stage_changed_at ${ts},
      tags text[] NOT NULL DEFAULT '{}',
      external_id text,
      custom jsonb NOT NULL DEFAULT '{}',
      created_by uuid,
      created_at ${ts},
      updated_at ${ts},
      last_activity_at timestamptz,
      search_text text GENERATED ALWAYS AS (lower(name)) STORED)`);
    await run(`CREATE INDEX deals_stage_idx ON crm.deals (workspace_id, pipeline_id, stage_id, id)`);
    await run(`CREATE INDEX deals_name_idx ON crm.deals (workspace_id, lower(name), id)`);
    await run(`CREATE INDEX deals_amount_idx ON crm.deals (workspace_id, amount, id)`);
    await run(`CREATE INDEX deals_close_idx ON crm.deals (workspace_id, expected_close_date, id)`);
    await run(`CREATE INDEX deals_created_idx ON crm.deals (workspace_id, created_at, id)`);
    await run(`CREATE INDEX deals_updated_idx ON crm.deals (workspace_id, updated_at, id)`);
    await run(`CREATE INDEX deals_owner_idx ON crm.deals (workspace_id, owner_id, id)`);
    await run(`CREATE INDEX deals_company_idx ON crm.deals (workspace_id, company_id, id)`);
    await run(`CREATE INDEX deals_external_idx ON crm.deals (workspace_id, external_id) WHERE external_id IS NOT NULL`);
    await run(`CREATE INDEX deals_search_trgm ON crm.deals USING gin (search_text gin_trgm_ops)`);
    await run(`CREATE INDEX deals_custom_gin ON crm.deals USING gin (custom jsonb_path_ops)`);
    await tenant('deals');
    await run(`CREATE TABLE crm.deal_contacts (
      workspace_id uuid NOT NULL,
      deal_id uuid NOT NULL REFERENCES crm.deals (id) ON DELETE CASCADE,
      contact_id uuid NOT NULL REFERENCES crm.contacts (id) ON DELETE CASCADE,
      PRIMARY KEY (deal_id, contact_id))`);
    await run(`CREATE INDEX deal_contacts_contact_idx ON crm.deal_contacts (workspace_id, contact_id)`);
    await tenant('deal_contacts');
    await run(`ALTER TABLE crm.contacts ADD CONSTRAINT contacts_company_fk
      FOREIGN KEY (company_id) REFERENCES crm.companies (id) ON DELETE SET NULL`);

    // ── activities (timeline) and tasks ─────────────────────────────────────
    await run(`CREATE TABLE crm.activities (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      type text NOT NULL CHECK (type IN ('note', 'call', 'meeting', 'email')),
      subject text,
      body text,
      occurred_at ${ts},
      duration_minutes integer,
      outcome text,
      contact_id uuid REFERENCES crm.contacts (id) ON DELETE CASCADE,
      company_id uuid REFERENCES crm.companies (id) ON DELETE CASCADE,
      deal_id uuid REFERENCES crm.deals (id) ON DELETE CASCADE,
      created_by uuid,
      created_at ${ts},
      updated_at ${ts},
      CHECK (contact_id IS NOT NULL OR company_id IS NOT NULL OR deal_id IS NOT NULL))`);
    await run(
      `CREATE INDEX activities_contact_idx ON crm.activities (workspace_id, contact_id, occurred_at DESC, id) WHERE contact_id IS NOT NULL`,
    );
    await run(
      `CREATE INDEX activities_company_idx ON crm.activities (workspace_id, company_id, occurred_at DESC, id) WHERE company_id IS NOT NULL`,
    );
    await run(`CREATE INDEX activities_deal_idx ON crm.activities (workspace_id, deal_id, occurred_at DESC, id) WHERE deal_id IS NOT NULL`);
    await tenant('activities');
    await run(`CREATE TABLE crm.tasks (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      title text NOT NULL,
      notes text,
      due_at timestamptz,
      reminder_at timestamptz,
      reminded_at timestamptz,
      assignee_id uuid,
      done boolean NOT NULL DEFAULT false,
      completed_at timestamptz,
      contact_id uuid REFERENCES crm.contacts (id) ON DELETE CASCADE,
      company_id uuid REFERENCES crm.companies (id) ON DELETE CASCADE,
      deal_id uuid REFERENCES crm.deals (id) ON DELETE CASCADE,
      created_by uuid,
      created_at ${ts},
      updated_at ${ts})`);
    await run(`CREATE INDEX tasks_assignee_idx ON crm.tasks (workspace_id, assignee_id, done, due_at, id)`);
    await run(
      `CREATE INDEX tasks_reminder_idx ON crm.tasks (reminder_at) WHERE reminder_at IS NOT NULL AND reminded_at IS NULL AND NOT done`,
    );
    await run(`CREATE INDEX tasks_contact_idx ON crm.tasks (workspace_id, contact_id) WHERE contact_id IS NOT NULL`);
    await run(`CREATE INDEX tasks_company_idx ON crm.tasks (workspace_id, company_id) WHERE company_id IS NOT NULL`);
    await run(`CREATE INDEX tasks_deal_idx ON crm.tasks (workspace_id, deal_id) WHERE deal_id IS NOT NULL`);
    await tenant('tasks');
    await workerPolicies('tasks');

    // ── custom field definitions and saved views ────────────────────────────
    await run(`CREATE TABLE crm.field_definitions (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      object text NOT NULL CHECK (object IN ('contacts', 'companies', 'deals')),
      key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,62}$'),
      label text NOT NULL,
      type text NOT NULL CHECK (type IN ('text', 'longText', 'number', 'currency', 'date', 'datetime', 'boolean',
        'select', 'multiSelect', 'url', 'email', 'phone', 'user')),
      options jsonb NOT NULL DEFAULT '[]',
      required boolean NOT NULL DEFAULT false,
      position integer NOT NULL DEFAULT 0,
      created_at ${ts},
      updated_at ${ts},
      UNIQUE (workspace_id, object, key))`);
    await tenant('field_definitions');
    await run(`CREATE TABLE crm.views (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      object text NOT NULL CHECK (object IN ('contacts', 'companies', 'deals')),
      name text NOT NULL,
      owner_id uuid NOT NULL,
      shared boolean NOT NULL DEFAULT false,
      filter jsonb,
      sort text,
      columns text[] NOT NULL DEFAULT '{}',
      created_at ${ts},
      updated_at ${ts})`);
    await run(`CREATE INDEX views_object_idx ON crm.views (workspace_id, object, owner_id)`);
    await tenant('views');

    // ── imports (CSV) and bulk jobs ─────────────────────────────────────────
    await run(`CREATE TABLE crm.imports (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      object text NOT NULL CHECK (object IN ('contacts', 'companies', 'deals')),
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
      file_name text,
      file_path text,
      file_bytes bigint NOT NULL DEFAULT 0,
      options jsonb NOT NULL DEFAULT '{}',
      idempotency_key text,
      total_rows integer NOT NULL DEFAULT 0,
      processed_rows integer NOT NULL DEFAULT 0,
      created_count integer NOT NULL DEFAULT 0,
      updated_count integer NOT NULL DEFAULT 0,
      skipped_count integer NOT NULL DEFAULT 0,
      error_count integer NOT NULL DEFAULT 0,
      failure_reason text,
      created_by uuid,
      created_at ${ts},
      started_at timestamptz,
      finished_at timestamptz,
      -- worker lease: a crashed worker's import is picked up again
      locked_until timestamptz)`);
    await run(
      `CREATE UNIQUE INDEX imports_idempotency_uq ON crm.imports (workspace_id, idempotency_key) WHERE idempotency_key IS NOT NULL`,
    );
    await run(`CREATE INDEX imports_queue_idx ON crm.imports (status, created_at) WHERE status IN ('queued', 'running')`);
    await run(`CREATE INDEX imports_list_idx ON crm.imports (workspace_id, created_at DESC, id)`);
    await tenant('imports');
    await workerPolicies('imports');
    await run(`CREATE TABLE crm.import_errors (
      workspace_id uuid NOT NULL,
      import_id uuid NOT NULL REFERENCES crm.imports (id) ON DELETE CASCADE,
      row_number integer NOT NULL,
      column_name text,
      reason text NOT NULL,
      raw text,
      PRIMARY KEY (import_id, row_number, reason))`);
    await tenant('import_errors');
    await run(`CREATE TABLE crm.jobs (
      id uuid PRIMARY KEY,
      workspace_id uuid NOT NULL,
      kind text NOT NULL,
      status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'running', 'completed', 'failed')),
      payload jsonb NOT NULL,
      total integer NOT NULL DEFAULT 0,
      processed integer NOT NULL DEFAULT 0,
      result jsonb,
      failure_reason text,
      created_by uuid,
      created_at ${ts},
      finished_at timestamptz,
      locked_until timestamptz)`);
    await run(`CREATE INDEX jobs_queue_idx ON crm.jobs (status, created_at) WHERE status IN ('queued', 'running')`);
    await tenant('jobs');
    await workerPolicies('jobs');

    // ── GDPR: who was erased, so a later import does not revive them ───────
    await run(`CREATE TABLE crm.suppressions (
      workspace_id uuid NOT NULL,
      -- sha256 of the normalised email or E.164 phone: no personal data kept
      value_hash text NOT NULL,
      kind text NOT NULL CHECK (kind IN ('email', 'phone')),
      erased_at ${ts},
      PRIMARY KEY (workspace_id, value_hash))`);
    await tenant('suppressions');
    await run(`CREATE TABLE crm.duplicate_dismissals (
      workspace_id uuid NOT NULL,
      object text NOT NULL,
      -- the pair in a fixed order (record_a < record_b)
      record_a uuid NOT NULL,
      record_b uuid NOT NULL,
      dismissed_by uuid,
      dismissed_at ${ts},
      PRIMARY KEY (workspace_id, object, record_a, record_b))`);
    await tenant('duplicate_dismissals');
  }

  async down(): Promise<void> {
    throw new Error('CrmCore1763800000000 is not reversible: restore from backup.');
  }
}
