/** Where a record came from: the file (or request) and the 1-based line or record index. */
export interface SourceRef {
  readonly file: string;
  readonly line: number;
}

/**
 * One paper as every parser produces it, before analysis. Text fields are trimmed and
 * whitespace-collapsed; `id` is the arXiv id when known, else a stable hash of the
 * normalised title (see `paperIdFor`).
 */
export interface PaperRecord {
  readonly id: string;
  readonly arxivId?: string;
  /**
   * The record's own identifier as the source wrote it (generic JSON lines / CSV: the mapped
   * `id` field), when it has one. Offline analysis output is keyed by it.
   */
  readonly sourceId?: string;
  readonly doi?: string;
  readonly title: string;
  readonly abstract: string;
  /** Author names in author order; empty when the source only gives a count. */
  readonly authors: readonly string[];
  /** Number of authors; equals `authors.length` when names are known. */
  readonly authorCount: number;
  /** Affiliations / organisations named by the source, deduplicated, in source order. */
  readonly organizations: readonly string[];
  /** Calendar date, `YYYY-MM-DD`. */
  readonly publishedAt?: string;
  readonly upvotes?: number;
  readonly url?: string;
  /** arXiv-style category codes, primary first. */
  readonly categories: readonly string[];
  /** Code repository URLs (github.com etc.) named by the record or found in its abstract. */
  readonly codeUrls: readonly string[];
  /** Short name of the source format, e.g. `hf-listing`, `arxiv-atom`. */
  readonly source: string;
  /**
   * Every source format this record was seen in (after `dedupePapers` merged duplicates),
   * in first-seen order; absent means just `[source]`.
   */
  readonly sources?: readonly string[];
  /**
   * Source-specific class labels kept for evaluation (NMI, neighbour agreement), e.g.
   * `{ primary_category: 'cs.CL' }` or `{ venue: 'cvpr' }`. Never used for clustering.
   */
  readonly labels?: Readonly<Record<string, string>>;
  readonly sourceRef?: SourceRef;
}

/** A record the parser could not turn into a PaperRecord, with why. */
export interface SkippedRecord {
  readonly ref: SourceRef;
  readonly reason: string;
  readonly message: string;
}

/**
 * Something the parser changed while keeping the record (e.g. an abstract truncated to the
 * configured maximum), so a pipeline can report it alongside the skipped records.
 */
export interface ParseWarning {
  readonly ref: SourceRef;
  readonly reason: string;
  readonly message: string;
}

export type ParseEvent =
  | { readonly kind: 'paper'; readonly paper: PaperRecord; readonly warnings?: readonly ParseWarning[] }
  | { readonly kind: 'skipped'; readonly skipped: SkippedRecord };
