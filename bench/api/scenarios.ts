/**
 * The four requests of the API benchmark, each as a GraphQL query and as the best plain
 * Cypher for the same data (the floor). Inputs rotate through real ids so no two
 * consecutive requests are the same.
 */
import { luceneTextQuery } from '../../src/graph/cypher/reads.js';

export type ScenarioName = 'paper' | 'papersByTopic' | 'search' | 'recommend';

export interface Inputs {
  /** Papers with 10+ related papers and named authors. */
  readonly paperIds: readonly string[];
  readonly topicIds: readonly string[];
  readonly searches: readonly string[];
  /**
   * Papers carry `topicId` in step with IN_TOPIC (see `topicKeysConsistent`): the API then
   * reads topic pages in index order, and so does the floor.
   */
  readonly topicKeyed: boolean;
}

export interface Scenario {
  readonly name: ScenarioName;
  readonly description: string;
  readonly graphql: string;
  /** Variables of the i-th request. */
  variables(i: number): Record<string, unknown>;
  readonly cypher: string;
  /** Parameters of the i-th floor request (same data as `variables(i)`). */
  params(i: number): Record<string, unknown>;
}

export const SEARCHES = [
  'graph neural networks',
  'large language models',
  'reinforcement learning',
  'quantum error correction',
  'diffusion models',
  'galaxy formation',
  'network pruning',
  'transformer attention',
  'dark matter',
  'protein structure',
  'federated learning',
  'image segmentation',
  'robot navigation',
  'differential privacy',
  'black hole',
  'convergence rate',
  'speech recognition',
  'knowledge graph',
  'time series forecasting',
  'causal inference',
];

const at = <T>(xs: readonly T[], i: number): T => {
  const x = xs[i % xs.length];
  if (x === undefined) throw new Error('empty rotation');
  return x;
};

export function scenarios(inputs: Inputs): Scenario[] {
  const { paperIds, topicIds, searches } = inputs;
  const triple = (i: number) => [at(paperIds, 3 * i), at(paperIds, 3 * i + 1), at(paperIds, 3 * i + 2)];
  return [
    {
      name: 'paper',
      description: 'one paper with its topic, authors and related(first: 10)',
      graphql: `query Paper($id: ID!) {
  paper(id: $id) {
    id title abstract publishedAt
    topic { id label }
    authors { id name }
    related(first: 10) { score sharedTerms paper { id title } }
  }
}`,
      variables: (i) => ({ id: at(paperIds, i) }),
      cypher: `MATCH (p:Paper {id: $id})
RETURN p { .id, .title, .abstract, publishedAt: toString(p.publishedAt),
  topic: COLLECT { MATCH (p)-[:IN_TOPIC]->(t:Topic) RETURN t { .id, .label } }[0],
  authors: COLLECT { MATCH (a:Author)-[w:AUTHORED]->(p) WITH a, w ORDER BY w.position RETURN a { .id, .name } },
  related: COLLECT { MATCH (p)-[s:SIMILAR_TO]->(q:Paper) WITH q, s ORDER BY s.score DESC LIMIT 10
                     RETURN { score: s.score, sharedTerms: s.sharedTerms, paper: q { .id, .title } } }
} AS paper`,
      params: (i) => ({ id: at(paperIds, i) }),
    },
    {
      name: 'papersByTopic',
      description: 'papers(first: 20, filter: { topicId }) newest first, with totalCount and cursors',
      graphql: `query TopicPapers($topicId: ID!) {
  papers(first: 20, filter: { topicId: $topicId }) {
    totalCount
    edges { cursor node { id title publishedAt } }
    pageInfo { hasNextPage endCursor }
  }
}`,
      variables: (i) => ({ topicId: at(topicIds, i) }),
      // Every paper of the corpus is dated, so the floor needs no branch for undated ones.
      cypher: inputs.topicKeyed
        ? `MATCH (t:Topic {id: $topicId})
CALL () {
  MATCH (p:Paper) WHERE p.topicId = $topicId AND p.publishedAt IS NOT NULL
  WITH p ORDER BY p.topicId DESC, p.publishedAt DESC, p.id LIMIT 21
  RETURN collect(p { .id, .title, publishedAt: toString(p.publishedAt) }) AS rows
}
RETURN COUNT { (t)<-[:IN_TOPIC]-() } AS total, rows`
        : `MATCH (t:Topic {id: $topicId})
CALL (t) {
  MATCH (t)<-[:IN_TOPIC]-(p)
  WITH p ORDER BY p.publishedAt DESC, p.id LIMIT 21
  RETURN collect(p { .id, .title, publishedAt: toString(p.publishedAt) }) AS rows
}
RETURN COUNT { (t)<-[:IN_TOPIC]-() } AS total, rows`,
      params: (i) => ({ topicId: at(topicIds, i) }),
    },
    {
      name: 'search',
      description: 'search(query, first: 10) with totalCount and scores',
      graphql: `query Search($q: String!) {
  search(query: $q, first: 10) {
    totalCount
    edges { cursor score node { id title } }
    pageInfo { hasNextPage endCursor }
  }
}`,
      variables: (i) => ({ q: at(searches, i) }),
      cypher: `CALL () { CALL db.index.fulltext.queryNodes('paper_text', $q) YIELD node RETURN count(node) AS total }
CALL () {
  CALL db.index.fulltext.queryNodes('paper_text', $q, { limit: 11 }) YIELD node, score
  RETURN collect({ score: score, node: node { .id, .title } }) AS rows
}
RETURN total, rows`,
      params: (i) => ({ q: luceneTextQuery(at(searches, i)) }),
    },
    {
      name: 'recommend',
      description: 'recommend(paperIds: [3 papers], first: 10) with scores and shared terms',
      graphql: `query Recommend($ids: [ID!]) {
  recommend(paperIds: $ids, first: 10) { score sharedTerms paper { id title } }
}`,
      variables: (i) => ({ ids: triple(i) }),
      // The same shared terms: stored neighbour edges' terms, then common keywords.
      cypher: `MATCH (s:Paper) WHERE s.id IN $ids
WITH collect(s.embedding) AS vs, collect(s) AS inputs
WITH inputs, [i IN range(0, size(vs[0]) - 1) | reduce(acc = 0.0, v IN vs | acc + v[i])] AS query,
     COLLECT { MATCH (x:Paper)-[:HAS_KEYWORD]->(k:Keyword) WHERE x.id IN $ids RETURN DISTINCT k.term } AS inputTerms
CALL db.index.vector.queryNodes('paper_embedding', 13, query) YIELD node, score
WITH node, score, inputs, inputTerms WHERE NOT node.id IN $ids
ORDER BY score DESC LIMIT 10
WITH node, score,
  COLLECT { MATCH (node)-[e:SIMILAR_TO]-(x) WHERE x IN inputs WITH e ORDER BY e.score DESC UNWIND e.sharedTerms AS t RETURN t }
  + COLLECT { MATCH (node)-[h:HAS_KEYWORD]->(k:Keyword) WHERE k.term IN inputTerms WITH k, h ORDER BY h.weight DESC RETURN k.term } AS terms
RETURN node { .id, .title } AS paper, 2 * score - 1 AS score,
  reduce(acc = [], t IN terms | CASE WHEN t IN acc THEN acc ELSE acc + t END)[0..5] AS sharedTerms`,
      params: (i) => ({ ids: triple(i) }),
    },
  ];
}
