import { statement, type Statement } from '../statement.js';
import { paperWith, type PaperInclude } from './paper-reads.js';

// Full-text search: user text made safe for Lucene, and the index queries.

/** At most this many words reach Lucene (it refuses more than 1024 clauses). */
export const MAX_QUERY_WORDS = 64;

/**
 * User text as a Lucene query that can only ever mean "all of these words": every
 * whitespace-separated word becomes a required (`+`) quoted phrase with `\` and `"`
 * escaped, so operators (`AND`, `OR`, `NOT`, `+`, `-`), wildcards, fuzzy/boost markers,
 * field names, ranges and brackets are plain text to the index's analyzer (a word like
 * `state-of-the-art` is the phrase of its parts). Words without a letter or digit carry
 * nothing the analyzer would index and are dropped; null when nothing is left.
 */
export function luceneTextQuery(text: string): string | null {
  const words = text
    .split(/\s+/u)
    .filter((w) => /[\p{L}\p{N}]/u.test(w))
    .slice(0, MAX_QUERY_WORDS);
  if (words.length === 0) return null;
  return words.map((w) => `+"${w.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(' ');
}

/**
 * Name prefixes for the author index: each run of letters/digits, lower-cased, must begin a
 * word of the name (`+run*`). Only letters and digits reach Lucene, so nothing is syntax.
 */
export function luceneNamePrefixQuery(text: string): string | null {
  const runs = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_QUERY_WORDS);
  if (runs.length === 0) return null;
  return runs.map((r) => `+${r}*`).join(' ');
}

/**
 * One page of a full-text index's hits in its ranking (score, then Lucene's order, stable
 * while the index is unchanged), as `skip`/`limit + 1`. One row: `total` (-1 when not
 * asked) and `rows`, collected from the hits by `rows` (the Cypher after the index call,
 * starting with its YIELD). With `many`, the same page for each query of `$queries`: one
 * row per query, which comes back as `query`.
 */
function fulltextPage(
  name: string,
  index: string,
  rows: string,
  params: Record<string, unknown>,
  count: boolean,
  many = false,
): Statement {
  const [query, scope] = many ? ['query', '(query)'] : ['$query', '()'];
  const total = count
    ? `CALL ${scope} {
  CALL db.index.fulltext.queryNodes('${index}', ${query}) YIELD node
  RETURN count(node) AS total
}`
    : `WITH ${many ? 'query, ' : ''}-1 AS total`;
  return statement(
    name,
    `${many ? 'UNWIND $queries AS query\n' : ''}${total}
CALL ${scope} {
  CALL db.index.fulltext.queryNodes('${index}', ${query}, { skip: toInteger($skip), limit: toInteger($limit) })
  ${rows}
}
RETURN ${many ? 'query, ' : ''}total, rows`,
    params,
  );
}

/**
 * Full-text hits over title + abstract for each query (concurrent searches of the same
 * page share one statement): one row per query, `query` with `rows` of `{ paper, score }`.
 */
export function searchPapers(
  luceneQueries: readonly string[],
  skip: number,
  limit: number,
  count: boolean,
  include?: PaperInclude,
): Statement {
  const params: Record<string, unknown> = { queries: luceneQueries, skip, limit: limit + 1 };
  const rows = `YIELD node AS p, score
  WITH ${paperWith('p', include, params)} AS paper, score
  RETURN collect({ paper: paper, score: score }) AS rows`;
  return fulltextPage('papers.search', 'paper_text', rows, params, count, true);
}

/** Full-text hits over author names, best first: `rows` of `{ id, name }`. */
export function searchAuthors(luceneQuery: string, skip: number, limit: number, count: boolean): Statement {
  return fulltextPage(
    'authors.search',
    'author_name_text',
    `YIELD node AS a
  RETURN collect(a { .id, .name }) AS rows`,
    { query: luceneQuery, skip, limit: limit + 1 },
    count,
  );
}
