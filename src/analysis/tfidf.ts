import type { Csr } from './sparse.js';
import type { TermInterner } from './interner.js';

export interface TfidfOptions {
  /** Terms in fewer documents than this are dropped (count). */
  readonly minDf: number;
  /** Terms in more than this fraction of documents are dropped. */
  readonly maxDf: number;
  /** Keep at most this many terms, the most frequent in the corpus (like scikit-learn's max_features). */
  readonly maxFeatures?: number;
}

/** What is needed to weight new documents exactly like the training ones. */
export interface TfidfVocabulary {
  /** Term keys, sorted; position = column. */
  readonly terms: string[];
  /** Smoothed inverse document frequency per column: ln((1 + n) / (1 + df)) + 1. */
  readonly idf: Float32Array;
}

export interface TfidfFit {
  readonly vocabulary: TfidfVocabulary;
  /** Sublinear tf (1 + ln tf) x idf, every non-empty row L2-normalised. */
  readonly weights: Csr;
  /** Raw term counts, same sparsity pattern as `weights`. */
  readonly counts: Csr;
  /** Per column: the term's interner id, its document frequency and its occurrences. */
  readonly columns: TermStats;
  /**
   * Terms in more than `maxDf` of the documents (left out of the vectors, but they can still
   * name topics), with the sorted documents containing each.
   */
  readonly frequent: TermStats & { readonly docs: readonly Int32Array[] };
}

export interface TermStats {
  readonly ids: Int32Array;
  readonly df: Int32Array;
  readonly tf: Int32Array;
}

/** Fits the vocabulary (min/max df) and returns the weighted matrix of the training docs. */
export function fitTfidf(docs: readonly Int32Array[], interner: TermInterner, opts: TfidfOptions): TfidfFit {
  const n = docs.length;
  const df = new Int32Array(interner.size);
  const tf = new Int32Array(interner.size);
  const seen = new Int32Array(interner.size).fill(-1);
  for (let d = 0; d < n; d++) {
    const doc = docs[d] ?? new Int32Array(0);
    for (let i = 0; i < doc.length; i++) {
      const id = doc[i] ?? 0;
      tf[id] = (tf[id] ?? 0) + 1;
      if (seen[id] !== d) {
        seen[id] = d;
        df[id] = (df[id] ?? 0) + 1;
      }
    }
  }
  const maxCount = Math.max(opts.minDf, Math.floor(opts.maxDf * n));
  let kept: number[] = [];
  const above: number[] = [];
  for (let id = 0; id < df.length; id++) {
    const f = df[id] ?? 0;
    if (f >= opts.minDf && f <= maxCount) kept.push(id);
    else if (f > maxCount) above.push(id);
  }
  if (opts.maxFeatures !== undefined && kept.length > opts.maxFeatures) {
    kept = mostFrequent(kept, tf, opts.maxFeatures, interner);
  }
  const byKey = kept.map((id) => ({ id, key: interner.termOf(id) }));
  byKey.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const column = new Int32Array(interner.size).fill(-1);
  const terms: string[] = [];
  const idf = new Float32Array(byKey.length);
  byKey.forEach(({ id, key }, col) => {
    column[id] = col;
    terms.push(key);
    idf[col] = Math.log((1 + n) / (1 + (df[id] ?? 0))) + 1;
  });
  const vocabulary: TfidfVocabulary = { terms, idf };
  // Frequent term i is marked -2 - i: dropped from the rows, its documents listed.
  above.forEach((id, i) => (column[id] = -2 - i));
  const frequentDocs = above.map((id) => new Int32Array(df[id] ?? 0));
  const filled = new Int32Array(above.length);
  const rows = docs.map((doc, d) => {
    const out = new Int32Array(doc.length);
    let m = 0;
    for (let i = 0; i < doc.length; i++) {
      const c = column[doc[i] ?? 0] ?? -1;
      if (c >= 0) out[m++] = c;
      else if (c < -1) {
        const f = -2 - c;
        const at = filled[f] ?? 0;
        const list = frequentDocs[f];
        if (list !== undefined && (at === 0 || list[at - 1] !== d)) {
          list[at] = d;
          filled[f] = at + 1;
        }
      }
    }
    return out.subarray(0, m);
  });
  const { weights, counts } = weighRows(rows, vocabulary);
  const ids = Int32Array.from(byKey, (t) => t.id);
  const aboveIds = Int32Array.from(above);
  return {
    vocabulary,
    weights,
    counts,
    columns: { ids, df: ids.map((id) => df[id] ?? 0), tf: ids.map((id) => tf[id] ?? 0) },
    frequent: {
      ids: aboveIds,
      df: aboveIds.map((id) => df[id] ?? 0),
      tf: aboveIds.map((id) => tf[id] ?? 0),
      docs: frequentDocs,
    },
  };
}

/**
 * The `max` ids of `ids` with the highest corpus frequency, ties by term key (as sorting all by
 * frequency then key would give). Only the ties at the cut are compared by key.
 */
function mostFrequent(ids: number[], tf: Int32Array, max: number, interner: TermInterner): number[] {
  const freqs = Int32Array.from(ids, (id) => tf[id] ?? 0).sort();
  const cut = freqs[freqs.length - max] ?? 0;
  const out = ids.filter((id) => (tf[id] ?? 0) > cut);
  const ties = ids
    .filter((id) => tf[id] === cut)
    .map((id) => ({ id, key: interner.termOf(id) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const t of ties.slice(0, max - out.length)) out.push(t.id);
  return out;
}

/** Column ids of a document's term ids; terms outside the vocabulary are dropped. */
export function mapColumns(doc: Int32Array, column: Int32Array | ((id: number) => number)): Int32Array {
  const out = new Int32Array(doc.length);
  let m = 0;
  for (const id of doc) {
    const c = typeof column === 'function' ? column(id) : (column[id] ?? -1);
    if (c >= 0) out[m++] = c;
  }
  return out.subarray(0, m);
}

/**
 * Weighs documents given as column ids (any order, repeats = counts). Every occurrence is
 * bucketed by column (documents in order), then the buckets are read column by column back into
 * rows, so each row's columns come out sorted with repeats adjacent: two linear passes instead
 * of a sort per document.
 */
export function weighRows(
  docs: readonly Int32Array[],
  vocab: TfidfVocabulary,
): { weights: Csr; counts: Csr } {
  const nCols = vocab.terms.length;
  const n = docs.length;
  const colPtr = new Int32Array(nCols + 1);
  const rowPtr = new Int32Array(n + 1);
  for (let d = 0; d < n; d++) {
    const doc = docs[d] ?? new Int32Array(0);
    for (let i = 0; i < doc.length; i++) {
      const c = (doc[i] ?? 0) + 1;
      colPtr[c] = (colPtr[c] ?? 0) + 1;
    }
    rowPtr[d + 1] = (rowPtr[d] ?? 0) + doc.length;
  }
  for (let c = 0; c < nCols; c++) colPtr[c + 1] = (colPtr[c + 1] ?? 0) + (colPtr[c] ?? 0);
  const total = rowPtr[n] ?? 0;
  const byCol = new Int32Array(total);
  const next = colPtr.slice(0, nCols);
  for (let d = 0; d < n; d++) {
    const doc = docs[d] ?? new Int32Array(0);
    for (let i = 0; i < doc.length; i++) {
      const c = doc[i] ?? 0;
      const q = next[c] ?? 0;
      byCol[q] = d;
      next[c] = q + 1;
    }
  }
  const sorted = new Int32Array(total);
  const fill = rowPtr.slice(0, n);
  for (let c = 0; c < nCols; c++) {
    const end = colPtr[c + 1] ?? 0;
    for (let p = colPtr[c] ?? 0; p < end; p++) {
      const d = byCol[p] ?? 0;
      const q = fill[d] ?? 0;
      sorted[q] = c;
      fill[d] = q + 1;
    }
  }
  // Distinct columns per row, then counts and weights.
  const indptr = new Int32Array(n + 1);
  for (let d = 0; d < n; d++) {
    let distinct = 0;
    const end = rowPtr[d + 1] ?? 0;
    for (let p = rowPtr[d] ?? 0; p < end; p++) if (p === rowPtr[d] || sorted[p] !== sorted[p - 1]) distinct++;
    indptr[d + 1] = (indptr[d] ?? 0) + distinct;
  }
  const nnz = indptr[n] ?? 0;
  const indices = new Int32Array(nnz);
  const counts = new Float32Array(nnz);
  const values = new Float32Array(nnz);
  let vals = new Float64Array(256);
  for (let d = 0; d < n; d++) {
    const start = rowPtr[d] ?? 0;
    const end = rowPtr[d + 1] ?? 0;
    const o = indptr[d] ?? 0;
    if (end - start > vals.length) vals = new Float64Array(end - start);
    let m = 0;
    for (let i = start; i < end;) {
      const col = sorted[i] ?? 0;
      let j = i + 1;
      while (j < end && sorted[j] === col) j++;
      indices[o + m] = col;
      counts[o + m] = j - i;
      vals[m] = (1 + Math.log(j - i)) * (vocab.idf[col] ?? 0);
      m++;
      i = j;
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += (vals[i] ?? 0) * (vals[i] ?? 0);
    norm = Math.sqrt(norm);
    for (let i = 0; i < m; i++) values[o + i] = norm > 0 ? (vals[i] ?? 0) / norm : (vals[i] ?? 0);
  }
  return {
    weights: { nRows: n, nCols, indptr, indices, values },
    counts: { nRows: n, nCols, indptr: indptr.slice(), indices: indices.slice(), values: counts },
  };
}
