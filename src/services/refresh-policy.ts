/**
 * When an ingest rebuilds the topic model instead of placing new papers in it. Pure: the
 * ingest service measures the signals, this decides and says why.
 *
 * A saved model sees new papers only through its vocabulary and its topic centres. It stops
 * fitting the graph when (a) the graph has grown well past the papers it was built from, (b)
 * the new papers' words are mostly outside its vocabulary (a new subject), or (c) they sit far
 * from every centre compared with the papers it was built from. A batch that is large next to
 * the graph is not placed paper by paper at all: it goes into a rebuild over everything.
 */

import type { AppConfig } from '../config/env.js';

export interface RefreshSettings {
  /** false: never rebuild by itself (an ingest into a graph without a model still builds one). */
  readonly enabled: boolean;
  /** Rebuild when papers added since the model was built reach this share of the papers it was built from. */
  readonly growth: number;
  /** A batch of at least this share of the graph's papers is built over, not placed paper by paper. */
  readonly batchShare: number;
  /**
   * Rebuild when the share of new papers' terms the vocabulary lacks exceeds the share among
   * the papers the model was built from by this much (absolute, 0..1).
   */
  readonly unknownTerms: number;
  /**
   * Rebuild when the new papers' mean cosine to their topic centre falls below this fraction
   * of the build papers' mean.
   */
  readonly fit: number;
  /** The vocabulary and fit signals are read only over at least this many papers (noise). */
  readonly minPapers: number;
}

/** The settings from the environment (PAPERGRAPH_REFRESH*, see .env.example). */
export function refreshSettingsOf(cfg: AppConfig): RefreshSettings {
  return {
    enabled: cfg.PAPERGRAPH_REFRESH,
    growth: cfg.PAPERGRAPH_REFRESH_GROWTH,
    batchShare: cfg.PAPERGRAPH_REFRESH_BATCH_SHARE,
    unknownTerms: cfg.PAPERGRAPH_REFRESH_UNKNOWN_TERMS,
    fit: cfg.PAPERGRAPH_REFRESH_FIT,
    minPapers: cfg.PAPERGRAPH_REFRESH_MIN_PAPERS,
  };
}

export const DEFAULT_REFRESH: RefreshSettings = {
  enabled: true,
  growth: 0.1,
  batchShare: 0.5,
  unknownTerms: 0.1,
  fit: 0.85,
  minPapers: 50,
};

/** What the model saw when it was built (a sample of its own papers, projected like new ones). */
export interface ModelBaseline {
  readonly paperCount: number;
  /** Share of terms the vocabulary lacks, over the build papers. */
  readonly unknownShare: number;
  /** Mean cosine of build papers to their nearest centre. */
  readonly meanFit: number;
}

/** Tallies over the papers placed in the model since it was built, this batch included. */
export interface PlacedTally {
  readonly papers: number;
  readonly terms: number;
  readonly unknownTerms: number;
  readonly fitSum: number;
}

export interface RefreshSignals {
  /** Papers in the graph before this batch. */
  readonly graphPapers: number;
  /** New papers in this batch. */
  readonly batch: number;
  readonly baseline: ModelBaseline;
  /** Since the model was built, this batch included (null: not projected, e.g. a large batch). */
  readonly placed: PlacedTally | null;
}

export type RefreshAction = 'build' | 'rebuild' | 'place' | 'unchanged';

export interface RefreshDecision {
  readonly action: RefreshAction;
  /** One line a reader understands: which signal decided, with its value and threshold. */
  readonly reason: string;
  /** The measured signals (shares in 0..1), for reports and the API. */
  readonly growth: number | null;
  readonly unknownTermShare: number | null;
  readonly fit: number | null;
}

/** 0.05 -> "5%", 0.0998 -> "9.98%", 2.5 -> "250%", 1128 -> "1128x" (never rounded up to a threshold). */
const pct = (x: number): string =>
  x >= 10 ? `${Math.round(x)}x` : x >= 1 ? `${Math.round(x * 100)}%` : `${Number((x * 100).toPrecision(3))}%`;

/** "25% of the 400 papers in the graph", "1128x the 34 papers in the graph", "more than the empty graph". */
function sizeNextTo(share: number, graphPapers: number): string {
  if (!Number.isFinite(share)) return 'all there is (the graph had no papers)';
  const graph = `the ${graphPapers} papers in the graph`;
  return share >= 10 ? `${Math.round(share)}x ${graph}` : `${pct(share)} of ${graph}`;
}

/** A decision taken without projecting anything (no signals measured). */
export function unmeasured(action: RefreshAction, reason: string): RefreshDecision {
  return { action, reason, growth: null, unknownTermShare: null, fit: null };
}

/** A batch large next to the graph goes straight into a rebuild (before anything is projected). */
export function decideBeforePlacing(
  s: Pick<RefreshSignals, 'graphPapers' | 'batch'>,
  settings: RefreshSettings,
): RefreshDecision | null {
  if (!settings.enabled) return null;
  const share = s.graphPapers === 0 ? Infinity : s.batch / s.graphPapers;
  if (share < settings.batchShare) return null;
  return unmeasured(
    'rebuild',
    `the batch (${s.batch} new papers) is ${sizeNextTo(share, s.graphPapers)} ` +
      `(batch threshold ${pct(settings.batchShare)}): rebuilt over all of them`,
  );
}

/** After projecting the batch: keep placing papers in the model, or rebuild it. */
export function decideAfterPlacing(s: RefreshSignals, settings: RefreshSettings): RefreshDecision {
  const placed = s.placed;
  const growth = placed === null ? null : placed.papers / Math.max(1, s.baseline.paperCount);
  const enough = placed !== null && placed.papers >= settings.minPapers;
  const unknownShare = placed === null || placed.terms === 0 ? null : placed.unknownTerms / placed.terms;
  const fit =
    placed === null || placed.papers === 0 || s.baseline.meanFit <= 0
      ? null
      : placed.fitSum / placed.papers / s.baseline.meanFit;
  const signals = { growth, unknownTermShare: unknownShare, fit };
  if (!settings.enabled)
    return { action: 'place', reason: 'refresh is off: new papers placed in the current model', ...signals };
  const since = `${placed?.papers ?? 0} papers placed since the model was built from ${s.baseline.paperCount}`;
  if (growth !== null && growth >= settings.growth)
    return {
      action: 'rebuild',
      reason: `${since} (${pct(growth)}, threshold ${pct(settings.growth)}): rebuilt over all papers`,
      ...signals,
    };
  if (enough && unknownShare !== null && unknownShare - s.baseline.unknownShare > settings.unknownTerms)
    return {
      action: 'rebuild',
      reason:
        `new papers' terms unknown to the model: ${pct(unknownShare)} against ${pct(s.baseline.unknownShare)} ` +
        `for the papers it was built from (threshold +${pct(settings.unknownTerms)}): rebuilt over all papers`,
      ...signals,
    };
  if (enough && fit !== null && fit < settings.fit)
    return {
      action: 'rebuild',
      reason:
        `new papers sit far from their topic centres: mean fit ${pct(fit)} of the build papers' ` +
        `(threshold ${pct(settings.fit)}): rebuilt over all papers`,
      ...signals,
    };
  return {
    action: 'place',
    reason:
      `the model still fits: ${since} (${pct(growth ?? 0)} < ${pct(settings.growth)})` +
      (unknownShare === null
        ? ''
        : `, unknown terms ${pct(unknownShare)} (build papers ${pct(s.baseline.unknownShare)}, ` +
          `rebuild at +${pct(settings.unknownTerms)})`) +
      (fit === null ? '' : `, fit ${pct(fit)} (rebuild under ${pct(settings.fit)})`) +
      (enough || (unknownShare === null && fit === null)
        ? ''
        : `; terms and fit are judged from ${settings.minPapers} placed papers on`),
    ...signals,
  };
}
