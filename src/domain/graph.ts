/** Rows the writer turns into nodes and relationships. Plain data; no driver types. */
import type { TopicPosition } from './views.js';

export interface PaperNodeRow {
  readonly id: string;
  readonly title: string;
  readonly titleKey: string;
  readonly abstract: string;
  readonly arxivId: string | null;
  readonly doi: string | null;
  readonly publishedAt: string | null;
  readonly upvotes: number | null;
  readonly authorCount: number;
  readonly url: string | null;
  readonly source: string;
  /** Every source format the paper was read from, first-seen order. */
  readonly sources: readonly string[];
  readonly categories: readonly string[];
  readonly authors: readonly { readonly id: string; readonly name: string }[];
  readonly organizations: readonly string[];
  readonly codeUrls: readonly string[];
}

export interface PaperAnalysisRow {
  readonly id: string;
  readonly topicId: string;
  readonly topicScore: number;
  /**
   * Reduced, L2-normalised vector for the vector index; null for a paper none of whose terms
   * the model knows (no direction: it is kept out of the index).
   */
  readonly embedding: readonly number[] | null;
  readonly keywords: readonly { readonly term: string; readonly weight: number }[];
}

export interface SimilarRow {
  readonly id: string;
  readonly neighbors: readonly {
    readonly id: string;
    readonly score: number;
    readonly sharedTerms: readonly string[];
  }[];
}

export interface TopicRow {
  readonly id: string;
  readonly index: number;
  readonly label: string;
  readonly terms: readonly string[];
  readonly size: number;
  readonly modelVersion: string;
  /** Its bubble on the topic map (stored as `x`, `y`, `radius`). */
  readonly position: TopicPosition;
}

export interface RelatedTopicRow {
  readonly from: string;
  readonly to: string;
  readonly score: number;
}

export interface TopicModelRow {
  readonly version: string;
  readonly k: number;
  readonly dimensions: number;
  /** JSON of the analysis parameters. */
  readonly params: string;
  /** JSON of quality figures (e.g. silhouette) and how k was chosen. */
  readonly quality: string;
  /** Serialised model state for projecting new papers. */
  readonly state: string;
  readonly paperCount: number;
}
