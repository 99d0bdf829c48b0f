import { gather, sphericalKmeans, type ClusterOptions } from './cluster.js';
import { createRng, sampleIndices } from './random.js';

export interface KChoice {
  readonly k: number;
  readonly reason: string;
}

/** Candidate numbers of topics for n documents: 2 .. n / 4 (at least 4, at most 50), denser at small k. */
export function kCandidates(n: number): number[] {
  const hi = Math.min(n - 1, Math.max(4, Math.min(50, Math.floor(n / 4))));
  const out: number[] = [];
  for (let k = 2; k <= hi; k += k < 12 ? 1 : k < 24 ? 2 : 4) out.push(k);
  return out;
}

/**
 * Index of the knee of an increasing curve (Kneedle, Satopaa et al. 2011): with both axes
 * scaled to [0, 1], the point farthest above the chord from the first to the last point.
 */
export function knee(xs: readonly number[], ys: readonly number[]): number {
  const x0 = xs[0] ?? 0;
  const x1 = xs[xs.length - 1] ?? 1;
  const y0 = ys[0] ?? 0;
  const y1 = ys[ys.length - 1] ?? 1;
  let best = 0;
  let bestGap = -Infinity;
  xs.forEach((x, i) => {
    const nx = x1 > x0 ? (x - x0) / (x1 - x0) : 0;
    const ny = y1 > y0 ? ((ys[i] ?? 0) - y0) / (y1 - y0) : 0;
    if (ny - nx > bestGap + 1e-12) {
      bestGap = ny - nx;
      best = i;
    }
  });
  return best;
}

/**
 * Picks k at the knee of the cohesion curve: spherical k-means on a seeded sample for each
 * candidate k, cohesion = mean cosine of papers to their topic centre. Cohesion always grows
 * with k; the knee is where extra topics stop buying much tighter ones (the "elbow" rule,
 * made reproducible by Kneedle instead of by eye).
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
  const ks = kCandidates(n);
  const cohesion = ks.map(
    (k) =>
      sphericalKmeans(sample, dims, k, {
        ...cluster,
        seed,
        restarts: 1,
        maxIterations: 15,
        sampleSize: idx.length,
      }).cohesion,
  );
  const at = knee(ks, cohesion);
  const k = ks[at] ?? 2;
  return {
    k,
    reason:
      `k=${k} is the knee (Kneedle) of mean cosine to topic centre vs k, spherical k-means on ` +
      `${idx.length} sampled papers; k:cohesion ${ks.map((c, i) => `${c}:${(cohesion[i] ?? 0).toFixed(3)}`).join(' ')}`,
  };
}
