import { describe, expect, it } from 'vitest';
import { approximateTopK, DEFAULT_ANN_OPTIONS, type AnnOptions } from '../../../src/analysis/ann.js';
import { sphericalKmeans } from '../../../src/analysis/cluster.js';
import { Helpers } from '../../../src/analysis/parallel.js';
import { approximateCandidates } from '../../../src/analysis/steps.js';
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

/** Share of the exact top-`k` (per vector) that `index` holds. */
function recall(v: Float32Array, dims: number, index: Int32Array, k: number): number {
  const n = v.length / dims;
  const exact = candidateNeighbors(v, dims, k);
  let found = 0;
  for (let r = 0; r < n; r++) {
    const mine = new Set(index.subarray(r * k, r * k + k));
    for (let j = 0; j < k; j++) if (mine.has(exact.index[r * k + j] ?? -1)) found++;
  }
  return found / (n * k);
}

// Each case searches a few thousand vectors (seconds on a busy 2-core machine): the default
// 5 s timeout would make the outcome depend on the machine's load, not on the code.
describe('approximateTopK', { timeout: 60_000 }, () => {
  it('finds most of the exact top-10 cosine neighbours, never a vector itself', () => {
    const n = 3000;
    const dims = 24;
    const v = clustered(n, dims, 12, 5);
    const topics = sphericalKmeans(v, dims, 12, { seed: 1 });
    const approx = approximateTopK(v, dims, topics.assignments, topics.k, 10, {
      ...DEFAULT_ANN_OPTIONS,
      seed: 1,
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

  it('finds more with per-paper probes and reverse links than with cell probes alone', () => {
    const n = 3000;
    const dims = 48;
    const v = clustered(n, dims, 12, 9);
    const topics = sphericalKmeans(v, dims, 12, { seed: 2 });
    const run = (o: Partial<AnnOptions>): number =>
      recall(
        v,
        dims,
        approximateTopK(v, dims, topics.assignments, topics.k, 20, { ...DEFAULT_ANN_OPTIONS, seed: 2, ...o })
          .index,
        20,
      );
    const cellsOnly = run({ probes: 4, shortlist: 4, passes: 1, reverse: 0 });
    const perPaper = run({ probes: 4, shortlist: 16, passes: 1, reverse: 0 });
    const full = run({ probes: 4, shortlist: 16, passes: 3, reverse: 5 });
    expect(perPaper).toBeGreaterThan(cellsOnly + 0.01);
    expect(full).toBeGreaterThan(perPaper);
  });

  it('gives the same lists with a helper thread as on one thread', async () => {
    const n = 5000;
    const dims = 32;
    const v = clustered(n, dims, 10, 11);
    const topics = sphericalKmeans(v, dims, 10, { seed: 3 });
    const opts = { ...DEFAULT_ANN_OPTIONS, seed: 3 };
    const one = approximateTopK(v, dims, topics.assignments, topics.k, 20, opts);
    const helpers = Helpers.start(1);
    try {
      const two = await approximateCandidates(v, dims, topics.assignments, topics.k, 20, opts, helpers);
      expect(Array.from(two.index)).toEqual(Array.from(one.index));
      expect(Array.from(two.score)).toEqual(Array.from(one.score));
    } finally {
      await helpers.close();
    }
  });
});
