import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { createIngestStore } from '../../src/graph/stores/ingest.store.js';
import { aPaperNodeRow } from '../builders/graph-rows.js';
import { connectTestGraph, counts, SCHEMA_DIR, wipe } from './graph-test-kit.js';

const ada = { id: 'ada-lovelace', name: 'Ada Lovelace' };
const alan = { id: 'alan-turing', name: 'Alan Turing' };
const grace = { id: 'grace-hopper', name: 'Grace Hopper' };

/** Each paper's authors in position order, and the facts hanging off it. */
async function facts(db: GraphDb) {
  return db.read(
    statement(
      'test.sourceFacts',
      `MATCH (p:Paper)
RETURN p.id AS id,
  COLLECT { MATCH (a:Author)-[w:AUTHORED]->(p) RETURN [w.position, a.id, a.name] ORDER BY w.position } AS authors,
  COLLECT { MATCH (p)-[c:IN_CATEGORY]->(k) RETURN [k.code, c.primary] ORDER BY k.code } AS categories,
  COLLECT { MATCH (p)-[:AFFILIATED_WITH]->(o) RETURN o.name ORDER BY o.name } AS organizations,
  COLLECT { MATCH (p)-[:HAS_CODE]->(c) RETURN c.url } AS code
ORDER BY id`,
    ),
  );
}

describe('source facts of a batch, written in one statement', () => {
  let db: GraphDb;
  const store = () => createIngestStore({ db, schemaDir: SCHEMA_DIR });

  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    await store().ensureSchema(undefined, { indexes: false });
  });
  afterAll(async () => db.close());

  const batch = [
    aPaperNodeRow({
      id: 'p1',
      authors: [alan, ada],
      categories: ['cs.LG', 'cs.AI'],
      organizations: ['Analytical Engines Ltd'],
      codeUrls: ['https://github.com/example/p1'],
    }),
    aPaperNodeRow({ id: 'p2', authors: [grace, alan, ada], categories: ['cs.AI'] }),
    aPaperNodeRow({ id: 'p3' }),
  ];
  const expected = [
    {
      id: 'p1',
      authors: [
        [1, alan.id, alan.name],
        [2, ada.id, ada.name],
      ],
      categories: [
        ['cs.AI', false],
        ['cs.LG', true],
      ],
      organizations: ['Analytical Engines Ltd'],
      code: ['https://github.com/example/p1'],
    },
    {
      id: 'p2',
      authors: [
        [1, grace.id, grace.name],
        [2, alan.id, alan.name],
        [3, ada.id, ada.name],
      ],
      categories: [['cs.AI', true]],
      organizations: [],
      code: [],
    },
    { id: 'p3', authors: [], categories: [], organizations: [], code: [] },
  ];

  /** Every paper's node id, as Neo4j has it. */
  async function nodeIds(): Promise<Map<string, number>> {
    const rows = await db.read(statement('test.nodeIds', 'MATCH (p:Paper) RETURN p.id AS id, id(p) AS node'));
    return new Map(rows.map((r) => [r.id as string, r.node as number]));
  }

  it('creates new papers with each author at their position, shared authors as one node', async () => {
    const nodes = await store().writeSourceFacts(batch, true);
    expect(await facts(db)).toEqual(expected);
    expect(nodes).toEqual(await nodeIds());
    const [authors] = await db.read(statement('test.authors', 'MATCH (a:Author) RETURN count(a) AS n'));
    expect(authors?.n).toBe(3);
  });

  it('merges the same facts from another source into the stored papers without duplicating any', async () => {
    const before = await counts(db);
    expect(await store().writeSourceFacts(batch, false)).toEqual(await nodeIds());
    expect(await counts(db)).toEqual(before);
    expect(await facts(db)).toEqual(expected);
  });

  it('adds a stored paper’s new author and category, keeping existing positions', async () => {
    await store().writeSourceFacts(
      [aPaperNodeRow({ id: 'p3', authors: [ada, grace], categories: ['math.ST'] })],
      false,
    );
    const p3 = (await facts(db)).find((r) => r.id === 'p3');
    expect(p3).toEqual({
      id: 'p3',
      authors: [
        [1, ada.id, ada.name],
        [2, grace.id, grace.name],
      ],
      categories: [['math.ST', true]],
      organizations: [],
      code: [],
    });
  });

  it('writes similar edges by node id where every end has one, by paper id otherwise', async () => {
    const nodes = await nodeIds();
    const edge = (id: string, score: number) => ({ id, score, sharedTerms: ['graph', 'node'] });
    await store().writeSimilar(
      [
        { id: 'p1', neighbors: [edge('p2', 0.9), edge('p3', 0.8)] },
        { id: 'p2', neighbors: [edge('p1', 0.9)] },
      ],
      true,
      true,
      new Map([...nodes].filter(([id]) => id !== 'p3')), // p1's list goes by paper id
    );
    const edges = await db.read(
      statement(
        'test.similar',
        `MATCH (p:Paper)-[s:SIMILAR_TO]->(q:Paper)
RETURN p.id AS from, q.id AS to, s.score AS score, s.sharedTerms AS sharedTerms, p.linked AS linked
ORDER BY from, to`,
      ),
    );
    expect(edges).toEqual([
      { from: 'p1', to: 'p2', score: 0.9, sharedTerms: ['graph', 'node'], linked: true },
      { from: 'p1', to: 'p3', score: 0.8, sharedTerms: ['graph', 'node'], linked: true },
      { from: 'p2', to: 'p1', score: 0.9, sharedTerms: ['graph', 'node'], linked: true },
    ]);
  });

  it('writes new papers’ keywords with each shared term as one node', async () => {
    const analysed = (id: string, keywords: { term: string; weight: number }[]) => ({
      id,
      topicId: 't',
      topicScore: 1,
      embedding: [1],
      keywords,
    });
    await store().writeKeywords([
      analysed('p1', [
        { term: 'graph', weight: 0.7 },
        { term: 'node', weight: 0.2 },
      ]),
      analysed('p2', [{ term: 'graph', weight: 0.4 }]),
      analysed('p3', []),
    ]);
    const rows = await db.read(
      statement(
        'test.keywords',
        `MATCH (p:Paper)-[h:HAS_KEYWORD]->(k:Keyword)
RETURN p.id AS id, k.term AS term, h.weight AS weight ORDER BY id, term`,
      ),
    );
    expect(rows).toEqual([
      { id: 'p1', term: 'graph', weight: 0.7 },
      { id: 'p1', term: 'node', weight: 0.2 },
      { id: 'p2', term: 'graph', weight: 0.4 },
    ]);
    const [keywords] = await db.read(
      statement('test.keywordCount', 'MATCH (k:Keyword) RETURN count(k) AS n'),
    );
    expect(keywords?.n).toBe(2);
  });
});
