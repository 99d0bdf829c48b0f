import { statement, type Statement } from '../statement.js';

/**
 * The real ids the Neo4j Browser guide is written with: the current model, its largest topic,
 * that topic's closest neighbour, its most central paper that has related papers, the author
 * with the most co-authors and the pair of topics most authors write in. One row; every
 * choice is ordered to the last tie (ids), so the same graph always gives the same guide.
 * No row when the graph has no current model.
 */
export function guideSample(): Statement {
  return statement(
    'guide.sample',
    `MATCH (m:TopicModel {current: true})
WITH m ORDER BY m.createdAt DESC, m.version LIMIT 1
CALL (m) {
  MATCH (t:Topic {modelVersion: m.version})
  RETURN t ORDER BY t.size DESC, t.id LIMIT 1
}
CALL (t) {
  OPTIONAL MATCH (t)-[r:RELATED_TOPIC]-(u:Topic)
  RETURN u ORDER BY r.score DESC, u.id LIMIT 1
}
CALL (t) {
  OPTIONAL MATCH (t)<-[r:IN_TOPIC]-(p:Paper) WHERE EXISTS { (p)-[:SIMILAR_TO]->(:Paper) }
  RETURN p ORDER BY r.score DESC, p.id LIMIT 1
}
CALL () {
  OPTIONAL MATCH (a:Author)-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(c:Author) WHERE c <> a
  WITH a, count(DISTINCT c) AS coauthors ORDER BY coauthors DESC, a.id LIMIT 1
  RETURN a, coauthors
}
CALL (m) {
  OPTIONAL MATCH (t1:Topic {modelVersion: m.version})<-[:IN_TOPIC]-(:Paper)<-[:AUTHORED]-(b:Author)
        -[:AUTHORED]->(:Paper)-[:IN_TOPIC]->(t2:Topic {modelVersion: m.version})
  WHERE t1.id < t2.id
  WITH t1, t2, count(DISTINCT b) AS bridges ORDER BY bridges DESC, t1.id, t2.id LIMIT 1
  RETURN t1, t2, bridges
}
CALL (m) {
  OPTIONAL MATCH (m)-[:SUCCEEDS]->(chained:TopicModel)
  OPTIONAL MATCH (older:TopicModel) WHERE older.version <> m.version AND older.createdAt < m.createdAt
  WITH chained, older ORDER BY older.createdAt DESC LIMIT 1
  RETURN coalesce(chained, older) AS previous
}
RETURN m.version AS modelVersion, m.k AS k,
  COUNT { (:Paper) } AS papers,
  t {.id, .label, .terms, .size} AS topic,
  u {.id, .label} AS neighbour,
  p {.id, .title} AS paper,
  CASE WHEN coauthors > 0 THEN a {.id, .name} END AS author,
  CASE WHEN bridges > 0 THEN {from: t1 {.id, .label}, to: t2 {.id, .label}, authors: bridges} END AS bridge,
  previous.version AS previousVersion`,
  );
}
