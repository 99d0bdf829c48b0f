import { statement, type Statement } from '../statement.js';

/** Map projection of a paper, shared by every read that returns papers. */
export const PAPER_FIELDS = `{ .id, .title, .abstract, publishedAt: toString(p.publishedAt), .upvotes, .authorCount, .url, .arxivId, .doi, categories: coalesce(p.categories, []) }`;

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

interface OrderSpec {
  readonly key: string;
  readonly dir: 'ASC' | 'DESC';
}

/** Sort keys never null, so keyset comparisons are total; ties broken by id ascending. */
const ORDERS: Record<PaperOrder, OrderSpec> = {
  PUBLISHED_DESC: { key: "coalesce(toString(p.publishedAt), '0000-00-00')", dir: 'DESC' },
  PUBLISHED_ASC: { key: "coalesce(toString(p.publishedAt), '9999-99-99')", dir: 'ASC' },
  UPVOTES_DESC: { key: 'coalesce(p.upvotes, -1)', dir: 'DESC' },
  TITLE_ASC: { key: 'toLower(p.title)', dir: 'ASC' },
};

function filterClauses(filter: PaperFilterInput): { match: string; where: string[]; params: Record<string, unknown> } {
  const match = ['MATCH (p:Paper)'];
  const where: string[] = [];
  const params: Record<string, unknown> = {};
  if (filter.topicId !== undefined) {
    match.push('MATCH (p)-[:IN_TOPIC]->(:Topic {id: $topicId})');
    params.topicId = filter.topicId;
  }
  if (filter.authorId !== undefined) {
    match.push('MATCH (:Author {id: $authorId})-[:AUTHORED]->(p)');
    params.authorId = filter.authorId;
  }
  if (filter.organization !== undefined) {
    match.push('MATCH (p)-[:AFFILIATED_WITH]->(:Organization {name: $organization})');
    params.organization = filter.organization;
  }
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
  return { match: match.join('\n'), where, params };
}

/** One page of papers (asks for `limit + 1` rows so the caller knows if there is a next page). */
export function papersPage(filter: PaperFilterInput, order: PaperOrder, limit: number, after?: Keyset): Statement {
  const { match, where, params } = filterClauses(filter);
  const spec = ORDERS[order];
  const cmp = spec.dir === 'DESC' ? '<' : '>';
  const conds = [...where];
  if (after) {
    conds.push(`(${spec.key} ${cmp} $afterValue OR (${spec.key} = $afterValue AND p.id > $afterId))`);
    params.afterValue = after.value;
    params.afterId = after.id;
  }
  return statement(
    `papers.page.${order}`,
    `${match}
${conds.length ? `WHERE ${conds.join(' AND ')}` : ''}
WITH p, ${spec.key} AS sortKey
ORDER BY sortKey ${spec.dir}, p.id ASC
LIMIT toInteger($limit)
RETURN p ${PAPER_FIELDS} AS paper, sortKey`,
    { ...params, limit: limit + 1 },
  );
}

export function papersCount(filter: PaperFilterInput): Statement {
  const { match, where, params } = filterClauses(filter);
  return statement(
    'papers.count',
    `${match}
${where.length ? `WHERE ${where.join(' AND ')}` : ''}
RETURN count(DISTINCT p) AS total`,
    params,
  );
}

export function papersByIds(ids: readonly string[]): Statement {
  return statement('papers.byIds', `MATCH (p:Paper) WHERE p.id IN $ids RETURN p ${PAPER_FIELDS} AS paper`, { ids });
}

export function topicOfPapers(ids: readonly string[]): Statement {
  return statement(
    'papers.topic',
    `MATCH (p:Paper)-[:IN_TOPIC]->(t:Topic) WHERE p.id IN $ids
RETURN p.id AS paperId, t.id AS topicId`,
    { ids },
  );
}

export function keywordsOfPapers(ids: readonly string[], first: number): Statement {
  return statement(
    'papers.keywords',
    `MATCH (p:Paper) WHERE p.id IN $ids
CALL (p) {
  MATCH (p)-[h:HAS_KEYWORD]->(k:Keyword)
  RETURN k.term AS term, h.weight AS weight ORDER BY weight DESC, term LIMIT toInteger($first)
}
RETURN p.id AS paperId, collect({term: term, weight: weight}) AS keywords`,
    { ids, first },
  );
}

export function relatedOfPapers(ids: readonly string[], first: number, minScore: number): Statement {
  return statement(
    'papers.related',
    `MATCH (src:Paper) WHERE src.id IN $ids
CALL (src) {
  MATCH (src)-[s:SIMILAR_TO]->(p:Paper)
  WHERE s.score >= $minScore
  RETURN p, s ORDER BY s.score DESC, p.id LIMIT toInteger($first)
}
RETURN src.id AS paperId, collect({paper: p ${PAPER_FIELDS}, score: s.score, sharedTerms: s.sharedTerms}) AS related`,
    { ids, first, minScore },
  );
}

export function organizationOfPapers(ids: readonly string[]): Statement {
  return statement(
    'papers.organization',
    `MATCH (p:Paper)-[:AFFILIATED_WITH]->(o:Organization) WHERE p.id IN $ids
WITH p, o ORDER BY o.name
RETURN p.id AS paperId, collect(o.name)[0] AS name`,
    { ids },
  );
}

export function codeOfPapers(ids: readonly string[]): Statement {
  return statement(
    'papers.code',
    `MATCH (p:Paper)-[:HAS_CODE]->(c:CodeRepository) WHERE p.id IN $ids
WITH p, c ORDER BY c.url
RETURN p.id AS paperId, collect(c.url) AS urls`,
    { ids },
  );
}

export function authorsOfPapers(ids: readonly string[]): Statement {
  return statement(
    'papers.authors',
    `MATCH (a:Author)-[w:AUTHORED]->(p:Paper) WHERE p.id IN $ids
WITH p, a, w ORDER BY w.position
RETURN p.id AS paperId, collect({id: a.id, name: a.name}) AS authors`,
    { ids },
  );
}

const TOPIC_FIELDS = `{ .id, .label, .terms, .size, .modelVersion }`;

/** Topics of the current model, largest first. */
export function currentTopics(first: number): Statement {
  return statement(
    'topics.current',
    `MATCH (m:TopicModel {current: true})
MATCH (t:Topic {modelVersion: m.version})
RETURN t ${TOPIC_FIELDS} AS topic ORDER BY t.size DESC, t.id LIMIT toInteger($first)`,
    { first },
  );
}

export function topicsByIds(ids: readonly string[]): Statement {
  return statement('topics.byIds', `MATCH (t:Topic) WHERE t.id IN $ids RETURN t ${TOPIC_FIELDS} AS topic`, { ids });
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
