import type { AppConfig } from '../config/env.js';
import type { GraphDb } from '../graph/db.js';
import { createAuthorStore, type AuthorStore } from '../graph/stores/author.store.js';
import { createOrganizationStore, type OrganizationStore } from '../graph/stores/organization.store.js';
import { createPaperStore, type PaperStore } from '../graph/stores/paper.store.js';
import { createRecommendStore, type RecommendStore } from '../graph/stores/recommend.store.js';
import { createSearchStore, type SearchStore } from '../graph/stores/search.store.js';
import { createStatsStore, type StatsStore } from '../graph/stores/stats.store.js';
import { createModelStore, type ModelStore } from '../graph/stores/model.store.js';
import { createTopicStore, type TopicStore } from '../graph/stores/topic.store.js';
import type { IngestService } from '../services/ingest.service.js';
import type { PaperInclude, PapersPageQuery, RecommendInput } from '../graph/cypher/reads.js';
import type { PaperBundle, PaperPage } from '../graph/stores/paper.store.js';
import type { RecommendOutcome, RecommendShape } from '../graph/stores/recommend.store.js';
import type { SearchPage, SearchPageShape } from '../graph/stores/search.store.js';
import { createCoalescer, type Coalescer } from './coalesce.js';
import { createLoaders, type Loaders } from './loaders.js';
import { createModelCache, type ModelCache } from './recommend/model-cache.js';

export interface ApiLimits {
  /** Largest `first` any list accepts. */
  readonly maxPage: number;
  /** Deepest selection set a query may have. */
  readonly maxDepth: number;
  /** Most papers one `ingestPapers` call accepts. */
  readonly maxIngest: number;
  /** Most objects one operation may resolve, estimated before it runs (see cost-limit.ts). */
  readonly maxCost: number;
}

export const DEFAULT_LIMITS: ApiLimits = { maxPage: 100, maxDepth: 8, maxIngest: 1000, maxCost: 50_000 };

/** The limits the environment sets (see .env.example). */
export function limitsFromConfig(
  cfg: Pick<
    AppConfig,
    'PAPERGRAPH_MAX_PAGE' | 'PAPERGRAPH_MAX_DEPTH' | 'PAPERGRAPH_MAX_COST' | 'PAPERGRAPH_MAX_INGEST'
  >,
): ApiLimits {
  return {
    maxPage: cfg.PAPERGRAPH_MAX_PAGE,
    maxDepth: cfg.PAPERGRAPH_MAX_DEPTH,
    maxCost: cfg.PAPERGRAPH_MAX_COST,
    maxIngest: cfg.PAPERGRAPH_MAX_INGEST,
  };
}

export interface Stores {
  readonly papers: PaperStore;
  readonly topics: TopicStore;
  readonly authors: AuthorStore;
  readonly organizations: OrganizationStore;
  readonly search: SearchStore;
  readonly recommend: RecommendStore;
  readonly stats: StatsStore;
  readonly models: ModelStore;
}

/** Long-lived parts shared by every request of one server. */
export interface AppScope {
  readonly stores: Stores;
  readonly limits: ApiLimits;
  readonly models: ModelCache;
  /** Absent: the server cannot write (ingestPapers answers SERVICE_UNAVAILABLE). */
  readonly ingest?: IngestService;
  /** Absent or empty: writes are refused (UNAUTHENTICATED). */
  readonly apiKey?: string;
  /** Runs writes one at a time: two ingests must not build models side by side. */
  readonly serialWrites: <T>(work: () => Promise<T>) => Promise<T>;
  /** Root reads shared by concurrent requests (see coalesce.ts). */
  readonly shared: SharedReads;
}

export interface SharedReads {
  /** `paper(id)`: papers with the relations a selection asks for, by include. */
  readonly paperBundles: Coalescer<PaperInclude | undefined, string, PaperBundle>;
  /** `papers(filter: { topicId })`: the same page (filter, order, cursor, selection) of many topics. */
  readonly topicPages: Coalescer<PapersPageQuery, string, PaperPage>;
  /** `search`: the same page of hits for many Lucene queries. */
  readonly searches: Coalescer<SearchPageShape, string, SearchPage>;
  /** `recommend`: each request (its inputs) for the same number of results. */
  readonly recommendations: Coalescer<RecommendShape, RecommendInput, RecommendOutcome>;
}

function createSharedReads(stores: Stores, enabled: boolean): SharedReads {
  return {
    paperBundles: createCoalescer({
      enabled,
      read: (include, ids) => stores.papers.byIds(ids, include),
    }),
    topicPages: createCoalescer({
      enabled,
      read: (query, topicIds) => stores.papers.pagesByParent('topic', topicIds, query),
    }),
    searches: createCoalescer({
      enabled,
      read: (shape, queries) => stores.search.papers(queries, shape),
    }),
    recommendations: createCoalescer({
      enabled,
      // Each request is a vector search (about 1 ms of Neo4j CPU): small groups keep Neo4j's
      // threads busy side by side; 8 gave more requests/s and a lower p99 than 100 at 32 connections.
      maxKeys: 8,
      // Keyed by the request object: each caller finds its own outcome.
      read: async (shape, inputs) => {
        const outcomes = await stores.recommend.recommend(inputs, shape);
        return new Map(inputs.map((input, i) => [input, outcomes[i] as RecommendOutcome]));
      },
    }),
  };
}

export interface ApiContext extends AppScope {
  readonly loaders: Loaders;
  /** The request's Authorization header, if any. */
  readonly authorization: string | null;
}

export function createStores(db: Pick<GraphDb, 'read'>): Stores {
  return {
    papers: createPaperStore({ db }),
    topics: createTopicStore({ db }),
    authors: createAuthorStore({ db }),
    organizations: createOrganizationStore({ db }),
    search: createSearchStore({ db }),
    recommend: createRecommendStore({ db }),
    stats: createStatsStore({ db }),
    models: createModelStore({ db }),
  };
}

function serialQueue(): <T>(work: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
}

export function createAppScope(
  db: Pick<GraphDb, 'read'>,
  opts: {
    limits: ApiLimits;
    ingest?: IngestService;
    apiKey?: string;
    /** Default true. */
    coalesceReads?: boolean | undefined;
  },
): AppScope {
  const stores = createStores(db);
  return {
    stores,
    shared: createSharedReads(stores, opts.coalesceReads ?? true),
    limits: opts.limits,
    models: createModelCache(() => stores.recommend.currentModelState()),
    ...(opts.ingest ? { ingest: opts.ingest } : {}),
    ...(opts.apiKey ? { apiKey: opts.apiKey } : {}),
    serialWrites: serialQueue(),
  };
}

/** Fresh loaders per request: batching and caching never cross requests. */
export function createContext(scope: AppScope, authorization: string | null): ApiContext {
  return { ...scope, loaders: createLoaders(scope.stores), authorization };
}
