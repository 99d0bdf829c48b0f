import { DEFAULT_ANN_OPTIONS } from './ann.js';
import { Helpers } from './parallel.js';
import {
  approximateCandidates,
  parallelSpmm,
  propagateAll,
  rerankAll,
  sharedTermsAll,
  tokenizeAll,
} from './steps.js';
import { sphericalKmeans } from './cluster.js';
import { chooseK } from './kchoice.js';
import { keywords as rowsKeywords } from './keywords.js';
import { labelFromTerms, topicTerms } from './label.js';
import type { TopicModelSnapshot, TopicSummary } from './model.js';
import { resolveOptions, type AnalysisOptions, type ResolvedOptions } from './options.js';
import { fitLsa } from './reduce.js';
import { candidateNeighbors, clamp01 } from './similarity.js';
import { DEFAULT_SMOOTHING, neighbourGraph, topicsFromContext } from './smooth.js';
import { TermInterner } from './interner.js';
import { fitTfidf } from './tfidf.js';
import { surfaceOfTerm, TermProcessor, texCommandCounts } from './tokenize.js';
import { hasDirection, projectDocuments, sharedTermsBetween, weighDocuments } from './project.js';

export type { AnalysisOptions } from './options.js';
export type { TopicModelSnapshot, TopicSummary } from './model.js';
export { serializeModel, deserializeModel } from './model.js';
export { hasDirection, projectDocuments, sharedTermsBetween };

/** Up to this many documents, candidate neighbours are exact; above, approximate (ann.ts). */
const EXACT_NEIGHBOURS_UP_TO = 4000;
/** From this many documents on, helper threads are used (when `threads` > 1). */
const PARALLEL_FROM = 3000;

export interface AnalysisDoc {
  id: string;
  title: string;
  abstract: string;
}

export interface Neighbor {
  /** Position of the neighbour in the input. */
  index: number;
  /** Blend of LSA and TF-IDF cosine, in [0, 1]. */
  score: number;
  /** Surface words both papers weigh highly, best first, at most 5. */
  sharedTerms: string[];
}

export interface AnalysisResult {
  topics: TopicSummary[];
  /** Topic index per doc. */
  assignments: Int32Array;
  /** Cosine of each doc to its topic centre, in [0, 1]. */
  topicScores: Float32Array;
  /** Per doc, best first, never itself. */
  neighbors: Neighbor[][];
  /** Per doc, surface words, best first. */
  keywords: { term: string; weight: number }[][];
  /** Reduced (LSA) L2-normalised vector per doc, same dimension for all. */
  vectors: Float32Array[];
  relatedTopics: { from: number; to: number; score: number }[];
  kChoice: { k: number; reason: string };
  model: TopicModelSnapshot;
  /** Wall-clock milliseconds per stage, for progress reports and benchmarks. */
  timings: Record<
    'tokenize' | 'tfidf' | 'reduce' | 'chooseK' | 'cluster' | 'label' | 'neighbors' | 'keywords',
    number
  >;
}

/** Text analysed for a paper: title and abstract as one passage. */
export function docText(d: { title: string; abstract: string }): string {
  return `${d.title}. ${d.abstract}`;
}

/**
 * Topics, neighbours and keywords of a corpus. Pure and deterministic: the same docs in the
 * same order with the same options give the same result.
 */
export async function analyze(
  docs: AnalysisDoc[],
  opts?: AnalysisOptions,
  started?: AnalysisHelpers,
): Promise<AnalysisResult> {
  const o = resolveOptions(opts);
  // Helper threads pay for their start-up (~0.3 s) only on corpora of some size.
  const wanted = o.threads > 1 && docs.length >= PARALLEL_FROM;
  if (started !== undefined) return run(docs, o, wanted ? started.pool : undefined);
  const helpers = wanted ? Helpers.start(o.threads - 1) : undefined;
  try {
    return await run(docs, o, helpers);
  } finally {
    await helpers?.close();
  }
}

/** Helper threads started ahead of `analyze`, so they load while the caller reads its input. */
export interface AnalysisHelpers {
  readonly pool: Helpers | undefined;
  close(): Promise<void>;
}

/**
 * Starts the helper threads `analyze` would start (none for `threads` 1), for a caller that
 * knows a corpus is coming but not yet its size: their start-up then overlaps the reading, and
 * tokenizing (the first step) is shared from its start. The caller closes them.
 */
export function startAnalysisHelpers(opts?: AnalysisOptions): AnalysisHelpers {
  const o = resolveOptions(opts);
  const pool = o.threads > 1 ? Helpers.start(o.threads - 1) : undefined;
  return { pool, close: async () => pool?.close() };
}

async function run(
  docs: AnalysisDoc[],
  o: ResolvedOptions,
  helpers: Helpers | undefined,
): Promise<AnalysisResult> {
  const n = docs.length;
  let last = performance.now();
  const lap = (): number => {
    const now = performance.now();
    const ms = now - last;
    last = now;
    return ms;
  };
  const proc = new TermProcessor({ bigrams: o.bigrams });
  const interner = new TermInterner();
  const texts = docs.map(docText);
  const ids = await tokenizeAll(proc, texts, interner, helpers);
  const tTokenize = lap();
  const fit = fitTfidf(ids, interner, {
    minDf: Math.min(o.minDf, Math.max(1, n - 1)),
    maxDf: o.maxDf,
    ...(o.maxFeatures > 0 ? { maxFeatures: o.maxFeatures } : {}),
  });
  const stems = proc.surfaceForms();
  const surfaces = fit.vocabulary.terms.map((t) => surfaceOfTerm(t, stems));
  const surfaceOf = (col: number): string => surfaces[col] ?? '';
  const x = fit.weights;

  const tTfidf = lap();
  const { model: lsa, vectors } = await fitLsa(
    x,
    {
      dims: o.dims,
      seed: o.seed,
      powerIterations: o.powerIterations,
      oversample: 10,
      sampleSize: o.lsaSample,
    },
    parallelSpmm(helpers),
  );
  const dims = lsa.dims;

  const tReduce = lap();
  const clusterOpts = { seed: o.seed, restarts: o.restarts };
  const kChoice =
    o.k === 'auto'
      ? chooseK(vectors, dims, o.seed, clusterOpts)
      : { k: Math.min(o.k, Math.max(1, n)), reason: `k=${o.k} was given` };
  const tChooseK = lap();
  // Provisional topics (restarts on a sample, one pass over all papers): they start the final
  // clustering and plan the neighbour search's cells.
  const start = sphericalKmeans(vectors, dims, Math.max(1, kChoice.k), { ...clusterOpts, fullData: false });
  const tStart = lap();

  const nCand = Math.min(Math.max(o.neighbors * 3, 30), Math.max(1, n - 1));
  const cand =
    n <= EXACT_NEIGHBOURS_UP_TO
      ? candidateNeighbors(vectors, dims, nCand)
      : await approximateCandidates(
          vectors,
          dims,
          start.assignments,
          start.k,
          nCand,
          { ...DEFAULT_ANN_OPTIONS, seed: o.seed },
          helpers,
        );
  const top = await rerankAll(
    cand,
    vectors,
    dims,
    x,
    o.blend,
    Math.min(o.neighbors, Math.max(0, n - 1)),
    helpers,
  );
  const tNeighbors = lap();
  // Topics: papers clustered together with their neighbourhood (smooth.ts).
  const context =
    o.smoothingHops > 0
      ? await propagateAll(
          vectors,
          dims,
          neighbourGraph(top, n),
          DEFAULT_SMOOTHING.teleport,
          o.smoothingHops,
          helpers,
        )
      : vectors;
  const clustering = topicsFromContext(vectors, context, dims, start, DEFAULT_SMOOTHING.maxIterations);
  const k = clustering.k;

  const tCluster = lap() + tStart;
  const commands = texCommandCounts(texts);
  const termLists = topicTerms(
    {
      counts: fit.counts,
      columns: fit.columns,
      frequent: fit.frequent,
      interner,
      surfaceOf: (id) => surfaceOfTerm(interner.termOf(id), stems),
      isMarkup: (word) => 2 * (commands.get(word) ?? 0) >= proc.wordCount(word),
      titleOf: (d) => proc.termIds(docs[d]?.title ?? '', interner, false),
      surfacesIn: (requests) =>
        proc.surfacesIn(
          texts,
          requests.map((q) => ({ key: interner.termOf(q.id), docs: q.docs })),
        ),
    },
    clustering.assignments,
    k,
  );
  const sizes = new Int32Array(k);
  for (const a of clustering.assignments) sizes[a] = (sizes[a] ?? 0) + 1;
  const topics: TopicSummary[] = termLists.map((terms, index) => ({
    index,
    label: labelFromTerms(terms),
    terms: terms.map((t) => t.term),
    size: sizes[index] ?? 0,
  }));

  const tLabel = lap();
  const sharedOf = await sharedTermsAll(x, top, surfaces, 5, helpers);
  const neighbors: Neighbor[][] = Array.from({ length: n }, (_, r) => {
    const idx: number[] = [];
    for (let j = 0; j < top.k && (top.index[r * top.k + j] ?? -1) >= 0; j++)
      idx.push(top.index[r * top.k + j] ?? 0);
    const shared = sharedOf(r, idx);
    return idx.map((c, j) => ({
      index: c,
      score: clamp01(top.score[r * top.k + j] ?? 0),
      sharedTerms: shared[j] ?? [],
    }));
  });

  const tShared = lap();
  const keywords = rowsKeywords(x, surfaceOf, o.keywordsPerPaper);
  const tKeywords = lap();
  const model: TopicModelSnapshot = {
    version: 1,
    params: {
      seed: o.seed,
      k,
      dims,
      minDf: o.minDf,
      maxDf: o.maxDf,
      keywordsPerPaper: o.keywordsPerPaper,
      tokenize: proc.options,
    },
    terms: fit.vocabulary.terms,
    surfaces,
    idf: fit.vocabulary.idf,
    lsa,
    centroids: clustering.centroids,
    topics,
  };

  return {
    topics,
    assignments: clustering.assignments,
    topicScores: clustering.similarity.map(clamp01),
    neighbors,
    keywords,
    vectors: Array.from({ length: n }, (_, r) => vectors.slice(r * dims, (r + 1) * dims)),
    relatedTopics: relatedTopics(clustering.centroids, k, dims),
    kChoice,
    model,
    timings: {
      tokenize: tTokenize,
      tfidf: tTfidf,
      reduce: tReduce,
      chooseK: tChooseK,
      cluster: tCluster,
      label: tLabel,
      neighbors: tNeighbors + tShared,
      keywords: tKeywords,
    },
  };
}

/** For each topic, the (up to) three other topics whose centres are most similar. */
export function relatedTopics(
  centroids: Float32Array,
  k: number,
  dims: number,
  perTopic = 3,
): { from: number; to: number; score: number }[] {
  const out: { from: number; to: number; score: number }[] = [];
  for (let a = 0; a < k; a++) {
    const scored: { to: number; score: number }[] = [];
    for (let b = 0; b < k; b++) {
      if (a === b) continue;
      let s = 0;
      for (let i = 0; i < dims; i++) s += (centroids[a * dims + i] ?? 0) * (centroids[b * dims + i] ?? 0);
      if (s > 0) scored.push({ to: b, score: clamp01(s) });
    }
    scored.sort((p, q) => q.score - p.score || p.to - q.to);
    for (const s of scored.slice(0, perTopic)) out.push({ from: a, ...s });
  }
  return out;
}

export { weighDocuments };
