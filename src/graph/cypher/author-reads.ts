import { statement, type Statement } from '../statement.js';
import { topicFields } from './paper-reads.js';

// Authors and their relations; batch builders take many author ids.

const authorFields = (v: string): string => `${v} { .id, .name }`;

export function authorsByIds(ids: readonly string[]): Statement {
  return statement(
    'authors.byIds',
    `MATCH (a:Author) WHERE a.id IN $ids RETURN ${authorFields('a')} AS author`,
    {
      ids,
    },
  );
}

/** Authors by name (then id), as a keyset page of `limit + 1`. One row: `total` (-1 when not asked), `rows`. */
export function authorsPage(
  limit: number,
  after: { name: string; id: string } | undefined,
  count: boolean,
): Statement {
  const params: Record<string, unknown> = { limit: limit + 1 };
  let cond = '';
  if (after) {
    cond = '\n  WHERE a.name > $afterName OR (a.name = $afterName AND a.id > $afterId)';
    params.afterName = after.name;
    params.afterId = after.id;
  }
  const total = count ? `CALL () { MATCH (a:Author) RETURN count(a) AS total }` : 'WITH -1 AS total';
  return statement(
    'authors.page',
    `${total}
CALL () {
  MATCH (a:Author)${cond}
  WITH a ORDER BY a.name, a.id LIMIT toInteger($limit)
  RETURN collect(${authorFields('a')}) AS rows
}
RETURN total, rows`,
    params,
  );
}

/** Co-authors of each author, most shared papers first. */
export function coauthors(authorIds: readonly string[], first: number): Statement {
  return statement(
    'authors.coauthors',
    `MATCH (a:Author) WHERE a.id IN $ids
RETURN a.id AS authorId, COLLECT {
  MATCH (a)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(c:Author) WHERE c <> a
  WITH c, count(DISTINCT p) AS shared
  ORDER BY shared DESC, c.id LIMIT toInteger($first)
  RETURN { author: ${authorFields('c')}, sharedPapers: shared }
} AS coauthors`,
    { ids: authorIds, first },
  );
}

/** Topics each author wrote in, most papers first. */
export function topicsOfAuthors(authorIds: readonly string[]): Statement {
  return statement(
    'authors.topics',
    `MATCH (a:Author) WHERE a.id IN $ids
RETURN a.id AS authorId, COLLECT {
  MATCH (a)-[:AUTHORED]->(:Paper)-[:IN_TOPIC]->(t:Topic)
  WITH t, count(*) AS n ORDER BY n DESC, t.id
  RETURN ${topicFields('t')}
} AS topics`,
    { ids: authorIds },
  );
}
