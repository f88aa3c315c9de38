-- Meridian database bootstrap: the database, the migrator role and one app role per
-- service, with the privileges services/platform/src/database/provision.ts gives them
-- locally. Idempotent; re-running it rotates the passwords to the ones passed in.
--
-- Runs as an administrator that is NOT necessarily a superuser (Cloud SQL's `postgres`
-- user is a member of cloudsqlsuperuser: CREATEROLE + CREATEDB), so it never sets or
-- alters SUPERUSER, REPLICATION or BYPASSRLS on an existing role; it creates roles
-- without them and then verifies that none of the roles has them.
--
-- Used by: the Helm chart's pre-install/pre-upgrade hook Job (templates/migrations.yaml)
-- and docker-compose.yml's one-shot `db-init` service.
--
-- psql variables (-v):
--   database        database name, e.g. meridian
--   migration_url   the migrator's URL (DATABASE_MIGRATION_URL)
--   app_urls        the app roles' URLs (each service's DATABASE_URL), space-separated
-- Role names and passwords are read from the URLs (user:password@), so the Secret
-- Manager secrets the services use are the only place they live. Passwords must be
-- URL-safe as written (Terraform generates alphanumeric ones).
\set ON_ERROR_STOP on
\set QUIET on

-- 1. Roles (cluster-wide)
CREATE TEMP TABLE meridian_roles AS
SELECT m[1] AS role, m[2] AS password, kind
  FROM (
    SELECT regexp_match(url, '^postgres(?:ql)?://([^:/@]+):([^@]+)@') AS m, kind
      FROM (SELECT :'migration_url' AS url, 'migrator' AS kind
            UNION ALL
            SELECT u, 'app' FROM unnest(regexp_split_to_array(trim(:'app_urls'), '\s+')) AS u) urls
  ) parsed;

-- Every URL must name a role and password, and only the expected role names are touched.
SELECT format('DO $check$ BEGIN RAISE EXCEPTION %L; END $check$',
              'db-bootstrap: unexpected or unparsable role in the URLs: ' || coalesce(role, '(no user:password@ in URL)'))
  FROM meridian_roles
 WHERE role IS NULL OR password IS NULL
    OR (kind = 'migrator' AND role <> 'meridian_migrator')
    OR (kind = 'app' AND role !~ '^meridian_[a-z]+_app$')
\gexec

SELECT format('CREATE ROLE %I LOGIN NOSUPERUSER NOBYPASSRLS NOREPLICATION NOCREATEDB NOCREATEROLE', role)
  FROM meridian_roles r
 WHERE NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = r.role)
\gexec

SELECT format('ALTER ROLE %I LOGIN NOCREATEDB NOCREATEROLE PASSWORD %L', role, password) FROM meridian_roles
\gexec

-- 2. The database (owned by the administrator; the migrator gets CREATE on it)
SELECT format('CREATE DATABASE %I', :'database')
 WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'database')
\gexec

SELECT string_agg(quote_ident(role), ', ') AS all_roles, string_agg(quote_literal(role), ', ') AS role_list FROM meridian_roles \gset
\connect :database

SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %s', current_database(), :'all_roles') \gexec
SELECT format('GRANT CREATE, TEMPORARY ON DATABASE %I TO meridian_migrator', current_database()) \gexec
CREATE EXTENSION IF NOT EXISTS pg_trgm;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

-- 3. Verify what the tenancy model relies on (shared/docs/quality.md case 2): no Meridian
-- role is a superuser, bypasses RLS, replicates, creates roles or databases, or inherits
-- anything through role membership (Cloud SQL's API-created users are members of
-- cloudsqlsuperuser: that is why Terraform does not create these roles).
SELECT format('DO $check$ BEGIN RAISE EXCEPTION %L; END $check$',
              'db-bootstrap: role ' || r.rolname || ' has a forbidden attribute or membership')
  FROM pg_roles r
 WHERE r.rolname IN (:role_list)
   AND (r.rolsuper OR r.rolbypassrls OR r.rolreplication OR r.rolcreaterole OR r.rolcreatedb
        OR EXISTS (SELECT 1 FROM pg_auth_members m WHERE m.member = r.oid))
\gexec
