import { dot } from './dot.js';
import { rowDot, type Csr } from './sparse.js';

/** Top-k lists for n items: row r holds up to k (index, score) pairs, best first; -1 pads. */
export interface TopK {
  readonly k: number;
  readonly index: Int32Array;
  readonly score: Float32Array;
}

export interface NeighborOptions {
  /** Neighbours kept per document. */
  readonly k: number;
  /** Candidates per document taken from the reduced space before re-ranking. */
  readonly candidates: number;
  /** Weight of the reduced-space cosine in the final score; the rest is TF-IDF cosine. */
  readonly blend: number;
}

/** Inserts (idx, s) into a best-first list of length k if it is good enough. */
export function offer(
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

export function emptyTopK(n: number, k: number): TopK {
  return { k, index: new Int32Array(n * k).fill(-1), score: new Float32Array(n * k).fill(-Infinity) };
}

/**
 * Exact top-k by dot product of unit vectors among `rows` for the query rows `queries`
 * (both lists of row ids into `vectors`), skipping self-pairs. Works block by block so only
 * a block x block tile of scores is ever live.
 */
export function exactTopK(
  vectors: Float32Array,
  dims: number,
  queries: Int32Array,
  rows: Int32Array,
  into: TopK,
  queryBlock = 64,
): void {
  const { k, index, score } = into;
  for (let qb = 0; qb < queries.length; qb += queryBlock) {
    const qe = Math.min(queries.length, qb + queryBlock);
    for (let j = 0; j < rows.length; j++) {
      const c = rows[j] ?? 0;
      const co = c * dims;
      for (let qi = qb; qi < qe; qi++) {
        const q = queries[qi] ?? 0;
        if (q === c) continue;
        offer(index, score, q * k, k, c, dot(vectors, q * dims, vectors, co, dims));
      }
    }
  }
}

/**
 * Final neighbours: every candidate is re-scored by a blend of reduced-space cosine (which
 * sees synonyms and co-occurrence) and TF-IDF cosine (which sees exact rare terms), both
 * clamped to [0, 1]. Documents with fewer candidates than k are padded with any other
 * documents at score 0, so every document has neighbours when the corpus has two or more.
 */
export function rerank(
  candidates: TopK,
  vectors: Float32Array,
  dims: number,
  tfidf: Csr,
  opts: NeighborOptions,
): TopK {
  const n = tfidf.nRows;
  const out = emptyTopK(n, Math.min(opts.k, Math.max(0, n - 1)));
  rerankRows(candidates, vectors, dims, tfidf, opts.blend, out, 0, n);
  return out;
}

/** `rerank` for rows [from, to) into `out` (whose k is the number kept). */
export function rerankRows(
  candidates: TopK,
  vectors: Float32Array,
  dims: number,
  tfidf: Csr,
  blend: number,
  out: TopK,
  from: number,
  to: number,
): void {
  const n = tfidf.nRows;
  const k = out.k;
  // Row r scattered into a dense vector once; each candidate then costs its own nnz only.
  const dense = new Float32Array(tfidf.nCols);
  for (let r = from; r < to; r++) {
    const base = r * candidates.k;
    const r0 = tfidf.indptr[r] ?? 0;
    const r1 = tfidf.indptr[r + 1] ?? 0;
    for (let p = r0; p < r1; p++) dense[tfidf.indices[p] ?? 0] = tfidf.values[p] ?? 0;
    for (let j = 0; j < candidates.k; j++) {
      const c = candidates.index[base + j] ?? -1;
      if (c < 0) break;
      let sparse = 0;
      const c1 = tfidf.indptr[c + 1] ?? 0;
      for (let p = tfidf.indptr[c] ?? 0; p < c1; p++)
        sparse += (dense[tfidf.indices[p] ?? 0] ?? 0) * (tfidf.values[p] ?? 0);
      const cos = dot(vectors, r * dims, vectors, c * dims, dims);
      offer(out.index, out.score, r * k, k, c, clamp01(blend * clamp01(cos) + (1 - blend) * clamp01(sparse)));
    }
    for (let p = r0; p < r1; p++) dense[tfidf.indices[p] ?? 0] = 0;
    for (let pad = 0, j = 0; pad < n && j < k && (out.index[r * k + k - 1] ?? -1) < 0; pad++) {
      if (pad === r) continue;
      if (!hasIndex(out.index, r * k, k, pad)) offer(out.index, out.score, r * k, k, pad, 0);
      j++;
    }
  }
}

/**
 * Similarity of documents a and b: blend x LSA cosine + (1 - blend) x TF-IDF cosine, each
 * clamped to [0, 1]. Symmetric in a and b.
 */
export function pairScore(
  vectors: Float32Array,
  dims: number,
  tfidf: Csr,
  a: number,
  b: number,
  blend: number,
): number {
  const cos = dot(vectors, a * dims, vectors, b * dims, dims);
  return clamp01(blend * clamp01(cos) + (1 - blend) * clamp01(rowDot(tfidf, a, tfidf, b)));
}

function hasIndex(index: Int32Array, base: number, k: number, v: number): boolean {
  for (let j = 0; j < k; j++) if (index[base + j] === v) return true;
  return false;
}

export function clamp01(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : x;
}

/** Candidates for every document: exact top-`candidates` in the reduced space. */
export function candidateNeighbors(vectors: Float32Array, dims: number, candidates: number): TopK {
  const n = vectors.length / dims;
  const all = Int32Array.from({ length: n }, (_, i) => i);
  const out = emptyTopK(n, Math.min(candidates, Math.max(1, n - 1)));
  exactTopK(vectors, dims, all, all, out);
  return out;
}
