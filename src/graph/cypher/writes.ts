import { createHash } from 'node:crypto';
import type {
  PaperAnalysisRow,
  PaperNodeRow,
  RelatedTopicRow,
  SimilarRow,
  TopicModelRow,
  TopicRow,
} from '../../domain/graph.js';
import { statement, type Statement } from '../statement.js';

/**
 * Paper id -> node id (Cypher `id()`), as the statement that created or merged the paper
 * returned it. Valid within the run that wrote the papers: node ids are reused only after a
 * node is deleted, and nothing deletes a paper while it is being ingested. A retried
 * source-facts write (its first commit's answer lost) merges the papers it created and
 * returns their ids again, so the ids the caller gets are those of the committed nodes.
 * Never stored or shown; `elementId()` would serve too, but as a 40-character string per
 * edge on the wire.
 */
export type NodeIds = ReadonlyMap<string, number>;

/**
 * Batched, idempotent writes: one `UNWIND $rows` query per concern, MERGE on constrained
 * keys only. Source facts (authors, organisations, code, categories) merge; derived facts
 * (topic, keywords, similar papers) replace what the paper had, so a re-run converges.
 *
 * Every statement may run twice: the driver runs a write transaction again when its commit
 * succeeded but the answer was lost. Writes that CREATE (papers new in this run, whose
 * relationships need no look-up of old ones) therefore first check, once per row, for the
 * mark their own committed run leaves (the paper node, its topic id, the part's first edge
 * or keyword, `linked`), and skip rows that carry it.
 */

/**
 * Lists of pairs travel as parallel lists (terms, weights) rather than a map per pair: a
 * batch holds hundreds of thousands of pairs, and each map costs its keys on the wire and an
 * object on both sides.
 */
function keywordColumns(keywords: PaperAnalysisRow['keywords']): { terms: string[]; weights: number[] } {
  return { terms: keywords.map((k) => k.term), weights: keywords.map((k) => k.weight) };
}

/**
 * The distinct items of a batch in first-seen order, and each item's position among them: a
 * statement merges each shared node (author, keyword) once and rows refer to it by position.
 */
function distinct<T>(key: (item: T) => string) {
  const items: T[] = [];
  const at = new Map<string, number>();
  return {
    items,
    position(item: T): number {
      const k = key(item);
      let i = at.get(k);
      if (i === undefined) {
        i = items.push(item) - 1;
        at.set(k, i);
      }
      return i;
    },
  };
}

/** The i-th edge of a similar list, from `p` to the neighbour `q` the statement matched. */
const SIMILAR_EDGE = 'CREATE (p)-[:SIMILAR_TO {score: r.scores[i], sharedTerms: r.sharedTerms[i]}]->(q)';

/**
 * Rows of a list part not written yet (`first`: the pattern of the part's first neighbour).
 * A part ends the list (`complete`): the paper is not marked `linked` yet. An earlier part:
 * its first edge is not there (a part's edges are written together). Otherwise a committed
 * run of the same statement wrote the part.
 */
function unwritten(complete: boolean, first: string): string {
  return complete
    ? 'WITH * WHERE NOT coalesce(p.linked, false)\n'
    : `WITH * WHERE NOT EXISTS { MATCH (p)-[:SIMILAR_TO]->${first} }\n`;
}

/** A similar list's scores and shared terms as parallel columns, in neighbour order. */
function neighborColumns(r: SimilarRow): { scores: number[]; sharedTerms: (readonly string[])[] } {
  return { scores: r.neighbors.map((n) => n.score), sharedTerms: r.neighbors.map((n) => n.sharedTerms) };
}

const KEYWORD_LINKS = `UNWIND range(0, size(r.terms) - 1) AS i
MERGE (k:Keyword {term: r.terms[i]})
CREATE (p)-[:HAS_KEYWORD {weight: r.weights[i]}]->(k)`;

/**
 * Rows of papers created in this run that have no topic yet: a paper with a topic id got it
 * from a committed run of the same statement.
 */
const UNTOPICED = 'WITH * WHERE p.topicId IS NULL\n';

/**
 * The paper node: created (the caller knows it is not stored), or merged with a stored one.
 * A fresh row whose paper is stored was written by this statement's own committed run (a
 * retried transaction): `created` is false for it, and its facts and links are not written
 * again. A node the MERGE has just made carries only its id, so `titleKey` tells the two apart.
 */
function paperNode(fresh: boolean): string {
  return fresh
    ? `MERGE (p:Paper {id: r.id})
WITH p, r, authors, p.titleKey IS NULL AS created
CALL (p, r, created) {
  WITH * WHERE created
  SET p += {title: r.title, titleKey: r.titleKey, abstract: r.abstract, source: r.source,
    sources: r.sources, categories: r.categories, arxivId: r.arxivId, doi: r.doi,
    publishedAt: date(r.publishedAt), upvotes: r.upvotes, authorCount: r.authorCount, url: r.url}
}`
    : // Another source's facts merge into a stored paper: the first title and abstract stay
      // (the analysis was made from them); optional facts fill gaps; sources and categories
      // are unions.
      `MERGE (p:Paper {id: r.id})
ON CREATE SET p.title = r.title, p.titleKey = r.titleKey, p.abstract = r.abstract, p.source = r.source,
    p.sources = [], p.categories = []
SET p.arxivId = coalesce(p.arxivId, r.arxivId), p.doi = coalesce(p.doi, r.doi),
    p.publishedAt = coalesce(p.publishedAt, date(r.publishedAt)),
    p.upvotes = CASE WHEN r.upvotes IS NULL OR r.upvotes < coalesce(p.upvotes, -1) THEN p.upvotes ELSE r.upvotes END,
    p.authorCount = CASE WHEN r.authorCount > coalesce(p.authorCount, 0) THEN r.authorCount ELSE p.authorCount END,
    p.url = coalesce(p.url, r.url),
    p.sources = p.sources + [s IN r.sources WHERE NOT s IN p.sources],
    p.categories = p.categories + [c IN r.categories WHERE NOT c IN p.categories]`;
}

/**
 * Everything a source says about a batch of papers, in one statement: the paper nodes, their
 * authors (in order), organisations, code repositories and categories (the first is primary).
 *
 * - Each author of the batch is merged once (`$authors`, first-seen order), and papers name
 *   their authors by position in that list: one locking index seek per author instead of one
 *   per authorship, and each name travels once.
 * - The links hang off the paper just created or merged (unit subqueries), so no statement
 *   looks the paper up again.
 * - `fresh`: the caller knows the papers are not stored yet, so papers and their
 *   relationships are created, not merged (the uniqueness constraint still refuses a
 *   duplicate). Shared nodes (authors, organisations, repositories, categories) always merge.
 */
export function sourceFacts(papers: readonly PaperNodeRow[], fresh: boolean): Statement {
  const link = fresh ? 'CREATE' : 'MERGE';
  // Fresh rows: links only for papers this run of the statement created.
  const scope = fresh ? 'p, r, created' : 'p, r';
  const only = fresh ? '\n  WITH * WHERE created' : '';
  const authors = distinct<{ id: string; name: string }>((a) => a.id);
  const rows = papers.map(({ authors: named, ...paper }) => ({
    ...paper,
    authors: named.map((a) => authors.position(a)),
  }));
  return statement(
    fresh ? 'paper.create' : 'paper.upsert',
    `UNWIND range(0, size($authors) - 1) AS j
MERGE (au:Author {id: $authors[j].id}) ON CREATE SET au.name = $authors[j].name
WITH j, au ORDER BY j
WITH collect(au) AS authors
UNWIND $rows AS r
${paperNode(fresh)}
WITH ${scope}, authors
CALL (${scope}, authors) {${only}
  UNWIND range(0, size(r.authors) - 1) AS i
  WITH p, i, authors[toInteger(r.authors[i])] AS au
  ${fresh ? 'CREATE (au)-[:AUTHORED {position: i + 1}]->(p)' : 'MERGE (au)-[w:AUTHORED]->(p) SET w.position = i + 1'}
}
CALL (${scope}) {${only}
  UNWIND r.organizations AS name
  MERGE (o:Organization {name: name})
  ${link} (p)-[:AFFILIATED_WITH]->(o)
}
CALL (${scope}) {${only}
  UNWIND r.codeUrls AS url
  MERGE (c:CodeRepository {url: url})
  ${link} (p)-[:HAS_CODE]->(c)
}
CALL (${scope}) {${only}
  UNWIND range(0, size(r.categories) - 1) AS i
  MERGE (c:Category {code: r.categories[i]})
  ${fresh ? 'CREATE (p)-[:IN_CATEGORY {primary: i = 0}]->(c)' : 'MERGE (p)-[ic:IN_CATEGORY]->(c) SET ic.primary = (i = 0)'}
}
RETURN r.id AS id, id(p) AS node`,
    { authors: authors.items, rows },
  );
}

export function upsertTopics(rows: readonly TopicRow[]): Statement {
  return statement(
    'topic.upsert',
    `UNWIND $rows AS r
MERGE (t:Topic {id: r.id})
SET t.index = r.index, t.label = r.label, t.terms = r.terms, t.size = r.size, t.modelVersion = r.modelVersion,
    t.x = r.position.x, t.y = r.position.y, t.radius = r.position.radius`,
    { rows },
  );
}

/**
 * Topic, vector and keywords of each paper, replacing whatever the paper had. `p.topicId`
 * repeats the IN_TOPIC end's id, written with it, for the index that pages a topic's papers
 * by date. `unanalysed`:
 * the caller knows the papers have none yet (created in this run), so nothing is looked for
 * (a paper that has a topic id already got it from this statement's own committed run).
 */
export function writePaperAnalysis(rows: readonly PaperAnalysisRow[], unanalysed = false): Statement {
  return statement(
    unanalysed ? 'paper.analysis.first' : 'paper.analysis',
    `UNWIND $rows AS r
MATCH (p:Paper {id: r.id})
MATCH (t:Topic {id: r.topicId})
${unanalysed ? UNTOPICED : 'CALL (p) { MATCH (p)-[old:IN_TOPIC|HAS_KEYWORD]->() DELETE old }\n'}CREATE (p)-[:IN_TOPIC {score: r.topicScore}]->(t)
SET p.embedding = r.embedding, p.topicId = t.id
WITH p, r
${KEYWORD_LINKS}`,
    { rows: rows.map(({ keywords, ...r }) => ({ ...r, ...keywordColumns(keywords) })) },
  );
}

/**
 * A new paper's topic and vector, without its keywords: this touches only the paper and its
 * topic, so writers of papers of different topics never wait on each other's locks.
 */
export function writeFirstTopics(rows: readonly PaperAnalysisRow[]): Statement {
  return statement(
    'paper.topic.first',
    `UNWIND $rows AS r
MATCH (p:Paper {id: r.id})
MATCH (t:Topic {id: r.topicId})
${UNTOPICED}CREATE (p)-[:IN_TOPIC {score: r.topicScore}]->(t)
SET p.embedding = r.embedding, p.topicId = t.id`,
    { rows: rows.map(({ id, topicId, topicScore, embedding }) => ({ id, topicId, topicScore, embedding })) },
  );
}

/**
 * A new paper's keywords (Keyword nodes are shared by every paper). Each distinct term of the
 * batch is merged once (`$terms`), and papers name their terms by position in that list:
 * one locking index seek per term instead of one per paper and term.
 */
export function writeFirstKeywords(rows: readonly PaperAnalysisRow[]): Statement {
  const terms = distinct<string>((t) => t);
  return statement(
    'paper.keywords.first',
    `UNWIND range(0, size($terms) - 1) AS j
MERGE (k:Keyword {term: $terms[j]})
WITH j, k ORDER BY j
WITH collect(k) AS keywords
UNWIND $rows AS r
MATCH (p:Paper {id: r.id})
// A paper's keywords of one set are written together: when the first is there, all are.
WITH p, r, keywords, keywords[toInteger(r.terms[0])] AS first
WHERE NOT (p)-[:HAS_KEYWORD]->(first)
UNWIND range(0, size(r.terms) - 1) AS i
WITH p, keywords[toInteger(r.terms[i])] AS k, r.weights[i] AS weight
CREATE (p)-[:HAS_KEYWORD {weight: weight}]->(k)`,
    {
      rows: rows
        .filter((r) => r.keywords.length > 0)
        .map(({ id, keywords }) => ({
          id,
          terms: keywords.map((k) => terms.position(k.term)),
          weights: keywords.map((k) => k.weight),
        })),
      terms: terms.items,
    },
  );
}

/**
 * Top-k similar papers of each paper, replacing its previous list. `unlinked`: the caller
 * knows the papers have no list yet (created in this run), so the edges are added. A list
 * written in parts marks its papers `linked` (complete) only with the last part
 * (`markLinked`), so an interrupted run never leaves a partial list that looks complete.
 */
export function writeSimilar(rows: readonly SimilarRow[], unlinked = false, markLinked = true): Statement {
  return statement(
    `${unlinked ? 'paper.similar.first' : 'paper.similar'}${markLinked ? '' : '.part'}`,
    `UNWIND $rows AS r
MATCH (p:Paper {id: r.id})
${unlinked ? unwritten(markLinked, '(:Paper {id: r.ids[0]})') : 'CALL (p) { MATCH (p)-[old:SIMILAR_TO]->() DELETE old }\n'}${markLinked ? 'SET p.linked = true\n' : ''}WITH p, r
UNWIND range(0, size(r.ids) - 1) AS i
MATCH (q:Paper {id: r.ids[i]})
${SIMILAR_EDGE}`,
    { rows: rows.map((r) => ({ id: r.id, ids: r.neighbors.map((n) => n.id), ...neighborColumns(r) })) },
  );
}

/**
 * A list of similar papers per paper, as `writeSimilar(rows, true, markLinked)` writes it, with
 * every paper named by its node id (`NodeIds`): no index seek per edge, which is a fifth of
 * the statement's cost. Only for papers created or merged by this process in this run.
 */
export function writeSimilarByNode(
  rows: readonly SimilarRow[],
  nodes: NodeIds,
  markLinked = true,
): Statement {
  const node = (id: string): number => {
    const n = nodes.get(id);
    if (n === undefined) throw new Error(`writeSimilarByNode: no node id for paper ${id}`);
    return n;
  };
  return statement(
    `paper.similar.first.byNode${markLinked ? '' : '.part'}`,
    `UNWIND $rows AS r
MATCH (p) WHERE id(p) = r.node
${unwritten(markLinked, '(q0) WHERE id(q0) = r.targets[0]')}${markLinked ? 'SET p.linked = true\n' : ''}WITH p, r
UNWIND range(0, size(r.targets) - 1) AS i
MATCH (q) WHERE id(q) = r.targets[i]
${SIMILAR_EDGE}`,
    {
      rows: rows.map((r) => ({
        node: node(r.id),
        targets: r.neighbors.map((n) => node(n.id)),
        ...neighborColumns(r),
      })),
    },
  );
}

export function writeRelatedTopics(modelVersion: string, rows: readonly RelatedTopicRow[]): Statement {
  return statement(
    'topic.related',
    `CALL { MATCH (:Topic {modelVersion: $modelVersion})-[old:RELATED_TOPIC]->() DELETE old }
WITH 1 AS _
UNWIND $rows AS r
MATCH (a:Topic {id: r.from}), (b:Topic {id: r.to})
CREATE (a)-[:RELATED_TOPIC {score: r.score}]->(b)`,
    { modelVersion, rows },
  );
}

/** Record a model (not yet current): its parameters and the state that projects new papers. */
export function saveTopicModel(row: TopicModelRow): Statement {
  return statement(
    'model.upsert',
    `MERGE (m:TopicModel {version: $row.version})
ON CREATE SET m.createdAt = datetime()
SET m.k = $row.k, m.dimensions = $row.dimensions, m.params = $row.params, m.quality = $row.quality,
    m.state = $row.state, m.paperCount = $row.paperCount`,
    { row },
  );
}

/**
 * Make a saved model the current one: topics of other versions are removed, and older models
 * keep their history but drop their state (megabytes each; only the current one projects).
 */
export function activateTopicModel(version: string, topicIds: readonly string[]): Statement[] {
  return [
    statement('model.activate', `MATCH (m:TopicModel) SET m.current = (m.version = $version)`, { version }),
    // Topics of other models, and of this one that an interrupted run created under ids this
    // run gave to others.
    statement(
      'model.dropStaleTopics',
      `MATCH (t:Topic) WHERE t.modelVersion <> $version OR NOT t.id IN $topicIds DETACH DELETE t`,
      { version, topicIds },
    ),
    statement('model.dropOldStates', `MATCH (m:TopicModel) WHERE m.version <> $version REMOVE m.state`, {
      version,
    }),
  ];
}

/**
 * Where a model came from: the model it replaced (`SUCCEEDS`), why it was built, and how the
 * topics moved (JSON, see topic-moves.ts). A model that replaced nothing records only why.
 */
export function recordModelHistory(h: {
  readonly version: string;
  readonly previous: string | null;
  readonly reason: string;
  readonly moves: string;
}): Statement {
  return statement(
    'model.history',
    `MATCH (m:TopicModel {version: $h.version})
SET m.reason = $h.reason, m.moves = $h.moves, m.previous = $h.previous, m.activatedAt = datetime()
WITH m
CALL (m) { MATCH (m)-[old:SUCCEEDS]->() DELETE old }
WITH m
OPTIONAL MATCH (prev:TopicModel {version: $h.previous}) WHERE prev <> m
FOREACH (_ IN CASE WHEN prev IS NULL THEN [] ELSE [1] END | CREATE (m)-[:SUCCEEDS]->(prev))`,
    { h },
  );
}

/**
 * Papers placed in a model since it was built: counts the refresh policy reads. Each batch is
 * counted once: its key (a digest of its paper ids) is kept with the model, and a batch
 * whose key is there (a retried transaction) adds nothing.
 */
export function tallyPlaced(
  version: string,
  t: { papers: number; terms: number; unknownTerms: number; fitSum: number },
  paperIds: readonly string[],
): Statement {
  const h = createHash('sha1');
  for (const id of [...paperIds].sort()) h.update(id).update('\n');
  return statement(
    'model.tallyPlaced',
    `MATCH (m:TopicModel {version: $version})
WHERE NOT $batch IN coalesce(m.tallied, [])
SET m.tallied = coalesce(m.tallied, []) + $batch,
    m.placedPapers = coalesce(m.placedPapers, 0) + $t.papers,
    m.placedTerms = coalesce(m.placedTerms, 0) + $t.terms,
    m.placedUnknownTerms = coalesce(m.placedUnknownTerms, 0) + $t.unknownTerms,
    m.placedFitSum = coalesce(m.placedFitSum, 0.0) + $t.fitSum`,
    { version, t, batch: h.digest('hex').slice(0, 16) },
  );
}
