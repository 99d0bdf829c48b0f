import { sphericalKmeans } from './cluster.js';
import { dot } from './dot.js';
import { emptyTopK, type TopK } from './similarity.js';

export interface AnnOptions {
  readonly seed: number;
  /** Target cell size of the fine partition. */
  readonly cellSize: number;
  /** Cells searched per cell: its own and the nearest others by centre. */
  readonly probes: number;
}

export const DEFAULT_ANN_OPTIONS: AnnOptions = { seed: 42, cellSize: 48, probes: 12 };

/**
 * Approximate top-`k` cosine neighbours of every unit vector in near-linear time: each topic
 * (coarse cluster) is split into cells of about `cellSize` vectors by spherical k-means; every
 * cell is searched exactly against the `probes` cells whose centres are nearest to its own
 * centre (block products cell x probed cells, no n x n matrix), then one "neighbours of
 * neighbours" pass (as in NN-descent) recovers pairs split across unprobed cells.
 */
export function approximateTopK(
  vectors: Float32Array,
  dims: number,
  topics: Int32Array,
  nTopics: number,
  k: number,
  opts: AnnOptions = DEFAULT_ANN_OPTIONS,
): TopK {
  const n = vectors.length / dims;
  const plan = planCells(vectors, dims, topics, nTopics, opts);
  const out = emptyTopK(n, k);
  searchCells(
    vectors,
    dims,
    plan,
    Int32Array.from({ length: plan.nCells }, (_, i) => i),
    out,
  );
  const snapshot = out.index.slice();
  refineRows(vectors, dims, snapshot, out, Math.min(k, 10), 0, n);
  return out;
}

/** Cells, their members and which cells each one searches. */
export interface CellPlan {
  readonly nCells: number;
  /** Members of cell c: members[memberPtr[c] .. memberPtr[c + 1]). */
  readonly members: Int32Array;
  readonly memberPtr: Int32Array;
  /** Cells searched by cell c: probes[c * probeCount .. (c + 1) * probeCount), -1 pads. */
  readonly probes: Int32Array;
  readonly probeCount: number;
}

export function planCells(
  vectors: Float32Array,
  dims: number,
  topics: Int32Array,
  nTopics: number,
  opts: AnnOptions,
): CellPlan {
  const n = vectors.length / dims;
  const { cellOf, centres, nCells } = cells(vectors, dims, topics, nTopics, opts);
  const memberPtr = new Int32Array(nCells + 1);
  for (let r = 0; r < n; r++) memberPtr[(cellOf[r] ?? 0) + 1] = (memberPtr[(cellOf[r] ?? 0) + 1] ?? 0) + 1;
  for (let c = 0; c < nCells; c++) memberPtr[c + 1] = (memberPtr[c + 1] ?? 0) + (memberPtr[c] ?? 0);
  const fill = memberPtr.slice(0, nCells);
  const members = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const c = cellOf[r] ?? 0;
    members[fill[c] ?? 0] = r;
    fill[c] = (fill[c] ?? 0) + 1;
  }
  const probeCount = Math.min(opts.probes, nCells);
  const probes = new Int32Array(nCells * probeCount).fill(-1);
  const near = new Float32Array(nCells);
  const order = Array.from({ length: nCells }, (_, i) => i);
  for (let c = 0; c < nCells; c++) {
    for (let o = 0; o < nCells; o++)
      near[o] = o === c ? Infinity : dot(centres, c * dims, centres, o * dims, dims);
    order.sort((a, b) => (near[b] ?? 0) - (near[a] ?? 0) || a - b);
    for (let p = 0; p < probeCount; p++) probes[c * probeCount + p] = order[p] ?? -1;
  }
  return { nCells, members, memberPtr, probes, probeCount };
}

/**
 * Exact search of each listed cell's members against the members of its probed cells. With
 * `claim` (a shared counter), threads given the same `todo` take its cells one by one from the
 * counter, so none waits while another still has a queue; each cell writes only its members'
 * rows, so the result does not depend on who searched it.
 */
export function searchCells(
  vectors: Float32Array,
  dims: number,
  plan: CellPlan,
  todo: Int32Array,
  out: TopK,
  claim?: Int32Array,
): void {
  const { members, memberPtr, probes, probeCount } = plan;
  let rows = new Int32Array(1024);
  for (let t = 0; t < todo.length; t++) {
    if (claim !== undefined) {
      t = Atomics.add(claim, 0, 1);
      if (t >= todo.length) break;
    }
    const c = todo[t] ?? 0;
    let m = 0;
    for (let p = 0; p < probeCount; p++) {
      const o = probes[c * probeCount + p] ?? -1;
      if (o < 0) continue;
      const a = memberPtr[o] ?? 0;
      const b = memberPtr[o + 1] ?? 0;
      if (m + b - a > rows.length) {
        const grown = new Int32Array(Math.max(rows.length * 2, m + b - a));
        grown.set(rows.subarray(0, m));
        rows = grown;
      }
      rows.set(members.subarray(a, b), m);
      m += b - a;
    }
    pairTopK(
      vectors,
      dims,
      members.subarray(memberPtr[c] ?? 0, memberPtr[c + 1] ?? 0),
      rows.subarray(0, m),
      out,
    );
  }
}

/**
 * `exactTopK` of similarity.ts with the same results (same sums, same order of offers per
 * query), two queries at a time: each candidate's values are loaded once for both, and the
 * two sets of four partial sums are independent, so the CPU overlaps more of them.
 */
function pairTopK(
  vectors: Float32Array,
  dims: number,
  queries: Int32Array,
  rows: Int32Array,
  into: TopK,
): void {
  const { k, index, score } = into;
  const v = vectors;
  const nq = queries.length;
  for (let j = 0; j < rows.length; j++) {
    const c = rows[j] ?? 0;
    const co = c * dims;
    let qi = 0;
    for (; qi + 1 < nq; qi += 2) {
      const q0 = queries[qi] ?? 0;
      const q1 = queries[qi + 1] ?? 0;
      const a0 = q0 * dims;
      const a1 = q1 * dims;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let t0 = 0;
      let t1 = 0;
      let t2 = 0;
      let t3 = 0;
      let i = 0;
      for (; i + 3 < dims; i += 4) {
        const b0 = v[co + i] ?? 0;
        const b1 = v[co + i + 1] ?? 0;
        const b2 = v[co + i + 2] ?? 0;
        const b3 = v[co + i + 3] ?? 0;
        s0 += (v[a0 + i] ?? 0) * b0;
        s1 += (v[a0 + i + 1] ?? 0) * b1;
        s2 += (v[a0 + i + 2] ?? 0) * b2;
        s3 += (v[a0 + i + 3] ?? 0) * b3;
        t0 += (v[a1 + i] ?? 0) * b0;
        t1 += (v[a1 + i + 1] ?? 0) * b1;
        t2 += (v[a1 + i + 2] ?? 0) * b2;
        t3 += (v[a1 + i + 3] ?? 0) * b3;
      }
      for (; i < dims; i++) {
        s0 += (v[a0 + i] ?? 0) * (v[co + i] ?? 0);
        t0 += (v[a1 + i] ?? 0) * (v[co + i] ?? 0);
      }
      if (q0 !== c) offer(index, score, q0 * k, k, c, s0 + s1 + (s2 + s3));
      if (q1 !== c) offer(index, score, q1 * k, k, c, t0 + t1 + (t2 + t3));
    }
    if (qi < nq) {
      const q = queries[qi] ?? 0;
      if (q !== c) offer(index, score, q * k, k, c, dot(v, q * dims, v, co, dims));
    }
  }
}

/** Inserts (idx, s) into a best-first list of length k if it is good enough. */
function offer(
  index: Int32Array,
  score: Float32Array,
  base: number,
  k: number,
  idx: number,
  s: number,
): void {
  if (s <= (score[base + k - 1] ?? -Infinity)) return;
  let pos = base + k - 1;
  while (pos > base && s > (score[pos - 1] ?? -Infinity)) {
    score[pos] = score[pos - 1] ?? 0;
    index[pos] = index[pos - 1] ?? -1;
    pos--;
  }
  score[pos] = s;
  index[pos] = idx;
}

/** Fine partition: every topic split into cells of about `cellSize` members. */
function cells(
  vectors: Float32Array,
  dims: number,
  topics: Int32Array,
  nTopics: number,
  opts: AnnOptions,
): { cellOf: Int32Array; centres: Float32Array; nCells: number } {
  const n = vectors.length / dims;
  const byTopic: number[][] = Array.from({ length: nTopics }, () => []);
  for (let r = 0; r < n; r++) byTopic[topics[r] ?? 0]?.push(r);
  const cellOf = new Int32Array(n);
  const centres: number[] = [];
  let nCells = 0;
  byTopic.forEach((rows, t) => {
    if (rows.length === 0) return;
    const sub = new Float32Array(rows.length * dims);
    rows.forEach((r, i) => sub.set(vectors.subarray(r * dims, (r + 1) * dims), i * dims));
    const want = Math.max(1, Math.round(rows.length / opts.cellSize));
    const c = sphericalKmeans(sub, dims, want, {
      seed: opts.seed + t,
      restarts: 1,
      init: 'random',
      maxIterations: 6,
      sampleSize: rows.length,
    });
    rows.forEach((r, i) => (cellOf[r] = nCells + (c.assignments[i] ?? 0)));
    for (const v of c.centroids) centres.push(v);
    nCells += c.k;
  });
  return { cellOf, centres: Float32Array.from(centres), nCells };
}

/**
 * One NN-descent step for rows [from, to): offer every vector its neighbours' neighbours
 * (the first `fanout` of each list in `snapshot`, a copy of top.index taken before).
 */
export function refineRows(
  vectors: Float32Array,
  dims: number,
  snapshot: Int32Array,
  top: TopK,
  fanout: number,
  from: number,
  to: number,
): void {
  const n = vectors.length / dims;
  const { k, index, score } = top;
  const seen = new Int32Array(n).fill(-1);
  for (let r = from; r < to; r++) {
    for (let j = 0; j < k; j++) seen[snapshot[r * k + j] ?? 0] = r;
    seen[r] = r;
    const cand: number[] = [];
    for (let j = 0; j < fanout; j++) {
      const a = snapshot[r * k + j] ?? -1;
      if (a < 0) break;
      for (let m = 0; m < fanout; m++) {
        const b = snapshot[a * k + m] ?? -1;
        if (b < 0) break;
        if (seen[b] === r) continue;
        seen[b] = r;
        cand.push(b);
      }
    }
    if (cand.length === 0) continue;
    // Reuse the exact kernel on the candidate list for this one query.
    const one = { k, index: index.subarray(r * k, (r + 1) * k), score: score.subarray(r * k, (r + 1) * k) };
    offerAll(vectors, dims, r, cand, one);
  }
}

function offerAll(vectors: Float32Array, dims: number, q: number, cand: number[], list: TopK): void {
  const qo = q * dims;
  for (const c of cand) {
    const s = dot(vectors, qo, vectors, c * dims, dims);
    const { index, score, k } = list;
    if (s <= (score[k - 1] ?? -Infinity)) continue;
    let pos = k - 1;
    while (pos > 0 && s > (score[pos - 1] ?? -Infinity)) {
      score[pos] = score[pos - 1] ?? 0;
      index[pos] = index[pos - 1] ?? -1;
      pos--;
    }
    score[pos] = s;
    index[pos] = c;
  }
}
