import type { GraphDb } from '../graph/db.js';
import { createPaperStore, type PaperStore } from '../graph/stores/paper.store.js';
import { createStatsStore, type StatsStore } from '../graph/stores/stats.store.js';
import { createTopicStore, type TopicStore } from '../graph/stores/topic.store.js';
import { createLoaders, type Loaders } from './loaders.js';

export interface ApiLimits {
  /** Largest `first` any list accepts. */
  readonly maxPage: number;
  /** Deepest selection set a query may have. */
  readonly maxDepth: number;
}

export interface Stores {
  readonly papers: PaperStore;
  readonly topics: TopicStore;
  readonly stats: StatsStore;
}

export interface ApiContext {
  readonly stores: Stores;
  readonly loaders: Loaders;
  readonly limits: ApiLimits;
}

export function createStores(db: GraphDb): Stores {
  return { papers: createPaperStore({ db }), topics: createTopicStore({ db }), stats: createStatsStore({ db }) };
}

/** Fresh loaders per request: batching and caching never cross requests. */
export function createContext(stores: Stores, limits: ApiLimits): ApiContext {
  return { stores, loaders: createLoaders({ papers: stores.papers, topics: stores.topics }), limits };
}
