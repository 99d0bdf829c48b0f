import { describe, expect, it } from 'vitest';
import { distinctKeywords, modelVersionFor, toNodeRow } from '../../../src/services/ingest.service.js';
import { balancedTopicGroups, keywordSet } from '../../../src/services/write-plan.js';

describe('ingest rows', () => {
  it('keeps one keyword per term, the heaviest', () => {
    expect(
      distinctKeywords([
        { term: 'model', weight: 0.5 },
        { term: 'graph', weight: 0.4 },
        { term: 'model', weight: 0.3 },
      ]),
    ).toEqual([
      { term: 'model', weight: 0.5 },
      { term: 'graph', weight: 0.4 },
    ]);
  });

  it('gives authors ids from their normalised names, once each, and counts at least the named ones', () => {
    const row = toNodeRow({
      id: 'p',
      title: 'T',
      abstract: 'A',
      authors: ['Jane Doe', 'jane  doe', 'Ola Nordmann'],
      authorCount: 0,
      organizations: [],
      categories: [],
      codeUrls: [],
      source: 'test',
    });
    expect(row.authors).toEqual([
      { id: 'jane-doe', name: 'Jane Doe' },
      { id: 'ola-nordmann', name: 'Ola Nordmann' },
    ]);
    expect(row.authorCount).toBe(2);
    expect(row.sources).toEqual(['test']);
  });

  it('derives the model version from the papers and options, not their order', () => {
    expect(modelVersionFor(['b', 'a'], { k: 5 })).toBe(modelVersionFor(['a', 'b'], { k: 5 }));
    expect(modelVersionFor(['a', 'b'], { k: 5 })).not.toBe(modelVersionFor(['a', 'b'], { k: 6 }));
  });
});

describe('balancedTopicGroups', () => {
  it('splits topics into two groups of about equal paper counts', () => {
    const sizes = [500, 120, 300, 80, 260, 40];
    const groups = balancedTopicGroups(sizes);
    const load = [0, 0];
    sizes.forEach((n, t) => (load[groups[t] ?? 0] = (load[groups[t] ?? 0] ?? 0) + n));
    expect(Math.abs((load[0] ?? 0) - (load[1] ?? 0))).toBeLessThanOrEqual(40);
    expect(new Set(groups)).toEqual(new Set([0, 1]));
  });

  it('splits into more groups the same way', () => {
    const sizes = [500, 120, 300, 80, 260, 40, 220, 210];
    const groups = balancedTopicGroups(sizes, 3);
    const load = [0, 0, 0];
    sizes.forEach((n, t) => (load[groups[t] ?? 0] = (load[groups[t] ?? 0] ?? 0) + n));
    expect(Math.max(...load) - Math.min(...load)).toBeLessThanOrEqual(80);
    expect(new Set(groups)).toEqual(new Set([0, 1, 2]));
  });

  it('handles one topic and no topics', () => {
    expect(balancedTopicGroups([7])).toEqual([0]);
    expect(balancedTopicGroups([])).toEqual([]);
  });
});

describe('keywordSet', () => {
  it('puts each keyword in one of two sets, the same every time, and uses both', () => {
    const terms = ['learning', 'graph', 'reinforcement learning', 'model', 'diffusion', 'neural', 'protein'];
    const sets = terms.map((t) => keywordSet(t));
    expect(terms.map((t) => keywordSet(t))).toEqual(sets);
    expect(new Set(sets)).toEqual(new Set([0, 1]));
  });

  it('puts each keyword in one of n sets', () => {
    const terms = Array.from({ length: 60 }, (_, i) => `term ${i}`);
    const sets = terms.map((t) => keywordSet(t, 3));
    expect(new Set(sets)).toEqual(new Set([0, 1, 2]));
    // Two sets: the parity of the same hash, as before.
    expect(terms.map((t) => keywordSet(t, 2))).toEqual(terms.map((t) => keywordSet(t)));
  });
});
