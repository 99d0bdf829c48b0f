import { CsrBuilder, type Csr } from './sparse.js';
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
  for (let id = 0; id < df.length; id++) {
    const f = df[id] ?? 0;
    if (f >= opts.minDf && f <= maxCount) kept.push(id);
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
  const { weights, counts } = weighRows(
    docs.map((doc) => mapColumns(doc, column)),
    vocabulary,
  );
  return { vocabulary, weights, counts };
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

/** Weighs documents given as column ids (any order, repeats = counts). */
export function weighRows(
  docs: readonly Int32Array[],
  vocab: TfidfVocabulary,
): { weights: Csr; counts: Csr } {
  const nCols = vocab.terms.length;
  const w = new CsrBuilder(nCols);
  const c = new CsrBuilder(nCols);
  let cols = new Int32Array(256);
  let cnts = new Float32Array(256);
  let vals = new Float64Array(256);
  for (const doc of docs) {
    const sorted = doc.slice().sort();
    if (sorted.length > cols.length) {
      cols = new Int32Array(sorted.length);
      cnts = new Float32Array(sorted.length);
      vals = new Float64Array(sorted.length);
    }
    let m = 0;
    for (let i = 0; i < sorted.length;) {
      const col = sorted[i] ?? 0;
      let j = i + 1;
      while (j < sorted.length && sorted[j] === col) j++;
      cols[m] = col;
      cnts[m] = j - i;
      vals[m] = (1 + Math.log(j - i)) * (vocab.idf[col] ?? 0);
      m++;
      i = j;
    }
    let norm = 0;
    for (let i = 0; i < m; i++) norm += (vals[i] ?? 0) * (vals[i] ?? 0);
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < m; i++) vals[i] = (vals[i] ?? 0) / norm;
    w.push(cols, vals, m);
    c.push(cols, cnts, m);
  }
  return { weights: w.build(), counts: c.build() };
}
