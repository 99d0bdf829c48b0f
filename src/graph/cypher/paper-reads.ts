import { statement, type Statement } from '../statement.js';

/**
 * Read queries of the API about papers, built by pure functions: user values only ever travel as
 * parameters; labels, relationship types and index names are constants here. Numbers that
 * Cypher needs as integers (LIMIT, SKIP, slices) go through `toInteger`, because JavaScript
 * numbers reach Neo4j as floats.
 */

/** Paper fields a read may leave out (the id is always read). */
export type PaperField =
  'title' | 'publishedAt' | 'upvotes' | 'authorCount' | 'url' | 'arxivId' | 'doi' | 'categories';

export const PAPER_FIELDS: readonly PaperField[] = [
  'title',
  'upvotes',
  'authorCount',
  'url',
  'arxivId',
  'doi',
  'publishedAt',
  'categories',
];

/** Fields read as computed values (the rest are plain properties). */
const COMPUTED: Partial<Record<PaperField, (v: string) => string>> = {
  publishedAt: (v) => `publishedAt: toString(${v}.publishedAt)`,
  categories: (v) => `categories: coalesce(${v}.categories, [])`,
};

/**
 * Map projection of paper `v` (plus any `extra` entries), shared by every read that returns
 * papers. The abstract, by far the largest field, is left out when `abstract` is false
 * (the API then reads it only if a query asks for it); `fields` limits the other fields to
 * those a query selects (all when absent).
 */
export function paperFields(
  v: string,
  extra: readonly string[] = [],
  abstract = true,
  fields: readonly PaperField[] = PAPER_FIELDS,
): string {
  const keys = ['.id'];
  for (const f of fields) if (!COMPUTED[f]) keys.push(`.${f}`);
  if (abstract) keys.push('.abstract');
  for (const f of fields) {
    const computed = COMPUTED[f];
    if (computed) keys.push(computed(v));
  }
  keys.push(...extra);
  return `${v} { ${keys.join(', ')} }`;
}

/** Topic fields a read may leave out (the id is always read). */
export type TopicField = 'label' | 'terms' | 'size' | 'modelVersion' | 'position';

export const TOPIC_FIELDS: readonly TopicField[] = ['label', 'terms', 'size', 'modelVersion', 'position'];

/** The map position is three properties, read as one value (null when the topic has none). */
const topicField = (v: string, f: TopicField): string =>
  f === 'position'
    ? `position: CASE WHEN ${v}.x IS NULL THEN null ELSE {x: ${v}.x, y: ${v}.y, radius: ${v}.radius} END`
    : `.${f}`;

/** Map projection of topic `v`: the id and `fields` (all when absent). */
export const topicFields = (v: string, fields: readonly TopicField[] = TOPIC_FIELDS): string =>
  `${v} { ${['.id', ...fields.map((f) => topicField(v, f))].join(', ')} }`;

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
  /** Fields of the related papers to read; all when absent. */
  readonly fields?: readonly PaperField[];
}

/**
 * Relations fetched together with papers, in the same query, so that a page of papers and
 * the relations its selection asks for cost one round trip. Absent means "not asked for".
 */
export interface PaperInclude {
  /** The papers' own abstract; absent means yes. Related papers never carry theirs. */
  readonly abstract?: boolean;
  /** The papers' other fields to read (the id always is); all when absent. */
  readonly fields?: readonly PaperField[];
  readonly topic?: boolean;
  /** Fields of the topic to read (with `topic`); all when absent. */
  readonly topicFields?: readonly TopicField[];
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
    out.push(
      `_topic: COLLECT { MATCH (${v})-[:IN_TOPIC]->(x_t:Topic) RETURN ${topicFields('x_t', include.topicFields)} }[0]`,
    );
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
    RETURN { paper: ${paperFields('x_q', [], false, r.fields)}, score: x_s.score, sharedTerms: coalesce(x_s.sharedTerms, []) } }`,
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
export function paperWith(
  v: string,
  include: PaperInclude | undefined,
  params: Record<string, unknown>,
): string {
  return paperFields(v, includeEntries(v, include, params), include?.abstract !== false, include?.fields);
}

interface OrderSpec {
  readonly key: string;
  readonly dir: 'ASC' | 'DESC';
  /** The cursor's sort value as a Cypher expression of the parameter `$afterValue`. */
  readonly after: string;
  /** `sortKey` as returned: dates as `YYYY-MM-DD` strings (cheaper to decode than dates). */
  readonly out: string;
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
    out: 'toString(sortKey)',
  },
  PUBLISHED_ASC: {
    key: "coalesce(p.publishedAt, date('9999-12-31'))",
    dir: 'ASC',
    after: 'date($afterValue)',
    out: 'toString(sortKey)',
  },
  UPVOTES_DESC: { key: 'coalesce(p.upvotes, -1)', dir: 'DESC', after: '$afterValue', out: 'sortKey' },
  TITLE_ASC: { key: 'toLower(p.title)', dir: 'ASC', after: '$afterValue', out: 'sortKey' },
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
  /**
   * Papers carry `topicId` (the id of the topic they are IN_TOPIC of) in step with their
   * IN_TOPIC relationship: a topic's papers by date can then be read in the order of the
   * index `paper_topic_published` (see `topicKeysConsistent`) instead of sorting the topic.
   */
  readonly topicKeyed?: boolean;
}

/**
 * Whether every paper's `topicId` names the topic it is IN_TOPIC of. Graphs written before
 * the property existed (or by a writer that does not keep it) answer false: their topic
 * pages are read by sorting the topic's papers instead.
 */
export function topicKeysConsistent(): Statement {
  return statement(
    'papers.topicKeysConsistent',
    `RETURN NOT EXISTS {
  MATCH (p:Paper)-[:IN_TOPIC]->(t:Topic) WHERE p.topicId IS NULL OR p.topicId <> t.id
} AS consistent`,
  );
}

/**
 * A topic's papers by date, newest or oldest first, in the order of the composite index on
 * (topicId, publishedAt): reads about one page of index entries instead of the whole
 * topic. Undated papers sort last (as in ORDERS) and are only looked for when the dated
 * ones do not fill the page. `key` is the topic id expression, `conds` extra conditions on
 * `p` (filters, keyset), `range` a condition on `p.publishedAt` the index can seek by.
 */
function topicByDatePage(
  key: string,
  order: 'PUBLISHED_DESC' | 'PUBLISHED_ASC',
  conds: readonly string[],
  range: string | null,
  scope: string,
): string {
  const dir = order === 'PUBLISHED_DESC' ? 'DESC' : 'ASC';
  const dated = ['p.topicId = ' + key, 'p.publishedAt IS NOT NULL', ...(range ? [range] : []), ...conds];
  const undated = ['p.publishedAt IS NULL', ...conds];
  return `CALL (${scope}) {
    MATCH (p:Paper) WHERE ${dated.join(' AND ')}
    WITH p ORDER BY p.topicId ${dir}, p.publishedAt ${dir}, p.id ASC
    LIMIT toInteger($limit)
    RETURN collect(p) AS dated
  }
  CALL (${scope ? `${scope}, ` : ''}dated) {
    WITH dated WHERE size(dated) < $limit
    MATCH (:Topic {id: ${key}})<-[:IN_TOPIC]-(p) WHERE ${undated.join(' AND ')}
    WITH p ORDER BY p.id
    LIMIT toInteger($limit)
    RETURN collect(p) AS undated
  }
  UNWIND (dated + undated)[0..toInteger($limit)] AS p`;
}

function countClause(
  q: PapersPageQuery,
  parent: PaperParent | undefined,
  match: string,
  where: readonly string[],
  degreeCount: string | null,
): string {
  const indent = (s: string): string => s.replace(/^/gm, '  ');
  return q.count
    ? `CALL (${parent ? 'parentId' : ''}) {
${indent(degreeCount ?? `${match}${whereLine(where)}\nRETURN count(p) AS total`)}
}`
    : 'WITH -1 AS total' + (parent ? ', parentId' : '');
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
  const scope = parent ? 'parentId' : '';
  const topicKey =
    parent === 'topic' && q.filter.topicId === undefined
      ? 'parentId'
      : parent === undefined && q.filter.topicId !== undefined
        ? '$topicId'
        : null;
  const byTopicIndex =
    q.topicKeyed === true &&
    topicKey !== null &&
    q.filter.authorId === undefined &&
    q.filter.organization === undefined &&
    (q.order === 'PUBLISHED_DESC' || q.order === 'PUBLISHED_ASC');
  if (byTopicIndex) {
    const range = q.after ? `p.publishedAt ${cmp}= ${spec.after}` : null;
    const page = `CALL (${scope}) {
  ${topicByDatePage(topicKey, q.order as 'PUBLISHED_DESC' | 'PUBLISHED_ASC', conds, range, scope)}
  WITH p, ${spec.key} AS sortKey
  WITH ${paperWith('p', q.include, params)} AS paper, sortKey
  RETURN collect({ paper: paper, sortKey: ${spec.out} }) AS rows
}`;
    return `${countClause(q, parent, match, where, degreeCount)}\n${page}`;
  }
  const count = countClause(q, parent, match, where, degreeCount);
  const page = `CALL (${scope}) {
${indent(match)}${whereLine(conds, '  ')}
  WITH p, ${spec.key} AS sortKey
  ORDER BY sortKey ${spec.dir}, p.id ASC
  LIMIT toInteger($limit)
  WITH ${paperWith('p', q.include, params)} AS paper, sortKey
  RETURN collect({ paper: paper, sortKey: ${spec.out} }) AS rows
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

/** What a scholarly page's citation meta tags say about its paper, normalised (null: not given). */
export interface CitationKeys {
  readonly arxivId: string | null;
  readonly doi: string | null;
  readonly titleKey: string | null;
}

/**
 * The id of the paper citation keys name: by arXiv id, else DOI, else normalised title (the
 * smallest id when titles repeat). Each lookup is an index seek; one row, `id` null when none.
 */
export function paperIdByCitation(keys: CitationKeys): Statement {
  return statement(
    'papers.byCitation',
    `CALL () { OPTIONAL MATCH (p:Paper {arxivId: $arxivId}) RETURN p.id AS byArxiv ORDER BY p.id LIMIT 1 }
CALL () { OPTIONAL MATCH (p:Paper {doi: $doi}) RETURN p.id AS byDoi ORDER BY p.id LIMIT 1 }
CALL () { OPTIONAL MATCH (p:Paper {titleKey: $titleKey}) RETURN p.id AS byTitle ORDER BY p.id LIMIT 1 }
RETURN coalesce(byArxiv, byDoi, byTitle) AS id`,
    { arxivId: keys.arxivId, doi: keys.doi, titleKey: keys.titleKey },
  );
}
