import DataLoader from 'dataloader';
import type { AuthorView, KeywordView, PaperView, RelatedView, TopicView } from '../domain/views.js';
import type { PaperStore } from '../graph/stores/paper.store.js';
import type { TopicStore } from '../graph/stores/topic.store.js';

/** One loader per relation (and per argument set): each field resolver batches into one query. */
function batched<V>(load: (ids: readonly string[]) => Promise<Map<string, V>>, missing: V): DataLoader<string, V> {
  return new DataLoader<string, V>(async (ids) => {
    const found = await load(ids);
    return ids.map((id) => found.get(id) ?? missing);
  });
}

function perArgs<A, V>(make: (args: A) => DataLoader<string, V>): (args: A) => DataLoader<string, V> {
  const cache = new Map<string, DataLoader<string, V>>();
  return (args) => {
    const key = JSON.stringify(args);
    let loader = cache.get(key);
    if (!loader) {
      loader = make(args);
      cache.set(key, loader);
    }
    return loader;
  };
}

export function createLoaders({ papers, topics }: { papers: PaperStore; topics: TopicStore }) {
  return {
    paper: batched<PaperView | null>((ids) => papers.byIds(ids), null),
    topic: batched<TopicView | null>((ids) => topics.byIds(ids), null),
    topicIdOfPaper: batched<string | null>((ids) => papers.topicIds(ids), null),
    organizationOfPaper: batched<string | null>((ids) => papers.organization(ids), null),
    codeOfPaper: batched<string[]>((ids) => papers.codeRepositories(ids), []),
    authorsOfPaper: batched<AuthorView[]>((ids) => papers.authors(ids), []),
    keywordsOfPaper: perArgs((a: { first: number }) =>
      batched<KeywordView[]>((ids) => papers.keywords(ids, a.first), []),
    ),
    relatedOfPaper: perArgs((a: { first: number; minScore: number }) =>
      batched<RelatedView[]>((ids) => papers.related(ids, a.first, a.minScore), []),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
