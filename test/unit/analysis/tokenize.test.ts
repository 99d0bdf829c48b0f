import { describe, expect, it } from 'vitest';
import { surfaceOfTerm, TermProcessor } from '../../../src/analysis/tokenize.js';

describe('TermProcessor', () => {
  it('drops stop words, numbers and scientific boilerplate, and stems the rest', () => {
    const p = new TermProcessor({ bigrams: false });
    expect(p.terms('We propose a novel method for training 3 Models.')).toEqual(['train', 'model']);
  });

  it('folds accents and apostrophes before tokenizing', () => {
    const p = new TermProcessor({ bigrams: false });
    expect(p.terms("Naïve Bayes model's")).toEqual(['naiv', 'bay', 'model']);
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
});
