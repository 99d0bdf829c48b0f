import { statement, type Statement } from '../statement.js';
import { paperWith, type PaperInclude } from './paper-reads.js';

/** One `recommend` request: input papers and/or projected text. */
export interface RecommendInput {
  readonly ids: readonly string[];
  readonly textVector: readonly number[] | null;
  readonly textTerms: readonly string[];
}

/**
 * For each request: papers nearest (vector index `paper_embedding`) to the sum of the unit
 * vectors of its input papers and of its `textVector` (each input weighs the same; cosine
 * ignores the length), without the inputs. Unknown ids are skipped. Index scores are
 * (1 + cos) / 2 and come back as plain cosine. `sharedTerms` (at most 5): first the terms
 * the analysis found a hit shares with an input it is a stored neighbour of (SIMILAR_TO,
 * best edge first), then the hit's keywords that the inputs' keywords or `textTerms` share
 * (heaviest first). One row per request, in order: `request` (its index), the current model
 * version, the ids found and the recommendations, best first. Concurrent requests for the
 * same number of results share one statement.
 */
export function recommendPapers(args: {
  readonly requests: readonly RecommendInput[];
  readonly first: number;
  readonly include?: PaperInclude;
}): Statement {
  const params: Record<string, unknown> = {
    requests: args.requests.map((r, i) => ({
      i,
      ids: r.ids,
      textVector: r.textVector,
      textTerms: r.textTerms,
      k: args.first + r.ids.length,
    })),
    first: args.first,
  };
  return statement(
    'papers.recommend',
    `CALL () {
  OPTIONAL MATCH (m:TopicModel {current: true})
  RETURN m.version AS modelVersion
}
UNWIND $requests AS r
CALL (r) {
  MATCH (s:Paper) WHERE s.id IN r.ids AND s.embedding IS NOT NULL
  RETURN collect(s.id) AS found, collect(s.embedding) AS vectors, collect(s) AS sources
}
WITH r, modelVersion, found, vectors, sources,
     r.textTerms + COLLECT { UNWIND sources AS s MATCH (s)-[:HAS_KEYWORD]->(k:Keyword) RETURN DISTINCT k.term } AS inputTerms
CALL (r, vectors, sources, inputTerms) {
  WITH r, sources, inputTerms, CASE WHEN r.textVector IS NULL THEN vectors ELSE vectors + [r.textVector] END AS inputs
  WHERE size(inputs) > 0
  WITH r, sources, inputTerms, [i IN range(0, size(inputs[0]) - 1) | reduce(acc = 0.0, v IN inputs | acc + v[i])] AS query
  CALL db.index.vector.queryNodes('paper_embedding', toInteger(r.k), query) YIELD node AS p, score
  WITH sources, inputTerms, p, score WHERE NOT p.id IN r.ids
  ORDER BY score DESC, p.id
  LIMIT toInteger($first)
  WITH p, score,
       COLLECT {
         // Input nodes compared by identity: no property read per neighbour.
         MATCH (p)-[e:SIMILAR_TO]-(s) WHERE s IN sources
         WITH e ORDER BY e.score DESC UNWIND e.sharedTerms AS t RETURN t
       } + COLLECT {
         MATCH (p)-[h:HAS_KEYWORD]->(k:Keyword) WHERE k.term IN inputTerms
         WITH k, h ORDER BY h.weight DESC, k.term RETURN k.term
       } AS terms
  WITH ${paperWith('p', args.include, params)} AS paper, 2 * score - 1 AS cosine,
       reduce(acc = [], t IN terms | CASE WHEN t IN acc THEN acc ELSE acc + t END)[0..5] AS sharedTerms
  RETURN collect({ paper: paper, score: CASE WHEN cosine < 0 THEN 0.0 ELSE cosine END, sharedTerms: sharedTerms }) AS recommendations
}
RETURN r.i AS request, modelVersion, found, recommendations`,
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
