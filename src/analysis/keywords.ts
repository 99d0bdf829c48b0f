import type { WeightedTerm } from './label.js';
import type { Csr } from './sparse.js';

/** Row r's highest TF-IDF terms as distinct surface words, best first. */
export function rowKeywords(x: Csr, r: number, max: number, picker: TermPicker): WeightedTerm[] {
  const end = x.indptr[r + 1] ?? 0;
  for (let p = x.indptr[r] ?? 0; p < end; p++) picker.add(x.indices[p] ?? 0, x.values[p] ?? 0);
  return picker.take(max);
}

/** Keywords of every row. */
export function keywords(x: Csr, surfaceOf: (col: number) => string, max: number): WeightedTerm[][] {
  const picker = new TermPicker(surfaceOf);
  return Array.from({ length: x.nRows }, (_, r) => rowKeywords(x, r, max, picker));
}

/**
 * Candidate terms (of a row, or of a pair of rows) in reusable buffers, and the words of each
 * column's surface (split once per column, not once per candidate). One per thread.
 */
export class TermPicker {
  private cols = new Int32Array(64);
  private weights = new Float64Array(64);
  private n = 0;
  private readonly words: (readonly string[] | undefined)[] = [];

  constructor(private readonly surfaceOf: (col: number) => string) {}

  add(col: number, weight: number): void {
    if (this.n === this.cols.length) {
      const cols = new Int32Array(this.n * 2);
      cols.set(this.cols);
      this.cols = cols;
      const weights = new Float64Array(this.n * 2);
      weights.set(this.weights);
      this.weights = weights;
    }
    this.cols[this.n] = col;
    this.weights[this.n++] = weight;
  }

  /**
   * Up to `max` of the added candidates as display terms, best first (weight, then column),
   * and clears them. A candidate whose surface shares a word with one already taken is
   * skipped, so "language model" never follows "language" and the same word never shows
   * twice. The best remaining candidate is picked one at a time: a handful is kept out of
   * tens, so nothing is sorted.
   */
  take(max: number): WeightedTerm[] {
    const { cols, weights } = this;
    const out: WeightedTerm[] = [];
    const used: string[] = [];
    let left = this.n;
    while (out.length < max && left > 0) {
      let b = -1;
      for (let i = 0; i < this.n; i++) {
        const c = cols[i] ?? -1;
        if (c < 0) continue;
        if (b < 0) b = i;
        else {
          const w = weights[i] ?? 0;
          const wb = weights[b] ?? 0;
          if (w > wb || (w === wb && c < (cols[b] ?? 0))) b = i;
        }
      }
      const col = cols[b] ?? 0;
      const weight = weights[b] ?? 0;
      cols[b] = -1;
      left--;
      // The rest weigh no more than this one: none has a positive weight either.
      if (!(weight > 0)) break;
      const words = this.wordsOf(col);
      if (words.some((w) => used.includes(w))) continue;
      used.push(...words);
      out.push({ term: this.surfaceOf(col), weight });
    }
    this.n = 0;
    return out;
  }

  private wordsOf(col: number): readonly string[] {
    let words = this.words[col];
    if (words === undefined) this.words[col] = words = this.surfaceOf(col).split(' ');
    return words;
  }
}

/**
 * Terms two rows (of possibly different matrices over the same vocabulary) both weigh
 * highly, ranked by the product of their weights; distinct surface words, best first.
 */
export function sharedTerms(
  a: Csr,
  ra: number,
  b: Csr,
  rb: number,
  max: number,
  picker: TermPicker,
): string[] {
  let p = a.indptr[ra] ?? 0;
  const pe = a.indptr[ra + 1] ?? 0;
  let q = b.indptr[rb] ?? 0;
  const qe = b.indptr[rb + 1] ?? 0;
  while (p < pe && q < qe) {
    const i = a.indices[p] ?? 0;
    const j = b.indices[q] ?? 0;
    if (i === j) {
      picker.add(i, (a.values[p] ?? 0) * (b.values[q] ?? 0));
      p++;
      q++;
    } else if (i < j) p++;
    else q++;
  }
  return picker.take(max).map((t) => t.term);
}

/**
 * `sharedTerms` of row r with each of `others` (rows of the same matrix): r is scattered into a
 * dense vector once, so each pair costs the other row's nnz.
 */
export function sharedTermsOfRow(
  x: Csr,
  r: number,
  others: readonly number[],
  max: number,
  picker: TermPicker,
  dense: Float32Array = new Float32Array(x.nCols),
): string[][] {
  const r0 = x.indptr[r] ?? 0;
  const r1 = x.indptr[r + 1] ?? 0;
  for (let p = r0; p < r1; p++) dense[x.indices[p] ?? 0] = x.values[p] ?? 0;
  const out = others.map((c) => {
    const c1 = x.indptr[c + 1] ?? 0;
    for (let p = x.indptr[c] ?? 0; p < c1; p++) {
      const col = x.indices[p] ?? 0;
      const w = dense[col] ?? 0;
      if (w > 0) picker.add(col, w * (x.values[p] ?? 0));
    }
    return picker.take(max).map((t) => t.term);
  });
  for (let p = r0; p < r1; p++) dense[x.indices[p] ?? 0] = 0;
  return out;
}
