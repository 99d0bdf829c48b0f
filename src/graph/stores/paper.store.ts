import * as q from '../cypher/reads.js';
import type { GraphDb } from '../db.js';
import { optStr, str } from '../rows.js';
import {
  asMap,
  toBundle,
  toPaperPage,
  toRelations,
  type PaperBundle,
  type PaperPage,
  type PaperRelations,
} from './paper-rows.js';

export type { PaperBundle, PaperPage, PaperRelations, PageRow, PaperRow, RelatedRow } from './paper-rows.js';
export { EMPTY_PAPER_PAGE } from './paper-rows.js';

/** How long a `topicKeysConsistent` answer is trusted before it is asked again (in the background). */
const TOPIC_KEYS_RECHECK_MS = 30_000;

/**
 * Whether papers' `topicId` can be trusted (see `q.topicKeysConsistent`): asked once, then
 * again in the background at most every 30 s, so no request waits for it after the first.
 */
function topicKeysCheck(db: Pick<GraphDb, 'read'>): () => Promise<boolean> {
  let known: boolean | null = null;
  let checkedAt = 0;
  let pending: Promise<boolean> | null = null;
  const check = (): Promise<boolean> => {
    pending ??= db
      .read(q.topicKeysConsistent())
      .then(
        ([row]) => row?.consistent === true,
        () => false,
      )
      .then((ok) => {
        known = ok;
        checkedAt = Date.now();
        pending = null;
        return ok;
      });
    return pending;
  };
  return async () => {
    if (known === null) return check();
    if (Date.now() - checkedAt > TOPIC_KEYS_RECHECK_MS) void check();
    return known;
  };
}

/** Whether a page query could be read in topic-index order (see `q.PapersPageQuery.topicKeyed`). */
const wantsTopicOrder = (query: q.PapersPageQuery, parent?: q.PaperParent): boolean =>
  (query.order === 'PUBLISHED_DESC' || query.order === 'PUBLISHED_ASC') &&
  (parent === 'topic' || (parent === undefined && query.filter.topicId !== undefined));

/** Reads about papers. Every method is one parameterised query; batch methods take many ids. */
export function createPaperStore({ db }: { db: Pick<GraphDb, 'read'> }) {
  const topicKeyed = topicKeysCheck(db);
  const withTopicKeys = async (query: q.PapersPageQuery, parent?: q.PaperParent) =>
    wantsTopicOrder(query, parent) && (await topicKeyed()) ? { ...query, topicKeyed: true } : query;
  return {
    /** One page (and, when asked, the total) of the papers a filter matches. */
    async page(query: q.PapersPageQuery): Promise<PaperPage> {
      const [row] = await db.read(q.papersPage(await withTopicKeys(query)));
      return toPaperPage(row, query.limit, query.include);
    },

    /** The same page for each parent (topic, author, organisation); parents not found are absent. */
    async pagesByParent(
      parent: q.PaperParent,
      parentIds: readonly string[],
      query: q.PapersPageQuery,
    ): Promise<Map<string, PaperPage>> {
      const out = new Map<string, PaperPage>();
      const keyed = await withTopicKeys(query, parent);
      for (const row of await db.read(q.papersPageByParent(parent, parentIds, keyed))) {
        out.set(str(row.parentId, 'parentId'), toPaperPage(row, query.limit, query.include));
      }
      return out;
    },

    async byIds(ids: readonly string[], include?: q.PaperInclude): Promise<Map<string, PaperBundle>> {
      const out = new Map<string, PaperBundle>();
      for (const r of await db.read(q.papersByIds(ids, include))) {
        const b = toBundle(r.paper, include);
        out.set(b.paper.id, b);
      }
      return out;
    },

    /** The id of the paper a page's citation meta tags name; null when none is known. */
    async idByCitation(keys: q.CitationKeys): Promise<string | null> {
      const [row] = await db.read(q.paperIdByCitation(keys));
      return optStr(row?.id, 'id');
    },

    /** Only the relations in `include`, for each known paper. */
    async relations(ids: readonly string[], include: q.PaperInclude): Promise<Map<string, PaperRelations>> {
      const out = new Map<string, PaperRelations>();
      for (const r of await db.read(q.paperRelations(ids, include))) {
        out.set(str(asMap(r.paper, 'paper').id, 'paper.id'), toRelations(r.paper, include));
      }
      return out;
    },
  };
}

export type PaperStore = ReturnType<typeof createPaperStore>;
