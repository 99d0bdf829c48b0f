import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { connectTestGraph, counts, LISTING_FILE, ingestFile, staleTopicIds, wipe } from './graph-test-kit.js';

describe('ingesting the 34-paper Daily Papers listing into Neo4j', () => {
  let db: GraphDb;
  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
  });
  afterAll(async () => db.close());

  it('writes 34 papers, topics, one IN_TOPIC each and similarity edges for every paper', async () => {
    const { outcome, collected } = await ingestFile(db, LISTING_FILE);
    expect(collected.skipped).toEqual([]);
    expect(outcome.mode).toBe('full');
    const c = await counts(db);
    expect(c.papers).toBe(34);
    expect(c.topics).toBeGreaterThanOrEqual(3);
    expect(c.inTopic).toBe(34);
    const [row] = await db.read(
      statement(
        'test.check',
        `MATCH (p:Paper)
RETURN count(p) AS papers,
       sum(CASE WHEN COUNT { (p)-[:IN_TOPIC]->(:Topic) } = 1 THEN 1 ELSE 0 END) AS oneTopic,
       sum(CASE WHEN EXISTS { (p)-[:SIMILAR_TO]->(:Paper) } THEN 1 ELSE 0 END) AS withSimilar,
       sum(CASE WHEN EXISTS { (p)-[:HAS_KEYWORD]->(:Keyword) } THEN 1 ELSE 0 END) AS withKeywords`,
      ),
    );
    expect(row).toEqual({ papers: 34, oneTopic: 34, withSimilar: 34, withKeywords: 34 });
    expect(await staleTopicIds(db)).toBe(0);
  });

  it('keeps the organisation, code links and the listing count', async () => {
    const [org] = await db.read(
      statement(
        'test.org',
        `MATCH (p:Paper)-[:AFFILIATED_WITH]->(o:Organization) RETURN o.name AS name, count(p) AS n`,
      ),
    );
    expect(org).toEqual({ name: 'Harvard University', n: 1 });
    const [code] = await db.read(
      statement(
        'test.code',
        `MATCH (:Paper)-[:HAS_CODE]->(c:CodeRepository) RETURN count(c) AS n, collect(c.url) AS urls`,
      ),
    );
    expect(code?.urls).toContain('https://github.com/minyoungkim21/niwmeta');
  });

  it('changes no count when the same file is ingested again', async () => {
    const before = await counts(db);
    const { outcome } = await ingestFile(db, LISTING_FILE);
    expect(outcome.mode).toBe('unchanged');
    expect(await counts(db)).toEqual(before);
  });

  it('changes no count when the model is rebuilt over the same papers', async () => {
    const before = await counts(db);
    const { outcome } = await ingestFile(db, LISTING_FILE, { rebuild: true });
    expect(outcome.mode).toBe('full');
    expect(await counts(db)).toEqual(before);
  });
});
