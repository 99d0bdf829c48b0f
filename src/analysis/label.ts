import { TermPicker } from './keywords.js';
import type { Csr } from './sparse.js';

/** A term chosen for display: its surface text and weight. */
export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

/** Highest-weight entries of a dense vector, best first; ties by column for determinism. */
export function topColumns(weights: Float64Array, limit: number): { col: number; weight: number }[] {
  const cols: number[] = [];
  for (let c = 0; c < weights.length; c++) if ((weights[c] ?? 0) > 0) cols.push(c);
  cols.sort((a, b) => (weights[b] ?? 0) - (weights[a] ?? 0) || a - b);
  return cols.slice(0, limit).map((col) => ({ col, weight: weights[col] ?? 0 }));
}

/**
 * Class-based TF-IDF (Grootendorst 2022): a term weighs in topic c by its frequency there,
 * times ln(1 + A / f_t) where A is the mean number of words per topic and f_t the term's
 * frequency over all topics. Returns, per topic, its top terms as distinct surface words.
 */
export function topicTerms(
  counts: Csr,
  assignments: Int32Array,
  k: number,
  surfaceOf: (col: number) => string,
  termsPerTopic: number,
): WeightedTerm[][] {
  const v = counts.nCols;
  const perTopic = Array.from({ length: k }, () => new Float64Array(v));
  const totals = new Float64Array(k);
  const overall = new Float64Array(v);
  for (let r = 0; r < counts.nRows; r++) {
    const c = assignments[r] ?? 0;
    const tf = perTopic[c];
    if (tf === undefined) continue;
    const end = counts.indptr[r + 1] ?? 0;
    for (let p = counts.indptr[r] ?? 0; p < end; p++) {
      const col = counts.indices[p] ?? 0;
      const x = counts.values[p] ?? 0;
      tf[col] = (tf[col] ?? 0) + x;
      overall[col] = (overall[col] ?? 0) + x;
      totals[c] = (totals[c] ?? 0) + x;
    }
  }
  let words = 0;
  for (const t of totals) words += t;
  const avg = k > 0 ? words / k : 0;
  const picker = new TermPicker(surfaceOf);
  return perTopic.map((tf, c) => {
    const total = totals[c] ?? 0;
    for (let col = 0; col < v; col++) {
      const f = overall[col] ?? 0;
      tf[col] = f > 0 && total > 0 ? ((tf[col] ?? 0) / total) * Math.log(1 + avg / f) : 0;
    }
    for (const { col, weight } of topColumns(tf, termsPerTopic * 4)) picker.add(col, weight);
    return picker.take(termsPerTopic);
  });
}

/** A short label from a topic's top terms. */
export function labelFromTerms(terms: readonly WeightedTerm[], words = 3): string {
  return terms.length === 0
    ? 'miscellaneous'
    : terms
        .slice(0, words)
        .map((t) => t.term)
        .join(', ');
}
