import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as reads from '../../../src/graph/cypher/reads.js';
import * as writes from '../../../src/graph/cypher/writes.js';
import {
  indexConfigOf,
  indexCreatedBy,
  loadSchemaStatements,
  schemaIndexNames,
  splitCypher,
} from '../../../src/graph/schema-setup.js';
import { aPaperNodeRow } from '../../builders/graph-rows.js';

describe('Cypher builders', () => {
  it('builds the papers page with filters as parameters, never as text', () => {
    const s = reads.papersPage({
      filter: { topicId: "t' OR 1=1", category: 'cs.CL', publishedAfter: '2025-01-01' },
      order: 'PUBLISHED_DESC',
      limit: 20,
      after: { value: '2025-05-01', id: 'x' },
      count: true,
    });
    expect(s.text).not.toContain("t' OR 1=1");
    expect(s.params).toMatchObject({
      topicId: "t' OR 1=1",
      category: 'cs.CL',
      limit: 21,
      afterValue: '2025-05-01',
      afterId: 'x',
    });
    expect(s.text).toMatchSnapshot();
  });

  it('orders every page deterministically with the id as tie-breaker', () => {
    for (const order of ['PUBLISHED_DESC', 'PUBLISHED_ASC', 'UPVOTES_DESC', 'TITLE_ASC'] as const) {
      const s = reads.papersPage({ filter: {}, order, limit: 5, count: false });
      expect(s.text).toMatch(/ORDER BY sortKey (ASC|DESC), p\.id ASC/);
      expect(s.text).toContain('LIMIT toInteger($limit)');
    }
  });

  it('counts only when asked', () => {
    expect(reads.papersPage({ filter: {}, order: 'TITLE_ASC', limit: 5, count: false }).text).toContain(
      'WITH -1 AS total',
    );
    expect(reads.papersPage({ filter: {}, order: 'TITLE_ASC', limit: 5, count: true }).text).toContain(
      'count(p) AS total',
    );
  });

  it('fetches the included relations of papers in the same query, with arguments as parameters', () => {
    const include = {
      topic: true,
      authors: true,
      organization: true,
      codeRepositories: true,
      related: [
        { first: 3, minScore: 0.2 },
        { first: 10, minScore: 0 },
      ],
      keywords: [5],
    };
    const s = reads.papersByIds(['a', 'b'], include);
    expect(s.params).toMatchObject({
      ids: ['a', 'b'],
      incRelated0First: 3,
      incRelated0MinScore: 0.2,
      incRelated1First: 10,
      incKeywords0First: 5,
    });
    for (const key of [
      '_topic',
      '_authors',
      '_organization',
      '_code',
      '_related0',
      '_related1',
      '_keywords0',
    ]) {
      expect(s.text).toContain(`${key}: COLLECT {`);
    }
    expect(s.text).toMatchSnapshot();
    expect(reads.papersByIds(['a']).text).not.toContain('COLLECT');
  });

  it('pages the papers of many parents in one query', () => {
    const s = reads.papersPageByParent('author', ['x', 'y'], {
      filter: {},
      order: 'PUBLISHED_DESC',
      limit: 3,
      count: true,
      include: { topic: true },
    });
    expect(s.text.startsWith('UNWIND $parentIds AS parentId')).toBe(true);
    expect(s.text).toContain('MATCH (:Author {id: parentId})-[:AUTHORED]->(p)');
    expect(s.params).toMatchObject({ parentIds: ['x', 'y'], limit: 4 });
    expect(s.text).toMatchSnapshot();
  });

  it('searches with prepared Lucene queries passed as a parameter, one row per query', () => {
    const s = reads.searchPapers(['+"graph"', '+"x"'], 20, 10, true);
    expect(s.params).toEqual({ queries: ['+"graph"', '+"x"'], skip: 20, limit: 11 });
    expect(s.text.startsWith('UNWIND $queries AS query')).toBe(true);
    expect(s.text).not.toContain('graph"');
    expect(s.text).toMatchSnapshot();
  });

  it('recommends by the vector index over the summed input vectors, excluding the inputs', () => {
    const s = reads.recommendPapers({
      requests: [
        { ids: ['a', 'b'], textVector: [0.5, 0.5], textTerms: ['graph'] },
        { ids: [], textVector: [1, 0], textTerms: [] },
      ],
      first: 5,
    });
    expect(s.text).toContain("db.index.vector.queryNodes('paper_embedding'");
    expect(s.text).toContain('NOT p.id IN r.ids');
    expect(s.text).toContain('2 * score - 1');
    expect(s.params).toMatchObject({
      requests: [
        { i: 0, ids: ['a', 'b'], textVector: [0.5, 0.5], textTerms: ['graph'], k: 7 },
        { i: 1, ids: [], textVector: [1, 0], textTerms: [], k: 5 },
      ],
      first: 5,
    });
    expect(s.text).toMatchSnapshot();
  });

  it('batches topic and author relations by id', () => {
    for (const s of [
      reads.representativePapers(['t'], 3),
      reads.relatedTopics(['t'], 5),
      reads.topicTimelines(['t']),
      reads.coauthors(['a'], 20),
      reads.topicsOfAuthors(['a']),
    ]) {
      expect(s.text).toMatch(/WHERE [ta]\.id IN \$ids/);
      expect(s.text).toMatchSnapshot(s.name);
    }
  });
});

/** A Lucene query made only of required quoted phrases whose quotes and backslashes are escaped. */
const ONLY_PHRASES = /^\+"(?:[^"\\]|\\.)*"(?: \+"(?:[^"\\]|\\.)*")*$/u;

describe('luceneTextQuery', () => {
  it('turns any text into required phrases: no operator, wildcard or bracket survives as syntax', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        const q = reads.luceneTextQuery(text);
        if (q === null) expect(text.match(/[\p{L}\p{N}]/u)).toBeNull();
        else expect(q).toMatch(ONLY_PHRASES);
      }),
    );
  });

  it('escapes the hostile cases users actually type', () => {
    expect(reads.luceneTextQuery('say "hi')).toBe('+"say" +"\\"hi"');
    expect(reads.luceneTextQuery('a\\ b\\')).toBe('+"a\\\\" +"b\\\\"');
    expect(reads.luceneTextQuery('graph AND title:x* OR (y~2)')).toBe(
      '+"graph" +"AND" +"title:x*" +"OR" +"(y~2)"',
    );
    expect(reads.luceneTextQuery('* ~ : ( [ \\ "')).toBeNull();
    expect(reads.luceneTextQuery('   ')).toBeNull();
  });

  it('caps the number of words', () => {
    const q = reads.luceneTextQuery(Array.from({ length: 500 }, (_, i) => `w${i}`).join(' '));
    expect(q?.split(' ')).toHaveLength(reads.MAX_QUERY_WORDS);
  });
});

describe('luceneNamePrefixQuery', () => {
  it('keeps only runs of letters and digits, each a required prefix', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 100 }), (text) => {
        const q = reads.luceneNamePrefixQuery(text);
        if (q !== null) expect(q).toMatch(/^\+[\p{L}\p{N}]+\*(?: \+[\p{L}\p{N}]+\*)*$/u);
      }),
    );
    expect(reads.luceneNamePrefixQuery('Vasw, Ash')).toBe('+vasw* +ash*');
    expect(reads.luceneNamePrefixQuery('*:"(')).toBeNull();
  });
});

describe('Cypher builders', () => {
  it('writes a batch of papers with its authors, organisations, code and categories in one statement', () => {
    const rows = [aPaperNodeRow({ authors: [{ id: 'a-b', name: 'A B' }], organizations: ['Org'] })];
    for (const fresh of [false, true]) {
      const s = writes.sourceFacts(rows, fresh);
      expect(s.text).toMatch(/^UNWIND range\(0, size\(\$authors\) - 1\) AS j\nMERGE \(au:Author \{id: /);
      expect(s.text).toMatchSnapshot(s.name);
    }
  });

  it('sends each author of a batch once, papers naming theirs by position in that list', () => {
    const [x, y, z] = ['x', 'y', 'z'].map((id) => ({ id, name: id.toUpperCase() }));
    const s = writes.sourceFacts(
      [
        aPaperNodeRow({ id: 'a', authors: [y!, x!] }),
        aPaperNodeRow({ id: 'b' }),
        aPaperNodeRow({ id: 'c', authors: [z!, y!] }),
      ],
      true,
    );
    expect(s.params.authors).toEqual([y, x, z]);
    expect((s.params.rows as { id: string; authors: number[] }[]).map((r) => [r.id, r.authors])).toEqual([
      ['a', [0, 1]],
      ['b', []],
      ['c', [2, 0]],
    ]);
  });

  it('replaces derived relationships instead of adding to them', () => {
    expect(writes.writeSimilar([]).text).toContain('DELETE old');
    expect(writes.writePaperAnalysis([]).text).toContain('DELETE old');
  });

  it('creates the relationships of papers new in this run without looking for old ones', () => {
    const rows = [aPaperNodeRow({ authors: [{ id: 'a-b', name: 'A B' }], categories: ['cs.CL'] })];
    const fresh = writes.sourceFacts(rows, true).text;
    // The paper merges (a retried run finds it); its relationships are created.
    expect(fresh).toContain(
      '\nMERGE (p:Paper {id: r.id})\nWITH p, r, authors, p.titleKey IS NULL AS created',
    );
    for (const shared of ['au:Author', 'o:Organization', 'c:CodeRepository', 'c:Category'])
      expect(fresh).toContain(`MERGE (${shared} {`); // shared nodes still merge on their key
    expect(fresh).not.toMatch(/MERGE \([a-z]+\)-\[/); // relationships do not
    expect(writes.sourceFacts(rows, false).text).toContain('\nMERGE (p:Paper {id: r.id})');
    expect(writes.writeSimilar([], true).text).not.toContain('DELETE');
    expect(writes.writePaperAnalysis([], true).text).not.toContain('DELETE');
    expect(writes.writeFirstTopics([]).text).not.toContain('DELETE');
    expect(writes.writeFirstKeywords([]).text).not.toContain('DELETE');
  });

  it('sends neighbour and keyword lists as parallel columns, in order', () => {
    const similar = writes.writeSimilar([
      {
        id: 'p',
        neighbors: [
          { id: 'q', score: 0.9, sharedTerms: ['graph', 'node'] },
          { id: 'r', score: 0.5, sharedTerms: [] },
        ],
      },
      { id: 's', neighbors: [] },
    ]);
    expect(similar.params.rows).toEqual([
      { id: 'p', ids: ['q', 'r'], scores: [0.9, 0.5], sharedTerms: [['graph', 'node'], []] },
      { id: 's', ids: [], scores: [], sharedTerms: [] },
    ]);
    expect(similar.text).toContain('UNWIND range(0, size(r.ids) - 1) AS i');
    const analysis = {
      id: 'p',
      topicId: 't',
      topicScore: 0.8,
      embedding: [0.1, 0.2],
      keywords: [
        { term: 'graph', weight: 0.7 },
        { term: 'node', weight: 0.2 },
      ],
    };
    const keywords = writes.writeFirstKeywords([
      analysis,
      { ...analysis, id: 'e', keywords: [] },
      {
        ...analysis,
        id: 'q',
        keywords: [
          { term: 'tree', weight: 0.6 },
          { term: 'graph', weight: 0.5 },
        ],
      },
    ]);
    // Each distinct term once; papers name theirs by position.
    expect(keywords.params).toEqual({
      terms: ['graph', 'node', 'tree'],
      rows: [
        { id: 'p', terms: [0, 1], weights: [0.7, 0.2] },
        { id: 'q', terms: [2, 0], weights: [0.6, 0.5] },
      ],
    });
    expect(writes.writePaperAnalysis([analysis]).params.rows).toEqual([
      {
        id: 'p',
        topicId: 't',
        topicScore: 0.8,
        embedding: [0.1, 0.2],
        terms: ['graph', 'node'],
        weights: [0.7, 0.2],
      },
    ]);
  });

  it('names papers by node id in the similar edges of papers written in this run', () => {
    const nodes = new Map([
      ['p', 7],
      ['q', 3],
      ['r', 12],
    ]);
    const rows = [
      {
        id: 'p',
        neighbors: [
          { id: 'q', score: 0.9, sharedTerms: ['graph'] },
          { id: 'r', score: 0.5, sharedTerms: [] },
        ],
      },
    ];
    const s = writes.writeSimilarByNode(rows, nodes);
    expect(s.params.rows).toEqual([
      { node: 7, targets: [3, 12], scores: [0.9, 0.5], sharedTerms: [['graph'], []] },
    ]);
    expect(s.text).toContain('MATCH (q) WHERE id(q) = r.targets[i]');
    expect(s.text).toContain('SET p.linked = true');
    expect(writes.writeSimilarByNode(rows, nodes, false).text).not.toContain('linked');
    expect(() => writes.writeSimilarByNode(rows, new Map([['p', 7]]))).toThrow(/no node id for paper q/);
  });

  it('skips, in writes that CREATE, the rows a committed run of the same statement wrote', () => {
    const fresh = writes.sourceFacts([aPaperNodeRow()], true).text;
    expect(fresh.match(/WITH \* WHERE created/g)).toHaveLength(5); // properties, authors, orgs, code, categories
    for (const s of [writes.writeFirstTopics([]), writes.writePaperAnalysis([], true)])
      expect(s.text).toContain('WITH * WHERE p.topicId IS NULL\nCREATE (p)-[:IN_TOPIC');
    expect(writes.writeFirstKeywords([]).text).toContain('WHERE NOT (p)-[:HAS_KEYWORD]->(first)');
    // A list's last part: not linked yet; an earlier part: its first edge is not there.
    expect(writes.writeSimilar([], true, true).text).toContain(
      'WITH * WHERE NOT coalesce(p.linked, false)\nSET p.linked = true',
    );
    expect(writes.writeSimilar([], true, false).text).toContain(
      'NOT EXISTS { MATCH (p)-[:SIMILAR_TO]->(:Paper {id: r.ids[0]}) }',
    );
    expect(writes.writeSimilarByNode([], new Map(), false).text).toContain(
      'NOT EXISTS { MATCH (p)-[:SIMILAR_TO]->(q0) WHERE id(q0) = r.targets[0] }',
    );
    // The derived writes that replace need no guard: they delete what they write again.
    expect(writes.writeSimilar([]).text).not.toContain('WITH * WHERE');
  });

  it('counts a batch of placed papers once per model, however often its write runs', () => {
    const t = { papers: 2, terms: 10, unknownTerms: 1, fitSum: 1.5 };
    const a = writes.tallyPlaced('tm-1', t, ['b', 'a']);
    expect(a.params.batch).toBe(writes.tallyPlaced('tm-1', t, ['a', 'b']).params.batch);
    expect(a.params.batch).not.toBe(writes.tallyPlaced('tm-1', t, ['a', 'c']).params.batch);
    expect(a.text).toContain('WHERE NOT $batch IN coalesce(m.tallied, [])');
  });

  it('marks a similar list complete only with its last part', () => {
    expect(writes.writeSimilar([], true, false).text).not.toContain('linked');
    expect(writes.writeSimilar([], true, true).text).toContain('SET p.linked = true');
  });

  it('writes the topic id onto the paper together with its IN_TOPIC', () => {
    for (const text of [
      writes.writePaperAnalysis([]).text,
      writes.writePaperAnalysis([], true).text,
      writes.writeFirstTopics([]).text,
    ])
      expect(text).toMatch(/CREATE \(p\)-\[:IN_TOPIC [^\n]*\]->\(t\)\nSET [^\n]*p\.topicId = t\.id/);
  });
});

describe('schema indexes', () => {
  it('tells indexes from constraints', () => {
    expect(
      indexCreatedBy('CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE'),
    ).toBe(null);
    expect(indexCreatedBy('CREATE INDEX paper_doi IF NOT EXISTS FOR (p:Paper) ON (p.doi)')).toBe('paper_doi');
    expect(
      indexCreatedBy('CREATE FULLTEXT INDEX paper_text IF NOT EXISTS FOR (p:Paper) ON EACH [p.title]'),
    ).toBe('paper_text');
    expect(indexCreatedBy('\nCREATE VECTOR INDEX paper_embedding IF NOT EXISTS FOR (p:Paper) ON (p.e)')).toBe(
      'paper_embedding',
    );
  });

  it("lists the schema files' indexes, the vector index included, and no constraint", async () => {
    const names = await schemaIndexNames(path.resolve(import.meta.dirname, '../../../schema/neo4j'));
    expect(names).toEqual(expect.arrayContaining(['paper_text', 'paper_embedding', 'paper_published_at']));
    expect(names).not.toContain('paper_id');
  });

  it("reads an index's settings as Neo4j reports them", async () => {
    const schema = await loadSchemaStatements(
      path.resolve(import.meta.dirname, '../../../schema/neo4j'),
      100,
    );
    const vector = schema.find((s) => indexCreatedBy(s.text) === 'paper_embedding');
    expect(indexConfigOf(vector?.text ?? '')).toEqual({
      'vector.dimensions': 100,
      'vector.similarity_function': 'COSINE',
      'vector.quantization.enabled': false,
      'vector.hnsw.m': 16,
      'vector.hnsw.ef_construction': 50,
    });
    expect(indexConfigOf('CREATE INDEX paper_doi IF NOT EXISTS FOR (p:Paper) ON (p.doi)')).toEqual({});
  });
});

describe('splitCypher', () => {
  it('splits on statement-ending semicolons and drops comment lines', () => {
    const src = `// comment\nCREATE CONSTRAINT a IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE;\n\n// x\nCREATE INDEX b IF NOT EXISTS\nFOR (p:Paper) ON (p.t);\n`;
    expect(splitCypher(src)).toEqual([
      'CREATE CONSTRAINT a IF NOT EXISTS FOR (p:Paper) REQUIRE p.id IS UNIQUE',
      'CREATE INDEX b IF NOT EXISTS\nFOR (p:Paper) ON (p.t)',
    ]);
  });
});
