import { describe, expect, it } from 'vitest';
import { TermInterner } from '../../../src/analysis/interner.js';
import { surfaceOfTerm, TermProcessor, texCommandCounts } from '../../../src/analysis/tokenize.js';

describe('TermProcessor', () => {
  it('drops stop words, numbers and scientific boilerplate, and stems the rest', () => {
    const p = new TermProcessor({ bigrams: false });
    expect(p.terms('We propose a novel method for training 3 Models.')).toEqual(['train', 'model']);
  });

  it('folds accents and apostrophes before tokenizing', () => {
    const p = new TermProcessor({ bigrams: false });
    expect(p.terms("Naïve Bayes model's")).toEqual(['naiv', 'bay', 'model']);
  });

  it('counts words written as TeX commands (markup for labels, kept as terms)', () => {
    const texts = ['Modules over $\\mathfrak{g}$ and $\\mathbb{R}$, $M_\\odot$ \\mathbb', 'no markup here'];
    expect(texCommandCounts(texts)).toEqual(
      new Map([
        ['mathfrak', 1],
        ['mathbb', 2],
        ['odot', 1],
      ]),
    );
    expect(new TermProcessor({ bigrams: false }).terms(texts[0] ?? '')).toContain('mathfrak');
  });

  it('forms bigrams of adjacent kept words but never across punctuation or stop words', () => {
    const p = new TermProcessor({ bigrams: true });
    expect(p.terms('Language models, reasoning of agents')).toEqual([
      'languag',
      'model',
      'languag model',
      'reason',
      'agent',
    ]);
  });

  it('maps stems back to their most frequent surface word', () => {
    const p = new TermProcessor();
    p.terms('galaxies galaxies galaxy networks network networks');
    const s = p.surfaceForms();
    expect(s.get('galaxi')).toBe('galaxies');
    expect(s.get('network')).toBe('networks');
    expect(surfaceOfTerm('galaxi network', s)).toBe('galaxies networks');
  });

  it('gives the same terms and surface words when another processor tokenizes part of the texts', () => {
    const texts = [
      'Language models, reasoning of agents.',
      'Galaxies and galaxy clusters; dark matter halos.',
      "Naïve Bayes models' priors - a study of language models",
      '',
      'Reasoning agents plan; agents reason about language.',
      'Dark matter and galaxies: halo models of galaxy formation.',
    ];
    const alone = new TermProcessor();
    const aloneIds = new TermInterner();
    const expected = texts.map((t) => Array.from(alone.termIds(t, aloneIds), (id) => aloneIds.termOf(id)));

    const owner = new TermProcessor();
    const ids = new TermInterner();
    const got = texts.slice(0, 2).map((t) => Array.from(owner.termIds(t, ids)));
    // The other processor takes its ranges back to front, as a helper thread does.
    const queue: [number, number][] = [
      [4, 6],
      [2, 4],
    ];
    const run = new TermProcessor().tokenizeRun(texts, () => queue.shift());
    expect(run.from).toBe(2);
    for (const doc of owner.adopt(run, ids)) got.push(Array.from(doc));

    expect(got.map((doc) => doc.map((id) => ids.termOf(id)))).toEqual(expected);
    expect(ids.size).toBe(aloneIds.size);
    expect([...owner.surfaceForms()].sort()).toEqual([...alone.surfaceForms()].sort());
  });
});
