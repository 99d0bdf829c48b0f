import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { analyze } from '../../../src/analysis/index.js';
import {
  centreSimilarities,
  layoutTopics,
  placeModelTopics,
  type TopicPlacement,
} from '../../../src/analysis/layout.js';
import { createRng, gaussian } from '../../../src/analysis/random.js';
import { GOLDEN, THEME_OF } from './corpus.js';

/** `k` random unit centres in `dims` dimensions, seeded, `k x dims` row-major. */
function randomCentres(seed: number, k: number, dims: number): Float32Array {
  const rng = createRng(seed);
  const out = new Float32Array(k * dims);
  for (let t = 0; t < k; t++) {
    let s = 0;
    for (let i = 0; i < dims; i++) {
      const v = gaussian(rng);
      out[t * dims + i] = v;
      s += v * v;
    }
    for (let i = 0; i < dims; i++) out[t * dims + i] = (out[t * dims + i] ?? 0) / Math.sqrt(s);
  }
  return out;
}

function layoutOf(seed: number, k: number, dims = 16): { placements: TopicPlacement[]; sizes: number[] } {
  const rng = createRng(seed + 1);
  const sizes = Array.from({ length: k }, () => 1 + Math.floor(rng() * 200));
  const placements = layoutTopics(centreSimilarities(randomCentres(seed, k, dims), k, dims), sizes, { seed });
  return { placements, sizes };
}

/** The smallest distance between two bubbles' edges (Infinity for fewer than two). */
function smallestGap(p: readonly TopicPlacement[]): number {
  let gap = Infinity;
  for (let i = 0; i < p.length; i++) {
    for (let j = i + 1; j < p.length; j++) {
      const a = p[i] as TopicPlacement;
      const b = p[j] as TopicPlacement;
      gap = Math.min(gap, Math.hypot(a.x - b.x, a.y - b.y) - a.radius - b.radius);
    }
  }
  return gap;
}

function expectInsideUnitSquare(p: readonly TopicPlacement[]): void {
  for (const t of p) {
    expect(Number.isFinite(t.x) && Number.isFinite(t.y) && t.radius > 0).toBe(true);
    expect(t.x - t.radius).toBeGreaterThanOrEqual(-1);
    expect(t.x + t.radius).toBeLessThanOrEqual(1);
    expect(t.y - t.radius).toBeGreaterThanOrEqual(-1);
    expect(t.y + t.radius).toBeLessThanOrEqual(1);
  }
}

describe('layoutTopics', () => {
  it.each([1, 2, 5, 50])('places %i topics inside the unit square without overlaps', (k) => {
    const { placements } = layoutOf(11, k);
    expect(placements).toHaveLength(k);
    expectInsideUnitSquare(placements);
    if (k > 1) expect(smallestGap(placements)).toBeGreaterThan(0);
    // Fills the square in at least one direction: the client scales by its viewport alone.
    const extent = Math.max(
      ...placements.map((t) => Math.max(Math.abs(t.x) + t.radius, Math.abs(t.y) + t.radius)),
    );
    expect(extent).toBeGreaterThan(0.99);
  });

  it('gives no placements for no topics, and one centred bubble for one', () => {
    expect(layoutTopics(new Float64Array(0), [])).toEqual([]);
    expect(layoutTopics(Float64Array.of(1), [12])).toEqual([{ x: 0, y: 0, radius: 1 }]);
  });

  it('is deterministic for a seed', () => {
    expect(layoutOf(5, 50).placements).toEqual(layoutOf(5, 50).placements);
    const sim = centreSimilarities(randomCentres(3, 8, 10), 8, 10);
    const sizes = [5, 9, 1, 40, 3, 3, 12, 7];
    expect(layoutTopics(sim, sizes, { seed: 1 })).toEqual(layoutTopics(sim, sizes, { seed: 1 }));
  });

  it('never overlaps, whatever the centres and sizes (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 30 }),
        fc.integer({ min: 0, max: 1000 }),
        fc.integer({ min: 2, max: 12 }),
        (k, seed, dims) => {
          const { placements } = layoutOf(seed, k, dims);
          expectInsideUnitSquare(placements);
          expect(smallestGap(placements)).toBeGreaterThan(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('separates topics whose centres coincide', () => {
    const k = 6;
    const sim = new Float64Array(k * k).fill(1);
    const placements = layoutTopics(sim, [10, 10, 10, 10, 10, 10]);
    expect(smallestGap(placements)).toBeGreaterThan(0);
    expectInsideUnitSquare(placements);
  });

  it('sizes bubbles by paper count: area proportional above the floor', () => {
    const sim = centreSimilarities(randomCentres(2, 4, 8), 4, 8);
    const [a, b, c, d] = layoutTopics(sim, [100, 25, 1, 100]) as TopicPlacement[];
    expect(a?.radius).toBeCloseTo(d?.radius ?? 0, 3);
    expect((b?.radius ?? 0) / (a?.radius ?? 1)).toBeCloseTo(0.5, 3);
    // 1 paper of 100 would be a dot; the floor keeps it at 0.22 of the largest.
    expect((c?.radius ?? 0) / (a?.radius ?? 1)).toBeCloseTo(0.22, 3);
  });

  it('puts similar topics nearer each other than dissimilar ones', () => {
    // Two pairs of near-identical centres, the pairs orthogonal.
    const sim = Float64Array.from([1, 0.95, 0, 0, 0.95, 1, 0, 0, 0, 0, 1, 0.9, 0, 0, 0.9, 1]);
    const p = layoutTopics(sim, [10, 10, 10, 10]);
    const dist = (i: number, j: number) =>
      Math.hypot((p[i]?.x ?? 0) - (p[j]?.x ?? 0), (p[i]?.y ?? 0) - (p[j]?.y ?? 0));
    expect(dist(0, 1)).toBeLessThan(dist(0, 2));
    expect(dist(0, 1)).toBeLessThan(dist(1, 3));
    expect(dist(2, 3)).toBeLessThan(dist(0, 3));
  });

  it.each([
    ['turned a quarter', (t: TopicPlacement) => ({ x: -t.y, y: t.x })],
    ['mirrored', (t: TopicPlacement) => ({ x: -t.x, y: t.y })],
  ])('keeps kept topics where the previous map had them (%s)', (_, move) => {
    const k = 12;
    const dims = 16;
    const sizes = Array.from({ length: k }, (_, i) => 10 + 17 * i);
    const sim = centreSimilarities(randomCentres(3, k, dims), k, dims);
    const first = layoutTopics(sim, sizes, { seed: 3 });
    const before = first.map(move);
    const off = (p: readonly TopicPlacement[], anchors: readonly ({ x: number; y: number } | undefined)[]) =>
      Math.max(...p.map((t, i) => (anchors[i] ? Math.hypot(t.x - anchors[i].x, t.y - anchors[i].y) : 0)));
    // Unanchored, the map comes out as first drawn: far from the moved one; anchored, as moved.
    expect(off(first, before)).toBeGreaterThan(0.3);
    expect(off(layoutTopics(sim, sizes, { seed: 3, previous: before }), before)).toBeLessThan(0.001);
    // Three topics that kept their ids are enough to turn the whole map.
    const three = before.map((b, i) => (i % 4 === 0 ? b : undefined));
    expect(off(layoutTopics(sim, sizes, { seed: 3, previous: three }), before)).toBeLessThan(0.001);
    // One is not: nothing to turn by.
    const one = before.map((b, i) => (i === 0 ? b : undefined));
    expect(layoutTopics(sim, sizes, { seed: 3, previous: one })).toEqual(first);
  });

  it('names the option or argument that is wrong', () => {
    expect(() => layoutTopics(new Float64Array(3), [1, 2])).toThrow(
      /similarity has 3 values, expected 2 x 2/,
    );
    expect(() => layoutTopics(Float64Array.of(1), [1], { gap: -1 })).toThrow(/gap/);
    expect(() => layoutTopics(Float64Array.of(1), [1], { minRadius: 0 })).toThrow(/minRadius/);
    expect(() => layoutTopics(Float64Array.of(1), [1], { seed: 1.5 })).toThrow(/seed/);
  });
});

describe('placeModelTopics', () => {
  it("places a built model's topics by index, apart and deterministically", async () => {
    const r = await analyze(GOLDEN, { k: 3, minDf: 1 });
    const placements = placeModelTopics(r.model);
    expect(placements).toHaveLength(3);
    expect(placeModelTopics(r.model)).toEqual(placements);
    expect(smallestGap(placements)).toBeGreaterThan(0);
    expectInsideUnitSquare(placements);
    // The golden corpus has three themes of equal size: three bubbles of about one size.
    const radii = placements.map((p) => p.radius);
    expect(Math.min(...radii) / Math.max(...radii)).toBeGreaterThan(0.7);
    expect(new Set(GOLDEN.map((d) => THEME_OF.get(d.id))).size).toBe(3);
  });
});
