// What the Neo4j Browser guide is written from: read by graph/stores/guide.store.ts, rendered by
// web/browser-guide.ts.

export interface GuideRef {
  readonly id: string;
  readonly label: string;
}

/** What the Neo4j Browser guide is written from (see guide-reads.ts for how each is chosen). */
export interface GuideSample {
  readonly modelVersion: string;
  readonly k: number;
  readonly papers: number;
  readonly topic: GuideRef & { readonly terms: readonly string[]; readonly size: number };
  /** The topic's most similar other topic; null when the model has one topic. */
  readonly neighbour: GuideRef | null;
  /** The topic's most central paper with related papers; null when none has any. */
  readonly paper: { readonly id: string; readonly title: string } | null;
  /** The author with the most co-authors; null when the graph names no co-authors. */
  readonly author: { readonly id: string; readonly name: string } | null;
  /** Two topics of the current model with the most authors in both; null when none. */
  readonly bridge: { readonly from: GuideRef; readonly to: GuideRef; readonly authors: number } | null;
  /** The model this one replaced, when the graph still knows it. */
  readonly previousVersion: string | null;
}
