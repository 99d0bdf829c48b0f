import { availableParallelism } from 'node:os';
import { UserInputError } from '../domain/errors.js';

export interface AnalysisOptions {
  /** Number of topics, or 'auto' (default) to choose it from the data. */
  k?: number | 'auto';
  /** Seed of every random choice; same input and seed, same output. Default 42. */
  seed?: number;
  /** Neighbours per paper. Default 10. */
  neighbors?: number;
  /** Keywords per paper. Default 8. */
  keywordsPerPaper?: number;
  /** LSA dimensions (capped by the corpus). Default 100. */
  dims?: number;
  /** Minimum document frequency of a term (count). Default 2. */
  minDf?: number;
  /** Maximum document frequency of a term (fraction of documents). Default 0.5. */
  maxDf?: number;
  /**
   * Keep at most this many terms, the most frequent (0 = no cap). Default 50000: beyond that
   * the extra (df 2-3 bigram) terms add cost, not topic signal.
   */
  maxFeatures?: number;
  /** Adjacent-word pairs as extra terms. Default true. */
  bigrams?: boolean;
  /** Weight of the LSA cosine in neighbour scores; the rest is TF-IDF cosine. Default 0.5. */
  blend?: number;
  /** Documents the LSA subspace is fitted on (all are projected). Default 10000. */
  lsaSample?: number;
  /** Subspace iterations of the randomized SVD. Default 3. */
  powerIterations?: number;
  /** Threads (the caller's plus helpers). Default: min(2, available cores). */
  threads?: number;
  /** k-means restarts. Default 4. */
  restarts?: number;
  /**
   * Steps of neighbourhood propagation (personalised PageRank) before topics are found
   * (0 = each paper's own vector only). Default 10.
   */
  smoothingHops?: number;
}

export type ResolvedOptions = Required<AnalysisOptions>;

export const DEFAULTS: ResolvedOptions = {
  k: 'auto',
  seed: 42,
  neighbors: 10,
  keywordsPerPaper: 8,
  dims: 100,
  minDf: 2,
  maxDf: 0.5,
  maxFeatures: 50000,
  bigrams: true,
  blend: 0.5,
  restarts: 4,
  threads: Math.min(2, availableParallelism()),
  lsaSample: 10000,
  powerIterations: 3,
  smoothingHops: 10,
};

function int(name: string, v: number, min: number): number {
  if (!Number.isInteger(v) || v < min) {
    throw new UserInputError(`analysis option "${name}" must be an integer >= ${min}, got ${String(v)}`);
  }
  return v;
}

function fraction(name: string, v: number): number {
  if (!(v >= 0 && v <= 1))
    throw new UserInputError(`analysis option "${name}" must be in [0, 1], got ${String(v)}`);
  return v;
}

/** Merges defaults and validates once; messages name the option. */
export function resolveOptions(opts: AnalysisOptions = {}): ResolvedOptions {
  const o = { ...DEFAULTS, ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)) };
  if (o.k !== 'auto') int('k', o.k, 1);
  int('seed', o.seed, 0);
  int('neighbors', o.neighbors, 0);
  int('keywordsPerPaper', o.keywordsPerPaper, 0);
  int('dims', o.dims, 1);
  int('minDf', o.minDf, 1);
  fraction('maxDf', o.maxDf);
  int('maxFeatures', o.maxFeatures, 0);
  fraction('blend', o.blend);
  int('restarts', o.restarts, 1);
  int('threads', o.threads, 1);
  int('lsaSample', o.lsaSample, 1);
  int('powerIterations', o.powerIterations, 0);
  int('smoothingHops', o.smoothingHops, 0);
  return o;
}
