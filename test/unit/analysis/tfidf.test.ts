import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowDot, transpose } from '../../../src/analysis/sparse.js';
import { TermInterner } from '../../../src/analysis/interner.js';
import { fitTfidf } from '../../../src/analysis/tfidf.js';

const docsArb = fc.array(
  fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), { maxLength: 30 }),
  {
    minLength: 1,
    maxLength: 25,
  },
);

describe('fitTfidf', () => {
  it('weighs sublinear tf x smoothed idf and drops terms outside min/max df', () => {
    const interner = new TermInterner();
    const docs = [['x', 'x', 'y'], ['x', 'z'], ['w', 'x'], ['y']].map((d) => interner.intern(d));
    const fit = fitTfidf(docs, interner, { minDf: 2, maxDf: 0.5 });
    // x is in 3 of 4 docs (> 50 %), z and w in one: only y survives.
    expect(fit.vocabulary.terms).toEqual(['y']);
    expect(fit.vocabulary.idf[0]).toBeCloseTo(Math.log(5 / 3) + 1, 6);
    expect(Array.from(fit.weights.values)).toEqual([1, 1]);
    expect(Array.from(fit.counts.values)).toEqual([1, 1]);
    // Left out of the vectors, x is still reported with its documents (for labels).
    expect(Array.from(fit.frequent.ids, (id) => interner.termOf(id))).toEqual(['x']);
    expect(Array.from(fit.frequent.df)).toEqual([3]);
    expect(Array.from(fit.frequent.tf)).toEqual([4]);
    expect(fit.frequent.docs.map((d) => Array.from(d))).toEqual([[0, 1, 2]]);
    expect(Array.from(fit.columns.df)).toEqual([2]);
    expect(Array.from(fit.columns.tf)).toEqual([2]);
  });

  it('L2-normalises every non-empty row and keeps column indices sorted', () => {
    fc.assert(
      fc.property(docsArb, fc.integer({ min: 1, max: 3 }), (docs, minDf) => {
        const interner = new TermInterner();
        const fit = fitTfidf(
          docs.map((d) => interner.intern(d)),
          interner,
          { minDf, maxDf: 1 },
        );
        const x = fit.weights;
        for (let r = 0; r < x.nRows; r++) {
          const len = (x.indptr[r + 1] ?? 0) - (x.indptr[r] ?? 0);
          const norm = rowDot(x, r, x, r);
          if (len > 0) expect(norm).toBeCloseTo(1, 5);
          else expect(norm).toBe(0);
          for (let p = (x.indptr[r] ?? 0) + 1; p < (x.indptr[r + 1] ?? 0); p++) {
            expect(x.indices[p] ?? 0).toBeGreaterThan(x.indices[p - 1] ?? 0);
          }
        }
      }),
    );
  });

  it('transposes twice back to the same matrix', () => {
    fc.assert(
      fc.property(docsArb, (docs) => {
        const interner = new TermInterner();
        const x = fitTfidf(
          docs.map((d) => interner.intern(d)),
          interner,
          { minDf: 1, maxDf: 1 },
        ).weights;
        expect(transpose(transpose(x))).toEqual(x);
      }),
    );
  });
});
