import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import {
  connectTestGraph,
  counts,
  LISTING_FILE,
  ingestFile,
  REPO,
  staleTopicIds,
  wipe,
} from './graph-test-kit.js';

const HF_40 = path.join(REPO, 'test/integration/fixtures/hf-archive-40.jsonl');
const OVERLAP_3 = path.join(REPO, 'test/integration/fixtures/overlap-3.jsonl');

async function topicIds(db: GraphDb): Promise<string[]> {
  const rows = await db.read(statement('test.topicIds', 'MATCH (t:Topic) RETURN t.id AS id ORDER BY id'));
  return rows.map((r) => r.id as string);
}

describe('incremental ingestion into an existing graph', () => {
  let db: GraphDb;
  let demoTopics: string[];

  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    await ingestFile(db, LISTING_FILE);
    demoTopics = await topicIds(db);
  });
  afterAll(async () => db.close());

  it('projects a new batch with the saved model: existing topic ids stay, every new paper is linked', async () => {
    // 40 papers next to 34 would be rebuilt over; with refresh off they are placed.
    const { outcome } = await ingestFile(db, HF_40, { refresh: false });
    expect(outcome.refresh.action).toBe('place');
    expect(outcome.mode).toBe('incremental');
    expect(outcome.written).toBe(40);
    expect(await topicIds(db)).toEqual(demoTopics);
    const [row] = await db.read(
      statement(
        'test.incremental',
        `MATCH (p:Paper)
RETURN count(p) AS papers,
  sum(CASE WHEN COUNT { (p)-[:IN_TOPIC]->() } = 1 THEN 1 ELSE 0 END) AS oneTopic,
  sum(CASE WHEN EXISTS { (p)-[:SIMILAR_TO]->() } THEN 1 ELSE 0 END) AS linked,
  max(COUNT { (p)-[:SIMILAR_TO]->() }) AS maxOut`,
      ),
    );
    expect(row).toEqual({ papers: 74, oneTopic: 74, linked: 74, maxOut: 10 });
    expect(await staleTopicIds(db)).toBe(0);
    // Topic sizes follow their members.
    const sizes = await db.read(
      statement(
        'test.sizes',
        'MATCH (t:Topic) RETURN t.size AS size, COUNT { (t)<-[:IN_TOPIC]-() } AS members',
      ),
    );
    for (const s of sizes) expect(s.size).toBe(s.members);
  });

  it('gives older papers an edge to a new paper when it now belongs in their top 10', async () => {
    const [row] = await db.read(
      statement(
        'test.reverse',
        `MATCH (old:Paper {source: 'hf-listing'})-[:SIMILAR_TO]->(n:Paper {source: 'hf-json'}) RETURN count(*) AS n`,
      ),
    );
    expect(row?.n).toBeGreaterThan(0);
  });

  it('writes named authors in author order', async () => {
    const rows = await db.read(
      statement(
        'test.authors',
        `MATCH (a:Author)-[w:AUTHORED]->(p:Paper {id: '2601.13097'}) RETURN a.name AS name, w.position AS position ORDER BY position`,
      ),
    );
    expect(rows.length).toBeGreaterThan(1);
    expect(rows.map((r) => r.position)).toEqual(rows.map((_, i) => i + 1));
  });

  it('changes nothing when the same batch comes again', async () => {
    const before = await counts(db);
    const { outcome } = await ingestFile(db, HF_40);
    expect(outcome.mode).toBe('unchanged');
    expect(await counts(db)).toEqual(before);
  });

  it('merges the same papers from another source into the existing nodes', async () => {
    const before = await counts(db);
    const { outcome } = await ingestFile(db, OVERLAP_3);
    expect(outcome.unchanged).toBe(3);
    const after = await counts(db);
    expect(after.papers).toBe(before.papers);
    const rows = await db.read(
      statement(
        'test.sources',
        `MATCH (p:Paper) WHERE size(p.sources) > 1 RETURN p.id AS id, p.sources AS sources, p.categories AS categories ORDER BY id`,
      ),
    );
    expect(rows).toHaveLength(3);
    for (const r of rows) {
      expect(r.sources).toEqual(['hf-json', 'jsonl']);
      expect(r.categories).toEqual(['cs.CL', 'cs.AI']);
    }
  });

  it('rebuilds a new model over all papers on request, every paper still in exactly one topic', async () => {
    const { outcome } = await ingestFile(db, LISTING_FILE, { rebuild: true });
    expect(outcome.mode).toBe('full');
    const [row] = await db.read(
      statement(
        'test.rebuilt',
        `MATCH (p:Paper) RETURN count(p) AS papers, sum(CASE WHEN COUNT { (p)-[:IN_TOPIC]->() } = 1 THEN 1 ELSE 0 END) AS oneTopic`,
      ),
    );
    expect(row).toEqual({ papers: 74, oneTopic: 74 });
    expect(await staleTopicIds(db)).toBe(0);
    const [models] = await db.read(
      statement(
        'test.models',
        'MATCH (m:TopicModel) RETURN count(m) AS all, sum(CASE WHEN m.current THEN 1 ELSE 0 END) AS current',
      ),
    );
    expect(models).toEqual({ all: 2, current: 1 });
    expect(await topicIds(db)).not.toEqual(demoTopics);
  });
});
