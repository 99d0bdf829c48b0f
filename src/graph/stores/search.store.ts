import * as q from '../cypher/reads.js';
import type { GraphDb } from '../db.js';
import { list, num, str } from '../rows.js';
import { asMap, toBundle, type PaperBundle } from './paper-rows.js';

export interface SearchHit {
  readonly bundle: PaperBundle;
  /** Lucene relevance score (BM25); only comparable within one query. */
  readonly score: number;
}

export interface SearchPage {
  /** null when the count was not asked for. */
  readonly total: number | null;
  readonly hits: SearchHit[];
  readonly hasNextPage: boolean;
}

/** Which page of hits a search asks for, and what it reads of each paper. */
export interface SearchPageShape {
  readonly skip: number;
  readonly limit: number;
  /** Also count all hits (`totalCount`). */
  readonly count: boolean;
  readonly include?: q.PaperInclude | undefined;
}

/** The page of a query with no hits. */
export const NO_HITS: SearchPage = { total: 0, hits: [], hasNextPage: false };

/** Full-text search over paper titles and abstracts (index `paper_text`). */
export function createSearchStore({ db }: { db: Pick<GraphDb, 'read'> }) {
  return {
    /**
     * Hits `skip .. skip + limit` of each Lucene query built by `luceneTextQuery` (never raw
     * user text), best first; one statement for all of them.
     */
    async papers(luceneQueries: readonly string[], page: SearchPageShape): Promise<Map<string, SearchPage>> {
      const { skip, limit, count, include } = page;
      const out = new Map<string, SearchPage>();
      for (const row of await db.read(q.searchPapers(luceneQueries, skip, limit, count, include))) {
        const total = num(row.total, 'total');
        const hits = list(row.rows, 'rows').map((r) => {
          const o = asMap(r, 'hit');
          return { bundle: toBundle(o.paper, include), score: num(o.score, 'hit.score') };
        });
        out.set(str(row.query, 'query'), {
          total: total < 0 ? null : total,
          hits: hits.slice(0, limit),
          hasNextPage: hits.length > limit,
        });
      }
      return out;
    },
  };
}

export type SearchStore = ReturnType<typeof createSearchStore>;
