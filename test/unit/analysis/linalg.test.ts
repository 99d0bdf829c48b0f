import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gram, matmul, orthonormalize, symmetricEigen } from '../../../src/analysis/linalg.js';
import { fitLsa } from '../../../src/analysis/reduce.js';
import { CsrBuilder } from '../../../src/analysis/sparse.js';

const matrixArb = (rows: number, cols: number) =>
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: rows * cols, maxLength: rows * cols });

describe('dense linear algebra', () => {
  it('orthonormalize gives Q^T Q = I (or zero columns for dependent ones)', () => {
    fc.assert(
      fc.property(matrixArb(12, 4), (vals) => {
        const y = Float64Array.from(vals);
        orthonormalize(y, 12, 4);
        const g = gram(y, 12, 4);
        for (let i = 0; i < 4; i++) {
          const d = g[i * 4 + i] ?? 0;
          expect(d < 1e-9 || Math.abs(d - 1) < 1e-8).toBe(true);
          for (let j = 0; j < 4; j++) if (i !== j) expect(Math.abs(g[i * 4 + j] ?? 0)).toBeLessThan(1e-8);
        }
      }),
    );
  });

  it('symmetricEigen satisfies A v = lambda v with values in decreasing order', () => {
    fc.assert(
      fc.property(matrixArb(6, 5), (vals) => {
        const a = gram(Float64Array.from(vals), 6, 5);
        const { values, vectors } = symmetricEigen(a, 5);
        const av = matmul(a, 5, 5, vectors, 5);
        for (let i = 0; i < 5; i++) {
          if (i > 0) expect(values[i] ?? 0).toBeLessThanOrEqual((values[i - 1] ?? 0) + 1e-9);
          for (let r = 0; r < 5; r++) {
            expect(av[r * 5 + i] ?? 0).toBeCloseTo((values[i] ?? 0) * (vectors[r * 5 + i] ?? 0), 6);
          }
        }
      }),
    );
  });

  it('randomized SVD recovers the singular values of a small sparse matrix', async () => {
    const b = new CsrBuilder(5);
    const rows = [
      [3, 0, 0, 1, 0],
      [0, 2, 0, 0, 1],
      [1, 0, 4, 0, 0],
      [0, 0, 0, 5, 2],
      [2, 1, 0, 0, 3],
      [0, 0, 1, 1, 1],
    ];
    for (const r of rows) {
      const cols = r.flatMap((v, c) => (v !== 0 ? [c] : []));
      b.push(
        cols,
        cols.map((c) => r[c] ?? 0),
        cols.length,
      );
    }
    const x = b.build();
    const exact = symmetricEigen(gram(Float64Array.from(rows.flat()), 6, 5), 5).values.map(Math.sqrt);
    const { model } = await fitLsa(x, {
      dims: 3,
      seed: 1,
      powerIterations: 4,
      oversample: 2,
      sampleSize: 100,
    });
    for (let i = 0; i < 3; i++) expect(model.singularValues[i] ?? 0).toBeCloseTo(exact[i] ?? 0, 3);
  });
});
