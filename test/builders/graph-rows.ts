import type { PaperNodeRow } from '../../src/domain/graph.js';

/** A paper row with sensible defaults; override what the test is about. */
export function aPaperNodeRow(over: Partial<PaperNodeRow> = {}): PaperNodeRow {
  return {
    id: 'p1',
    title: 'A Paper',
    titleKey: 'a paper',
    abstract: 'An abstract.',
    arxivId: null,
    doi: null,
    publishedAt: '2025-01-02',
    upvotes: null,
    authorCount: 0,
    url: null,
    source: 'test',
    sources: ['test'],
    categories: [],
    authors: [],
    organizations: [],
    codeUrls: [],
    ...over,
  };
}
