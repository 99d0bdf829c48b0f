import type { AuthorView, TopicView } from '../../domain/views.js';
import * as q from '../cypher/reads.js';
import type { GraphDb } from '../db.js';
import { list, num, str, toAuthor, toTopic } from '../rows.js';
import { asMap } from './paper-rows.js';

export interface CoauthorView {
  readonly author: AuthorView;
  readonly sharedPapers: number;
}

export interface AuthorPage {
  /** null when the count was not asked for. */
  readonly total: number | null;
  readonly rows: AuthorView[];
  readonly hasNextPage: boolean;
}

function toAuthorPage(row: Record<string, unknown> | undefined, limit: number): AuthorPage {
  if (!row) return { total: 0, rows: [], hasNextPage: false };
  const total = num(row.total, 'total');
  const rows = list(row.rows, 'rows').map(toAuthor);
  return { total: total < 0 ? null : total, rows: rows.slice(0, limit), hasNextPage: rows.length > limit };
}

function byAuthorId<T>(
  rows: readonly Record<string, unknown>[],
  field: string,
  parse: (v: unknown) => T,
): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of rows) out.set(str(r.authorId, 'authorId'), parse(r[field]));
  return out;
}

/** Reads about authors; batch methods take many ids and run one query. */
export function createAuthorStore({ db }: { db: Pick<GraphDb, 'read'> }) {
  return {
    async byIds(ids: readonly string[]): Promise<Map<string, AuthorView>> {
      const out = new Map<string, AuthorView>();
      for (const r of await db.read(q.authorsByIds(ids))) {
        const a = toAuthor(r.author);
        out.set(a.id, a);
      }
      return out;
    },

    /** All authors by name, a keyset page. */
    async page(
      limit: number,
      after: { name: string; id: string } | undefined,
      count: boolean,
    ): Promise<AuthorPage> {
      const [row] = await db.read(q.authorsPage(limit, after, count));
      return toAuthorPage(row, limit);
    },

    /** Authors whose name matches a Lucene query (see `luceneNamePrefixQuery`), best first. */
    async search(luceneQuery: string, skip: number, limit: number, count: boolean): Promise<AuthorPage> {
      const [row] = await db.read(q.searchAuthors(luceneQuery, skip, limit, count));
      return toAuthorPage(row, limit);
    },

    async coauthors(ids: readonly string[], first: number): Promise<Map<string, CoauthorView[]>> {
      return byAuthorId(await db.read(q.coauthors(ids, first)), 'coauthors', (v) =>
        list(v, 'coauthors').map((x) => {
          const o = asMap(x, 'coauthor');
          return { author: toAuthor(o.author), sharedPapers: num(o.sharedPapers, 'coauthor.sharedPapers') };
        }),
      );
    },

    async topics(ids: readonly string[]): Promise<Map<string, TopicView[]>> {
      return byAuthorId(await db.read(q.topicsOfAuthors(ids)), 'topics', (v) =>
        list(v, 'topics').map(toTopic),
      );
    },
  };
}

export type AuthorStore = ReturnType<typeof createAuthorStore>;
