import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowKeywords, sharedTerms, sharedTermsOfRow, TermPicker } from '../../../src/analysis/keywords.js';
import type { WeightedTerm } from '../../../src/analysis/label.js';
import type { Csr } from '../../../src/analysis/sparse.js';

/**
 * The selection rule, stated plainly: candidates sorted best first; a candidate whose surface
 * shares a word with one already picked is skipped.
 */
function distinctSurfaces(
  candidates: readonly { col: number; weight: number }[],
  surfaceOf: (col: number) => string,
  max: number,
): WeightedTerm[] {
  const used = new Set<string>();
  const out: WeightedTerm[] = [];
  for (const { col, weight } of candidates) {
    if (out.length >= max) break;
    if (!(weight > 0)) continue;
    const surface = surfaceOf(col);
    const words = surface.split(' ');
    if (words.some((w) => used.has(w))) continue;
    for (const w of words) used.add(w);
    out.push({ term: surface, weight });
  }
  return out;
}

/** The definition: every common column, sorted by weight product (then column), distinct surfaces. */
function reference(x: Csr, a: number, b: number, surfaceOf: (col: number) => string, max: number): string[] {
  const row = (r: number) => {
    const m = new Map<number, number>();
    for (let p = x.indptr[r] ?? 0; p < (x.indptr[r + 1] ?? 0); p++)
      m.set(x.indices[p] ?? 0, x.values[p] ?? 0);
    return m;
  };
  const ra = row(a);
  const cands = [...row(b)]
    .filter(([col]) => ra.has(col))
    .map(([col, w]) => ({ col, weight: (ra.get(col) ?? 0) * w }));
  cands.sort((p, q) => q.weight - p.weight || p.col - q.col);
  return distinctSurfaces(cands, surfaceOf, max).map((t) => t.term);
}

/** Rows of distinct ascending columns with positive weights; weights repeat, so ties happen. */
const matrix = (nCols: number) =>
  fc
    .array(
      fc.uniqueArray(fc.record({ col: fc.nat(nCols - 1), w: fc.constantFrom(0.25, 0.5, 1, 1.5, 2) }), {
        selector: (e) => e.col,
        maxLength: nCols,
      }),
      { minLength: 2, maxLength: 6 },
    )
    .map((rows): Csr => {
      const sorted = rows.map((r) => [...r].sort((p, q) => p.col - q.col));
      const indptr = new Int32Array(sorted.length + 1);
      sorted.forEach((r, i) => (indptr[i + 1] = (indptr[i] ?? 0) + r.length));
      return {
        nRows: sorted.length,
        nCols,
        indptr,
        indices: Int32Array.from(sorted.flat(), (e) => e.col),
        values: Float32Array.from(sorted.flat(), (e) => e.w),
      };
    });

/** Unigrams and bigrams over a few words, so many surfaces share a word. */
const WORDS = ['graph', 'neural', 'network', 'model', 'language'];
const surfaces = Array.from({ length: 20 }, (_, c) =>
  c < WORDS.length ? WORDS[c]! : `${WORDS[c % WORDS.length]!} ${WORDS[(c * 3 + 1) % WORDS.length]!}`,
);
const surfaceOf = (col: number) => surfaces[col] ?? '';

describe('keywords of a row', () => {
  it('are the distinct surfaces of its columns, heaviest first', () => {
    fc.assert(
      fc.property(matrix(surfaces.length), fc.integer({ min: 1, max: 8 }), (x, max) => {
        const picker = new TermPicker(surfaceOf);
        for (let r = 0; r < x.nRows; r++) {
          const cands = [];
          for (let p = x.indptr[r] ?? 0; p < (x.indptr[r + 1] ?? 0); p++)
            cands.push({ col: x.indices[p] ?? 0, weight: x.values[p] ?? 0 });
          cands.sort((p, q) => q.weight - p.weight || p.col - q.col);
          expect(rowKeywords(x, r, max, picker)).toEqual(distinctSurfaces(cands, surfaceOf, max));
        }
      }),
    );
  });
});

describe('shared terms of a pair of rows', () => {
  it('are the distinct surfaces of the common columns, best weight product first', () => {
    fc.assert(
      fc.property(matrix(surfaces.length), fc.integer({ min: 1, max: 6 }), (x, max) => {
        const picker = new TermPicker(surfaceOf);
        const dense = new Float32Array(x.nCols);
        for (let r = 0; r < x.nRows; r++) {
          const others = Array.from({ length: x.nRows }, (_, c) => c).filter((c) => c !== r);
          const expected = others.map((c) => reference(x, r, c, surfaceOf, max));
          expect(sharedTermsOfRow(x, r, others, max, picker, dense)).toEqual(expected);
          others.forEach((c, j) => expect(sharedTerms(x, r, x, c, max, picker)).toEqual(expected[j]));
        }
        expect(dense.every((v) => v === 0)).toBe(true);
      }),
    );
  });

  it('never repeats a word, and stops at max', () => {
    const named = ['graph network', 'graph', 'network', 'neural', 'model'];
    const picker = new TermPicker((col) => named[col] ?? '');
    picker.add(3, 1);
    picker.add(0, 3);
    picker.add(2, 2); // shares "network" with the best
    picker.add(1, 2.5); // shares "graph"
    picker.add(4, 0.5);
    expect(picker.take(2)).toEqual([
      { term: 'graph network', weight: 3 },
      { term: 'neural', weight: 1 },
    ]);
    // Taking clears the candidates.
    expect(picker.take(5)).toEqual([]);
  });
});
