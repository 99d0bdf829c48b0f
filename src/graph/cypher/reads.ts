import { statement, type Statement } from '../statement.js';

/**
 * Read queries of the API, built by pure functions: user values only ever travel as
 * parameters; labels, relationship types and index names are constants here. Numbers that
 * Cypher needs as integers (LIMIT, SKIP, slices) go through `toInteger`, because JavaScript
 * numbers reach Neo4j as floats.
 */

const PAPER_KEYS = `.id, .title, .upvotes, .authorCount, .url, .arxivId, .doi`;

/**
 * Map projection of paper `v` (plus any `extra` entries), shared by every read that returns
 * papers. The abstract, by far the largest field, is left out when `abstract` is false
 * (the API then reads it only if a query asks for it).
 */
export function paperFields(v: string, extra: readonly string[] = [], abstract = true): string {
  const keys = [
    PAPER_KEYS,
    ...(abstract ? ['.abstract'] : []),
    `publishedAt: toString(${v}.publishedAt)`,
    `categories: coalesce(${v}.categories, [])`,
    ...extra,
  ];
  return `${v} { ${keys.join(', ')} }`;
}

const topicFields = (v: string): string => `${v} { .id, .label, .terms, .size, .modelVersion }`;

export type PaperOrder = 'PUBLISHED_DESC' | 'PUBLISHED_ASC' | 'UPVOTES_DESC' | 'TITLE_ASC';

export interface PaperFilterInput {
  readonly topicId?: string;
  readonly authorId?: string;
  readonly category?: string;
  readonly organization?: string;
  /** Inclusive lower bound, `YYYY-MM-DD`. */
  readonly publishedAfter?: string;
  /** Inclusive upper bound, `YYYY-MM-DD`. */
  readonly publishedBefore?: string;
}

/** Position after which a page starts: the sort value of the last row and its id. */
export interface Keyset {
  readonly value: string | number;
  readonly id: string;
}

/** Arguments of one `related(first, minScore)` selection. */
export interface RelatedArgsInput {
  readonly first: number;
  readonly minScore: number;
}

/**
 * Relations fetched together with papers, in the same query, so that a page of papers and
 * the relations its selection asks for cost one round trip. Absent means "not asked for".
 */
export interface PaperInclude {
  /** The papers' own abstract; absent means yes. Related papers never carry theirs. */
  readonly abstract?: boolean;
  readonly topic?: boolean;
  readonly authors?: boolean;
  readonly organization?: boolean;
  readonly codeRepositories?: boolean;
  /** One entry per distinct argument set (aliases may ask twice). */
  readonly related?: readonly RelatedArgsInput[];
  /** One `first` per distinct `keywords(first)` selection. */
  readonly keywords?: readonly number[];
}

/** Keys under which included relations appear in the paper map. */
export const relatedKey = (i: number): string => `_related${i}`;
export const keywordsKey = (i: number): string => `_keywords${i}`;

/**
 * Map entries (for `paperFields(v, ...)`) computing the included relations of paper `v`.
 * Parameters are added to `params` under names prefixed with `prefix`. COLLECT subqueries
 * keep one row per paper even when a relation is empty.
 */
export function includeEntries(
  v: string,
  include: PaperInclude | undefined,
  params: Record<string, unknown>,
  prefix = 'inc',
): string[] {
  if (!include) return [];
  const out: string[] = [];
  if (include.topic) {
    out.push(`_topic: COLLECT { MATCH (${v})-[:IN_TOPIC]->(x_t:Topic) RETURN ${topicFields('x_t')} }[0]`);
  }
  if (include.authors) {
    out.push(
      `_authors: COLLECT { MATCH (x_a:Author)-[x_w:AUTHORED]->(${v}) WITH x_a, x_w ORDER BY x_w.position, x_a.id RETURN x_a { .id, .name } }`,
    );
  }
  if (include.organization) {
    out.push(
      `_organization: COLLECT { MATCH (${v})-[:AFFILIATED_WITH]->(x_o:Organization) WITH x_o.name AS n ORDER BY n LIMIT 1 RETURN n }[0]`,
    );
  }
  if (include.codeRepositories) {
    out.push(
      `_code: COLLECT { MATCH (${v})-[:HAS_CODE]->(x_c:CodeRepository) WITH x_c.url AS u ORDER BY u RETURN u }`,
    );
  }
  (include.related ?? []).forEach((r, i) => {
    const first = `${prefix}Related${i}First`;
    const min = `${prefix}Related${i}MinScore`;
    params[first] = r.first;
    params[min] = r.minScore;
    out.push(
      `${relatedKey(i)}: COLLECT { MATCH (${v})-[x_s:SIMILAR_TO]->(x_q:Paper) WHERE x_s.score >= $${min}
    WITH x_q, x_s ORDER BY x_s.score DESC, x_q.id LIMIT toInteger($${first})
    RETURN { paper: ${paperFields('x_q', [], false)}, score: x_s.score, sharedTerms: coalesce(x_s.sharedTerms, []) } }`,
    );
  });
  (include.keywords ?? []).forEach((first, i) => {
    const name = `${prefix}Keywords${i}First`;
    params[name] = first;
    out.push(
      `${keywordsKey(i)}: COLLECT { MATCH (${v})-[x_h:HAS_KEYWORD]->(x_k:Keyword)
    WITH x_k, x_h ORDER BY x_h.weight DESC, x_k.term LIMIT toInteger($${name})
    RETURN { term: x_k.term, weight: x_h.weight } }`,
    );
  });
  return out;
}

/** `paperFields` of `v` with the relations and abstract `include` asks for. */
function paperWith(v: string, include: PaperInclude | undefined, params: Record<string, unknown>): string {
  return paperFields(v, includeEntries(v, include, params), include?.abstract !== false);
}

interface OrderSpec {
  readonly key: string;
  readonly dir: 'ASC' | 'DESC';
  /** The cursor's sort value as a Cypher expression of the parameter `$afterValue`. */
  readonly after: string;
}

/**
 * Sort keys are never null, so keyset comparisons are total; ties are broken by id
 * ascending. Undated papers sort last either way (a sentinel date); dates compare as dates,
 * not strings, which keeps sorting a large topic cheap.
 */
const ORDERS: Record<PaperOrder, OrderSpec> = {
  PUBLISHED_DESC: {
    key: "coalesce(p.publishedAt, date('0001-01-01'))",
    dir: 'DESC',
    after: 'date($afterValue)',
  },
  PUBLISHED_ASC: {
    key: "coalesce(p.publishedAt, date('9999-12-31'))",
    dir: 'ASC',
    after: 'date($afterValue)',
  },
  UPVOTES_DESC: { key: 'coalesce(p.upvotes, -1)', dir: 'DESC', after: '$afterValue' },
  TITLE_ASC: { key: 'toLower(p.title)', dir: 'ASC', after: '$afterValue' },
};

/** Whether `value` can be the sort value of `order` (cursors are user input). */
export function isSortValue(order: PaperOrder, value: string | number): boolean {
  switch (order) {
    case 'PUBLISHED_DESC':
    case 'PUBLISHED_ASC':
      return (
        typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value))
      );
    case 'UPVOTES_DESC':
      return typeof value === 'number' && Number.isInteger(value);
    case 'TITLE_ASC':
      return typeof value === 'string';
  }
}

/** The relation that ties a paper to the parent of a nested connection (Topic.papers, ...). */
export type PaperParent = 'topic' | 'author' | 'organization';

/**
 * How a paper hangs off a topic, author or organisation whose key is the Cypher expression
 * `key`. These relationships only ever end at papers (see the graph model), so the pattern
 * carries no `:Paper` check and a lone anchor is counted by its degree.
 */
const ANCHORS: Record<PaperParent, { match: (key: string) => string; degree: (key: string) => string }> = {
  topic: {
    match: (key) => `MATCH (:Topic {id: ${key}})<-[:IN_TOPIC]-(p)`,
    degree: (key) => `OPTIONAL MATCH (x:Topic {id: ${key}}) RETURN COUNT { (x)<-[:IN_TOPIC]-() } AS total`,
  },
  author: {
    match: (key) => `MATCH (:Author {id: ${key}})-[:AUTHORED]->(p)`,
    degree: (key) => `OPTIONAL MATCH (x:Author {id: ${key}}) RETURN COUNT { (x)-[:AUTHORED]->() } AS total`,
  },
  organization: {
    match: (key) => `MATCH (:Organization {name: ${key}})<-[:AFFILIATED_WITH]-(p)`,
    degree: (key) =>
      `OPTIONAL MATCH (x:Organization {name: ${key}}) RETURN COUNT { (x)<-[:AFFILIATED_WITH]-() } AS total`,
  },
};

interface FilterClauses {
  readonly match: string;
  readonly where: string[];
  readonly params: Record<string, unknown>;
  /** A cheaper count when the only condition is one anchor (a relationship degree), else null. */
  readonly degreeCount: string | null;
}

/**
 * MATCH/WHERE for a filter. A topic, author or organisation anchors the match (start from
 * that node, expand to its papers) instead of scanning papers; the first anchor starts the
 * pattern, further ones are checked per paper.
 */
function filterClauses(filter: PaperFilterInput, parent?: PaperParent): FilterClauses {
  const anchors: { kind: PaperParent; key: string }[] = [];
  const params: Record<string, unknown> = {};
  if (parent !== undefined) anchors.push({ kind: parent, key: 'parentId' });
  if (filter.topicId !== undefined) {
    anchors.push({ kind: 'topic', key: '$topicId' });
    params.topicId = filter.topicId;
  }
  if (filter.authorId !== undefined) {
    anchors.push({ kind: 'author', key: '$authorId' });
    params.authorId = filter.authorId;
  }
  if (filter.organization !== undefined) {
    anchors.push({ kind: 'organization', key: '$organization' });
    params.organization = filter.organization;
  }
  const match = anchors.length ? anchors.map((a) => ANCHORS[a.kind].match(a.key)) : ['MATCH (p:Paper)'];
  const where: string[] = [];
  if (filter.category !== undefined) {
    where.push('$category IN p.categories');
    params.category = filter.category;
  }
  if (filter.publishedAfter !== undefined) {
    where.push('p.publishedAt >= date($publishedAfter)');
    params.publishedAfter = filter.publishedAfter;
  }
  if (filter.publishedBefore !== undefined) {
    where.push('p.publishedAt <= date($publishedBefore)');
    params.publishedBefore = filter.publishedBefore;
  }
  const only = anchors.length === 1 && where.length === 0 ? anchors[0] : undefined;
  return {
    match: match.join('\n'),
    where,
    params,
    degreeCount: only ? ANCHORS[only.kind].degree(only.key) : null,
  };
}

const whereLine = (conds: readonly string[], indent = ''): string =>
  conds.length ? `\n${indent}WHERE ${conds.join(' AND ')}` : '';

export interface PapersPageQuery {
  readonly filter: PaperFilterInput;
  readonly order: PaperOrder;
  /** Rows wanted; the query asks for one more so the caller knows if there is a next page. */
  readonly limit: number;
  readonly after?: Keyset;
  readonly include?: PaperInclude;
  /** Also count every paper the filter matches (`totalCount`); -1 when not asked. */
  readonly count: boolean;
}

function pageBody(q: PapersPageQuery, parent: PaperParent | undefined, params: Record<string, unknown>) {
  const { match, where, params: filterParams, degreeCount } = filterClauses(q.filter, parent);
  Object.assign(params, filterParams);
  const spec = ORDERS[q.order];
  const cmp = spec.dir === 'DESC' ? '<' : '>';
  const conds = [...where];
  if (q.after) {
    conds.push(`(${spec.key} ${cmp} ${spec.after} OR (${spec.key} = ${spec.after} AND p.id > $afterId))`);
    params.afterValue = q.after.value;
    params.afterId = q.after.id;
  }
  params.limit = q.limit + 1;
  const indent = (s: string): string => s.replace(/^/gm, '  ');
  const count = q.count
    ? `CALL (${parent ? 'parentId' : ''}) {
${indent(degreeCount ?? `${match}${whereLine(where)}\nRETURN count(p) AS total`)}
}`
    : 'WITH -1 AS total' + (parent ? ', parentId' : '');
  const page = `CALL (${parent ? 'parentId' : ''}) {
${indent(match)}${whereLine(conds, '  ')}
  WITH p, ${spec.key} AS sortKey
  ORDER BY sortKey ${spec.dir}, p.id ASC
  LIMIT toInteger($limit)
  WITH ${paperWith('p', q.include, params)} AS paper, sortKey
  RETURN collect({ paper: paper, sortKey: sortKey }) AS rows
}`;
  return `${count}\n${page}`;
}

/**
 * One page of papers in one round trip: the matching total (when asked) and `limit + 1`
 * rows with their sort keys and included relations. One row: `total`, `rows`.
 */
export function papersPage(q: PapersPageQuery): Statement {
  const params: Record<string, unknown> = {};
  const body = pageBody(q, undefined, params);
  return statement(`papers.page.${q.order}`, `${body}\nRETURN total, rows`, params);
}

/**
 * Pages of the papers of many parents at once (Topic.papers, Author.papers,
 * Organization.papers for every parent in a DataLoader batch). One row per parent found:
 * `parentId`, `total`, `rows`.
 */
export function papersPageByParent(
  parent: PaperParent,
  parentIds: readonly string[],
  q: PapersPageQuery,
): Statement {
  const params: Record<string, unknown> = { parentIds };
  const body = pageBody(q, parent, params);
  return statement(
    `papers.pageBy.${parent}.${q.order}`,
    `UNWIND $parentIds AS parentId\n${body}\nRETURN parentId, total, rows`,
    params,
  );
}

/** Papers by id with the included relations; unknown ids give no row. */
export function papersByIds(ids: readonly string[], include?: PaperInclude): Statement {
  const params: Record<string, unknown> = { ids };
  return statement(
    'papers.byIds',
    `MATCH (p:Paper) WHERE p.id IN $ids
RETURN ${paperWith('p', include, params)} AS paper`,
    params,
  );
}

/**
 * Only the relations of papers (no paper fields but the id): what the relation DataLoader
 * asks for when field resolvers below the root need them. One row per known paper.
 */
export function paperRelations(ids: readonly string[], include: PaperInclude): Statement {
  const params: Record<string, unknown> = { ids };
  const entries = ['.id', ...includeEntries('p', include, params)];
  return statement(
    'papers.relations',
    `MATCH (p:Paper) WHERE p.id IN $ids
RETURN p { ${entries.join(', ')} } AS paper`,
    params,
  );
}

// ---- full-text search ----

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
 * One page of full-text hits over title + abstract in the index's ranking (score, then
 * Lucene's order, stable while the index is unchanged), as `skip`/`limit + 1`. One row:
 * `total` (-1 when not asked), `rows` of `{ paper, score }`.
 */
export function searchPapers(
  luceneQuery: string,
  skip: number,
  limit: number,
  count: boolean,
  include?: PaperInclude,
): Statement {
  const params: Record<string, unknown> = { query: luceneQuery, skip, limit: limit + 1 };
  const total = count
    ? `CALL () {
  CALL db.index.fulltext.queryNodes('paper_text', $query) YIELD node
  RETURN count(node) AS total
}`
    : 'WITH -1 AS total';
  return statement(
    'papers.search',
    `${total}
CALL () {
  CALL db.index.fulltext.queryNodes('paper_text', $query, { skip: toInteger($skip), limit: toInteger($limit) })
  YIELD node AS p, score
  WITH ${paperWith('p', include, params)} AS paper, score
  RETURN collect({ paper: paper, score: score }) AS rows
}
RETURN total, rows`,
    params,
  );
}

// ---- recommendations ----

/**
 * Papers nearest (vector index `paper_embedding`) to the sum of the unit vectors of the
 * input papers and of `textVector` (each input weighs the same; cosine ignores the length),
 * without the inputs. Unknown ids are skipped. Index scores are (1 + cos) / 2 and come back
 * as plain cosine. `sharedTerms` (at most 5): first the terms the analysis found a hit
 * shares with an input it is a stored neighbour of (SIMILAR_TO, best edge first), then the
 * hit's keywords that the inputs' keywords or `textTerms` share (heaviest first). One row:
 * the current model version, the ids found and the recommendations, best first.
 */
export function recommendPapers(args: {
  readonly ids: readonly string[];
  readonly textVector: readonly number[] | null;
  readonly textTerms: readonly string[];
  readonly first: number;
  readonly include?: PaperInclude;
}): Statement {
  const params: Record<string, unknown> = {
    ids: args.ids,
    textVector: args.textVector,
    textTerms: args.textTerms,
    first: args.first,
    k: args.first + args.ids.length,
  };
  return statement(
    'papers.recommend',
    `CALL () {
  OPTIONAL MATCH (m:TopicModel {current: true})
  RETURN m.version AS modelVersion
}
CALL () {
  MATCH (s:Paper) WHERE s.id IN $ids AND s.embedding IS NOT NULL
  RETURN collect(s.id) AS found, collect(s.embedding) AS vectors
}
WITH modelVersion, found, vectors,
     $textTerms + COLLECT { MATCH (s:Paper)-[:HAS_KEYWORD]->(k:Keyword) WHERE s.id IN found RETURN DISTINCT k.term } AS inputTerms
CALL (found, vectors, inputTerms) {
  WITH found, inputTerms, CASE WHEN $textVector IS NULL THEN vectors ELSE vectors + [$textVector] END AS inputs
  WHERE size(inputs) > 0
  WITH found, inputTerms, [i IN range(0, size(inputs[0]) - 1) | reduce(acc = 0.0, v IN inputs | acc + v[i])] AS query
  CALL db.index.vector.queryNodes('paper_embedding', toInteger($k), query) YIELD node AS p, score
  WITH found, inputTerms, p, score WHERE NOT p.id IN $ids
  ORDER BY score DESC, p.id
  LIMIT toInteger($first)
  WITH p, score,
       COLLECT {
         MATCH (p)-[e:SIMILAR_TO]-(s:Paper) WHERE s.id IN found
         WITH e ORDER BY e.score DESC UNWIND e.sharedTerms AS t RETURN t
       } + COLLECT {
         MATCH (p)-[h:HAS_KEYWORD]->(k:Keyword) WHERE k.term IN inputTerms
         WITH k, h ORDER BY h.weight DESC, k.term RETURN k.term
       } AS terms
  WITH ${paperWith('p', args.include, params)} AS paper, 2 * score - 1 AS cosine,
       reduce(acc = [], t IN terms | CASE WHEN t IN acc THEN acc ELSE acc + t END)[0..5] AS sharedTerms
  RETURN collect({ paper: paper, score: CASE WHEN cosine < 0 THEN 0.0 ELSE cosine END, sharedTerms: sharedTerms }) AS recommendations
}
RETURN modelVersion, found, recommendations`,
    params,
  );
}

/** The saved state of the current topic model (for projecting free text). */
export function currentModelState(): Statement {
  return statement(
    'model.currentState',
    `MATCH (m:TopicModel {current: true}) RETURN m.version AS version, m.state AS state`,
  );
}

// ---- relation batches (one query per DataLoader batch) ----

/** Topics of the current model, largest first. */
export function currentTopics(first: number): Statement {
  return statement(
    'topics.current',
    `MATCH (m:TopicModel {current: true})
MATCH (t:Topic {modelVersion: m.version})
RETURN ${topicFields('t')} AS topic ORDER BY t.size DESC, t.id LIMIT toInteger($first)`,
    { first },
  );
}

export function topicsByIds(ids: readonly string[]): Statement {
  return statement('topics.byIds', `MATCH (t:Topic) WHERE t.id IN $ids RETURN ${topicFields('t')} AS topic`, {
    ids,
  });
}

/** The papers closest to each topic's centre (highest IN_TOPIC score). */
export function representativePapers(topicIds: readonly string[], first: number): Statement {
  return statement(
    'topics.representative',
    `MATCH (t:Topic) WHERE t.id IN $ids
RETURN t.id AS topicId, COLLECT {
  MATCH (t)<-[s:IN_TOPIC]-(p:Paper)
  WITH p, s ORDER BY s.score DESC, p.id LIMIT toInteger($first)
  RETURN ${paperFields('p')}
} AS papers`,
    { ids: topicIds, first },
  );
}

export function relatedTopics(topicIds: readonly string[], first: number): Statement {
  return statement(
    'topics.related',
    `MATCH (t:Topic) WHERE t.id IN $ids
RETURN t.id AS topicId, COLLECT {
  MATCH (t)-[r:RELATED_TOPIC]->(o:Topic)
  WITH o, r ORDER BY r.score DESC, o.id LIMIT toInteger($first)
  RETURN { topic: ${topicFields('o')}, score: r.score }
} AS related`,
    { ids: topicIds, first },
  );
}

/** Papers per calendar month ("YYYY-MM"), oldest first; undated papers are not counted. */
export function topicTimelines(topicIds: readonly string[]): Statement {
  return statement(
    'topics.timeline',
    `MATCH (t:Topic) WHERE t.id IN $ids
RETURN t.id AS topicId, COLLECT {
  MATCH (t)<-[:IN_TOPIC]-(p:Paper) WHERE p.publishedAt IS NOT NULL
  WITH substring(toString(p.publishedAt), 0, 7) AS period, count(*) AS n
  ORDER BY period
  RETURN { period: period, count: n }
} AS timeline`,
    { ids: topicIds },
  );
}

// ---- authors ----

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

/** Full-text hits over author names, best first, as `skip`/`limit + 1`. One row: `total`, `rows`. */
export function searchAuthors(luceneQuery: string, skip: number, limit: number, count: boolean): Statement {
  const total = count
    ? `CALL () {
  CALL db.index.fulltext.queryNodes('author_name_text', $query) YIELD node
  RETURN count(node) AS total
}`
    : 'WITH -1 AS total';
  return statement(
    'authors.search',
    `${total}
CALL () {
  CALL db.index.fulltext.queryNodes('author_name_text', $query, { skip: toInteger($skip), limit: toInteger($limit) })
  YIELD node AS a
  RETURN collect(${authorFields('a')}) AS rows
}
RETURN total, rows`,
    { query: luceneQuery, skip, limit: limit + 1 },
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

export function organizationsByNames(names: readonly string[]): Statement {
  return statement(
    'organizations.byNames',
    `MATCH (o:Organization) WHERE o.name IN $names RETURN o.name AS name`,
    { names },
  );
}

export function stats(): Statement {
  return statement(
    'stats',
    `CALL () { MATCH (p:Paper) RETURN count(p) AS papers }
CALL () { MATCH (a:Author) RETURN count(a) AS authors }
CALL () { OPTIONAL MATCH (m:TopicModel {current: true}) RETURN m.version AS modelVersion }
CALL (modelVersion) { MATCH (t:Topic) WHERE t.modelVersion = modelVersion RETURN count(t) AS topics }
CALL () { MATCH ()-[s:SIMILAR_TO]->() RETURN count(s) AS similarityEdges }
RETURN papers, authors, topics, similarityEdges, modelVersion`,
  );
}
