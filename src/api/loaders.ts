import DataLoader from 'dataloader';
import type { AuthorView, KeywordView, PaperView, TopicView } from '../domain/views.js';
import {
  TOPIC_FIELDS,
  type PaperInclude,
  type PaperParent,
  type PapersPageQuery,
  type RelatedArgsInput,
  type TopicField,
} from '../graph/cypher/reads.js';
import type { AuthorStore, CoauthorView } from '../graph/stores/author.store.js';
import type {
  PaperBundle,
  PaperPage,
  PaperRelations,
  PaperStore,
  RelatedRow,
} from '../graph/stores/paper.store.js';
import { EMPTY_PAPER_PAGE } from '../graph/stores/paper.store.js';
import type { RelatedTopicView, TopicPeriodView, TopicStore } from '../graph/stores/topic.store.js';

/**
 * Per-request DataLoaders: every relation field batches into one query per batch, and
 * nothing is cached across requests. Root resolvers that fetched relations up front (see
 * common/lookahead.ts) prime these loaders, so field resolvers below find them answered.
 */

function batched<V>(
  load: (ids: readonly string[]) => Promise<Map<string, V>>,
  missing: V,
): DataLoader<string, V> {
  return new DataLoader<string, V>(async (ids) => {
    const found = await load(ids);
    return ids.map((id) => found.get(id) ?? missing);
  });
}

/** One loader per argument set (e.g. `first`), created on first use. */
function perArgs<A, V>(make: (args: A) => DataLoader<string, V>): (args: A) => DataLoader<string, V> {
  let cache: Map<string, DataLoader<string, V>> | undefined;
  return (args) => {
    cache ??= new Map();
    const key = JSON.stringify(args);
    let loader = cache.get(key);
    if (!loader) {
      loader = make(args);
      cache.set(key, loader);
    }
    return loader;
  };
}

/** `make()` on first use: most requests use few of the loaders, and each is built per request. */
function lazy<T>(make: () => T): () => T {
  let value: T | undefined;
  return () => (value ??= make());
}

/** A relation of a paper a field resolver wants. */
export type RelationWant =
  | { readonly kind: 'topic'; readonly fields?: readonly TopicField[] }
  | { readonly kind: 'authors' }
  | { readonly kind: 'organization' }
  | { readonly kind: 'codeRepositories' }
  | { readonly kind: 'related'; readonly args: RelatedArgsInput }
  | { readonly kind: 'keywords'; readonly first: number };

/** All relations of one paper fetched by one batch, keyed for lookup by want. */
export interface LoadedRelations {
  readonly topic: TopicView | null;
  readonly authors: readonly AuthorView[];
  readonly organization: string | null;
  readonly codeRepositories: readonly string[];
  readonly related: ReadonlyMap<string, readonly RelatedRow[]>;
  readonly keywords: ReadonlyMap<number, readonly KeywordView[]>;
}

// Rows read with only some fields are cached under keys naming those fields, so a selection
// that shows other fields never gets them.
const fieldsKey = (fields: readonly string[] | undefined): string => fields?.join(',') ?? '*';
const relatedArgsKey = (a: RelatedArgsInput): string => `${a.first}:${a.minScore}:${fieldsKey(a.fields)}`;

/** Whether a topic was read with every field (only such topics go into the topic loader). */
const isWholeTopic = (t: TopicView): boolean => TOPIC_FIELDS.every((f) => f in t);

function wantKey(w: RelationWant): string {
  switch (w.kind) {
    case 'topic':
      return `topic:${fieldsKey(w.fields)}`;
    case 'related':
      return `related:${relatedArgsKey(w.args)}`;
    case 'keywords':
      return `keywords:${w.first}`;
    default:
      return w.kind;
  }
}

/** The smallest include that answers every want. */
export function includeFor(wants: readonly RelationWant[]): PaperInclude {
  const related = new Map<string, RelatedArgsInput>();
  const keywords = new Set<number>();
  const inc: { -readonly [K in keyof PaperInclude]: PaperInclude[K] } = {};
  // Topic fields: the union of what the wants name; every field if one names none.
  let topicFields: Set<TopicField> | 'all' | null = null;
  for (const w of wants) {
    switch (w.kind) {
      case 'topic':
        inc.topic = true;
        if (!w.fields) topicFields = 'all';
        else if (topicFields !== 'all') {
          topicFields ??= new Set();
          for (const f of w.fields) topicFields.add(f);
        }
        break;
      case 'authors':
        inc.authors = true;
        break;
      case 'organization':
        inc.organization = true;
        break;
      case 'codeRepositories':
        inc.codeRepositories = true;
        break;
      case 'related':
        related.set(relatedArgsKey(w.args), w.args);
        break;
      case 'keywords':
        keywords.add(w.first);
        break;
      default:
        assertNever(w);
    }
  }
  if (topicFields instanceof Set) {
    const chosen = topicFields;
    inc.topicFields = TOPIC_FIELDS.filter((f) => chosen.has(f));
  }
  if (related.size) inc.related = [...related.values()];
  if (keywords.size) inc.keywords = [...keywords];
  return inc;
}

const EMPTY: LoadedRelations = {
  topic: null,
  authors: [],
  organization: null,
  codeRepositories: [],
  related: new Map(),
  keywords: new Map(),
};

/** Store relations (arrays parallel to the include) as a lookup by want. */
export function loadedRelations(r: PaperRelations | undefined, include: PaperInclude): LoadedRelations {
  if (!r) return EMPTY;
  const related = new Map<string, readonly RelatedRow[]>();
  (include.related ?? []).forEach((a, i) => related.set(relatedArgsKey(a), r.related?.[i] ?? []));
  const keywords = new Map<number, readonly KeywordView[]>();
  (include.keywords ?? []).forEach((first, i) => keywords.set(first, r.keywords?.[i] ?? []));
  return {
    topic: r.topic ?? null,
    authors: r.authors ?? [],
    organization: r.organization ?? null,
    codeRepositories: r.codeRepositories ?? [],
    related,
    keywords,
  };
}

/** The wants an include answers (for priming). */
function wantsOf(include: PaperInclude): RelationWant[] {
  const out: RelationWant[] = [];
  if (include.topic)
    out.push({ kind: 'topic', ...(include.topicFields ? { fields: include.topicFields } : {}) });
  if (include.authors) out.push({ kind: 'authors' });
  if (include.organization) out.push({ kind: 'organization' });
  if (include.codeRepositories) out.push({ kind: 'codeRepositories' });
  for (const args of include.related ?? []) out.push({ kind: 'related', args });
  for (const first of include.keywords ?? []) out.push({ kind: 'keywords', first });
  return out;
}

export interface PaperPagesArgs {
  readonly parent: PaperParent;
  readonly query: PapersPageQuery;
}

export function createLoaders(stores: { papers: PaperStore; topics: TopicStore; authors: AuthorStore }) {
  const { papers, topics, authors } = stores;

  // Whole papers, abstract included: what `Paper.abstract` falls back to.
  const paper = lazy(() =>
    batched<PaperView | null>(async (ids) => {
      const out = new Map<string, PaperView>();
      for (const [id, b] of await papers.byIds(ids)) {
        const { abstract } = b.paper;
        if (abstract !== undefined) out.set(id, { ...b.paper, abstract });
      }
      return out;
    }, null),
  );
  const topic = lazy(() => batched<TopicView | null>((ids) => topics.byIds(ids), null));
  const author = lazy(() => batched<AuthorView | null>((ids) => authors.byIds(ids), null));

  // Every relation of every paper wanted in one tick: one query, whatever the mix.
  const relations = lazy(
    () =>
      new DataLoader<{ id: string; want: RelationWant }, LoadedRelations, string>(
        async (keys) => {
          const include = includeFor(keys.map((k) => k.want));
          const ids = [...new Set(keys.map((k) => k.id))];
          const found = await papers.relations(ids, include);
          const byId = new Map(ids.map((id) => [id, loadedRelations(found.get(id), include)]));
          for (const loaded of byId.values())
            if (loaded.topic && isWholeTopic(loaded.topic)) topic().prime(loaded.topic.id, loaded.topic);
          return keys.map((k) => byId.get(k.id) ?? EMPTY);
        },
        { cacheKeyFn: (k) => `${wantKey(k.want)}\u0000${k.id}` },
      ),
  );

  const rel = (id: string, want: RelationWant) => relations().load({ id, want });

  return {
    get paper() {
      return paper();
    },
    get topic() {
      return topic();
    },
    get author() {
      return author();
    },

    /** The paper's topic with (at least) `fields`; every field when absent. */
    paperTopic: async (id: string, fields?: readonly TopicField[]) =>
      (await rel(id, { kind: 'topic', ...(fields ? { fields } : {}) })).topic,
    paperAuthors: async (id: string) => (await rel(id, { kind: 'authors' })).authors,
    paperOrganization: async (id: string) => (await rel(id, { kind: 'organization' })).organization,
    paperCode: async (id: string) => (await rel(id, { kind: 'codeRepositories' })).codeRepositories,
    paperRelated: async (id: string, args: RelatedArgsInput) =>
      (await rel(id, { kind: 'related', args })).related.get(relatedArgsKey(args)) ?? [],
    paperKeywords: async (id: string, first: number) =>
      (await rel(id, { kind: 'keywords', first })).keywords.get(first) ?? [],

    /** Pages of the papers of many parents of one kind, with the same arguments. */
    paperPages: perArgs((a: PaperPagesArgs) =>
      batched<PaperPage>((ids) => papers.pagesByParent(a.parent, ids, a.query), EMPTY_PAPER_PAGE),
    ),

    topicRepresentatives: perArgs((a: { first: number }) =>
      batched<PaperView[]>((ids) => topics.representativePapers(ids, a.first), []),
    ),
    topicRelated: perArgs((a: { first: number }) =>
      batched<RelatedTopicView[]>((ids) => topics.relatedTopics(ids, a.first), []),
    ),
    topicTimeline: batched<TopicPeriodView[]>((ids) => topics.timelines(ids), []),

    authorCoauthors: perArgs((a: { first: number }) =>
      batched<CoauthorView[]>((ids) => authors.coauthors(ids, a.first), []),
    ),
    authorTopics: batched<TopicView[]>((ids) => authors.topics(ids), []),

    /**
     * Remember papers (and the relations fetched with them) that a root query read, so
     * field resolvers below it need no query of their own.
     */
    primeBundle(bundle: PaperBundle, include: PaperInclude | undefined): void {
      const { abstract } = bundle.paper;
      // Only whole papers: the paper loader is where a missing abstract is read from.
      if (abstract !== undefined) paper().prime(bundle.paper.id, { ...bundle.paper, abstract });
      if (!include) return;
      const loaded = loadedRelations(bundle.relations, include);
      for (const want of wantsOf(include)) relations().prime({ id: bundle.paper.id, want }, loaded);
      if (loaded.topic && isWholeTopic(loaded.topic)) topic().prime(loaded.topic.id, loaded.topic);
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;

function assertNever(x: never): never {
  throw new Error(`unexpected value ${JSON.stringify(x)}`);
}
