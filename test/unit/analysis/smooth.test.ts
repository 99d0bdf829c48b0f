import { describe, expect, it } from 'vitest';
import { sphericalKmeans } from '../../../src/analysis/cluster.js';
import { candidateNeighbors } from '../../../src/analysis/similarity.js';
import { Helpers } from '../../../src/analysis/parallel.js';
import { clusterInContext, neighbourGraph, propagate } from '../../../src/analysis/smooth.js';
import { propagateAll } from '../../../src/analysis/steps.js';
import type { TopK } from '../../../src/analysis/similarity.js';

function topK(lists: number[][], scores: number[][], k: number): TopK {
  const n = lists.length;
  const index = new Int32Array(n * k).fill(-1);
  const score = new Float32Array(n * k);
  lists.forEach((l, r) =>
    l.forEach((c, j) => {
      index[r * k + j] = c;
      score[r * k + j] = scores[r]?.[j] ?? 0;
    }),
  );
  return { k, index, score };
}

function unit(rows: number[][]): Float32Array {
  return Float32Array.from(
    rows.flatMap((r) => {
      const s = Math.hypot(...r);
      return r.map((x) => x / s);
    }),
  );
}

describe('neighbour graph', () => {
  it('is symmetric, merges a pair listed both ways, and each row sums to 1', () => {
    // 0 <-> 1 listed both ways, 2 -> 0 one way, 3 has a zero-score entry (dropped).
    const g = neighbourGraph(topK([[1], [0], [0], [2]], [[0.8], [0.8], [0.5], [0]], 1), 4);
    const row = (r: number): [number, number][] => {
      const out: [number, number][] = [];
      for (let p = g.indptr[r] ?? 0; p < (g.indptr[r + 1] ?? 0); p++)
        out.push([g.to[p] ?? 0, g.weight[p] ?? 0]);
      return out;
    };
    expect(row(0).map(([t]) => t)).toEqual([1, 2]);
    expect(row(1).map(([t]) => t)).toEqual([0]);
    expect(row(2).map(([t]) => t)).toEqual([0]);
    expect(row(3)).toEqual([]);
    // Row 0: edge to 1 carries 0.8 + 0.8, to 2 carries 0.5.
    expect(row(0)[0]?.[1]).toBeCloseTo(1.6 / 2.1, 6);
    for (const r of [0, 1, 2]) expect(row(r).reduce((s, [, w]) => s + w, 0)).toBeCloseTo(1, 6);
  });
});

describe('propagation', () => {
  it('keeps unit vectors and pulls a paper toward its neighbourhood', () => {
    const v = unit([
      [1, 0, 0],
      [0.6, 0.8, 0],
      [0.6, 0.8, 0],
    ]);
    const g = neighbourGraph(topK([[1, 2], [2], [1]], [[1, 1], [1], [1]], 2), 3);
    const once = propagate(v, 3, g, 0.5, 1);
    expect(Math.hypot(once[0] ?? 0, once[1] ?? 0, once[2] ?? 0)).toBeCloseTo(1, 6);
    // Paper 0 moved toward papers 1 and 2.
    expect(once[1] ?? 0).toBeGreaterThan(0.2);
    // One step with teleport 0.5: half the paper's own vector, half its neighbours' mean.
    const raw = [0.5 + 0.5 * 0.6, 0.5 * 0.8, 0];
    const norm = Math.hypot(...raw);
    raw.forEach((x, i) => expect(once[i] ?? 0).toBeCloseTo(x / norm, 6));
    // Many steps: still unit rows, still nearer the neighbourhood than one step.
    const many = propagate(v, 3, g, 0.1, 10);
    for (let r = 0; r < 3; r++) expect(Math.hypot(...many.subarray(r * 3, r * 3 + 3))).toBeCloseTo(1, 6);
    expect(many[1] ?? 0).toBeGreaterThan(once[1] ?? 0);
    expect(propagate(v, 3, g, 0.5, 0)).toEqual(v);
    expect(propagate(v, 3, g, 0.5, 0)).not.toBe(v);
    expect(v[1]).toBe(0); // input untouched
  });

  it('puts a paper whose own words are ambiguous in the topic of its neighbours', () => {
    // Two groups along x and y; paper 6 sits in between, slightly nearer the y group, but
    // its neighbours (chosen by a richer score) are all in the x group.
    const v = unit([
      [1, 0.05],
      [1, 0.1],
      [1, 0],
      [0.05, 1],
      [0.1, 1],
      [0, 1],
      [0.69, 0.72],
    ]);
    const exact = candidateNeighbors(v, 2, 3);
    const lists = Array.from({ length: 7 }, (_, r) =>
      r === 6 ? [0, 1, 2] : Array.from(exact.index.subarray(r * 3, r * 3 + 3)),
    );
    const g = neighbourGraph(
      topK(
        lists,
        lists.map(() => [0.9, 0.9, 0.9]),
        3,
      ),
      7,
    );
    const start = sphericalKmeans(v, 2, 2, { seed: 1 });
    expect(start.assignments[6]).toBe(start.assignments[3]);
    const c = clusterInContext(v, 2, start, g);
    expect(c.assignments[6]).toBe(c.assignments[0]);
    expect(c.assignments[0]).not.toBe(c.assignments[3]);
    // Centres are unit means of the members' own vectors; similarity is the raw cosine.
    for (let t = 0; t < 2; t++)
      expect(Math.hypot(c.centroids[2 * t] ?? 0, c.centroids[2 * t + 1] ?? 0)).toBeCloseTo(1, 6);
    const a = c.assignments[6] ?? 0;
    expect(c.similarity[6]).toBeCloseTo(
      (v[12] ?? 0) * (c.centroids[2 * a] ?? 0) + (v[13] ?? 0) * (c.centroids[2 * a + 1] ?? 0),
      6,
    );
  });

  it('gives the same vectors with a helper thread as on one thread', async () => {
    const n = 500;
    const dims = 8;
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const v = unit(Array.from({ length: n }, () => Array.from({ length: dims }, rnd)));
    const g = neighbourGraph(candidateNeighbors(v, dims, 5), n);
    const one = propagate(v, dims, g, 0.1, 10);
    const helpers = Helpers.start(1);
    try {
      const two = await propagateAll(v, dims, g, 0.1, 10, helpers);
      expect(Array.from(two)).toEqual(Array.from(one));
    } finally {
      await helpers.close();
    }
  });
});
