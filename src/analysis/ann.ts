import { sphericalKmeans } from './cluster.js';
import { dot } from './dot.js';
import { emptyTopK, exactTopK, type TopK } from './similarity.js';

export interface AnnOptions {
  readonly seed: number;
  /** Target cell size of the fine partition. */
  readonly cellSize: number;
  /** Cells searched per cell: its own and the nearest others by centre. */
  readonly probes: number;
}

export const DEFAULT_ANN_OPTIONS: AnnOptions = { seed: 42, cellSize: 64, probes: 16 };

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
  const { cellOf, centres, nCells } = cells(vectors, dims, topics, nTopics, opts);
  const members: number[][] = Array.from({ length: nCells }, () => []);
  for (let r = 0; r < n; r++) members[cellOf[r] ?? 0]?.push(r);
  const out = emptyTopK(n, k);
  const probes = Math.min(opts.probes, nCells);
  const near = new Float32Array(nCells);
  for (let c = 0; c < nCells; c++) {
    for (let o = 0; o < nCells; o++) {
      near[o] = o === c ? Infinity : dot(centres, c * dims, centres, o * dims, dims);
    }
    const order = Array.from({ length: nCells }, (_, i) => i).sort(
      (a, b) => (near[b] ?? 0) - (near[a] ?? 0) || a - b,
    );
    const rows: number[] = [];
    for (const o of order.slice(0, probes)) rows.push(...(members[o] ?? []));
    exactTopK(vectors, dims, Int32Array.from(members[c] ?? []), Int32Array.from(rows), out);
  }
  refineWithNeighboursOfNeighbours(vectors, dims, out, Math.min(k, 10));
  return out;
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
      maxIterations: 8,
      sampleSize: Math.min(rows.length, want * 16),
    });
    rows.forEach((r, i) => (cellOf[r] = nCells + (c.assignments[i] ?? 0)));
    for (const v of c.centroids) centres.push(v);
    nCells += c.k;
  });
  return { cellOf, centres: Float32Array.from(centres), nCells };
}

/** One NN-descent step: offer every vector its neighbours' neighbours. */
function refineWithNeighboursOfNeighbours(
  vectors: Float32Array,
  dims: number,
  top: TopK,
  fanout: number,
): void {
  const n = vectors.length / dims;
  const { k, index, score } = top;
  const snapshot = index.slice();
  const seen = new Int32Array(n).fill(-1);
  for (let r = 0; r < n; r++) {
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
