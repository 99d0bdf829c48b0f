import { distinctSurfaces, type WeightedTerm } from './label.js';
import type { Csr } from './sparse.js';

/** Row r's highest TF-IDF terms as distinct surface words, best first. */
export function rowKeywords(
  x: Csr,
  r: number,
  surfaceOf: (col: number) => string,
  max: number,
): WeightedTerm[] {
  const start = x.indptr[r] ?? 0;
  const end = x.indptr[r + 1] ?? 0;
  const cands: { col: number; weight: number }[] = [];
  for (let p = start; p < end; p++) cands.push({ col: x.indices[p] ?? 0, weight: x.values[p] ?? 0 });
  cands.sort((a, b) => b.weight - a.weight || a.col - b.col);
  return distinctSurfaces(cands, surfaceOf, max);
}

/** Keywords of every row. */
export function keywords(x: Csr, surfaceOf: (col: number) => string, max: number): WeightedTerm[][] {
  return Array.from({ length: x.nRows }, (_, r) => rowKeywords(x, r, surfaceOf, max));
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
  surfaceOf: (col: number) => string,
  max: number,
): string[] {
  const cands: { col: number; weight: number }[] = [];
  let p = a.indptr[ra] ?? 0;
  const pe = a.indptr[ra + 1] ?? 0;
  let q = b.indptr[rb] ?? 0;
  const qe = b.indptr[rb + 1] ?? 0;
  while (p < pe && q < qe) {
    const i = a.indices[p] ?? 0;
    const j = b.indices[q] ?? 0;
    if (i === j) {
      cands.push({ col: i, weight: (a.values[p] ?? 0) * (b.values[q] ?? 0) });
      p++;
      q++;
    } else if (i < j) p++;
    else q++;
  }
  cands.sort((x, y) => y.weight - x.weight || x.col - y.col);
  return distinctSurfaces(cands, surfaceOf, max).map((t) => t.term);
}

/**
 * `sharedTerms` of row r with each of `others` (rows of the same matrix): r is scattered into a
 * dense vector once, so each pair costs the other row's nnz.
 */
export function sharedTermsOfRow(
  x: Csr,
  r: number,
  others: readonly number[],
  surfaceOf: (col: number) => string,
  max: number,
  dense: Float32Array = new Float32Array(x.nCols),
): string[][] {
  const r0 = x.indptr[r] ?? 0;
  const r1 = x.indptr[r + 1] ?? 0;
  for (let p = r0; p < r1; p++) dense[x.indices[p] ?? 0] = x.values[p] ?? 0;
  const out = others.map((c) => {
    const cands: { col: number; weight: number }[] = [];
    const c1 = x.indptr[c + 1] ?? 0;
    for (let p = x.indptr[c] ?? 0; p < c1; p++) {
      const col = x.indices[p] ?? 0;
      const w = dense[col] ?? 0;
      if (w > 0) cands.push({ col, weight: w * (x.values[p] ?? 0) });
    }
    cands.sort((a, b) => b.weight - a.weight || a.col - b.col);
    return distinctSurfaces(cands, surfaceOf, max).map((t) => t.term);
  });
  for (let p = r0; p < r1; p++) dense[x.indices[p] ?? 0] = 0;
  return out;
}
