import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaperOrder, PapersPageQuery } from '../../src/graph/cypher/reads.js';
import type { GraphDb } from '../../src/graph/db.js';
import { statement, type Statement } from '../../src/graph/statement.js';
import { createPaperStore, type PaperPage } from '../../src/graph/stores/paper.store.js';
import { connectTestGraph, LISTING_FILE, ingestFile, wipe } from './graph-test-kit.js';

/** A db that remembers the text of every read. */
function recording(db: GraphDb): { db: Pick<GraphDb, 'read'>; texts: string[] } {
  const texts: string[] = [];
  return {
    texts,
    db: {
      read: (s: Statement) => {
        texts.push(s.text);
        return db.read(s);
      },
    },
  };
}

const ORDERS: PaperOrder[] = ['PUBLISHED_DESC', 'PUBLISHED_ASC'];
const usesTopicIndex = (text: string) => text.includes('p.topicId =');

/** Every page of a topic's papers, `limit` at a time, as `id@sortKey`. */
async function walk(
  page: (q: PapersPageQuery) => Promise<PaperPage>,
  topicId: string,
  order: PaperOrder,
  limit: number,
): Promise<{ total: number | null; rows: string[] }> {
  const rows: string[] = [];
  let after: PapersPageQuery['after'];
  let total: number | null = null;
  for (;;) {
    const p = await page({
      filter: { topicId },
      order,
      limit,
      count: true,
      include: { abstract: false, fields: ['title', 'publishedAt'] },
      ...(after ? { after } : {}),
    });
    total = p.total;
    rows.push(...p.rows.map((r) => `${r.bundle.paper.id}@${String(r.sortKey)}`));
    const last = p.rows.at(-1);
    if (!p.hasNextPage || !last) break;
    after = { value: last.sortKey, id: last.bundle.paper.id };
  }
  return { total, rows };
}

describe('topic pages by date read in index order', () => {
  let db: GraphDb;
  let topicIds: string[];

  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    await ingestFile(db, LISTING_FILE);
    const [row] = await db.read(
      statement('test.topics', 'MATCH (t:Topic) WITH t ORDER BY t.size DESC RETURN collect(t.id) AS ids'),
    );
    topicIds = row?.ids as string[];
  });
  afterAll(async () => {
    await db.close();
  });

  it('sorts the topic when papers do not carry their topic id, and in index order once they do', async () => {
    await db.write([statement('test.unkey', 'MATCH (p:Paper) REMOVE p.topicId')]);
    const before = recording(db);
    const topicId = topicIds[0] ?? '';
    const sorted = await walk((q) => createPaperStore(before).page(q), topicId, 'PUBLISHED_DESC', 4);
    expect(before.texts.filter(usesTopicIndex)).toEqual([]);

    // What the writer keeps: each paper's topicId names the topic it is IN_TOPIC of.
    await db.write([statement('test.key', 'MATCH (p:Paper)-[:IN_TOPIC]->(t:Topic) SET p.topicId = t.id')]);
    const after = recording(db);
    const indexed = await walk((q) => createPaperStore(after).page(q), topicId, 'PUBLISHED_DESC', 4);
    expect(after.texts.filter(usesTopicIndex).length).toBeGreaterThan(0);
    expect(indexed).toEqual(sorted);
    expect(indexed.rows.length).toBe(indexed.total);
  });

  it('gives the same pages as sorting the topic, undated papers last, for every topic and both orders', async () => {
    await db.write([
      statement('test.key', 'MATCH (p:Paper)-[:IN_TOPIC]->(t:Topic) SET p.topicId = t.id'),
      // Two undated papers in the largest topic, and a date shared by several papers.
      statement(
        'test.undate',
        `MATCH (t:Topic {id: $id})<-[:IN_TOPIC]-(p:Paper)
WITH p ORDER BY p.id LIMIT 5
WITH collect(p) AS ps
FOREACH (p IN ps[0..2] | REMOVE p.publishedAt)
FOREACH (p IN ps[2..] | SET p.publishedAt = date('2025-01-02'))`,
        { id: topicIds[0] },
      ),
    ]);
    const store = createPaperStore({ db });
    const texts = recording(db);
    const indexedStore = createPaperStore(texts);
    for (const topicId of [...topicIds, 'no-such-topic']) {
      for (const order of ORDERS) {
        for (const limit of [1, 3, 20]) {
          const expected = await walk((q) => store.page({ ...q, topicKeyed: false }), topicId, order, limit);
          const got = await walk((q) => indexedStore.page(q), topicId, order, limit);
          expect(got).toEqual(expected);
        }
        // Topic.papers: many topics in one query.
        const query = { filter: {}, order, limit: 3, count: true };
        const slow = await store.pagesByParent('topic', topicIds, { ...query, topicKeyed: false });
        const fast = await indexedStore.pagesByParent('topic', topicIds, query);
        expect(fast).toEqual(slow);
      }
    }
    const pages = texts.texts.filter((t) => t.includes('AS rows'));
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.every(usesTopicIndex)).toBe(true);
    const undated = await walk((q) => indexedStore.page(q), topicIds[0] ?? '', 'PUBLISHED_DESC', 2);
    expect(undated.rows.slice(-2).every((r) => r.endsWith('@0001-01-01'))).toBe(true);
  });
});
