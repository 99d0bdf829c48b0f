import { gather, sphericalKmeans, type ClusterOptions } from './cluster.js';
import { createRng, sampleIndices } from './random.js';

export interface KChoice {
  readonly k: number;
  readonly reason: string;
}

/** Candidate numbers of topics for n documents: 2 .. about sqrt(n / 2), at most 40. */
export function kCandidates(n: number): number[] {
  const hi = Math.max(2, Math.min(40, Math.round(Math.sqrt(n / 2)), n - 1));
  const out: number[] = [];
  for (let k = 2; k <= hi; k += k < 12 ? 1 : k < 24 ? 2 : 4) out.push(k);
  return out;
}

/**
 * Simplified silhouette (Hruschka et al. 2004) of a clustering of unit vectors, with cosine
 * distance to centroids: per vector (b - a) / max(a, b), a = distance to its own centroid,
 * b = distance to the nearest other one; averaged. Costs n x k x dims, not n^2.
 */
export function simplifiedSilhouette(
  vectors: Float32Array,
  dims: number,
  centroids: Float32Array,
  k: number,
  assignments: Int32Array,
): number {
  const n = vectors.length / dims;
  if (k < 2 || n === 0) return 0;
  let total = 0;
  for (let r = 0; r < n; r++) {
    const own = assignments[r] ?? 0;
    let a = 0;
    let b = Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let i = 0; i < dims; i++) s += (vectors[r * dims + i] ?? 0) * (centroids[c * dims + i] ?? 0);
      const d = 1 - s;
      if (c === own) a = d;
      else if (d < b) b = d;
    }
    const m = Math.max(a, b);
    total += m > 0 ? (b - a) / m : 0;
  }
  return total / n;
}

/**
 * Picks k by the simplified silhouette of spherical k-means on a seeded sample: the k whose
 * topics are, on average, clearly closer to their own centre than to the next one.
 */
export function chooseK(
  vectors: Float32Array,
  dims: number,
  seed: number,
  cluster: Partial<ClusterOptions>,
): KChoice {
  const n = vectors.length / dims;
  if (n < 3) return { k: 1, reason: `only ${n} document(s): one topic` };
  const idx = sampleIndices(n, Math.min(n, 3000), createRng(seed ^ 0x4b));
  const sample = gather(vectors, dims, idx);
  let best = { k: 2, score: -Infinity };
  const tried: string[] = [];
  for (const k of kCandidates(n)) {
    const c = sphericalKmeans(sample, dims, k, { ...cluster, seed, restarts: 2, sampleSize: idx.length });
    const s = simplifiedSilhouette(sample, dims, c.centroids, c.k, c.assignments);
    tried.push(`${k}:${s.toFixed(3)}`);
    if (s > best.score + 1e-9) best = { k, score: s };
  }
  return {
    k: best.k,
    reason:
      `k=${best.k} has the highest simplified silhouette (cosine, spherical k-means on ` +
      `${idx.length} sampled papers) among k in [${tried.join(' ')}]`,
  };
}
