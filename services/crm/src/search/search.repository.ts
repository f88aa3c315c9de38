import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { SearchHit, SearchObject } from './dto/search.schemas.js';
import { prefixPattern, prefixRange, type SearchTerms } from './search-terms.js';

/** How many trigram candidates are ranked at most: bounds the work of a vague query at 1M rows. */
export const FUZZY_CANDIDATES = 300;
/** Word-similarity threshold of the trigram pass (pg_trgm's default 0.6 misses most typos). */
export const FUZZY_THRESHOLD = '0.3';
/** Similarity threshold of a typed word to a dictionary word (a swapped pair: "jonh" → "john" is 0.25). */
export const WORD_THRESHOLD = '0.2';
/** Dictionary corrections tried per typed word. */
const CORRECTIONS = 5;
/** Prefix hits score 1 (exact) or PREFIX_SCORE; trigram hits are capped just below it. */
const PREFIX_SCORE = 0.95;
const FUZZY_CAP = 0.9;

interface Scope {
  workspaceId: string;
  /** Only records owned by this user ('team' visibility), or every record of the workspace. */
  ownerId: string | undefined;
  limit: number;
}

/** Collects bound parameters and hands back their `$n` placeholders. */
class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

interface Row {
  id: string;
  title: string;
  subtitle: string | null;
  score: string | number;
}

/**
 * The search SQL, two passes per object. The prefix pass walks the btree indexes of
 * names, emails, phones and domains in order with a LIMIT, so a common word ("john")
 * costs a few index pages. Only when it finds fewer than `limit` hits does the fuzzy
 * pass run, ranking at most FUZZY_CANDIDATES rows. For companies and deals it is pg_trgm
 * word similarity on `search_text` (GIN). For people it corrects each typed word against
 * the workspace's dictionary of name words (crm.search_words, trigram GIN over a few
 * thousand words) and looks people up by the corrected names (btree): a trigram scan of
 * a million people's search text costs tens of milliseconds per typo; this stays in
 * single digits. Phone digits still use the trigram index (digit trigrams are selective).
 */
@Injectable()
export class SearchRepository {
  async search(m: EntityManager, object: SearchObject, terms: SearchTerms, scope: Scope): Promise<SearchHit[]> {
    const prefixHits = await this.run(m, object, this.prefixSql(object, terms, scope));
    if (prefixHits.length >= scope.limit || terms.fuzzy.length < 3) return prefixHits;
    const fuzzyHits =
      object === 'contacts'
        ? terms.phoneDigits
          ? [] // phones: prefix and suffix walks above
          : await this.fuzzyNames(m, terms, scope)
        : await this.run(m, object, this.fuzzySql(object, terms, scope));
    const seen = new Set(prefixHits.map((h) => h.id));
    return [...prefixHits, ...fuzzyHits.filter((h) => !seen.has(h.id))];
  }

  private async run(m: EntityManager, object: SearchObject, [sql, params]: [string, unknown[]]): Promise<SearchHit[]> {
    const rows: Row[] = await m.query(sql, params);
    return rows.map((r) => ({
      object,
      id: r.id,
      title: r.title,
      subtitle: r.subtitle || null,
      score: Math.round(Number(r.score) * 1000) / 1000,
    }));
  }

  private prefixSql(object: SearchObject, t: SearchTerms, s: Scope): [string, unknown[]] {
    const p = new Params();
    const ws = p.add(s.workspaceId);
    const own = s.ownerId ? ` AND owner_id = ${p.add(s.ownerId)}` : '';
    const n = p.add(s.limit);
    /** One ordered index walk: `expr` starts with `prefix`. */
    const starts = (expr: string, prefix: string) => {
      const [lo, hi] = prefixRange(prefix);
      return `${expr} >= ${p.add(lo)} AND ${expr} < ${p.add(hi)} AND ${expr} LIKE ${p.add(prefixPattern(prefix))}`;
    };
    const walk = (table: string, where: string, order: string) =>
      `(SELECT id FROM crm.${table} WHERE workspace_id = ${ws}${own} AND ${where} ORDER BY ${order} LIMIT ${n})`;
    const text = p.add(t.text);
    if (object === 'contacts') {
      const walks: string[] = [];
      const [first, last] = [t.words[0]!, t.words[t.words.length - 1]!];
      if (t.words.length === 1) {
        walks.push(walk('contacts', starts('first_name_key', first), 'first_name_key, last_name_key'));
        walks.push(walk('contacts', starts('last_name_key', first), 'last_name_key, first_name_key'));
      } else {
        walks.push(
          walk('contacts', `${starts('first_name_key', first)} AND ${starts('last_name_key', last)}`, 'first_name_key, last_name_key'),
        );
        walks.push(
          walk('contacts', `${starts('last_name_key', first)} AND ${starts('first_name_key', last)}`, 'last_name_key, first_name_key'),
        );
      }
      if (!t.text.includes(' ')) walks.push(walk('contacts', starts('email', t.text), 'email, id'));
      if (t.phoneDigits) {
        // "+1 415 555…" from the start, or "…555 0123" (the digits people remember) from the end.
        walks.push(walk('contacts', starts('phone', `+${t.phoneDigits}`), 'phone'));
        walks.push(walk('contacts', starts('phone_reversed', [...t.phoneDigits].reverse().join('')), 'phone_reversed'));
      }
      const exact = `lower(c.first_name) = ${text} OR lower(c.last_name) = ${text} OR c.email = ${text}
        OR lower(c.first_name || ' ' || c.last_name) = ${text}${t.phoneDigits ? ` OR c.phone = ${p.add(`+${t.phoneDigits}`)}` : ''}`;
      return [
        this.contactHits(
          `SELECT DISTINCT id FROM (${walks.join(' UNION ALL ')}) w`,
          `CASE WHEN ${exact} THEN 1 ELSE ${PREFIX_SCORE} END`,
          ws,
          n,
        ),
        p.values,
      ];
    }
    if (object === 'companies') {
      const walks = [walk('companies', starts('name_key', t.text), 'name_key')];
      if (!t.text.includes(' ')) walks.push(walk('companies', starts('domain', t.text), 'domain'));
      const exact = `lower(co.name) = ${text} OR co.domain = ${text}`;
      return [
        this.companyHits(
          `SELECT DISTINCT id FROM (${walks.join(' UNION ALL ')}) w`,
          `CASE WHEN ${exact} THEN 1 ELSE ${PREFIX_SCORE} END`,
          ws,
          n,
        ),
        p.values,
      ];
    }
    const match = walk('deals', starts('name_key', t.text), 'name_key');
    return [
      this.dealHits(`SELECT id FROM ${match} w`, `CASE WHEN lower(d.name) = ${text} THEN 1 ELSE ${PREFIX_SCORE} END`, ws, n),
      p.values,
    ];
  }

  /**
   * Companies and deals: trigram word similarity among the names that start like the
   * typed text — its first letter, or first two from five letters on (a btree range on
   * `name_key`; under RLS pg_trgm's operators cannot drive the GIN index). A typo in
   * those leading letters is not corrected.
   */
  private fuzzySql(object: 'companies' | 'deals', t: SearchTerms, s: Scope): [string, unknown[]] {
    const p = new Params();
    const ws = p.add(s.workspaceId);
    const own = s.ownerId ? ` AND owner_id = ${p.add(s.ownerId)}` : '';
    const n = p.add(s.limit);
    const q = p.add(t.fuzzy);
    const chars = [...t.fuzzy];
    const [lo, hi] = prefixRange(chars.slice(0, chars.length >= 5 ? 2 : 1).join(''));
    const candidates = `SELECT id, word_similarity(${q}, search_text) AS similarity FROM crm.${object}
      WHERE workspace_id = ${ws}${own} AND name_key >= ${p.add(lo)} AND name_key < ${p.add(hi)} AND ${q} <% search_text
      LIMIT ${FUZZY_CANDIDATES}`;
    const score = `least(m.similarity, ${FUZZY_CAP})`;
    const sql = object === 'companies' ? this.companyHits(candidates, score, ws, n) : this.dealHits(candidates, score, ws, n);
    return [sql, p.values];
  }

  /** Up to CORRECTIONS dictionary words per typed word, most similar first. */
  private async corrections(m: EntityManager, t: SearchTerms, s: Scope): Promise<string[][]> {
    const rows: { i: string; word: string }[] = await m.query(
      `SELECT t.i, s.word FROM unnest($2::text[]) WITH ORDINALITY AS t(typed, i),
              LATERAL (SELECT word FROM crm.search_words
                        WHERE workspace_id = $1 AND word >= left(t.typed, 1) AND word < chr(ascii(t.typed) + 1) AND word % t.typed
                        ORDER BY similarity(word, t.typed) DESC, word LIMIT ${CORRECTIONS}) s`,
      [s.workspaceId, t.nameWords],
    );
    return t.nameWords.map((_, i) => rows.filter((r) => Number(r.i) === i + 1).map((r) => r.word));
  }

  /**
   * People whose names are dictionary corrections of the typed words. The corrections are
   * bound as literal arrays so the planner sees them and intersects the name indexes.
   */
  private async fuzzyNames(m: EntityManager, t: SearchTerms, s: Scope): Promise<SearchHit[]> {
    if (!t.nameWords.length) return [];
    const found = await this.corrections(m, t, s);
    const [firsts, lasts] = [found[0]!, found[found.length - 1]!];
    if (!firsts.length || !lasts.length) return [];
    const p = new Params();
    const ws = p.add(s.workspaceId);
    const own = s.ownerId ? ` AND owner_id = ${p.add(s.ownerId)}` : '';
    const n = p.add(s.limit);
    // At most `limit` people per corrected word (or pair of words): an exact probe of the
    // name-key indexes each, so a common correction cannot crowd out a better one.
    const people = (where: string, similarity: string) =>
      `LATERAL (SELECT id, ${similarity} AS similarity FROM crm.contacts WHERE workspace_id = ${ws}${own} AND ${where} LIMIT ${n})`;
    const first = p.add(t.nameWords[0]!);
    const f = p.add(firsts);
    let candidates: string;
    if (t.nameWords.length === 1) {
      candidates = [
        `SELECT x.* FROM unnest(${f}::text[]) w(a), ${people('first_name_key = w.a', `similarity(first_name_key, ${first})`)} x`,
        `SELECT x.* FROM unnest(${f}::text[]) w(a), ${people('last_name_key = w.a', `similarity(last_name_key, ${first})`)} x`,
      ].join(' UNION ALL ');
    } else {
      const last = p.add(t.nameWords[t.nameWords.length - 1]!);
      const l = p.add(lasts);
      const pairs = `unnest(${f}::text[]) w(a), unnest(${l}::text[]) v(b)`;
      candidates = [
        `SELECT x.* FROM ${pairs}, ${people(
          'first_name_key = w.a AND last_name_key = v.b',
          `(similarity(first_name_key, ${first}) + similarity(last_name_key, ${last})) / 2`,
        )} x`,
        `SELECT x.* FROM ${pairs}, ${people(
          'last_name_key = w.a AND first_name_key = v.b',
          `(similarity(last_name_key, ${first}) + similarity(first_name_key, ${last})) / 2`,
        )} x`,
      ].join(' UNION ALL ');
    }
    const matches = `SELECT DISTINCT ON (id) id, similarity FROM (${candidates}) x ORDER BY id, similarity DESC`;
    return this.run(m, 'contacts', [this.contactHits(matches, `least(m.similarity, ${FUZZY_CAP})`, ws, n), p.values]);
  }

  private contactHits(matches: string, score: string, ws: string, n: string): string {
    return `SELECT c.id,
        coalesce(nullif(trim(c.first_name || ' ' || c.last_name), ''), c.email, c.phone, '') AS title,
        nullif(concat_ws(' · ', c.email, co.name, CASE WHEN c.email IS NULL THEN c.phone END), '') AS subtitle,
        ${score} AS score
      FROM (${matches}) m
      JOIN crm.contacts c ON c.id = m.id AND c.workspace_id = ${ws}
      LEFT JOIN crm.companies co ON co.id = c.company_id AND co.workspace_id = ${ws}
      ORDER BY score DESC, lower(c.last_name), lower(c.first_name), c.id LIMIT ${n}`;
  }

  private companyHits(matches: string, score: string, ws: string, n: string): string {
    return `SELECT co.id, co.name AS title, co.domain AS subtitle, ${score} AS score
      FROM (${matches}) m
      JOIN crm.companies co ON co.id = m.id AND co.workspace_id = ${ws}
      ORDER BY score DESC, lower(co.name), co.id LIMIT ${n}`;
  }

  private dealHits(matches: string, score: string, ws: string, n: string): string {
    return `SELECT d.id, d.name AS title,
        concat_ws(' · ', s.name, CASE WHEN d.amount IS NOT NULL THEN d.amount::text || ' ' || d.currency END) AS subtitle,
        ${score} AS score
      FROM (${matches}) m
      JOIN crm.deals d ON d.id = m.id AND d.workspace_id = ${ws}
      LEFT JOIN crm.pipeline_stages s ON s.id = d.stage_id AND s.workspace_id = ${ws}
      ORDER BY score DESC, lower(d.name), d.id LIMIT ${n}`;
  }
}
