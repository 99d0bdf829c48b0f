import { statement, type Statement } from '../statement.js';

/**
 * Read queries of the API, built by pure functions, one file per concern (papers, search,
 * recommendations, topics, authors); this module gathers them for the stores. User values
 * only ever travel as parameters; labels, relationship types and index names are constants.
 */
export * from './paper-reads.js';
export * from './search-reads.js';
export * from './recommend-reads.js';
export * from './topic-reads.js';
export * from './author-reads.js';

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

/**
 * Topic models that became current at some time, newest first (a model saved by a rebuild
 * that never finished is left out).
 */
export function topicModels(first: number): Statement {
  return statement(
    'models.chain',
    `MATCH (m:TopicModel) WHERE m.current OR m.activatedAt IS NOT NULL
RETURN m.version AS version, m.current AS current, toString(m.createdAt) AS createdAt,
       toString(m.activatedAt) AS activatedAt, m.k AS k, m.paperCount AS paperCount, m.reason AS reason,
       m.previous AS previous, m.moves AS moves
ORDER BY m.current DESC, coalesce(m.activatedAt, m.createdAt) DESC
LIMIT toInteger($first)`,
    { first },
  );
}
