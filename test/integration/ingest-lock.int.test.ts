/** One ingest at a time across processes: the lock node, its lease, and two real CLI ingests at once. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { createLockStore } from '../../src/graph/stores/lock.store.js';
import { INGEST_LOCK, IngestBusyError, withIngestLock } from '../../src/services/ingest-lock.js';
import { API_KEY, client, startTestApp } from './api-test-kit.js';
import { cliIngest } from './cli-test-kit.js';
import { connectTestGraph, LISTING_FILE, REPO, wipe } from './graph-test-kit.js';

const ARCHIVE = path.join(REPO, 'test/integration/fixtures/hf-archive-40.jsonl');

/** `npm run ingest -- <file>` as its own process. */
const runIngest = (file: string) => cliIngest(file, { PAPERGRAPH_BATCH_SIZE: '10' });

/** Resolves once `owner` holds the ingest lock. */
async function holdsLock(db: GraphDb, owner: string): Promise<void> {
  const store = createLockStore({ db });
  for (let i = 0; i < 200; i++) {
    if ((await store.holder(INGEST_LOCK))?.owner === owner) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${owner} never took the lock`);
}

/** The invariants two writers must not break. */
async function graphIsConsistent(db: GraphDb) {
  const [row] = await db.read(
    statement(
      'test.consistency',
      `CALL () { MATCH (m:TopicModel {current: true}) RETURN count(m) AS currentModels }
CALL () {
  MATCH (m:TopicModel {current: true})
  MATCH (p:Paper)
  OPTIONAL MATCH (p)-[:IN_TOPIC]->(t:Topic {modelVersion: m.version})
  WITH p, count(t) AS n WHERE n <> 1
  RETURN count(p) AS papersNotInExactlyOneTopic
}
CALL () {
  MATCH (a)-[r]->(b) WITH a, b, type(r) AS t, count(r) AS n WHERE n > 1
  RETURN count(*) AS duplicateRelationships
}
CALL () { MATCH (p:Paper) RETURN count(p) AS papers }
RETURN currentModels, papersNotInExactlyOneTopic, duplicateRelationships, papers`,
    ),
  );
  return row;
}

describe('ingest lock', () => {
  let db: GraphDb;
  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('lets one holder in at a time and tells the others who holds it', async () => {
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const first = withIngestLock(db, 'first holder', () => held);
    try {
      await holdsLock(db, 'first holder');
      const busy = await withIngestLock(db, 'second', async () => 'ran', { waitMs: 0 }).catch(
        (e: unknown) => e,
      );
      expect(busy).toBeInstanceOf(IngestBusyError);
      expect((busy as IngestBusyError).message).toContain('first holder');
      expect((busy as IngestBusyError).code).toBe('INGEST_BUSY');
      const waiting = withIngestLock(db, 'third', async () => 'ran after', { waitMs: 10_000, pollMs: 50 });
      release();
      await first;
      await expect(waiting).resolves.toBe('ran after');
    } finally {
      release();
      await first;
    }
  });

  it('lets a crashed holder keep the lock only until its lease runs out', async () => {
    // A holder that took the lock and died: no renewals, no release.
    const taken = await createLockStore({ db }).tryAcquire(INGEST_LOCK, 'dead-token', 'crashed', 1_000);
    expect(taken).toBe(true);
    await expect(withIngestLock(db, 'next', async () => 'x', { waitMs: 0 })).rejects.toBeInstanceOf(
      IngestBusyError,
    );
    await expect(
      withIngestLock(db, 'next', async () => 'ran', { waitMs: 10_000, pollMs: 100 }),
    ).resolves.toBe('ran');
  });

  it('answers ingestPapers with INGEST_BUSY while another process holds the lock', async () => {
    const app = await startTestApp(db, { ingestLockWaitMs: 200 });
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const holder = withIngestLock(db, 'npm run ingest on elsewhere (pid 1)', () => held);
    try {
      await holdsLock(db, 'npm run ingest on elsewhere (pid 1)');
      const res = await client(app)(
        `mutation($p: [PaperInput!]!) { ingestPapers(papers: $p) { ingested } }`,
        { p: [{ title: 'A paper sent while busy', abstract: 'Its abstract, about language models.' }] },
        { authorization: `Bearer ${API_KEY}` },
      );
      expect(res.errors?.[0]?.extensions?.code).toBe('INGEST_BUSY');
      expect(res.errors?.[0]?.message).toContain('npm run ingest on elsewhere');
    } finally {
      release();
      await holder;
      await app.stop();
    }
  });

  it('two CLI ingests started together into an empty graph, and one during ingestPapers: one model, each paper in one topic', async () => {
    await wipe(db);
    const app = await startTestApp(db);
    try {
      const mutation = client(app)(
        `mutation($p: [PaperInput!]!) { ingestPapers(papers: $p) { ingested errors { message } } }`,
        {
          p: [
            {
              title: 'Concurrent writers and topic models in a paper graph',
              abstract:
                'We study what happens when several processes ingest papers into one graph at the same time.',
            },
          ],
        },
        { authorization: `Bearer ${API_KEY}` },
      );
      const [a, b, m] = await Promise.all([runIngest(ARCHIVE), runIngest(LISTING_FILE), mutation]);
      expect(a.code, a.out).toBe(0);
      expect(b.code, b.out).toBe(0);
      expect(m.errors).toBeUndefined();
      expect(`${a.out}\n${b.out}`).toMatch(/Waiting for the ingest lock/);
      expect(await graphIsConsistent(db)).toMatchObject({
        currentModels: 1,
        papersNotInExactlyOneTopic: 0,
        duplicateRelationships: 0,
      });
    } finally {
      await app.stop();
    }
  });
});
