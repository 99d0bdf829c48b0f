import { kmeans } from 'ml-kmeans';
import { dot, dot2 } from './dot.js';
import { createRng, sampleIndices } from './random.js';

/** Spherical k-means over unit vectors: clusters are directions, similarity is cosine. */
export interface Clustering {
  readonly k: number;
  readonly assignments: Int32Array;
  /** k x dims, row-major, unit length (zero for a cluster that ended empty). */
  readonly centroids: Float32Array;
  /** Cosine of each vector to its own centroid. */
  readonly similarity: Float32Array;
  /** Mean cosine to own centroid (higher is tighter). */
  readonly cohesion: number;
}

export interface ClusterOptions {
  readonly seed: number;
  /** Seeded k-means++ restarts on a sample; the tightest one is refined on all vectors. */
  readonly restarts: number;
  readonly maxIterations: number;
  /** Vectors used for the restarts. */
  readonly sampleSize: number;
  /** Vectors (of the sample) k-means++ seeds are drawn from; at least 20 per cluster. */
  readonly seedingSize: number;
  /** ml-kmeans iterations after its k-means++ seeding (the restart is polished by ours). */
  readonly seedIterations: number;
  /**
   * Refine the best restart on all vectors here (true), or leave that to the caller (false:
   * the result then holds the best restart's centroids and one assignment pass).
   */
  readonly fullData: boolean;
  /**
   * 'kmeans++': ml-kmeans' seeded k-means++ (careful, for topics); 'random': k distinct
   * random vectors (cheap, for fine partitions where seeding quality hardly matters).
   */
  readonly init: 'kmeans++' | 'random';
}

export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = {
  seed: 42,
  restarts: 4,
  maxIterations: 30,
  sampleSize: 4000,
  seedingSize: 1500,
  seedIterations: 1,
  init: 'kmeans++',
  fullData: true,
};

/** Rows `idx` of an n x dims matrix as plain arrays (ml-kmeans' input format). */
function rows(vectors: Float32Array, dims: number, idx: Int32Array): number[][] {
  return Array.from(idx, (r) => Array.from(vectors.subarray(r * dims, (r + 1) * dims)));
}

function normalizeRows(m: Float32Array, dims: number): void {
  for (let o = 0; o < m.length; o += dims) {
    let s = 0;
    for (let i = 0; i < dims; i++) s += (m[o + i] ?? 0) ** 2;
    const inv = s > 0 ? 1 / Math.sqrt(s) : 0;
    for (let i = 0; i < dims; i++) m[o + i] = (m[o + i] ?? 0) * inv;
  }
}

/**
 * Assigns every vector to its most similar centroid; writes assignment and similarity.
 * Returns the summed similarity.
 */
export function assign(
  vectors: Float32Array,
  dims: number,
  centroids: Float32Array,
  k: number,
  out: Int32Array,
  sim: Float32Array,
  from = 0,
  to = vectors.length / dims,
): number {
  let total = 0;
  for (let r = from; r < to; r++) {
    const o = r * dims;
    let best = -Infinity;
    let bestC = 0;
    for (let c = 0; c < k; c++) {
      const s = dot(vectors, o, centroids, c * dims, dims);
      if (s > best) {
        best = s;
        bestC = c;
      }
    }
    out[r] = bestC;
    sim[r] = best;
    total += best;
  }
  return total;
}

/**
 * Lloyd iterations of spherical k-means from the given centroids (modified in place).
 *
 * Exact, but most similarities are never computed (Elkan 2003, for cosine): each vector keeps
 * a lower bound on its similarity to its own centroid and an upper bound on that to every
 * other centroid. A unit vector's similarity to a centroid moves by at most the distance the
 * centroid moved, so bounds are loosened by the moves; a similarity is computed only where
 * the bounds no longer rule that centroid out. Later iterations, where few vectors change,
 * cost a fraction of a pass.
 */
export function lloyd(
  vectors: Float32Array,
  dims: number,
  centroids: Float32Array,
  k: number,
  maxIterations: number,
): { assignments: Int32Array; similarity: Float32Array; total: number } {
  const n = vectors.length / dims;
  const assignments = new Int32Array(n);
  const similarity = new Float32Array(n);
  const lower = new Float64Array(n);
  const upper = new Float64Array(n * k);
  const previous = new Float32Array(centroids.length);
  const moved = new Float64Array(k);
  for (let r = 0; r < n; r++) {
    similarities(vectors, r * dims, centroids, k, dims, upper, r * k);
    let best = -Infinity;
    let bestC = 0;
    for (let c = 0; c < k; c++) {
      const s = upper[r * k + c] ?? 0;
      if (s > best) {
        best = s;
        bestC = c;
      }
    }
    assignments[r] = bestC;
    lower[r] = best;
  }
  // Member sums and counts, kept up to date as vectors move (later passes move few).
  const sums = new Float64Array(k * dims);
  const sizes = new Int32Array(k);
  let fresh = false;
  for (let it = 1; it < maxIterations; it++) {
    previous.set(centroids);
    if (!fresh) memberSums(vectors, dims, assignments, sums, sizes);
    fresh = sizes.every((s) => s > 0);
    if (fresh) {
      for (let j = 0; j < centroids.length; j++) centroids[j] = sums[j] ?? 0;
      normalizeRows(centroids, dims);
    } else {
      for (let r = 0; r < n; r++) similarity[r] = lower[r] ?? 0;
      updateCentroids(vectors, dims, assignments, similarity, k, centroids);
    }
    for (let c = 0; c < k; c++) {
      let d = 0;
      for (let i = 0; i < dims; i++)
        d += ((centroids[c * dims + i] ?? 0) - (previous[c * dims + i] ?? 0)) ** 2;
      moved[c] = Math.sqrt(d);
    }
    let changed = 0;
    for (let r = 0; r < n; r++) {
      const a = assignments[r] ?? 0;
      const o = r * k;
      let lo = (lower[r] ?? 0) - (moved[a] ?? 0);
      let maxUp = -Infinity;
      for (let c = 0; c < k; c++) {
        const u = (upper[o + c] ?? 0) + (moved[c] ?? 0);
        upper[o + c] = u;
        if (c !== a && u > maxUp) maxUp = u;
      }
      if (lo >= maxUp) {
        lower[r] = lo;
        continue;
      }
      lo = dot(vectors, r * dims, centroids, a * dims, dims);
      upper[o + a] = lo;
      let best = a;
      for (let c = 0; c < k; c++) {
        if (c === a || (upper[o + c] ?? 0) <= lo) continue;
        const s = dot(vectors, r * dims, centroids, c * dims, dims);
        upper[o + c] = s;
        // Ties go to the lower index, as in a full pass.
        if (s > lo || (s === lo && c < best)) {
          lo = s;
          best = c;
        }
      }
      lower[r] = lo;
      if (best !== a) {
        assignments[r] = best;
        changed++;
        sizes[a] = (sizes[a] ?? 0) - 1;
        sizes[best] = (sizes[best] ?? 0) + 1;
        const o = r * dims;
        for (let i = 0; i < dims; i++) {
          const v = vectors[o + i] ?? 0;
          sums[a * dims + i] = (sums[a * dims + i] ?? 0) - v;
          sums[best * dims + i] = (sums[best * dims + i] ?? 0) + v;
        }
      }
    }
    if (converged(changed, n)) break;
  }
  let total = 0;
  for (let r = 0; r < n; r++) {
    const s = dot(vectors, r * dims, centroids, (assignments[r] ?? 0) * dims, dims);
    similarity[r] = s;
    total += s;
  }
  return { assignments, similarity, total };
}

/**
 * out[at + c] = dot(row, centroid c) for every c, two centroids per pass over the row (each
 * row value is loaded once for both); the same summation order as `dot`, so the same bits.
 */
function similarities(
  a: Float32Array,
  ao: number,
  centroids: Float32Array,
  k: number,
  dims: number,
  out: Float64Array,
  at: number,
): void {
  let c = 0;
  for (; c + 1 < k; c += 2) dot2(a, ao, centroids, c * dims, (c + 1) * dims, dims, out, at + c);
  if (c < k) out[at + c] = dot(a, ao, centroids, c * dims, dims);
}

function memberSums(
  vectors: Float32Array,
  dims: number,
  assignments: Int32Array,
  sums: Float64Array,
  sizes: Int32Array,
): void {
  sums.fill(0);
  sizes.fill(0);
  for (let r = 0; r < assignments.length; r++) {
    const c = assignments[r] ?? 0;
    sizes[c] = (sizes[c] ?? 0) + 1;
    const o = r * dims;
    const co = c * dims;
    for (let i = 0; i < dims; i++) sums[co + i] = (sums[co + i] ?? 0) + (vectors[o + i] ?? 0);
  }
}

/** Converged when (almost) nobody moves: the last 0.1 % barely change the partition. */
function converged(changed: number, n: number): boolean {
  return changed <= n / 1000;
}

/** Centroids as unit means of their members (an empty cluster restarts at the worst-fit vector). */
export function updateCentroids(
  vectors: Float32Array,
  dims: number,
  assignments: Int32Array,
  similarity: Float32Array,
  k: number,
  centroids: Float32Array,
): void {
  const n = assignments.length;
  const sums = new Float64Array(k * dims);
  const sizes = new Int32Array(k);
  for (let r = 0; r < n; r++) {
    const c = assignments[r] ?? 0;
    sizes[c] = (sizes[c] ?? 0) + 1;
    const o = r * dims;
    const co = c * dims;
    for (let i = 0; i < dims; i++) sums[co + i] = (sums[co + i] ?? 0) + (vectors[o + i] ?? 0);
  }
  // An empty cluster restarts at the vector its centroid explains worst, so k is kept.
  for (let c = 0; c < k; c++) {
    if ((sizes[c] ?? 0) > 0) continue;
    let worst = 0;
    for (let r = 1; r < n; r++) if ((similarity[r] ?? 0) < (similarity[worst] ?? 0)) worst = r;
    similarity[worst] = Infinity;
    for (let i = 0; i < dims; i++) sums[c * dims + i] = vectors[worst * dims + i] ?? 0;
  }
  for (let j = 0; j < centroids.length; j++) centroids[j] = sums[j] ?? 0;
  normalizeRows(centroids, dims);
}

/**
 * Spherical k-means of n unit vectors (n x dims). Restarts are seeded k-means++ runs of
 * ml-kmeans on a sample (euclidean k-means on unit vectors ranks points like cosine); the
 * restart with the highest cohesion is refined by full-data spherical Lloyd iterations.
 */
export function sphericalKmeans(
  vectors: Float32Array,
  dims: number,
  k: number,
  options: Partial<ClusterOptions> = {},
): Clustering {
  const opts = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const n = vectors.length / dims;
  const kk = Math.max(1, Math.min(k, n));
  if (n <= kk) {
    // As many clusters as vectors: each vector is its own centre.
    const assignments = Int32Array.from({ length: n }, (_, i) => i);
    const centroids = vectors.slice();
    return { k: n, assignments, centroids, similarity: new Float32Array(n).fill(1), cohesion: 1 };
  }
  const rng = createRng(opts.seed);
  const idx = sampleIndices(n, Math.min(n, Math.max(opts.sampleSize, kk * 20)), rng);
  const sample = vectors.length === idx.length * dims ? vectors : gather(vectors, dims, idx);
  // k-means++ seeding on a random part of the sample (inputs may be sorted, e.g. by venue, so
  // not its first rows): its cost grows with points x k, and seeds only need to be spread
  // out; ml-kmeans then takes a step from them and each restart is polished on the sample.
  const seeding =
    opts.init === 'random'
      ? new Float32Array(0)
      : gather(
          sample,
          dims,
          sampleIndices(idx.length, Math.min(idx.length, Math.max(opts.seedingSize, kk * 20)), rng),
        );
  const nSeeding = seeding.length / dims;
  const data = rows(
    seeding,
    dims,
    Int32Array.from({ length: nSeeding }, (_, i) => i),
  );
  let bestCentroids: Float32Array = new Float32Array(kk * dims);
  let bestTotal = -Infinity;
  let bestRun: ReturnType<typeof lloyd> | undefined;
  for (let r = 0; r < Math.max(1, opts.restarts); r++) {
    const centroids =
      opts.init === 'random'
        ? gather(sample, dims, sampleIndices(idx.length, kk, rng))
        : Float32Array.from(
            kmeans(data, kk, {
              initialization: rows(seeding, dims, kmeansPlusPlus(seeding, dims, nSeeding, kk, opts.seed + r)),
              maxIterations: opts.seedIterations,
            }).centroids.flat(),
          );
    normalizeRows(centroids, dims);
    // Restarts are only ranked here, so a few iterations do unless the sample is everything.
    const run = lloyd(sample, dims, centroids, kk, sample === vectors ? opts.maxIterations : 10);
    if (run.total > bestTotal) {
      bestTotal = run.total;
      bestCentroids = centroids;
      bestRun = run;
    }
  }
  // When the sample is every vector, the best restart is already the answer.
  const { assignments, similarity, total } =
    sample === vectors && bestRun !== undefined
      ? bestRun
      : lloyd(vectors, dims, bestCentroids, kk, opts.fullData ? opts.maxIterations : 1);
  return { k: kk, assignments, centroids: bestCentroids, similarity, cohesion: n > 0 ? total / n : 0 };
}

/**
 * Greedy k-means++ seeding (Arthur & Vassilvitskii 2007, with 2 + ln k trials per pick as in
 * scikit-learn) over the first `m` unit vectors, on typed arrays: returns k row indices.
 * For unit vectors the squared distance is 2 - 2 cos, so D^2 sampling weighs by 1 - cos.
 */
export function kmeansPlusPlus(
  vectors: Float32Array,
  dims: number,
  m: number,
  k: number,
  seed: number,
): Int32Array {
  const rng = createRng(seed);
  const picked = new Int32Array(k);
  const closest = new Float64Array(m);
  const trialDist = new Float64Array(m);
  const bestDist = new Float64Array(m);
  const trials = 2 + Math.floor(Math.log(k));
  const first = Math.floor(rng() * m);
  picked[0] = first;
  let pot = 0;
  for (let i = 0; i < m; i++) {
    const d = Math.max(0, 1 - dot(vectors, i * dims, vectors, first * dims, dims));
    closest[i] = d;
    pot += d;
  }
  for (let c = 1; c < k; c++) {
    let bestPot = Infinity;
    let bestIdx = 0;
    if (!(pot > 0)) {
      // Every point coincides with a pick (duplicates): take the next index, still distinct.
      picked[c] = ((picked[c - 1] ?? 0) + 1) % m;
      continue;
    }
    for (let t = 0; t < trials; t++) {
      // Draw a point with probability proportional to its distance to the nearest pick.
      let target = rng() * pot;
      let cand = -1;
      for (let i = 0; i < m; i++) {
        const w = closest[i] ?? 0;
        if (w <= 0) continue;
        cand = i;
        target -= w;
        if (target < 0) break;
      }
      let candPot = 0;
      for (let i = 0; i < m; i++) {
        const d = Math.min(
          closest[i] ?? 0,
          Math.max(0, 1 - dot(vectors, i * dims, vectors, cand * dims, dims)),
        );
        trialDist[i] = d;
        candPot += d;
      }
      if (candPot < bestPot) {
        bestPot = candPot;
        bestIdx = cand;
        bestDist.set(trialDist);
      }
    }
    picked[c] = bestIdx;
    closest.set(bestDist);
    pot = bestPot;
  }
  return picked;
}

export function gather(vectors: Float32Array, dims: number, idx: Int32Array): Float32Array {
  const out = new Float32Array(idx.length * dims);
  idx.forEach((r, i) => out.set(vectors.subarray(r * dims, (r + 1) * dims), i * dims));
  return out;
}
