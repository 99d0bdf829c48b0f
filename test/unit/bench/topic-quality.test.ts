import { describe, expect, it } from 'vitest';
import {
  distinctByStem,
  labelLift,
  meanNpmi,
  npmiOf,
  Occurrence,
  topicDiversity,
  topicQuality,
} from '../../../bench/text/topic-quality.js';

const TEXTS = [
  'Gaussian processes for Bayesian optimization.',
  'A Gaussian process prior; Bayesian optimization of models.',
  'Bayesian inference. Process mining of logs.',
  'Galaxies and dark matter.',
];

describe('topic quality measures', () => {
  const occ = new Occurrence(TEXTS);

  it('finds a two-word term only where its stems are adjacent within a clause', () => {
    expect(Array.from(occ.docs('gaussian process'))).toEqual([0, 1]);
    expect(Array.from(occ.docs('bayesian optimization'))).toEqual([0, 1]);
    // "inference. Process": a clause break between them.
    expect(Array.from(occ.docs('inference process'))).toEqual([]);
    expect(Array.from(occ.docs('processes'))).toEqual([0, 1, 2]);
    expect(Array.from(occ.docs('unknown'))).toEqual([]);
  });

  it("is Bouma's NPMI from document counts, -1 for terms never together", () => {
    expect(npmiOf(2, 2, 2, 4)).toBeCloseTo(1, 12);
    expect(npmiOf(2, 2, 0, 4)).toBe(-1);
    // p(a) = p(b) = 1/2, p(ab) = 1/4: independent.
    expect(npmiOf(2, 2, 1, 4)).toBeCloseTo(0, 12);
    expect(npmiOf(3, 2, 1, 4)).toBeCloseTo(Math.log(1 / 4 / ((3 / 4) * (2 / 4))) / -Math.log(1 / 4), 12);
    expect(meanNpmi(['gaussian process', 'bayesian optimization', 'galaxies'], occ)).toBeCloseTo(
      (1 - 1 - 1) / 3,
      12,
    );
  });

  it('skips a term sharing a stem with a better one before measuring', () => {
    expect(distinctByStem(['model', 'models', 'language model', 'data', 'Data sets', 'x'], 3)).toEqual([
      'model',
      'data',
      'x',
    ]);
  });

  it('counts distinct stem keys for TD and the label lift against the other papers', () => {
    expect(
      topicDiversity(
        [
          ['gaussian process', 'galaxies'],
          ['Gaussian processes', 'matter'],
        ],
        occ,
      ),
    ).toBe(3 / 4);
    // Topic 0 = papers 0, 1: both contain "gaussian"; of papers 2, 3 none -> counted as one.
    const a = Int32Array.from([0, 0, 1, 1]);
    expect(labelLift(['gaussian'], 0, a, occ)).toEqual({ lift: 1 / (1 / 2), coverage: 1, size: 2 });
    expect(labelLift(['bayesian'], 0, a, occ)).toEqual({ lift: 1 / (1 / 2), coverage: 1, size: 2 });
    expect(labelLift(['process'], 1, a, occ).lift).toBeCloseTo(0.5 / 1, 12);
    const q = topicQuality(
      occ,
      [
        ['gaussian', 'bayesian'],
        ['galaxies', 'matter'],
      ],
      a,
      10,
      1,
    );
    expect(q.td).toBe(1);
    expect(q.perTopic[1]?.lift).toBe(0.5 / (1 / 2));
    expect(q.liftMin).toBe(1);
    expect(q.npmi).toBeCloseTo((npmiOf(2, 3, 2, 4) + 1) / 2, 12);
  });
});
