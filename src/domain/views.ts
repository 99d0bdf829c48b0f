/** What reads return: plain data parsed from Neo4j rows at the store boundary. */

export interface PaperView {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  /** `YYYY-MM-DD` or null. */
  readonly publishedAt: string | null;
  readonly upvotes: number | null;
  readonly authorCount: number;
  readonly url: string | null;
  readonly arxivId: string | null;
  readonly doi: string | null;
  readonly categories: readonly string[];
}

/**
 * A topic's bubble on the topic map, computed once when its model is built: centre and radius
 * in the map's units (every bubble inside [-1, 1]², none overlapping).
 */
export interface TopicPosition {
  readonly x: number;
  readonly y: number;
  readonly radius: number;
}

export interface TopicView {
  readonly id: string;
  readonly label: string;
  readonly terms: readonly string[];
  readonly size: number;
  readonly modelVersion: string;
  /** Null for a topic of a model built before the map existed. */
  readonly position: TopicPosition | null;
}

export interface AuthorView {
  readonly id: string;
  readonly name: string;
}

export interface KeywordView {
  readonly term: string;
  readonly weight: number;
}

export interface RelatedView {
  readonly paper: PaperView;
  readonly score: number;
  readonly sharedTerms: readonly string[];
}

export interface StatsView {
  readonly papers: number;
  readonly authors: number;
  readonly topics: number;
  readonly similarityEdges: number;
  readonly modelVersion: string | null;
}

export interface Page<T> {
  readonly items: readonly { readonly node: T; readonly cursor: string }[];
  readonly hasNextPage: boolean;
  readonly totalCount: number;
}

export interface TopicRefView {
  readonly id: string;
  readonly label: string;
}

/** How one topic moved from a model to the next (flattened: `from`/`to` may hold one or several). */
export interface TopicMoveView {
  readonly kind: 'kept' | 'split' | 'merged' | 'new' | 'dissolved';
  readonly from: readonly TopicRefView[];
  readonly to: readonly TopicRefView[];
  /** kept: share of the old topic's papers in the new one. */
  readonly overlap: number | null;
}

export interface TopicModelView {
  readonly version: string;
  readonly current: boolean;
  readonly createdAt: string | null;
  readonly activatedAt: string | null;
  readonly k: number;
  readonly paperCount: number;
  readonly reason: string | null;
  readonly previousVersion: string | null;
  readonly moves: readonly TopicMoveView[];
}

/** A local Neo4j this process started and keeps running, as /health reports it. */
export interface Neo4jProcessState {
  readonly state: 'running' | 'restarting' | 'stopped';
  /** Restarts that succeeded since this process started it. */
  readonly restarts: number;
  /** How the last unexpected exit happened (`SIGKILL`, `code 1`). */
  readonly lastExit?: string | undefined;
}
