import { Injectable } from '@nestjs/common';
import { TenantDatabase, type Principal } from '@meridian/platform';
import { SEARCH_OBJECTS, type SearchHit, type SearchQuery } from './dto/search.schemas.js';
import { FUZZY_THRESHOLD, SearchRepository, WORD_THRESHOLD } from './search.repository.js';
import { searchTerms } from './search-terms.js';

/**
 * Transaction-local settings of a search: the trigram thresholds, and plain index scans
 * only. Every search statement is an ordered index walk with a LIMIT; from estimates
 * alone the planner sometimes bets on a workspace scan finding the LIMIT early (seconds
 * when few rows match) or on a bitmap scan that sorts thousands of rows to keep ten.
 */
export const SEARCH_SETTINGS_SQL = `SELECT set_config('pg_trgm.word_similarity_threshold', $1, true),
  set_config('pg_trgm.similarity_threshold', $2, true), set_config('enable_seqscan', 'off', true),
  set_config('enable_bitmapscan', 'off', true)`;

const OBJECT_ORDER = new Map(SEARCH_OBJECTS.map((o, i) => [o, i]));

/** Global search across contacts, companies and deals, in the caller's workspace and visibility. */
@Injectable()
export class SearchService {
  constructor(
    private readonly db: TenantDatabase,
    private readonly repository: SearchRepository,
  ) {}

  async search(principal: Principal, query: SearchQuery): Promise<{ data: SearchHit[] }> {
    const terms = searchTerms(query.q);
    if (!terms.text) return { data: [] };
    const scope = {
      workspaceId: principal.workspaceId,
      ownerId: principal.recordVisibility === 'team' ? principal.userId : undefined,
      limit: query.limit,
    };
    const hits = await this.db.inWorkspace(principal.workspaceId, async (m) => {
      // Local to this transaction (SET LOCAL), like the workspace setting.
      await m.query(SEARCH_SETTINGS_SQL, [FUZZY_THRESHOLD, WORD_THRESHOLD]);
      const found: SearchHit[] = [];
      for (const object of query.objects) found.push(...(await this.repository.search(m, object, terms, scope)));
      return found;
    });
    hits.sort((a, b) => b.score - a.score || OBJECT_ORDER.get(a.object)! - OBJECT_ORDER.get(b.object)! || a.title.localeCompare(b.title));
    return { data: hits.slice(0, query.limit) };
  }
}
