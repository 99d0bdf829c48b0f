import type { AuthorView, KeywordView, PaperView, RelatedView } from '../../domain/views.js';
import * as q from '../cypher/reads.js';
import type { GraphDb } from '../db.js';
import { byPaperId, list, num, optStr, str, strList, toAuthor, toKeyword, toPaper, toRelated } from '../rows.js';

export interface PaperPageRow {
  readonly paper: PaperView;
  readonly sortKey: string | number;
}

/** Reads about papers. Every method is one parameterised query; batch methods take many ids. */
export function createPaperStore({ db }: { db: GraphDb }) {
  return {
    async page(
      filter: q.PaperFilterInput,
      order: q.PaperOrder,
      limit: number,
      after?: q.Keyset,
    ): Promise<{ rows: PaperPageRow[]; hasNextPage: boolean }> {
      const rows = await db.read(q.papersPage(filter, order, limit, after));
      const parsed = rows.map((r) => ({
        paper: toPaper(r.paper),
        sortKey: typeof r.sortKey === 'number' ? r.sortKey : str(r.sortKey, 'sortKey'),
      }));
      return { rows: parsed.slice(0, limit), hasNextPage: parsed.length > limit };
    },

    async count(filter: q.PaperFilterInput): Promise<number> {
      const [row] = await db.read(q.papersCount(filter));
      return row ? num(row.total, 'total') : 0;
    },

    async byIds(ids: readonly string[]): Promise<Map<string, PaperView>> {
      const rows = await db.read(q.papersByIds(ids));
      const out = new Map<string, PaperView>();
      for (const r of rows) {
        const p = toPaper(r.paper);
        out.set(p.id, p);
      }
      return out;
    },

    async topicIds(ids: readonly string[]): Promise<Map<string, string>> {
      return byPaperId(await db.read(q.topicOfPapers(ids)), 'topicId', (v) => str(v, 'topicId'));
    },

    async keywords(ids: readonly string[], first: number): Promise<Map<string, KeywordView[]>> {
      return byPaperId(await db.read(q.keywordsOfPapers(ids, first)), 'keywords', (v) =>
        list(v, 'keywords').map(toKeyword),
      );
    },

    async related(ids: readonly string[], first: number, minScore: number): Promise<Map<string, RelatedView[]>> {
      return byPaperId(await db.read(q.relatedOfPapers(ids, first, minScore)), 'related', (v) =>
        list(v, 'related').map(toRelated),
      );
    },

    async organization(ids: readonly string[]): Promise<Map<string, string | null>> {
      return byPaperId(await db.read(q.organizationOfPapers(ids)), 'name', (v) => optStr(v, 'organization'));
    },

    async codeRepositories(ids: readonly string[]): Promise<Map<string, string[]>> {
      return byPaperId(await db.read(q.codeOfPapers(ids)), 'urls', (v) => strList(v, 'urls'));
    },

    async authors(ids: readonly string[]): Promise<Map<string, AuthorView[]>> {
      return byPaperId(await db.read(q.authorsOfPapers(ids)), 'authors', (v) => list(v, 'authors').map(toAuthor));
    },
  };
}

export type PaperStore = ReturnType<typeof createPaperStore>;
