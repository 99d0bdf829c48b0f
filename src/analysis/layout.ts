import { createRng } from './random.js';

/**
 * Where a topic sits on the topic map: the centre and radius of its bubble. Units are the
 * map's own: every bubble lies inside the square [-1, 1] x [-1, 1] and at least one touches
 * its edge, so a client scales by its viewport and nothing else.
 */
export interface TopicPlacement {
  readonly x: number;
  readonly y: number;
  readonly radius: number;
}

export interface LayoutOptions {
  /** Seeds the power iteration and the directions given to topics that land on one point. */
  readonly seed?: number;
  /** Empty space kept between two bubbles, as a share of the largest radius (default 0.06). */
  readonly gap?: number;
  /** Smallest radius as a share of the largest, so that tiny topics stay visible and clickable (default 0.22). */
  readonly minRadius?: number;
  /**
   * Per topic, where it was on the previous model's map (a topic that kept its id), or
   * undefined. The arrangement is turned (rotated, mirrored if that fits better) to sit as
   * close to those places as it can, so a rebuilt model's map looks like the one before.
   */
  readonly previous?: readonly ({ readonly x: number; readonly y: number } | undefined)[];
}

const DEFAULTS = { seed: 7, gap: 0.06, minRadius: 0.22, previous: [] } as const;
/** Share of the bubbles' enclosing circle their area fills before overlap removal. */
const FILL = 0.35;
const SEPARATION_ROUNDS = 400;
/** Smallest turn (radians) towards the previous map worth making. */
const TURN_SMALLEST = 1e-3;
/** Decimals kept in the result (the gap is far wider than the rounding). */
const DECIMALS = 4;

/**
 * Cosine similarity of every pair of topic centres, `k x k` row-major (1 on the diagonal).
 * `centroids` is `k x dims`, row-major, unit rows (as k-means leaves them).
 */
export function centreSimilarities(centroids: Float32Array, k: number, dims: number): Float64Array {
  const out = new Float64Array(k * k);
  for (let a = 0; a < k; a++) {
    out[a * k + a] = 1;
    for (let b = a + 1; b < k; b++) {
      let s = 0;
      for (let i = 0; i < dims; i++) s += (centroids[a * dims + i] ?? 0) * (centroids[b * dims + i] ?? 0);
      out[a * k + b] = s;
      out[b * k + a] = s;
    }
  }
  return out;
}

/**
 * Positions and radii of `sizes.length` topics from the similarity of their centres
 * (`similarity`: k x k, symmetric, values in [-1, 1]): similar topics near each other, bubble
 * areas proportional to paper counts (above a floor), no two bubbles overlapping.
 *
 * Classical multidimensional scaling of the centres' chord distances (sqrt(2 - 2 cos)) gives
 * the arrangement, the two largest eigenvectors found by power iteration from a seeded start;
 * the bubbles are then pushed apart pair by pair until none overlaps. Deterministic: the same
 * input and seed give the same placements. Any k works, 0 and 1 included.
 */
export function layoutTopics(
  similarity: Float64Array,
  sizes: readonly number[],
  options: LayoutOptions = {},
): TopicPlacement[] {
  const o = { ...DEFAULTS, ...options };
  checkOptions(o);
  const k = sizes.length;
  if (similarity.length !== k * k) {
    throw new RangeError(`layoutTopics: similarity has ${similarity.length} values, expected ${k} x ${k}`);
  }
  if (k === 0) return [];
  if (k === 1) return [{ x: 0, y: 0, radius: 1 }];

  const coords = scaling(similarity, k, o.seed);
  orient(coords, sizes);
  const radii = bubbleRadii(coords, sizes, o.minRadius);
  separate(coords, radii, o.gap * Math.max(...radii), o.seed);
  // A rigid turn of the finished arrangement: no bubble comes to overlap another.
  turnTowards(coords, o.previous);
  return fitUnitSquare(coords, radii);
}

function checkOptions(o: Required<LayoutOptions>): void {
  if (!Number.isInteger(o.seed)) throw new RangeError(`layout option seed must be an integer, got ${o.seed}`);
  if (!(o.gap >= 0 && o.gap <= 1)) throw new RangeError(`layout option gap must be in [0, 1], got ${o.gap}`);
  if (!(o.minRadius > 0 && o.minRadius <= 1)) {
    throw new RangeError(`layout option minRadius must be in (0, 1], got ${o.minRadius}`);
  }
}

/** Classical MDS into two dimensions: x0 y0 x1 y1 ... */
function scaling(similarity: Float64Array, k: number, seed: number): Float64Array {
  // Squared chord distance between unit vectors: 2 - 2 cos.
  const b = new Float64Array(k * k);
  for (let i = 0; i < k * k; i++) b[i] = 2 - 2 * Math.max(-1, Math.min(1, similarity[i] ?? 0));
  // Double centring: B = -1/2 J D2 J.
  const rowMean = new Float64Array(k);
  let all = 0;
  for (let i = 0; i < k; i++) {
    let s = 0;
    for (let j = 0; j < k; j++) s += b[i * k + j] ?? 0;
    rowMean[i] = s / k;
    all += s;
  }
  all /= k * k;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      b[i * k + j] = -0.5 * ((b[i * k + j] ?? 0) - (rowMean[i] ?? 0) - (rowMean[j] ?? 0) + all);
    }
  }
  const rng = createRng(seed);
  const coords = new Float64Array(2 * k);
  const found: Float64Array[] = [];
  for (let axis = 0; axis < 2; axis++) {
    const { vector, value } = topEigen(b, k, found, rng);
    found.push(vector);
    const scale = Math.sqrt(Math.max(0, value));
    for (let i = 0; i < k; i++) coords[2 * i + axis] = (vector[i] ?? 0) * scale;
  }
  return coords;
}

/** Largest eigenpair of symmetric `m` orthogonal to `found` (power iteration with deflation by projection). */
function topEigen(
  m: Float64Array,
  k: number,
  found: readonly Float64Array[],
  rng: () => number,
): { vector: Float64Array; value: number } {
  let v = new Float64Array(k);
  for (let i = 0; i < k; i++) v[i] = rng() - 0.5;
  let value = 0;
  for (let iter = 0; iter < 500; iter++) {
    for (const f of found) {
      let d = 0;
      for (let i = 0; i < k; i++) d += (v[i] ?? 0) * (f[i] ?? 0);
      for (let i = 0; i < k; i++) v[i] = (v[i] ?? 0) - d * (f[i] ?? 0);
    }
    const norm = Math.hypot(...v);
    if (norm === 0) return { vector: v, value: 0 };
    for (let i = 0; i < k; i++) v[i] = (v[i] ?? 0) / norm;
    const next = new Float64Array(k);
    for (let i = 0; i < k; i++) {
      let s = 0;
      for (let j = 0; j < k; j++) s += (m[i * k + j] ?? 0) * (v[j] ?? 0);
      next[i] = s;
    }
    let rayleigh = 0;
    for (let i = 0; i < k; i++) rayleigh += (next[i] ?? 0) * (v[i] ?? 0);
    const settled = Math.abs(rayleigh - value) <= 1e-12 * Math.max(1, Math.abs(rayleigh));
    value = rayleigh;
    // A matrix with no positive direction left (all points on a line, or on one point) stops here.
    if (rayleigh <= 1e-12) return { vector: v, value: 0 };
    v = next;
    if (settled && iter > 10) break;
  }
  const norm = Math.hypot(...v);
  for (let i = 0; i < k; i++) v[i] = norm === 0 ? 0 : (v[i] ?? 0) / norm;
  return { vector: v, value };
}

/** Eigenvectors have no sign: each axis is flipped so the largest topic lies on its positive side. */
function orient(coords: Float64Array, sizes: readonly number[]): void {
  let largest = 0;
  for (let i = 1; i < sizes.length; i++) if ((sizes[i] ?? 0) > (sizes[largest] ?? 0)) largest = i;
  for (let axis = 0; axis < 2; axis++) {
    if ((coords[2 * largest + axis] ?? 0) >= 0) continue;
    for (let i = 0; i < sizes.length; i++) coords[2 * i + axis] = -(coords[2 * i + axis] ?? 0);
  }
}

/**
 * The turn that brings points p closest to points q (pairs [px, py, qx, qy]), both sets centred
 * on their means: rotation by `angle` after mirroring y when `mirror` fits better (orthogonal
 * Procrustes in the plane).
 */
export function bestTurn(pairs: readonly (readonly [number, number, number, number])[]): {
  angle: number;
  mirror: boolean;
} {
  const mean = [0, 0, 0, 0];
  for (const p of pairs) for (let c = 0; c < 4; c++) mean[c] = (mean[c] ?? 0) + (p[c] ?? 0) / pairs.length;
  // For a rotation by t, the fit is maximal at t = atan2(s, c), where it is hypot(c, s).
  const [plain, mirrored] = [false, true].map((mirror) => {
    let c = 0;
    let sn = 0;
    for (const [px, py, qx, qy] of pairs) {
      const x = px - (mean[0] ?? 0);
      const y = (mirror ? -1 : 1) * (py - (mean[1] ?? 0));
      const u = qx - (mean[2] ?? 0);
      const v = qy - (mean[3] ?? 0);
      c += x * u + y * v;
      sn += x * v - y * u;
    }
    return { mirror, angle: Math.atan2(sn, c), fit: Math.hypot(c, sn) };
  });
  const pick = (mirrored?.fit ?? 0) > (plain?.fit ?? 0) + 1e-12 ? mirrored : plain;
  return { angle: pick?.angle ?? 0, mirror: pick?.mirror ?? false };
}

/**
 * Rotates (and mirrors, when that fits better) `coords` about the origin to bring each anchored
 * topic as close to its anchor as a rigid turn can (`bestTurn`). Fewer than two anchors leave
 * `coords` as they are.
 */
function turnTowards(coords: Float64Array, anchors: readonly ({ x: number; y: number } | undefined)[]): void {
  const pairs: [number, number, number, number][] = [];
  anchors.forEach((a, i) => {
    if (a !== undefined && i < coords.length / 2)
      pairs.push([coords[2 * i] ?? 0, coords[2 * i + 1] ?? 0, a.x, a.y]);
  });
  if (pairs.length < 2) return;
  const pick = bestTurn(pairs);
  // Anchors are rounded to DECIMALS: a turn this small only moves bubbles by that rounding.
  if (!pick.mirror && Math.abs(pick.angle) < TURN_SMALLEST) return;
  const cos = Math.cos(pick.angle);
  const sin = Math.sin(pick.angle);
  for (let i = 0; i < coords.length / 2; i++) {
    const x = coords[2 * i] ?? 0;
    const y = (pick.mirror ? -1 : 1) * (coords[2 * i + 1] ?? 0);
    coords[2 * i] = x * cos - y * sin;
    coords[2 * i + 1] = x * sin + y * cos;
  }
}

/**
 * Area proportional to size (sizes below `minRadius`² of the largest are raised to it), scaled
 * so the bubbles fill a fixed share of the circle around the arrangement.
 */
function bubbleRadii(coords: Float64Array, sizes: readonly number[], minRadius: number): Float64Array {
  const k = sizes.length;
  const biggest = Math.max(1, ...sizes);
  const rel = new Float64Array(k);
  for (let i = 0; i < k; i++) rel[i] = Math.max(minRadius, Math.sqrt(Math.max(0, sizes[i] ?? 0) / biggest));
  let spread = 0;
  for (let i = 0; i < k; i++)
    spread = Math.max(spread, Math.hypot(coords[2 * i] ?? 0, coords[2 * i + 1] ?? 0));
  if (spread === 0) spread = 1;
  let area = 0;
  for (const r of rel) area += r * r;
  const scale = Math.sqrt((FILL * spread * spread) / area);
  return rel.map((r) => r * scale);
}

/**
 * Push overlapping bubbles apart, the smaller one further, pair by pair in a fixed order,
 * until no two are closer than the sum of their radii plus `gap`. Bubbles on the same point get
 * seeded directions. If rounds run out, the arrangement is spread from its centre until none
 * overlaps (it always ends: spreading never brings two distinct points closer).
 */
function separate(coords: Float64Array, radii: Float64Array, gap: number, seed: number): void {
  const k = radii.length;
  const rng = createRng(seed ^ 0x5eed);
  // A seeded nudge, a thousandth of the largest radius: pushes act along the line between two
  // centres, so bubbles that start on one line (two eigenvalues alike zero) would stay on it.
  const nudge = Math.max(...radii) * 1e-3;
  for (let i = 0; i < 2 * k; i++) coords[i] = (coords[i] ?? 0) + nudge * (rng() - 0.5);
  const pass = (): boolean => {
    let moved = false;
    for (let i = 0; i < k; i++) {
      for (let j = i + 1; j < k; j++) {
        let dx = (coords[2 * j] ?? 0) - (coords[2 * i] ?? 0);
        let dy = (coords[2 * j + 1] ?? 0) - (coords[2 * i + 1] ?? 0);
        const d = Math.hypot(dx, dy);
        const want = (radii[i] ?? 0) + (radii[j] ?? 0) + gap;
        if (d >= want) continue;
        if (d < 1e-9) {
          const angle = 2 * Math.PI * rng();
          dx = Math.cos(angle);
          dy = Math.sin(angle);
        } else {
          dx /= d;
          dy /= d;
        }
        // Slightly more than the overlap, so a pass that resolves a pair leaves it resolved.
        const push = (want - d) * 1.01;
        const ai = (radii[i] ?? 0) ** 2;
        const aj = (radii[j] ?? 0) ** 2;
        const shareI = aj / (ai + aj);
        coords[2 * i] = (coords[2 * i] ?? 0) - dx * push * shareI;
        coords[2 * i + 1] = (coords[2 * i + 1] ?? 0) - dy * push * shareI;
        coords[2 * j] = (coords[2 * j] ?? 0) + dx * push * (1 - shareI);
        coords[2 * j + 1] = (coords[2 * j + 1] ?? 0) + dy * push * (1 - shareI);
        moved = true;
      }
    }
    return moved;
  };
  for (let round = 0; round < SEPARATION_ROUNDS; round++) if (!pass()) return;
  while (overlapping(coords, radii, gap)) {
    let cx = 0;
    let cy = 0;
    for (let i = 0; i < k; i++) {
      cx += (coords[2 * i] ?? 0) / k;
      cy += (coords[2 * i + 1] ?? 0) / k;
    }
    for (let i = 0; i < k; i++) {
      coords[2 * i] = cx + ((coords[2 * i] ?? 0) - cx) * 1.05;
      coords[2 * i + 1] = cy + ((coords[2 * i + 1] ?? 0) - cy) * 1.05;
    }
  }
}

function overlapping(coords: Float64Array, radii: Float64Array, gap: number): boolean {
  for (let i = 0; i < radii.length; i++) {
    for (let j = i + 1; j < radii.length; j++) {
      const d = Math.hypot(
        (coords[2 * j] ?? 0) - (coords[2 * i] ?? 0),
        (coords[2 * j + 1] ?? 0) - (coords[2 * i + 1] ?? 0),
      );
      if (d < (radii[i] ?? 0) + (radii[j] ?? 0) + gap) return true;
    }
  }
  return false;
}

/** Centre the bubbles' bounding box on the origin and scale it into [-1, 1]². */
function fitUnitSquare(coords: Float64Array, radii: Float64Array): TopicPlacement[] {
  const k = radii.length;
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < k; i++) {
    const x = coords[2 * i] ?? 0;
    const y = coords[2 * i + 1] ?? 0;
    const r = radii[i] ?? 0;
    minX = Math.min(minX, x - r);
    maxX = Math.max(maxX, x + r);
    minY = Math.min(minY, y - r);
    maxY = Math.max(maxY, y + r);
  }
  const cx = (minX + maxX) / 2;
  const cy = (minY + maxY) / 2;
  const half = Math.max(maxX - minX, maxY - minY) / 2;
  // Rounded down in size so that rounding never pushes a bubble past the square's edge.
  const scale = (1 - 10 ** -DECIMALS) / half;
  const round = (v: number): number => Math.round(v * 10 ** DECIMALS) / 10 ** DECIMALS;
  return Array.from({ length: k }, (_, i) => ({
    x: round(((coords[2 * i] ?? 0) - cx) * scale),
    y: round(((coords[2 * i + 1] ?? 0) - cy) * scale),
    radius: Math.floor((radii[i] ?? 0) * scale * 10 ** DECIMALS) / 10 ** DECIMALS,
  }));
}

/** Placements of a built model's topics (indexed by topic index), from its centres and sizes. */
export function placeModelTopics(
  model: {
    readonly centroids: Float32Array;
    readonly topics: readonly { readonly index: number; readonly size: number }[];
    readonly params: { readonly seed: number };
  },
  previous: LayoutOptions['previous'] = [],
): TopicPlacement[] {
  const k = model.topics.length;
  const sizes = new Array<number>(k).fill(0);
  for (const t of model.topics) sizes[t.index] = t.size;
  // The centres' width, not the dimensions asked for: a small corpus may give fewer.
  const dims = k === 0 ? 0 : model.centroids.length / k;
  return layoutTopics(centreSimilarities(model.centroids, k, dims), sizes, {
    seed: model.params.seed,
    previous,
  });
}
