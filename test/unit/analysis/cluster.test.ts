import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lloyd, sphericalKmeans } from '../../../src/analysis/cluster.js';
import { dot } from '../../../src/analysis/dot.js';
import { createRng, gaussian } from '../../../src/analysis/random.js';

/** n unit vectors around `groups` random directions (noise `spread`), seeded. */
function blobs(seed: number, n: number, dims: number, groups: number, spread: number): Float32Array {
  const rng = createRng(seed);
  const centres = Array.from({ length: groups }, () => Array.from({ length: dims }, () => gaussian(rng)));
  const out = new Float32Array(n * dims);
  for (let r = 0; r < n; r++) {
    const c = centres[r % groups] ?? [];
    let s = 0;
    for (let i = 0; i < dims; i++) {
      const v = (c[i] ?? 0) + spread * gaussian(rng);
      out[r * dims + i] = v;
      s += v * v;
    }
    for (let i = 0; i < dims; i++) out[r * dims + i] = (out[r * dims + i] ?? 0) / Math.sqrt(s);
  }
  return out;
}

/** Textbook spherical Lloyd: every vector against every centroid, every iteration. */
function plainLloyd(
  v: Float32Array,
  dims: number,
  centroids: Float32Array,
  k: number,
  maxIt: number,
): Int32Array {
  const n = v.length / dims;
  let a = new Int32Array(n).fill(-1);
  for (let it = 0; it < maxIt; it++) {
    const next = new Int32Array(n);
    let changed = 0;
    for (let r = 0; r < n; r++) {
      let best = -Infinity;
      for (let c = 0; c < k; c++) {
        const s = dot(v, r * dims, centroids, c * dims, dims);
        if (s > best) {
          best = s;
          next[r] = c;
        }
      }
      if (next[r] !== a[r]) changed++;
    }
    a = next;
    if (changed <= n / 1000 || it === maxIt - 1) break;
    const sums = new Float64Array(k * dims);
    for (let r = 0; r < n; r++)
      for (let i = 0; i < dims; i++)
        sums[(a[r] ?? 0) * dims + i] = (sums[(a[r] ?? 0) * dims + i] ?? 0) + (v[r * dims + i] ?? 0);
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let i = 0; i < dims; i++) s += (sums[c * dims + i] ?? 0) ** 2;
      if (s === 0) return a; // an empty cluster: the reference stops here (not compared)
      for (let i = 0; i < dims; i++) centroids[c * dims + i] = (sums[c * dims + i] ?? 0) / Math.sqrt(s);
    }
  }
  return a;
}

describe('spherical k-means', () => {
  it('bounded Lloyd iterations give exactly the textbook result', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), fc.integer({ min: 2, max: 8 }), (seed, k) => {
        const dims = 12;
        const v = blobs(seed, 300, dims, k + 1, 0.8);
        const start = v.slice(0, k * dims);
        const expected = plainLloyd(v, dims, start.slice(), k, 30);
        const centroids = start.slice();
        const got = lloyd(v, dims, centroids, k, 30);
        expect(Array.from(got.assignments)).toEqual(Array.from(expected));
        // Similarities are exact cosines to the final centroids.
        for (let r = 0; r < 300; r += 7) {
          const c = got.assignments[r] ?? 0;
          let s = 0;
          for (let i = 0; i < dims; i++) s += (v[r * dims + i] ?? 0) * (centroids[c * dims + i] ?? 0);
          expect(got.similarity[r] ?? 0).toBeCloseTo(s, 5);
        }
      }),
      { numRuns: 20 },
    );
  });

  it('finds well-separated groups and is reproducible for a seed', () => {
    const v = blobs(7, 600, 16, 5, 0.3);
    const a = sphericalKmeans(v, 16, 5, { seed: 3 });
    const b = sphericalKmeans(v, 16, 5, { seed: 3 });
    expect(b.assignments).toEqual(a.assignments);
    // Every group lands in one cluster.
    for (let g = 0; g < 5; g++) {
      const seen = new Set<number>();
      for (let r = g; r < 600; r += 5) seen.add(a.assignments[r] ?? -1);
      expect(seen.size).toBe(1);
    }
  });
});
