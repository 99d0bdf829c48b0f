import { statement, type Statement } from '../statement.js';
import { paperFields, topicFields } from './paper-reads.js';

// Topics and their relations; batch builders take many topic ids (one query per DataLoader batch).

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
