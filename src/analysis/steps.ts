import {
  planCells,
  splitTopics,
  topicOrder,
  topicSplit,
  type TopicSplit,
  refineFanout,
  refineLinks,
  refineRows,
  searchCells,
  type AnnOptions,
  type RefineLinks,
} from './ann.js';
import { ranges, shared, type Helpers } from './parallel.js';
import { gramChunkCount, gramChunks, matmulRows, multiplyUpperRows, sumChunks } from './linalg.js';
import { serialKernels, type LsaKernels } from './reduce.js';
import { TOKENIZE_CHUNK, type TaskRequest } from './tasks.js';
import type { TermInterner } from './interner.js';
import type { TermProcessor } from './tokenize.js';
import { sharedTermsOfRow, TermPicker } from './keywords.js';
import { emptyTopK, rerankRows, type TopK } from './similarity.js';
import { spmmRows, type Csr } from './sparse.js';
import { propagate, propagateRows, unitRows, type NeighbourGraph } from './smooth.js';

/**
 * Pipeline steps split between the calling thread (first share) and helpers (the rest).
 * Every share writes disjoint rows, so the result is the same for any number of threads.
 * Tokenizing stays on the calling thread: it comes first, while helpers are still starting
 * (each loads its own copy of the code), and merging vocabularies ate the rest of the gain.
 */

function sharedCsr(m: Csr): Csr {
  return { ...m, indptr: shared(m.indptr), indices: shared(m.indices), values: shared(m.values) };
}

function sharedTopK(n: number, k: number): TopK {
  const t = emptyTopK(n, k);
  return { k, index: shared(t.index), score: shared(t.score) };
}

/**
 * The LSA fit's products (see reduce.ts `LsaKernels`) split by rows between the calling thread
 * and the helpers; Gram matrices by fixed row chunks whose partials are summed in order.
 */
export function parallelSpmm(helpers: Helpers | undefined): LsaKernels {
  if (helpers === undefined || helpers.size === 0) return serialKernels;
  const parts = helpers.size + 1;
  const cache = new WeakMap<Csr, Csr>();
  const sharedRows = (a: Float64Array): Float64Array =>
    a.buffer instanceof SharedArrayBuffer ? a : shared(a);
  /** Runs `local` for share 0 and `task` on helper i for share i + 1 of [0, n). */
  const split = async (
    n: number,
    task: (from: number, to: number) => TaskRequest,
    local: (from: number, to: number) => void,
  ) => {
    const rows = ranges(n, parts);
    const remote = rows.slice(1).map(([from, to], i) => helpers.run(i, task(from, to)));
    const [a0, b0] = rows[0] ?? [0, 0];
    local(a0, b0);
    await Promise.all(remote);
  };
  return {
    spmm: async (m, d, l) => {
      let sm = cache.get(m);
      if (sm === undefined) {
        sm = sharedCsr(m);
        cache.set(m, sm);
      }
      const sd = shared(d);
      const out = new Float64Array(new SharedArrayBuffer(m.nRows * l * 8));
      const csr = sm;
      await split(
        m.nRows,
        (from, to) => ({ kind: 'spmm', m: csr, d: sd, l, out, from, to }),
        (from, to) => spmmRows(csr, sd, l, out, from, to),
      );
      return out;
    },
    gram: async (y, n, l) => {
      const sy = sharedRows(y);
      const nChunks = gramChunkCount(n);
      const out = new Float64Array(new SharedArrayBuffer(nChunks * l * l * 8));
      await split(
        nChunks,
        (from, to) => ({ kind: 'gram', y: sy, n, l, out, from, to }),
        (from, to) => gramChunks(sy, n, l, from, to, out),
      );
      return sumChunks(out, nChunks, l);
    },
    multiplyUpper: async (y, n, l, ut) => {
      // Helpers write in place, so only shared rows can be split.
      if (!(y.buffer instanceof SharedArrayBuffer)) return serialKernels.multiplyUpper(y, n, l, ut);
      const su = shared(ut);
      await split(
        n,
        (from, to) => ({ kind: 'upper', y, l, ut: su, from, to }),
        (from, to) => multiplyUpperRows(y, l, su, from, to),
      );
    },
    matmul: async (a, n, l, bt, m) => {
      const sa = sharedRows(a);
      const sb = shared(bt);
      const out = new Float64Array(new SharedArrayBuffer(n * m * 8));
      await split(
        n,
        (from, to) => ({ kind: 'matmul', a: sa, l, bt: sb, m, out, from, to }),
        (from, to) => matmulRows(sa, l, sb, m, out, from, to),
      );
      return out;
    },
  };
}

/**
 * Term ids of every text in `interner`, as `proc.termIds` gives them. With a helper, both
 * threads tokenize and stem chunks of `TOKENIZE_CHUNK` texts, the calling thread from the front
 * and the helper from the back (with an interner of its own), claiming chunks from one shared
 * counter so neither waits for the other; the calling thread then maps the helper's ids into
 * `interner` and adds its word counts. Term keys, counts and surface words are those of one
 * thread; only the numbering of ids may differ, and nothing downstream depends on it (columns
 * are ordered by term key).
 */
export async function tokenizeAll(
  proc: TermProcessor,
  texts: string[],
  interner: TermInterner,
  helpers: Helpers | undefined,
): Promise<Int32Array[]> {
  if (helpers === undefined || helpers.size === 0) return texts.map((t) => proc.termIds(t, interner));
  const ctrl = new Int32Array(new SharedArrayBuffer(4));
  const nChunks = Math.ceil(texts.length / TOKENIZE_CHUNK);
  const remote = helpers.run(0, { kind: 'tokenize', texts, options: proc.options, ctrl });
  const ids: Int32Array[] = [];
  while (Atomics.add(ctrl, 0, 1) < nChunks) {
    const end = Math.min(texts.length, ids.length + TOKENIZE_CHUNK);
    for (let d = ids.length; d < end; d++) ids.push(proc.termIds(texts[d] ?? '', interner));
  }
  if (ids.length >= texts.length) {
    // The helper took nothing (it was still starting); its answer is not needed.
    remote.catch(() => undefined);
    return ids;
  }
  const r = await remote;
  if (r.kind !== 'tokens' || r.run.from !== ids.length) throw new Error('tokenize: helper share mismatch');
  for (const doc of proc.adopt(r.run, interner)) ids.push(doc);
  return ids;
}

/** Approximate candidate lists (see ann.ts), cells and rows shared out. */
export async function approximateCandidates(
  vectors: Float32Array,
  dims: number,
  topics: Int32Array,
  nTopics: number,
  k: number,
  opts: AnnOptions,
  helpers: Helpers | undefined,
): Promise<TopK> {
  const n = vectors.length / dims;
  const parts = (helpers?.size ?? 0) + 1;
  const sv = parts > 1 ? shared(vectors) : vectors;
  let split: TopicSplit | undefined;
  if (parts > 1) {
    // Topics are split into cells independently, largest first, claimed one by one.
    split = topicSplit(topics, nTopics, dims, opts.cellSize, shared);
    const order = topicOrder(split);
    const claim = new Int32Array(new SharedArrayBuffer(4));
    const s = split;
    const remote = Array.from({ length: parts - 1 }, (_, i) =>
      helpers?.run(i, { kind: 'splitTopics', vectors: sv, dims, split: s, todo: order, opts, claim }),
    );
    splitTopics(sv, dims, s, order, opts, claim);
    await Promise.all(remote);
  }
  const plan = planCells(vectors, dims, topics, nTopics, opts, split);
  const out = parts > 1 ? sharedTopK(n, k) : emptyTopK(n, k);
  // Costliest cells first (members x probed rows), taken one by one from a shared counter, so
  // the threads finish together.
  const cost = (c: number): number => {
    let rows = 0;
    for (let p = 0; p < plan.pick; p++) {
      const o = plan.probes[c * plan.probeCount + p] ?? -1;
      if (o >= 0) rows += (plan.memberPtr[o + 1] ?? 0) - (plan.memberPtr[o] ?? 0);
    }
    return rows * ((plan.memberPtr[c + 1] ?? 0) - (plan.memberPtr[c] ?? 0));
  };
  const costs = Float64Array.from({ length: plan.nCells }, (_, c) => cost(c));
  const todo = Int32Array.from({ length: plan.nCells }, (_, c) => c).sort(
    (a, b) => (costs[b] ?? 0) - (costs[a] ?? 0) || a - b,
  );
  if (parts > 1) {
    const claim = new Int32Array(new SharedArrayBuffer(4));
    const remote = Array.from({ length: parts - 1 }, (_, i) =>
      helpers?.run(i, { kind: 'searchCells', vectors: sv, dims, plan, todo, out, claim }),
    );
    searchCells(sv, dims, plan, todo, out, claim);
    await Promise.all(remote);
  } else searchCells(sv, dims, plan, todo, out);
  const fanout = refineFanout(k);
  const rows = ranges(n, parts);
  let before: Int32Array | undefined;
  for (let p = 0; p < opts.passes; p++) {
    const snapshot = parts > 1 ? shared(out.index) : out.index.slice();
    const links = refineLinks(snapshot, before, k, opts);
    const sl = parts > 1 ? sharedLinks(links) : links;
    const refine = rows
      .slice(1)
      .map(([from, to], i) =>
        helpers?.run(i, { kind: 'refine', vectors: sv, dims, snapshot, out, fanout, from, to, links: sl }),
      );
    const [a0, b0] = rows[0] ?? [0, 0];
    refineRows(sv, dims, snapshot, out, fanout, a0, b0, sl);
    await Promise.all(refine);
    before = snapshot;
  }
  return out;
}

function sharedLinks(links: RefineLinks): RefineLinks {
  const { rev, fresh } = links;
  let f: Uint8Array | undefined;
  if (fresh !== undefined) {
    f = new Uint8Array(new SharedArrayBuffer(fresh.length));
    f.set(fresh);
  }
  return { rev: rev === undefined ? undefined : { ptr: shared(rev.ptr), pos: shared(rev.pos) }, fresh: f };
}

/** Final neighbour lists by blended score (see similarity.ts `rerank`), rows shared out. */
export async function rerankAll(
  candidates: TopK,
  vectors: Float32Array,
  dims: number,
  tfidf: Csr,
  blend: number,
  k: number,
  helpers: Helpers | undefined,
): Promise<TopK> {
  const n = tfidf.nRows;
  const parts = (helpers?.size ?? 0) + 1;
  if (parts === 1) {
    const out = emptyTopK(n, k);
    rerankRows(candidates, vectors, dims, tfidf, blend, out, 0, n);
    return out;
  }
  const out = sharedTopK(n, k);
  const cand = { k: candidates.k, index: shared(candidates.index), score: shared(candidates.score) };
  const sv = shared(vectors);
  const sx = sharedCsr(tfidf);
  const rows = ranges(n, parts);
  const remote = rows.slice(1).map(([from, to], i) =>
    helpers?.run(i, {
      kind: 'rerank',
      candidates: cand,
      vectors: sv,
      dims,
      tfidf: sx,
      blend,
      out,
      from,
      to,
    }),
  );
  const [a0, b0] = rows[0] ?? [0, 0];
  rerankRows(cand, sv, dims, sx, blend, out, a0, b0);
  await Promise.all(remote);
  return out;
}

/** Shared terms of row r with its neighbours `idx` (see keywords.ts `sharedTermsOfRow`). */
export type SharedTermsOf = (r: number, idx: readonly number[]) => string[][];

/**
 * `sharedTermsOfRow` (at most `max` terms) of every row with its neighbours in `top`, the rows
 * shared out. Helpers send back vocabulary columns (the first column with each surface word),
 * which the calling thread turns into the same words.
 */
export async function sharedTermsAll(
  x: Csr,
  top: TopK,
  surfaces: string[],
  max: number,
  helpers: Helpers | undefined,
): Promise<SharedTermsOf> {
  const surfaceOf = (col: number): string => surfaces[col] ?? '';
  const dense = new Float32Array(x.nCols);
  const picker = new TermPicker(surfaceOf);
  const local: SharedTermsOf = (r, idx) => sharedTermsOfRow(x, r, idx, max, picker, dense);
  const n = x.nRows;
  if (helpers === undefined || helpers.size === 0) return local;
  const sx = sharedCsr(x);
  const index = shared(top.index);
  const cols = new Int32Array(new SharedArrayBuffer(n * top.k * max * 4)).fill(-1);
  const rows = ranges(n, helpers.size + 1);
  const remote = rows
    .slice(1)
    .map(([from, to], i) =>
      helpers.run(i, { kind: 'sharedTerms', x: sx, index, k: top.k, surfaces, max, cols, from, to }),
    );
  const [a0, b0] = rows[0] ?? [0, 0];
  const mine: string[][][] = [];
  for (let r = a0; r < b0; r++) mine.push(local(r, neighboursOf(index, top.k, r)));
  await Promise.all(remote);
  return (r, idx) => {
    if (r >= a0 && r < b0) return mine[r - a0] ?? [];
    return idx.map((_, j) => {
      const words: string[] = [];
      const o = (r * top.k + j) * max;
      for (let t = 0; t < max && (cols[o + t] ?? -1) >= 0; t++) words.push(surfaceOf(cols[o + t] ?? 0));
      return words;
    });
  };
}

/** Row r's neighbours in a top-k index list (up to the first -1). */
export function neighboursOf(index: Int32Array, k: number, r: number): number[] {
  const idx: number[] = [];
  for (let j = 0; j < k && (index[r * k + j] ?? -1) >= 0; j++) idx.push(index[r * k + j] ?? 0);
  return idx;
}

/**
 * smooth.ts `propagate` with each step's rows shared out (every row reads the previous step
 * only, so the result has the same bits for any split).
 */
export async function propagateAll(
  vectors: Float32Array,
  dims: number,
  graph: NeighbourGraph,
  teleport: number,
  steps: number,
  helpers: Helpers | undefined,
): Promise<Float32Array> {
  const parts = (helpers?.size ?? 0) + 1;
  if (parts === 1 || steps <= 0) return propagate(vectors, dims, graph, teleport, steps);
  const x = shared(vectors);
  const g: NeighbourGraph = {
    n: graph.n,
    indptr: shared(graph.indptr),
    to: shared(graph.to),
    weight: shared(graph.weight),
  };
  let cur: Float32Array = x;
  let next: Float32Array = shared(new Float32Array(vectors.length));
  const rows = ranges(graph.n, parts);
  for (let h = 0; h < steps; h++) {
    const into = next;
    const from = cur;
    const remote = rows.slice(1).map(([a, b], i) =>
      helpers?.run(i, {
        kind: 'propagate',
        x,
        dims,
        graph: g,
        teleport,
        cur: from,
        next: into,
        from: a,
        to: b,
      }),
    );
    const [a0, b0] = rows[0] ?? [0, 0];
    propagateRows(x, dims, g, teleport, from, into, a0, b0);
    await Promise.all(remote);
    next = cur === x ? shared(new Float32Array(vectors.length)) : cur;
    cur = into;
  }
  unitRows(cur, dims, 0, graph.n);
  return cur;
}
