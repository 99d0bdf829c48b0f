import { describe, expect, it } from 'vitest';
import { TermInterner } from '../../../src/analysis/interner.js';
import { labelFromTerms, specificity, topicTerms } from '../../../src/analysis/label.js';
import { fitTfidf } from '../../../src/analysis/tfidf.js';
import { surfaceOfTerm, TermProcessor } from '../../../src/analysis/tokenize.js';

/** Three themes of six papers; "bayesian" is in 10 of the 18 (above maxDf 0.5). */
const TEXTS = [
  'Bayesian optimization of hyperparameters with a gaussian process surrogate.',
  'Batch bayesian optimization: gaussian process bandits and acquisition functions.',
  'Bayesian optimization under noise; a gaussian process prior and expected improvement.',
  'High-dimensional bayesian optimization with additive gaussian process kernels.',
  'Multi-fidelity bayesian optimization, gaussian process regression and acquisition.',
  'Safe bayesian optimization: gaussian process confidence bounds for acquisition.',
  'Reinforcement learning agents learn a policy from sparse reward in games.',
  'Offline reinforcement learning: policy constraints and reward models; a bayesian view.',
  'Reinforcement learning for robots, policy gradients and reward shaping.',
  'Model-based reinforcement learning: a bayesian world model, policy and reward.',
  'Exploration in reinforcement learning via intrinsic reward; policy entropy.',
  'Hierarchical reinforcement learning policy with options and reward.',
  'Stellar mass of galaxies and dark matter halos in a bayesian analysis.',
  'Dark matter halos host galaxies; stellar mass functions notably at high redshift.',
  'Galaxies, stellar mass and dark matter halo abundance matching, notably.',
  'Dark matter subhalos and satellite galaxies; stellar mass, notably.',
  'Stellar mass assembly of galaxies in dark matter halos: a bayesian model.',
  'Galaxies and their dark matter halos: stellar mass relation, notably.',
];
const THEMES = Int32Array.from(TEXTS, (_, i) => Math.floor(i / 6));

function label(texts: readonly string[], assignments: Int32Array, k: number, bigrams = true) {
  const proc = new TermProcessor({ bigrams });
  const interner = new TermInterner();
  const ids = texts.map((t) => proc.termIds(t, interner));
  const fit = fitTfidf(ids, interner, { minDf: 2, maxDf: 0.5 });
  const stems = proc.surfaceForms();
  return topicTerms(
    {
      counts: fit.counts,
      columns: fit.columns,
      frequent: fit.frequent,
      interner,
      surfaceOf: (id) => surfaceOfTerm(interner.termOf(id), stems),
      surfacesIn: (requests) =>
        proc.surfacesIn(
          texts,
          requests.map((q) => ({ key: interner.termOf(q.id), docs: q.docs })),
        ),
    },
    assignments,
    k,
  );
}

describe('topicTerms', () => {
  const terms = label(TEXTS, THEMES, 3).map((t) => t.map((x) => x.term));

  it('names topics with their phrases, also with a word the vectors leave out', () => {
    expect(terms[0]?.slice(0, 3)).toEqual(
      expect.arrayContaining(['bayesian optimization', 'gaussian process']),
    );
    expect(terms[1]?.[0]).toBe('reinforcement learning');
    expect(terms[2]?.slice(0, 3)).toEqual(expect.arrayContaining(['dark matter', 'stellar mass']));
  });

  it('can name a topic by a word in most papers, which the vectors leave out', () => {
    const words = label(TEXTS, THEMES, 3, false).map((t) => t.map((x) => x.term));
    expect(words[0]).toContain('bayesian');
  });

  it('gives each term to one topic only and never repeats a stem within a topic', () => {
    const all = terms.flat();
    expect(new Set(all).size).toBe(all.length);
    for (const t of terms) {
      const words = t.flatMap((s) => s.split(' '));
      expect(new Set(words).size).toBe(words.length);
    }
  });

  it('never names a topic by an adverb alone, even one only its papers use', () => {
    expect(terms[2]).not.toContain('notably');
  });

  it('never names a topic by its claims: "simple yet", "strong baselines", "extensive experiments"', () => {
    const claims = [
      'A simple yet effective method consistently outperforms strong baselines; extensive experiments.',
      'Simple yet effective: it consistently outperforms strong baselines in extensive experiments.',
      'We propose a simple yet effective approach; extensive experiments show it outperforms strong baselines.',
    ];
    const texts = [...TEXTS.slice(12), ...TEXTS.slice(0, 6).map((t, i) => `${t} ${claims[i % 3]}`)];
    const out = label(
      texts,
      Int32Array.from(texts, (_, i) => (i < 6 ? 0 : 1)),
      2,
    ).map((t) => t.map((x) => x.term));
    const words = out[1]?.flatMap((t) => t.split(' ')) ?? [];
    for (const claim of ['simple', 'yet', 'consistently', 'outperforms', 'strong', 'baselines', 'extensive'])
      expect(words).not.toContain(claim);
    expect(out[1]?.slice(0, 3)).toEqual(
      expect.arrayContaining(['bayesian optimization', 'gaussian process']),
    );
  });

  it("shows a two-word term as the phrase its papers mostly write, not one paper's name for it", () => {
    const texts = [
      'Supervised fine tuning of language models with curated instructions.',
      'Supervised fine tuning collapses diversity; instruction data matters.',
      'Scaling supervised fine tuning: instruction mixtures and curricula.',
      'Supervised fine tuning versus preference training of language models.',
      'Data for supervised fine tuning: instruction filtering at scale.',
      'Instruction data quality for supervised fine tuning.',
      // One paper names its own halos over and over; the others just say "dark matter".
      `Modular dark matter halos. ${'Modular dark matter; '.repeat(10)}galaxies.`,
      'Dark matter halos host galaxies with stellar mass.',
      'Galaxies, stellar mass and dark matter halo abundance.',
      'Dark matter subhalos and satellite galaxies; stellar mass.',
      'Stellar mass assembly of galaxies in dark matter halos.',
      'Galaxies and their dark matter halos: stellar mass relation.',
    ];
    const out = label(
      texts,
      Int32Array.from(texts, (_, i) => (i < 6 ? 0 : 1)),
      2,
    ).map((t) => t.map((x) => x.term));
    expect(out[0]).toContain('supervised fine tuning');
    expect(out[1]).toContain('dark matter');
    expect(out[1]?.some((t) => t.includes('modular'))).toBe(false);
  });

  it('shows a phrase as its papers write it', () => {
    const texts = [
      'Sample complexity of learning; many samples, more samples and samples.',
      'The sample complexity bound; samples drawn and samples reused.',
      'Lower bounds on sample complexity from samples.',
      'Galaxies form stars in dark halos.',
      'Star formation in galaxies and halos.',
      'Halos of galaxies and their stars.',
    ];
    const out = label(texts, Int32Array.from([0, 0, 0, 1, 1, 1]), 2);
    expect(out[0]?.map((t) => t.term)).toContain('sample complexity');
  });

  it('names a topic of three papers by what two of them share', () => {
    const texts = [
      ...TEXTS,
      'Technical report of a speech recognition system.',
      'Speech recognition for lectures; a technical report.',
      'A renderable world model of user interfaces.',
    ];
    const out = label(texts, Int32Array.from([...THEMES, 3, 3, 3]), 4);
    expect(out[3]?.map((t) => t.term)).toEqual(expect.arrayContaining(['speech recognition']));
  });

  it('labels an empty topic "miscellaneous" and joins the first three terms otherwise', () => {
    const out = label(TEXTS, THEMES, 4);
    expect(out[3]).toEqual([]);
    expect(labelFromTerms(out[3] ?? [])).toBe('miscellaneous');
    expect(
      labelFromTerms([
        { term: 'a', weight: 1 },
        { term: 'b', weight: 1 },
        { term: 'c', weight: 1 },
        { term: 'd', weight: 1 },
      ]),
    ).toBe('a, b, c');
  });
});

describe('specificity', () => {
  it('is p(t|c) x ln(lift) with half a paper of smoothing, and 0 when not typical', () => {
    // In 5 of 10 topic papers, 1 of 90 others: lift (5.5 / 11) / (1.5 / 91).
    expect(specificity(5, 1, 10, 90)).toBeCloseTo(0.5 * Math.log(5.5 / 11 / (1.5 / 91)), 12);
    expect(specificity(1, 50, 10, 90)).toBe(0);
    expect(specificity(0, 0, 0, 10)).toBe(0);
  });
});
