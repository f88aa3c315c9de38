import type { DuplicateObject } from './record-rows.js';

/**
 * SQL of the candidate pairs of one workspace. Never a comparison of every record with
 * every other: each reason joins records on an equal key (hash join, O(n)) — an email
 * (primary or other), an E.164 phone, a normalised domain or company name — and name
 * similarity is only compared inside one company and one initial of the last name, so
 * even a company with thousands of people stays far from n².
 *
 * Parameters: $1 workspace, $2 owner (null = every record visible).
 * Output: a < b (uuid order), reason, score (numeric, 3 decimals, higher = more certain).
 */
const CONTACT_PAIRS = `
  WITH visible AS MATERIALIZED (
    SELECT id, email, emails, phone, phones, company_id, first_name_key AS first, last_name_key AS last
      FROM crm.contacts WHERE workspace_id = $1 AND ($2::uuid IS NULL OR owner_id = $2)),
  email_keys AS MATERIALIZED (
    SELECT email AS k, id FROM visible WHERE email IS NOT NULL AND email <> ''
    UNION ALL SELECT lower(e), v.id FROM visible v, unnest(v.emails) e WHERE v.emails <> '{}'),
  phone_keys AS MATERIALIZED (
    SELECT phone AS k, id FROM visible WHERE phone IS NOT NULL AND phone <> ''
    UNION ALL SELECT p, v.id FROM visible v, unnest(v.phones) p WHERE v.phones <> '{}'),
  -- Only keys held by two or more people are paired: a hash aggregate, no sort of everyone.
  email_dups AS (SELECT k, array_agg(id) AS ids FROM email_keys GROUP BY k HAVING min(id::text) <> max(id::text)),
  phone_dups AS (SELECT k, array_agg(id) AS ids FROM phone_keys GROUP BY k HAVING min(id::text) <> max(id::text)),
  named AS MATERIALIZED (SELECT * FROM visible WHERE company_id IS NOT NULL AND first || last <> ''),
  candidates AS (
    SELECT x AS a, y AS b, 'email' AS reason, 1.000::numeric AS score FROM email_dups, unnest(ids) x, unnest(ids) y WHERE x < y
    UNION ALL
    SELECT x, y, 'phone', 0.900 FROM phone_dups, unnest(ids) x, unnest(ids) y WHERE x < y
    UNION ALL
    SELECT x.id, y.id, 'name_company', round((0.5 + 0.4 * similarity(x.first || ' ' || x.last, y.first || ' ' || y.last))::numeric, 3)
      FROM named x JOIN named y ON x.company_id = y.company_id AND left(x.last, 1) = left(y.last, 1) AND x.id < y.id
     WHERE similarity(x.first || ' ' || x.last, y.first || ' ' || y.last) >= 0.6)`;

/** Company names compared without case, punctuation or legal suffixes ("Acme, Inc." = "ACME"). */
const COMPANY_NAME_KEY = `regexp_replace(
  regexp_replace(lower(name), '\\m(inc|llc|ltd|limited|gmbh|corp|corporation|co|company|sa|ag|bv|plc|srl|sas)\\M\\.?', '', 'g'),
  '[^[:alnum:]]+', '', 'g')`;

const COMPANY_PAIRS = `
  WITH visible AS (
    SELECT id, regexp_replace(domain, '^www\\.', '') AS domain_key, ${COMPANY_NAME_KEY} AS name_key
      FROM crm.companies WHERE workspace_id = $1 AND ($2::uuid IS NULL OR owner_id = $2)),
  candidates AS (
    SELECT x.id AS a, y.id AS b, 'domain' AS reason, 1.000::numeric AS score
      FROM visible x JOIN visible y ON x.domain_key = y.domain_key AND x.id < y.id
    UNION ALL
    SELECT x.id, y.id, 'name', 0.800 FROM visible x JOIN visible y ON x.name_key = y.name_key AND x.id < y.id
     WHERE x.name_key <> '')`;

/**
 * One page of pairs: the strongest reason per pair, dismissed pairs left out, ordered by
 * score (desc) then ids, after the keyset position ($4 score, $5 a, $6 b) when given;
 * $3 = limit + 1.
 */
export function pairsSql(object: DuplicateObject): string {
  return `${object === 'contacts' ? CONTACT_PAIRS : COMPANY_PAIRS},
  best AS (
    SELECT DISTINCT ON (a, b) a, b, reason, score FROM candidates ORDER BY a, b, score DESC, reason)
  SELECT p.a, p.b, p.reason, p.score::text AS score FROM best p
   WHERE NOT EXISTS (SELECT 1 FROM crm.duplicate_dismissals d
                      WHERE d.workspace_id = $1 AND d.object = '${object}' AND d.record_a = p.a AND d.record_b = p.b)
     AND ($4::numeric IS NULL OR p.score < $4 OR (p.score = $4 AND (p.a, p.b) > ($5::uuid, $6::uuid)))
   ORDER BY p.score DESC, p.a, p.b
   LIMIT $3`;
}
