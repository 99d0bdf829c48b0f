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

/** "More like these papers / this text" by the vector index `paper_embedding`. */
export function createRecommendStore({ db }: { db: Pick<GraphDb, 'read'> }) {
  return {
    async recommend(args: {
      ids: readonly string[];
      textVector: readonly number[] | null;
      textTerms: readonly string[];
      first: number;
      include?: q.PaperInclude;
    }): Promise<RecommendOutcome> {
      const [row] = await db.read(q.recommendPapers(args));
      if (!row) return { modelVersion: null, found: [], recommendations: [] };
      return {
        modelVersion: optStr(row.modelVersion, 'modelVersion'),
        found: strList(row.found, 'found'),
        recommendations: list(row.recommendations, 'recommendations').map((r) => {
          const o = asMap(r, 'recommendation');
          return {
            bundle: toBundle(o.paper, args.include),
            score: num(o.score, 'recommendation.score'),
            sharedTerms: strList(o.sharedTerms, 'recommendation.sharedTerms'),
          };
        }),
      };
    },

    /** The serialised state of the current topic model, or null when there is none. */
    async currentModelState(): Promise<{ version: string; state: string } | null> {
      const [row] = await db.read(q.currentModelState());
      return row ? { version: str(row.version, 'version'), state: str(row.state, 'state') } : null;
    },
  };
}

export type RecommendStore = ReturnType<typeof createRecommendStore>;
