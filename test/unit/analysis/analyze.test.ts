import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyze,
  deserializeModel,
  projectDocuments,
  serializeModel,
  sharedTermsBetween,
  startAnalysisHelpers,
} from '../../../src/analysis/index.js';
import { GOLDEN, syntheticCorpus, THEME_OF } from './corpus.js';

describe('analyze on the golden corpus', () => {
  it.each([2, 0])(
    'separates the three themes into three topics labelled with surface words (%i hops)',
    async (smoothingHops) => {
      const r = await analyze(GOLDEN, { k: 3, minDf: 1, smoothingHops });
      const topicOfTheme = new Map<string, number>();
      GOLDEN.forEach((d, i) => {
        const theme = THEME_OF.get(d.id) ?? '';
        const t = r.assignments[i] ?? -1;
        if (!topicOfTheme.has(theme)) topicOfTheme.set(theme, t);
        expect(t).toBe(topicOfTheme.get(theme));
      });
      expect(new Set(topicOfTheme.values()).size).toBe(3);
      // Words of the first three terms (a phrase such as "robot arm" counts with its words).
      const labelOf = (theme: string) =>
        (r.topics[topicOfTheme.get(theme) ?? -1]?.terms ?? []).slice(0, 3).flatMap((t) => t.split(' '));
      expect(labelOf('astro')).toContain('galaxies');
      expect(labelOf('protein')).toContain('protein');
      expect(labelOf('robots')).toContain('robot');
      for (const t of r.topics) {
        expect(t.size).toBe(4);
        const words = t.terms.flatMap((s) => s.split(' '));
        expect(new Set(words).size).toBe(words.length);
      }
    },
  );

  it('links every paper to papers of its own theme first, never to itself', async () => {
    const r = await analyze(GOLDEN, { k: 3, minDf: 1, neighbors: 3 });
    r.neighbors.forEach((list, i) => {
      expect(list).toHaveLength(3);
      for (const n of list) {
        expect(n.index).not.toBe(i);
        expect(THEME_OF.get(GOLDEN[n.index]?.id ?? '')).toBe(THEME_OF.get(GOLDEN[i]?.id ?? ''));
        expect(n.sharedTerms.length).toBeGreaterThan(0);
        expect(n.sharedTerms.length).toBeLessThanOrEqual(5);
      }
      for (let j = 1; j < list.length; j++)
        expect(list[j]?.score ?? 0).toBeLessThanOrEqual(list[j - 1]?.score ?? 0);
    });
    const words = r.neighbors[0]?.[0]?.sharedTerms.flatMap((s) => s.split(' '));
    expect(words).toEqual(expect.arrayContaining(['dark', 'matter', 'galaxies']));
  });

  it('gives keywords as surface words and unit vectors of one dimension', async () => {
    const r = await analyze(GOLDEN, { k: 3, minDf: 1, keywordsPerPaper: 4 });
    const words = r.keywords[4]?.flatMap((k) => k.term.split(' ')) ?? [];
    expect(words).toContain('folding');
    expect(words).toContain('molecular');
    const dims = r.vectors[0]?.length ?? 0;
    expect(dims).toBeGreaterThan(1);
    for (const v of r.vectors) {
      expect(v.length).toBe(dims);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
    expect(r.kChoice).toEqual({ k: 3, reason: 'k=3 was given' });
  });

  it('chooses k itself and says why', async () => {
    const r = await analyze(GOLDEN);
    expect(r.kChoice.k).toBe(r.topics.length);
    expect(r.kChoice.reason).toMatch(/knee/);
    expect(r.kChoice.k).toBe(3);
    expect(new Set(r.assignments).size).toBe(r.topics.length);
  });

  it('rejects bad options naming the option', async () => {
    await expect(analyze(GOLDEN, { k: 0 })).rejects.toThrow(/"k"/);
    await expect(analyze(GOLDEN, { maxDf: 2 })).rejects.toThrow(/"maxDf"/);
    await expect(analyze(GOLDEN, { smoothingHops: -1 })).rejects.toThrow(/"smoothingHops"/);
  });

  it('handles empty and single-document corpora', async () => {
    const none = await analyze([]);
    expect(none.topics.length).toBeLessThanOrEqual(1);
    const one = await analyze([GOLDEN[0] ?? { id: 'x', title: 'x', abstract: 'x' }]);
    expect(Array.from(one.assignments)).toEqual([0]);
    expect(one.neighbors).toEqual([[]]);
  });
});

describe('analyze properties', () => {
  const corpusArb = fc.array(fc.integer(), { minLength: 12, maxLength: 40 });

  it('is deterministic for the same input and seed', async () => {
    await fc.assert(
      fc.asyncProperty(corpusArb, fc.integer({ min: 0, max: 1000 }), async (seeds, seed) => {
        const { docs } = syntheticCorpus(seeds);
        const a = await analyze(docs, { seed, minDf: 1 });
        const b = await analyze(docs, { seed, minDf: 1 });
        expect(serializeModel(b.model)).toBe(serializeModel(a.model));
        expect(b.neighbors).toEqual(a.neighbors);
        expect(b.assignments).toEqual(a.assignments);
      }),
      { numRuns: 8 },
    );
  });

  it('neighbour scores are in [0, 1] and symmetric', async () => {
    await fc.assert(
      fc.asyncProperty(corpusArb, async (seeds) => {
        const { docs } = syntheticCorpus(seeds);
        const n = docs.length;
        const r = await analyze(docs, { minDf: 1, neighbors: n - 1 });
        const score = new Map<string, number>();
        r.neighbors.forEach((list, i) =>
          list.forEach((nb) => {
            expect(nb.score).toBeGreaterThanOrEqual(0);
            expect(nb.score).toBeLessThanOrEqual(1);
            score.set(`${i}:${nb.index}`, nb.score);
          }),
        );
        // With n - 1 neighbours every pair is listed both ways.
        for (const [key, s] of score) {
          const [i, j] = key.split(':');
          expect(score.get(`${j}:${i}`)).toBe(s);
        }
      }),
      { numRuns: 6 },
    );
  });

  it('projects training papers back into their own topic almost always', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer(), { minLength: 30, maxLength: 60 }), async (seeds) => {
        const { docs } = syntheticCorpus(seeds);
        const r = await analyze(docs, { k: 4, minDf: 1 });
        const p = projectDocuments(deserializeModel(serializeModel(r.model)), docs);
        let same = 0;
        p.assignments.forEach((t, i) => (same += t === r.assignments[i] ? 1 : 0));
        expect(same / docs.length).toBeGreaterThanOrEqual(0.9);
      }),
      { numRuns: 5 },
    );
  });
});

describe('saved model', () => {
  it('round-trips through JSON and projects new papers', async () => {
    const r = await analyze(GOLDEN, { k: 3, minDf: 1 });
    const model = deserializeModel(serializeModel(r.model));
    expect(model.terms).toEqual(r.model.terms);
    expect(Array.from(model.lsa.components)).toEqual(Array.from(r.model.lsa.components));
    const fresh = {
      id: 'new',
      title: 'Dark matter halos of galaxies',
      abstract: 'Galaxy rotation curves and halo mass.',
    };
    const p = projectDocuments(model, [fresh]);
    expect(p.assignments[0]).toBe(r.assignments[0]);
    expect(p.topicScores[0]).toBeGreaterThan(0.5);
    expect(p.keywords[0]?.length).toBeGreaterThan(0);
    const shared = sharedTermsBetween(model, fresh, GOLDEN[0] ?? fresh).flatMap((s) => s.split(' '));
    expect(shared).toEqual(expect.arrayContaining(['matter', 'galaxies']));
  });

  it('rejects text that is not a model with a coded error', () => {
    expect(() => deserializeModel('{"version":2}')).toThrow(expect.objectContaining({ code: 'BAD_MODEL' }));
    expect(() => deserializeModel('nope')).toThrow(expect.objectContaining({ code: 'BAD_MODEL' }));
  });
});

describe('helper threads', () => {
  it('give the same result as one thread', async () => {
    const { docs } = syntheticCorpus(Array.from({ length: 3200 }, (_, i) => i * 7919));
    const one = await analyze(docs, { k: 4, threads: 1, neighbors: 5 });
    const two = await analyze(docs, { k: 4, threads: 2, neighbors: 5 });
    expect(serializeModel(two.model)).toBe(serializeModel(one.model));
    expect(two.assignments).toEqual(one.assignments);
    expect(two.neighbors).toEqual(one.neighbors);
    // Helpers started before the corpus was known (as the CLI does while it reads): the same.
    const early = startAnalysisHelpers({ threads: 2 });
    expect(early.pool?.size).toBe(1);
    const three = await analyze(docs, { k: 4, threads: 2, neighbors: 5 }, early).finally(() => early.close());
    expect(serializeModel(three.model)).toBe(serializeModel(one.model));
    expect(three.neighbors).toEqual(one.neighbors);
  }, 90_000);
});
