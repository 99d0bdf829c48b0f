import * as q from '../cypher/reads.js';
import type { GraphDb } from '../db.js';
import { list, num, optStr, str, strList } from '../rows.js';
import { asMap, toBundle, type PaperBundle } from './paper-rows.js';

export interface RecommendationRow {
  readonly bundle: PaperBundle;
  /** Cosine similarity to the combined inputs, in [0, 1]. */
  readonly score: number;
  readonly sharedTerms: string[];
}

export interface RecommendOutcome {
  /** Version of the current topic model when the query ran (null: no model yet). */
  readonly modelVersion: string | null;
  /** Ids of the input papers that exist and have a vector. */
  readonly found: string[];
  readonly recommendations: RecommendationRow[];
}

/** How many recommendations a request asks for, and what it reads of each paper. */
export interface RecommendShape {
  readonly first: number;
  readonly include?: q.PaperInclude | undefined;
}

/** The outcome of a request with no result (no current model, nothing found). */
export const NO_RECOMMENDATIONS: RecommendOutcome = { modelVersion: null, found: [], recommendations: [] };

/** "More like these papers / this text" by the vector index `paper_embedding`. */
export function createRecommendStore({ db }: { db: Pick<GraphDb, 'read'> }) {
  return {
    /** The outcome of each request, in order; one statement for all of them. */
    async recommend(
      requests: readonly q.RecommendInput[],
      page: RecommendShape,
    ): Promise<RecommendOutcome[]> {
      const { first, include } = page;
      const out: RecommendOutcome[] = requests.map(() => NO_RECOMMENDATIONS);
      for (const row of await db.read(
        q.recommendPapers({ requests, first, ...(include ? { include } : {}) }),
      )) {
        out[num(row.request, 'request')] = {
          modelVersion: optStr(row.modelVersion, 'modelVersion'),
          found: strList(row.found, 'found'),
          recommendations: list(row.recommendations, 'recommendations').map((r) => {
            const o = asMap(r, 'recommendation');
            return {
              bundle: toBundle(o.paper, include),
              score: num(o.score, 'recommendation.score'),
              sharedTerms: strList(o.sharedTerms, 'recommendation.sharedTerms'),
            };
          }),
        };
      }
      return out;
    },

    /** The serialised state of the current topic model, or null when there is none. */
    async currentModelState(): Promise<{ version: string; state: string } | null> {
      const [row] = await db.read(q.currentModelState());
      return row ? { version: str(row.version, 'version'), state: str(row.state, 'state') } : null;
    },
  };
}

export type RecommendStore = ReturnType<typeof createRecommendStore>;
