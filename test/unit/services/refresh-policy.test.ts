import { describe, expect, it } from 'vitest';
import {
  decideAfterPlacing,
  decideBeforePlacing,
  DEFAULT_REFRESH,
  type RefreshSignals,
} from '../../../src/services/refresh-policy.js';

const baseline = { paperCount: 1000, unknownShare: 0.05, meanFit: 0.6 };
const signals = (placed: Partial<NonNullable<RefreshSignals['placed']>>): RefreshSignals => ({
  graphPapers: 1000,
  batch: placed.papers ?? 0,
  baseline,
  placed: { papers: 0, terms: 0, unknownTerms: 0, fitSum: 0, ...placed },
});

describe('refresh policy', () => {
  it('sends a batch large next to the graph into a rebuild before placing it', () => {
    expect(decideBeforePlacing({ graphPapers: 34, batch: 8257 }, DEFAULT_REFRESH)?.action).toBe('rebuild');
    expect(decideBeforePlacing({ graphPapers: 0, batch: 1 }, DEFAULT_REFRESH)?.action).toBe('rebuild');
    expect(decideBeforePlacing({ graphPapers: 38000, batch: 1000 }, DEFAULT_REFRESH)).toBeNull();
    expect(
      decideBeforePlacing({ graphPapers: 34, batch: 8257 }, { ...DEFAULT_REFRESH, enabled: false }),
    ).toBeNull();
  });

  it('places papers while the model fits, and says why', () => {
    const d = decideAfterPlacing(
      signals({ papers: 50, terms: 5000, unknownTerms: 300, fitSum: 30 }),
      DEFAULT_REFRESH,
    );
    expect(d.action).toBe('place');
    expect(d.growth).toBeCloseTo(0.05);
    expect(d.unknownTermShare).toBeCloseTo(0.06);
    expect(d.fit).toBeCloseTo(1);
    expect(d.reason).toMatch(/still fits/);
    expect(d.reason).not.toMatch(/judged from/);
  });

  it('rebuilds once the papers placed since the build reach the growth share', () => {
    const d = decideAfterPlacing(signals({ papers: 100, terms: 1, fitSum: 60 }), DEFAULT_REFRESH);
    expect(d.action).toBe('rebuild');
    expect(d.reason).toMatch(/100 papers placed since the model was built from 1000 \(10%, threshold 10%\)/);
  });

  it('rebuilds when new papers speak words the model lacks, or sit far from every centre', () => {
    const words = decideAfterPlacing(signals({ papers: 60, terms: 6000, unknownTerms: 1500, fitSum: 36 }), {
      ...DEFAULT_REFRESH,
      growth: 1,
    });
    expect(words.action).toBe('rebuild');
    expect(words.reason).toMatch(/unknown to the model: 25% against 5%/);
    const far = decideAfterPlacing(signals({ papers: 60, terms: 6000, unknownTerms: 300, fitSum: 18 }), {
      ...DEFAULT_REFRESH,
      growth: 1,
    });
    expect(far.action).toBe('rebuild');
    expect(far.reason).toMatch(/mean fit 50%/);
  });

  it('reads the vocabulary and fit signals only over enough papers', () => {
    const few = decideAfterPlacing(
      signals({ papers: 5, terms: 500, unknownTerms: 400, fitSum: 0.5 }),
      DEFAULT_REFRESH,
    );
    expect(few.action).toBe('place');
    // The reason names what the signals are compared with, and why they did not count yet.
    expect(few.reason).toMatch(/unknown terms 80% \(build papers 5%, rebuild at \+10%\)/);
    expect(few.reason).toMatch(/fit 16.7% \(rebuild under 85%\)/);
    expect(few.reason).toMatch(/terms and fit are judged from 50 placed papers on/);
  });

  it('never rebuilds by itself when refresh is off', () => {
    const d = decideAfterPlacing(signals({ papers: 900, terms: 10, unknownTerms: 10, fitSum: 0 }), {
      ...DEFAULT_REFRESH,
      enabled: false,
    });
    expect(d.action).toBe('place');
    expect(d.reason).toMatch(/refresh is off/);
  });
});
