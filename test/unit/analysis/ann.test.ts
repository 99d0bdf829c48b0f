import { describe, expect, it } from 'vitest';
import { approximateTopK } from '../../../src/analysis/ann.js';
import { sphericalKmeans } from '../../../src/analysis/cluster.js';
import { createRng, gaussian } from '../../../src/analysis/random.js';
import { candidateNeighbors } from '../../../src/analysis/similarity.js';

/** n unit vectors around `groups` random directions (noise makes neighbours non-trivial). */
function clustered(n: number, dims: number, groups: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const centres = Array.from({ length: groups }, () => Array.from({ length: dims }, () => gaussian(rng)));
  const v = new Float32Array(n * dims);
  for (let r = 0; r < n; r++) {
    const c = centres[r % groups] ?? [];
    let s = 0;
    for (let i = 0; i < dims; i++) {
      const x = (c[i] ?? 0) + 0.8 * gaussian(rng);
      v[r * dims + i] = x;
      s += x * x;
    }
    for (let i = 0; i < dims; i++) v[r * dims + i] = (v[r * dims + i] ?? 0) / Math.sqrt(s);
  }
  return v;
}

describe('approximateTopK', () => {
  it('finds most of the exact top-10 cosine neighbours, never a vector itself', () => {
    const n = 3000;
    const dims = 24;
    const v = clustered(n, dims, 12, 5);
    const topics = sphericalKmeans(v, dims, 12, { seed: 1 });
    const approx = approximateTopK(v, dims, topics.assignments, topics.k, 10, {
      seed: 1,
      cellSize: 48,
      probes: 12,
    });
    const exact = candidateNeighbors(v, dims, 10);
    let found = 0;
    for (let r = 0; r < n; r++) {
      const truth = new Set(exact.index.subarray(r * 10, r * 10 + 10));
      for (let j = 0; j < 10; j++) {
        const c = approx.index[r * 10 + j] ?? -1;
        expect(c).not.toBe(r);
        if (truth.has(c)) found++;
      }
      for (let j = 1; j < 10; j++) {
        expect(approx.score[r * 10 + j] ?? 0).toBeLessThanOrEqual(approx.score[r * 10 + j - 1] ?? 0);
      }
    }
    expect(found / (n * 10)).toBeGreaterThan(0.9);
  });
});
