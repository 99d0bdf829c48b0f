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
  docs.forEach((doc, d) => {
    for (const id of doc) {
      tf[id] = (tf[id] ?? 0) + 1;
      if (seen[id] !== d) {
        seen[id] = d;
        df[id] = (df[id] ?? 0) + 1;
      }
    }
  });
  const maxCount = Math.max(opts.minDf, Math.floor(opts.maxDf * n));
  let kept: number[] = [];
  for (let id = 0; id < df.length; id++) {
    const f = df[id] ?? 0;
    if (f >= opts.minDf && f <= maxCount) kept.push(id);
  }
  const keys = new Map(kept.map((id) => [id, interner.termOf(id)]));
  const byKey = (a: number, b: number): number => {
    const ta = keys.get(a) ?? '';
    const tb = keys.get(b) ?? '';
    return ta < tb ? -1 : ta > tb ? 1 : 0;
  };
  if (opts.maxFeatures !== undefined && kept.length > opts.maxFeatures) {
    kept = kept.sort((a, b) => (tf[b] ?? 0) - (tf[a] ?? 0) || byKey(a, b)).slice(0, opts.maxFeatures);
  }
  kept.sort(byKey);
  const column = new Int32Array(interner.size).fill(-1);
  const terms: string[] = [];
  const idf = new Float32Array(kept.length);
  kept.forEach((id, col) => {
    column[id] = col;
    terms.push(keys.get(id) ?? '');
    idf[col] = Math.log((1 + n) / (1 + (df[id] ?? 0))) + 1;
  });
  const vocabulary: TfidfVocabulary = { terms, idf };
  const { weights, counts } = weighRows(
    docs.map((doc) => mapColumns(doc, column)),
    vocabulary,
  );
  return { vocabulary, weights, counts };
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
  const cols: number[] = [];
  const cnts: number[] = [];
  const vals: number[] = [];
  for (const doc of docs) {
    const sorted = Int32Array.from(doc).sort();
    cols.length = 0;
    cnts.length = 0;
    vals.length = 0;
    for (let i = 0; i < sorted.length;) {
      const col = sorted[i] ?? 0;
      let j = i + 1;
      while (j < sorted.length && sorted[j] === col) j++;
      cols.push(col);
      cnts.push(j - i);
      vals.push((1 + Math.log(j - i)) * (vocab.idf[col] ?? 0));
      i = j;
    }
    let norm = 0;
    for (const v of vals) norm += v * v;
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < vals.length; i++) vals[i] = (vals[i] ?? 0) / norm;
    w.push(cols, vals, cols.length);
    c.push(cols, cnts, cols.length);
  }
  return { weights: w.build(), counts: c.build() };
}
