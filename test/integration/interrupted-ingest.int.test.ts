import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { createIngestStore, type IngestStore } from '../../src/graph/stores/ingest.store.js';
import { readPapers } from '../../src/ingest/index.js';
import { collectPapers } from '../../src/services/collect.js';
import { createIngestService, type IngestOptions } from '../../src/services/ingest.service.js';
import { schemaIndexNames } from '../../src/graph/schema-setup.js';
import {
  connectTestGraph,
  counts,
  LISTING_FILE,
  REPO,
  SCHEMA_DIR,
  staleTopicIds,
  wipe,
} from './graph-test-kit.js';

const HF_40 = path.join(REPO, 'test/integration/fixtures/hf-archive-40.jsonl');

class Crash extends Error {}

/** The real store, except that `method` fails on its `nth` call: a process dying mid-ingest. */
function crashingStore(store: IngestStore, method: keyof IngestStore, nth: number): IngestStore {
  let calls = 0;
  return new Proxy(store, {
    get(target, prop, receiver) {
      const value: unknown = Reflect.get(target, prop, receiver);
      if (prop !== method || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        calls++;
        if (calls === nth) throw new Crash(`simulated crash in ${String(method)} call ${nth}`);
        return (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
      };
    },
  });
}

async function health(db: GraphDb) {
  const [row] = await db.read(
    statement(
      'test.health',
      `MATCH (p:Paper)
RETURN count(p) AS papers,
  sum(CASE WHEN COUNT { (p)-[:IN_TOPIC]->() } = 1 THEN 1 ELSE 0 END) AS oneTopic,
  sum(CASE WHEN EXISTS { (p)-[:SIMILAR_TO]->() } THEN 1 ELSE 0 END) AS linked,
  COUNT { (m:TopicModel {current: true}) } AS currentModels`,
    ),
  );
  return row;
}

describe('an ingest interrupted midway is completed by running it again', () => {
  let db: GraphDb;
  let store: IngestStore;
  beforeAll(async () => {
    db = connectTestGraph();
    store = createIngestStore({ db, schemaDir: SCHEMA_DIR });
  });
  afterAll(async () => db.close());

  const run = async (file: string, s: IngestStore, bulkLoadFrom?: number, opts: IngestOptions = {}) => {
    const { papers } = await collectPapers(readPapers(file));
    return createIngestService({ store: s, batchSize: 10, ...(bulkLoadFrom ? { bulkLoadFrom } : {}) }).ingest(
      papers,
      opts,
    );
  };

  /** State of every index the schema files define (absent ones are missing from the map). */
  const indexStates = async () => {
    const rows = await db.read(
      statement('test.indexes', 'SHOW INDEXES YIELD name, state RETURN name, state'),
    );
    const byName = new Map(rows.map((r) => [r.name as string, r.state as string]));
    return Object.fromEntries(
      (await schemaIndexNames(SCHEMA_DIR)).map((n) => [n, byName.get(n) ?? 'missing']),
    );
  };
  const allOnline = async () =>
    Object.fromEntries((await schemaIndexNames(SCHEMA_DIR)).map((n) => [n, 'ONLINE']));

  it('bulk load into an empty graph: same graph, every index online; a crash midway is completed by a re-run', async () => {
    await wipe(db);
    await run(LISTING_FILE, store);
    const clean = await counts(db);

    await wipe(db);
    await run(LISTING_FILE, store, 1);
    expect(await counts(db)).toEqual(clean);
    expect(await indexStates()).toEqual(await allOnline());

    // The crash comes after the papers are in, before the vector index exists.
    await wipe(db);
    await expect(run(LISTING_FILE, crashingStore(store, 'writeTopics', 2), 1)).rejects.toThrow(Crash);
    expect((await indexStates()).paper_embedding).toBe('missing');
    await run(LISTING_FILE, store, 1); // the graph has papers now: an ordinary run
    expect(await counts(db)).toEqual(clean);
    expect(await indexStates()).toEqual(await allOnline());
    expect(await health(db)).toEqual({ papers: 34, oneTopic: 34, linked: 34, currentModels: 1 });

    // A crash after the edges inside each topic group, before the keywords and the edges
    // across groups: no paper with part of its similar list is taken for complete.
    await wipe(db);
    await expect(run(LISTING_FILE, crashingStore(store, 'writeKeywords', 1), 1)).rejects.toThrow(Crash);
    const [partial] = await db.read(
      statement('test.partial', 'MATCH (p:Paper) WHERE p.linked RETURN count(p) AS linked'),
    );
    expect(partial?.linked).toBe(0);
    await run(LISTING_FILE, store, 1);
    expect(await counts(db)).toEqual(clean);
    expect(await health(db)).toEqual({ papers: 34, oneTopic: 34, linked: 34, currentModels: 1 });
  });

  it('first ingest: crash after some paper batches, re-run gives the same graph as a clean run', async () => {
    await wipe(db);
    await run(LISTING_FILE, store);
    const clean = await counts(db);

    await wipe(db);
    await expect(run(LISTING_FILE, crashingStore(store, 'writeSourceFacts', 3))).rejects.toThrow(Crash);
    const partial = await health(db);
    expect(partial?.papers).toBe(20);
    expect(partial?.currentModels).toBe(0);

    await expect(run(LISTING_FILE, crashingStore(store, 'writeAnalysis', 2))).rejects.toThrow(Crash);
    await expect(run(LISTING_FILE, crashingStore(store, 'writeSimilar', 2))).rejects.toThrow(Crash);
    await expect(run(LISTING_FILE, crashingStore(store, 'writeSimilar', 1))).rejects.toThrow(Crash);
    await run(LISTING_FILE, store);
    expect(await counts(db)).toEqual(clean);
    expect(await health(db)).toEqual({ papers: 34, oneTopic: 34, linked: 34, currentModels: 1 });
  });

  it('incremental ingest: papers written but not yet linked are linked on the re-run', async () => {
    const place = { refresh: false };
    await expect(run(HF_40, crashingStore(store, 'linkIncremental', 2), undefined, place)).rejects.toThrow(
      Crash,
    );
    const partial = await health(db);
    expect(partial?.papers).toBe(34 + 20);
    expect(partial?.linked).toBe(34 + 10);

    const outcome = await run(HF_40, store, undefined, place);
    expect(outcome.written).toBe(30);
    expect(outcome.unchanged).toBe(10);
    expect(await health(db)).toEqual({ papers: 74, oneTopic: 74, linked: 74, currentModels: 1 });
  });

  it('a rebuild interrupted before its switch leaves the old model current; the next ingest completes it', async () => {
    await wipe(db);
    await run(LISTING_FILE, store);
    const [before] = await db.read(
      statement('test.model', 'MATCH (m:TopicModel {current: true}) RETURN m.version AS version'),
    );
    // HF_40 next to 34 papers is a large batch: a rebuild over all 74. It dies midway.
    await expect(run(HF_40, crashingStore(store, 'writeAnalysis', 2))).rejects.toThrow(Crash);
    const [during] = await db.read(
      statement('test.model', 'MATCH (m:TopicModel {current: true}) RETURN m.version AS version'),
    );
    expect(during?.version).toBe(before?.version);

    // Nothing new in this run, but the unfinished rebuild is seen and completed.
    const outcome = await run(HF_40, store);
    expect(outcome.mode).toBe('full');
    expect(outcome.refresh.reason).toMatch(/did not finish/);
    expect(await health(db)).toEqual({ papers: 74, oneTopic: 74, linked: 74, currentModels: 1 });
    expect(await staleTopicIds(db)).toBe(0);

    // Same as building the 74 papers in one go.
    const done = await counts(db);
    await wipe(db);
    await run(LISTING_FILE, store);
    await run(HF_40, store);
    expect(await counts(db)).toEqual(done);
  });
});
