import { describe, expect, it } from 'vitest';
import { kCandidates, knee } from '../../../src/analysis/kchoice.js';

describe('choosing k', () => {
  it('finds the knee of a saturating curve', () => {
    const ks = [2, 3, 4, 5, 6, 7, 8, 9, 10];
    // Gains stop after k = 4.
    const ys = [0.2, 0.5, 0.8, 0.82, 0.84, 0.86, 0.88, 0.9, 0.92];
    expect(ks[knee(ks, ys)]).toBe(4);
  });

  it('offers 2 .. n / 4 topics, at most 50, at least up to 4 on tiny corpora', () => {
    expect(kCandidates(12)).toEqual([2, 3, 4]);
    expect(kCandidates(34)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    const big = kCandidates(30711);
    expect(big[0]).toBe(2);
    expect(Math.max(...big)).toBeLessThanOrEqual(50);
  });
});
