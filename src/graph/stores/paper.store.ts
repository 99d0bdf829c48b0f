import * as q from '../cypher/reads.js';
import type { GraphDb } from '../db.js';
import { str } from '../rows.js';
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

/** Reads about papers. Every method is one parameterised query; batch methods take many ids. */
export function createPaperStore({ db }: { db: Pick<GraphDb, 'read'> }) {
  return {
    /** One page (and, when asked, the total) of the papers a filter matches. */
    async page(query: q.PapersPageQuery): Promise<PaperPage> {
      const [row] = await db.read(q.papersPage(query));
      return toPaperPage(row, query.limit, query.include);
    },

    /** The same page for each parent (topic, author, organisation); parents not found are absent. */
    async pagesByParent(
      parent: q.PaperParent,
      parentIds: readonly string[],
      query: q.PapersPageQuery,
    ): Promise<Map<string, PaperPage>> {
      const out = new Map<string, PaperPage>();
      for (const row of await db.read(q.papersPageByParent(parent, parentIds, query))) {
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
