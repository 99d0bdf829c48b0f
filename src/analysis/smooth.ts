import { lloyd, updateCentroids, type Clustering } from './cluster.js';
import { dot } from './dot.js';
import type { TopK } from './similarity.js';

/**
 * The neighbour graph as weighted adjacency lists: the top-k lists made symmetric (an edge
 * either way counts, with its score; both ways count twice), each row's weights summing to 1.
 */
export interface NeighbourGraph {
  readonly n: number;
  /** Row r's edges are [indptr[r], indptr[r + 1]) of `to` and `weight`. */
  readonly indptr: Int32Array;
  readonly to: Int32Array;
  readonly weight: Float32Array;
}

/** Builds the symmetric, row-normalised graph of neighbour lists (scores as weights). */
export function neighbourGraph(top: TopK, n: number): NeighbourGraph {
  const k = top.k;
  const degree = new Int32Array(n + 1);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < k; j++) {
      const c = top.index[r * k + j] ?? -1;
      if (c < 0 || c === r || !((top.score[r * k + j] ?? 0) > 0)) continue;
      degree[r + 1] = (degree[r + 1] ?? 0) + 1;
      degree[c + 1] = (degree[c + 1] ?? 0) + 1;
    }
  }
  for (let r = 0; r < n; r++) degree[r + 1] = (degree[r + 1] ?? 0) + (degree[r] ?? 0);
  const indptr = degree.slice();
  const fill = degree.slice(0, n);
  const nnz = indptr[n] ?? 0;
  const to = new Int32Array(nnz);
  const weight = new Float32Array(nnz);
  const put = (a: number, b: number, w: number): void => {
    const p = fill[a] ?? 0;
    to[p] = b;
    weight[p] = w;
    fill[a] = p + 1;
  };
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < k; j++) {
      const c = top.index[r * k + j] ?? -1;
      const s = top.score[r * k + j] ?? 0;
      if (c < 0 || c === r || !(s > 0)) continue;
      put(r, c, s);
      put(c, r, s);
    }
  }
  // A pair listed both ways becomes one edge carrying both scores; weights sum to 1 per row.
  const outPtr = new Int32Array(n + 1);
  let m = 0;
  const edges: { to: number; w: number }[] = [];
  for (let r = 0; r < n; r++) {
    edges.length = 0;
    for (let p = indptr[r] ?? 0; p < (indptr[r + 1] ?? 0); p++)
      edges.push({ to: to[p] ?? 0, w: weight[p] ?? 0 });
    edges.sort((x, y) => x.to - y.to);
    let sum = 0;
    for (const e of edges) sum += e.w;
    const start = m;
    for (const e of edges) {
      if (m > start && to[m - 1] === e.to) weight[m - 1] = (weight[m - 1] ?? 0) + e.w / sum;
      else {
        to[m] = e.to;
        weight[m] = e.w / sum;
        m++;
      }
    }
    outPtr[r + 1] = m;
  }
  return { n, indptr: outPtr, to: to.slice(0, m), weight: weight.slice(0, m) };
}

/**
 * Feature propagation over the neighbour graph by personalised PageRank (APPNP, Klicpera et
 * al. 2019): `steps` power iterations of Z <- (1 - teleport) A Z + teleport X from Z = X, A
 * the row-normalised graph, then unit rows. Each paper carries the direction of its wider
 * neighbourhood, its own text weighted by the teleport share, so papers whose neighbourhoods
 * agree fall in the same topic even when their own short texts share few words; the teleport
 * keeps distant papers from all being averaged into one direction. Returns new vectors; the
 * input is not changed. (steps.ts `propagateAll` is the same with rows shared out.)
 */
export function propagate(
  vectors: Float32Array,
  dims: number,
  graph: NeighbourGraph,
  teleport: number,
  steps: number,
): Float32Array {
  if (steps <= 0) return vectors.slice();
  let cur: Float32Array = vectors;
  let next: Float32Array = new Float32Array(vectors.length);
  for (let h = 0; h < steps; h++) {
    propagateRows(vectors, dims, graph, teleport, cur, next, 0, graph.n);
    // Two buffers alternate; the input is only ever read.
    const done = next;
    next = cur === vectors ? new Float32Array(vectors.length) : cur;
    cur = done;
  }
  unitRows(cur, dims, 0, graph.n);
  return cur;
}

/** One propagation step for rows [from, to): next = (1 - teleport) A cur + teleport x. */
export function propagateRows(
  x: Float32Array,
  dims: number,
  graph: NeighbourGraph,
  teleport: number,
  cur: Float32Array,
  next: Float32Array,
  from: number,
  to: number,
): void {
  const acc = new Float64Array(dims);
  const keep = 1 - teleport;
  for (let r = from; r < to; r++) {
    const o = r * dims;
    for (let i = 0; i < dims; i++) acc[i] = teleport * (x[o + i] ?? 0);
    const end = graph.indptr[r + 1] ?? 0;
    for (let p = graph.indptr[r] ?? 0; p < end; p++) {
      const w = keep * (graph.weight[p] ?? 0);
      const co = (graph.to[p] ?? 0) * dims;
      let i = 0;
      for (; i + 3 < dims; i += 4) {
        acc[i] = (acc[i] ?? 0) + w * (cur[co + i] ?? 0);
        acc[i + 1] = (acc[i + 1] ?? 0) + w * (cur[co + i + 1] ?? 0);
        acc[i + 2] = (acc[i + 2] ?? 0) + w * (cur[co + i + 2] ?? 0);
        acc[i + 3] = (acc[i + 3] ?? 0) + w * (cur[co + i + 3] ?? 0);
      }
      for (; i < dims; i++) acc[i] = (acc[i] ?? 0) + w * (cur[co + i] ?? 0);
    }
    for (let i = 0; i < dims; i++) next[o + i] = acc[i] ?? 0;
  }
}

/** Rows [from, to) of m scaled to unit length in place (zero rows stay zero). */
export function unitRows(m: Float32Array, dims: number, from: number, to: number): void {
  for (let o = from * dims; o < to * dims; o += dims) {
    let s = 0;
    for (let i = 0; i < dims; i++) s += (m[o + i] ?? 0) ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let i = 0; i < dims; i++) m[o + i] = (m[o + i] ?? 0) * inv;
  }
}

export interface SmoothingOptions {
  /** Share of a paper's own vector in its propagated one (personalised PageRank teleport). */
  readonly teleport: number;
  /** Propagation steps (0: cluster the papers' own vectors). */
  readonly hops: number;
  readonly maxIterations: number;
}

/** APPNP's published defaults (teleport 0.1, 10 steps), not tuned on our corpora. */
export const DEFAULT_SMOOTHING: SmoothingOptions = { teleport: 0.1, hops: 10, maxIterations: 30 };

/**
 * Topics of papers in their neighbourhood context: spherical k-means on the propagated
 * vectors, started from `start` (a clustering of the raw vectors). See `topicsFromContext`.
 */
export function clusterInContext(
  vectors: Float32Array,
  dims: number,
  start: Clustering,
  graph: NeighbourGraph,
  opts: SmoothingOptions = DEFAULT_SMOOTHING,
): Clustering {
  const context = opts.hops > 0 ? propagate(vectors, dims, graph, opts.teleport, opts.hops) : vectors;
  return topicsFromContext(vectors, context, dims, start, opts.maxIterations);
}

/**
 * Spherical k-means on the propagated vectors `context`, started from `start`. The topic
 * centres returned are the unit means of the members' raw vectors, so a new paper, which has
 * no neighbours yet, is placed by comparing like with like; similarity and cohesion are raw
 * cosines to those centres.
 */
export function topicsFromContext(
  vectors: Float32Array,
  context: Float32Array,
  dims: number,
  start: Clustering,
  maxIterations: number,
): Clustering {
  const k = start.k;
  const n = vectors.length / dims;
  const run = lloyd(context, dims, start.centroids.slice(), k, maxIterations);
  const centroids = new Float32Array(k * dims);
  updateCentroids(vectors, dims, run.assignments, run.similarity, k, centroids);
  const similarity = new Float32Array(n);
  let total = 0;
  for (let r = 0; r < n; r++) {
    const s = dot(vectors, r * dims, centroids, (run.assignments[r] ?? 0) * dims, dims);
    similarity[r] = s;
    total += s;
  }
  return { k, assignments: run.assignments, centroids, similarity, cohesion: n > 0 ? total / n : 0 };
}
