import { assign, converged, updateCentroids } from './cluster.js';
import { planCells, refineRows, searchCells, type AnnOptions } from './ann.js';
import { ranges, shared, type Helpers } from './parallel.js';
import type { RowParallel } from './reduce.js';
import { emptyTopK, rerankRows, type TopK } from './similarity.js';
import { spmmRows, type Csr } from './sparse.js';

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

/** Sparse x dense products split by rows. */
export function parallelSpmm(helpers: Helpers | undefined): RowParallel {
  const cache = new WeakMap<Csr, Csr>();
  return async (m, d, l) => {
    if (helpers === undefined || helpers.size === 0) {
      const out = new Float64Array(m.nRows * l);
      spmmRows(m, d, l, out);
      return out;
    }
    let sm = cache.get(m);
    if (sm === undefined) {
      sm = sharedCsr(m);
      cache.set(m, sm);
    }
    const sd = shared(d);
    const out = new Float64Array(new SharedArrayBuffer(m.nRows * l * 8));
    const parts = ranges(m.nRows, helpers.size + 1);
    const remote = parts
      .slice(1)
      .map(([from, to], i) => helpers.run(i, { kind: 'spmm', m: sm, d: sd, l, out, from, to }));
    const [a0, b0] = parts[0] ?? [0, 0];
    spmmRows(sm, sd, l, out, a0, b0);
    await Promise.all(remote);
    return out;
  };
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
  const plan = planCells(vectors, dims, topics, nTopics, opts);
  const parts = (helpers?.size ?? 0) + 1;
  const sv = parts > 1 ? shared(vectors) : vectors;
  const out = parts > 1 ? sharedTopK(n, k) : emptyTopK(n, k);
  // Cells interleaved so every share gets big and small ones alike.
  const todo = (p: number): Int32Array =>
    Int32Array.from({ length: Math.ceil((plan.nCells - p) / parts) }, (_, i) => p + i * parts);
  const remote = Array.from({ length: parts - 1 }, (_, i) =>
    helpers?.run(i, { kind: 'searchCells', vectors: sv, dims, plan, todo: todo(i + 1), out }),
  );
  searchCells(sv, dims, plan, todo(0), out);
  await Promise.all(remote);
  const snapshot = parts > 1 ? shared(out.index) : out.index.slice();
  const fanout = Math.min(k, 10);
  const rows = ranges(n, parts);
  const refine = rows
    .slice(1)
    .map(([from, to], i) =>
      helpers?.run(i, { kind: 'refine', vectors: sv, dims, snapshot, out, fanout, from, to }),
    );
  const [a0, b0] = rows[0] ?? [0, 0];
  refineRows(sv, dims, snapshot, out, fanout, a0, b0);
  await Promise.all(refine);
  return out;
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

/**
 * Full-data Lloyd iterations of spherical k-means (see cluster.ts `lloyd`) with the
 * assignment pass split by rows; centroids are updated on the calling thread.
 */
export async function parallelLloyd(
  vectors: Float32Array,
  dims: number,
  centroids: Float32Array,
  k: number,
  maxIterations: number,
  helpers: Helpers,
): Promise<{ assignments: Int32Array; similarity: Float32Array; total: number }> {
  const n = vectors.length / dims;
  const sv = shared(vectors);
  const next = new Int32Array(new SharedArrayBuffer(n * 4));
  const similarity = new Float32Array(new SharedArrayBuffer(n * 4));
  const assignments = new Int32Array(n).fill(-1);
  const rows = ranges(n, helpers.size + 1);
  let total = 0;
  for (let it = 0; it < maxIterations; it++) {
    const c = centroids.slice();
    const remote = rows
      .slice(1)
      .map(([from, to], i) =>
        helpers.run(i, { kind: 'assign', vectors: sv, dims, centroids: c, k, next, similarity, from, to }),
      );
    const [a0, b0] = rows[0] ?? [0, 0];
    assign(sv, dims, c, k, next, similarity, a0, b0);
    await Promise.all(remote);
    total = 0;
    let changed = 0;
    for (let r = 0; r < n; r++) {
      total += similarity[r] ?? 0;
      if (next[r] !== assignments[r]) changed++;
    }
    assignments.set(next);
    if (converged(changed, n) || it === maxIterations - 1) break;
    updateCentroids(sv, dims, assignments, similarity, k, centroids);
  }
  return { assignments, similarity: similarity.slice(), total };
}
