import * as q from '../cypher/reads.js';
import type { GraphDb } from '../db.js';
import { list, num } from '../rows.js';
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

/** Full-text search over paper titles and abstracts (index `paper_text`). */
export function createSearchStore({ db }: { db: Pick<GraphDb, 'read'> }) {
  return {
    /**
     * Hits `skip .. skip + limit` of a Lucene query built by `luceneTextQuery` (never raw
     * user text), best first.
     */
    async papers(
      luceneQuery: string,
      skip: number,
      limit: number,
      count: boolean,
      include?: q.PaperInclude,
    ): Promise<SearchPage> {
      const [row] = await db.read(q.searchPapers(luceneQuery, skip, limit, count, include));
      if (!row) return { total: 0, hits: [], hasNextPage: false };
      const total = num(row.total, 'total');
      const hits = list(row.rows, 'rows').map((r) => {
        const o = asMap(r, 'hit');
        return { bundle: toBundle(o.paper, include), score: num(o.score, 'hit.score') };
      });
      return {
        total: total < 0 ? null : total,
        hits: hits.slice(0, limit),
        hasNextPage: hits.length > limit,
      };
    },
  };
}

export type SearchStore = ReturnType<typeof createSearchStore>;
