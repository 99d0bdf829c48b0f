import { statement, type Statement } from '../statement.js';

/** Reads the ingest pipeline needs before it writes. */

export function existingPaperIds(ids: readonly string[]): Statement {
  return statement(
    'ingest.existing',
    `MATCH (p:Paper) WHERE p.id IN $ids
RETURN p.id AS id, EXISTS { (p)-[:IN_TOPIC]->() } AND coalesce(p.linked, false) AS analysed`,
    { ids },
  );
}

/** The current model's figures; its state (megabytes) only with `withState`. */
export function currentModel(withState = true): Statement {
  return statement(
    withState ? 'ingest.currentModel' : 'ingest.currentModelInfo',
    `MATCH (m:TopicModel {current: true})
RETURN m.version AS version, m.k AS k, m.dimensions AS dimensions, ${withState ? 'm.state' : "''"} AS state, m.paperCount AS paperCount,
       m.quality AS quality, m.placedPapers AS placedPapers, m.placedTerms AS placedTerms,
       m.placedUnknownTerms AS placedUnknownTerms, m.placedFitSum AS placedFitSum`,
  );
}

export function topicIdsOf(version: string): Statement {
  return statement(
    'ingest.topicIds',
    'MATCH (t:Topic {modelVersion: $version}) RETURN t.index AS index, t.id AS id',
    { version },
  );
}

export function modelState(version: string): Statement {
  return statement('ingest.modelState', 'MATCH (m:TopicModel {version: $version}) RETURN m.state AS state', {
    version,
  });
}

export function paperCount(): Statement {
  return statement('ingest.paperCount', 'MATCH (p:Paper) RETURN count(p) AS papers');
}

/**
 * Topics of a model that is not the current one: a rebuild was interrupted before its model
 * became current (its papers may already point at them).
 */
export function unfinishedTopics(version: string | null): Statement {
  return statement(
    'ingest.unfinishedTopics',
    'MATCH (t:Topic) WHERE $version IS NULL OR t.modelVersion <> $version RETURN count(t) AS topics',
    { version },
  );
}

/** Title and abstract of every paper, for a full (re)build of the model. */
export function allPaperTexts(): Statement {
  return statement(
    'ingest.allTexts',
    `MATCH (p:Paper) RETURN p.id AS id, p.title AS title, p.abstract AS abstract ORDER BY p.id`,
  );
}

/** The settings (`options.indexConfig`) of an index, if it exists. */
export function indexConfig(name: string): Statement {
  return statement(
    'ingest.indexConfig',
    'SHOW INDEXES YIELD name, options WHERE name = $name RETURN options.indexConfig AS config',
    { name },
  );
}

/** Papers analysed before `p.topicId` existed get it, at most `limit` per call. */
export function backfillTopicIds(limit: number): Statement {
  return statement(
    'ingest.backfillTopicIds',
    `MATCH (p:Paper)-[:IN_TOPIC]->(t:Topic) WHERE p.topicId IS NULL OR p.topicId <> t.id
WITH p, t LIMIT toInteger($limit)
SET p.topicId = t.id
RETURN count(p) AS updated`,
    { limit },
  );
}

export function anyPaper(): Statement {
  return statement('ingest.anyPaper', 'RETURN EXISTS { MATCH (:Paper) } AS found');
}

/** `name` comes from the project's own schema files (index names cannot be parameters). */
export function dropIndex(name: string): Statement {
  if (!/^\w+$/.test(name)) throw new RangeError(`not an index name: ${name}`);
  return statement('ingest.dropIndex', `DROP INDEX ${name} IF EXISTS`);
}

/** Index population runs in the background; this waits for it (up to an hour). */
export function awaitIndexes(): Statement {
  return statement('ingest.awaitIndexes', 'CALL db.awaitIndexes(3600)');
}

/**
 * Nearest papers to each vector by the vector index (the paper itself included when stored),
 * each with the score a newcomer must beat to enter its own list of `k` (`floor`: -1 while the
 * list is shorter), so reverse edges that would be trimmed at once are never written.
 * A vector without a finite, non-zero component (a paper whose words the model does not
 * know) has no direction: the index refuses it, so it is left out and that paper has no
 * neighbours.
 */
export function nearestByVector(
  allRows: readonly { id: string; embedding: readonly number[] }[],
  k: number,
): Statement {
  const queryable = allRows.filter(
    (r) => r.embedding.every((x) => Number.isFinite(x)) && r.embedding.some((x) => x !== 0),
  );
  return statement(
    'ingest.nearest',
    `UNWIND $rows AS r
CALL db.index.vector.queryNodes('paper_embedding', toInteger($k), r.embedding) YIELD node, score
WITH r, node, score WHERE node.id <> r.id
WITH r, node, score, COLLECT { MATCH (node)-[s:SIMILAR_TO]->() RETURN s.score } AS scores
RETURN r.id AS id, collect({id: node.id, title: node.title, abstract: node.abstract, score: score,
  floor: CASE WHEN size(scores) < toInteger($k) - 1 THEN -1.0 ELSE reduce(m = 2.0, x IN scores | CASE WHEN x < m THEN x ELSE m END) END}) AS hits`,
    { rows: queryable, k: k + 1 },
  );
}

/**
 * Give existing papers an edge to a new paper when it now belongs in their top k, then trim
 * each touched paper back to its k best (ties by paper id, so a re-run keeps the same ones).
 */
export function addReverseSimilar(
  rows: readonly { from: string; to: string; score: number; sharedTerms: readonly string[] }[],
  k: number,
): Statement {
  return statement(
    'ingest.reverseSimilar',
    `UNWIND $rows AS r
MATCH (q:Paper {id: r.from}), (n:Paper {id: r.to})
MERGE (q)-[s:SIMILAR_TO]->(n)
SET s.score = r.score, s.sharedTerms = r.sharedTerms
WITH DISTINCT q
CALL (q) {
  MATCH (q)-[s:SIMILAR_TO]->(o)
  WITH s ORDER BY s.score DESC, o.id
  WITH collect(s) AS ss
  FOREACH (x IN ss[toInteger($k)..] | DELETE x)
}`,
    { rows, k },
  );
}

/** Only papers are IN_TOPIC of a topic, so its degree is its size (read from the node, no scan). */
export function refreshTopicSizes(version: string): Statement {
  return statement(
    'ingest.topicSizes',
    `MATCH (t:Topic {modelVersion: $version})
SET t.size = COUNT { (t)<-[:IN_TOPIC]-() }`,
    { version },
  );
}

/** Which topic each paper is in, under the current model. */
export function currentAssignments(): Statement {
  return statement(
    'ingest.assignments',
    `MATCH (m:TopicModel {current: true})
MATCH (p:Paper)-[:IN_TOPIC]->(t:Topic {modelVersion: m.version})
RETURN p.id AS paperId, t.id AS topicId, t.label AS label`,
  );
}

/** Where the current model's topics sit on the topic map (topics placed before maps had none are left out). */
export function currentTopicPositions(): Statement {
  return statement(
    'ingest.topicPositions',
    `MATCH (m:TopicModel {current: true})
MATCH (t:Topic {modelVersion: m.version}) WHERE t.x IS NOT NULL AND t.y IS NOT NULL
RETURN t.id AS id, t.x AS x, t.y AS y`,
  );
}

/**
 * The stored paper each record is, if any: same arXiv id, same DOI, or same normalised title
 * when neither side names a different arXiv id or DOI (distinct papers do share titles).
 */
export function resolvePaperIds(
  rows: readonly { key: number; id: string; arxivId: string | null; doi: string | null; titleKey: string }[],
): Statement {
  return statement(
    'ingest.resolve',
    `UNWIND $rows AS r
OPTIONAL MATCH (byId:Paper {id: r.id})
OPTIONAL MATCH (byArxiv:Paper {arxivId: r.arxivId})
OPTIONAL MATCH (byDoi:Paper {doi: r.doi})
WITH r, byId, byArxiv, byDoi
CALL (r) {
  OPTIONAL MATCH (t:Paper {titleKey: r.titleKey})
  WHERE (t.arxivId IS NULL OR r.arxivId IS NULL OR t.arxivId = r.arxivId)
    AND (t.doi IS NULL OR r.doi IS NULL OR t.doi = r.doi)
  RETURN t.id AS byTitle ORDER BY t.id LIMIT 1
}
RETURN r.key AS key, coalesce(byId.id, byArxiv.id, byDoi.id, byTitle) AS existingId`,
    { rows },
  );
}
