import { statement, type Statement } from '../statement.js';
import { paperWith, type PaperInclude } from './paper-reads.js';

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
  RETURN collect(s.id) AS found, collect(s.embedding) AS vectors, collect(s) AS sources
}
WITH modelVersion, found, vectors, sources,
     $textTerms + COLLECT { UNWIND sources AS s MATCH (s)-[:HAS_KEYWORD]->(k:Keyword) RETURN DISTINCT k.term } AS inputTerms
CALL (vectors, sources, inputTerms) {
  WITH sources, inputTerms, CASE WHEN $textVector IS NULL THEN vectors ELSE vectors + [$textVector] END AS inputs
  WHERE size(inputs) > 0
  WITH sources, inputTerms, [i IN range(0, size(inputs[0]) - 1) | reduce(acc = 0.0, v IN inputs | acc + v[i])] AS query
  CALL db.index.vector.queryNodes('paper_embedding', toInteger($k), query) YIELD node AS p, score
  WITH sources, inputTerms, p, score WHERE NOT p.id IN $ids
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
