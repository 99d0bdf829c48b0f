/**
 * A write whose commit succeeded but whose answer was lost (a dropped connection, a leader
 * change) is run again by the driver: `executeWrite` calls the same transaction function in a
 * new transaction and hands the caller that run's result. Every write of the ingest path must
 * therefore give the same graph when it runs twice. Here each write runs once, commits, and
 * runs again; the graph after every step of an ingest history must equal the graph of a plain
 * run of the same history.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDb } from '../../src/graph/db.js';
import type { Statement } from '../../src/graph/statement.js';
import { createIngestStore } from '../../src/graph/stores/ingest.store.js';
import { createLockStore } from '../../src/graph/stores/lock.store.js';
import { readPapers } from '../../src/ingest/index.js';
import { collectPapers } from '../../src/services/collect.js';
import { INGEST_LOCK, withIngestLock } from '../../src/services/ingest-lock.js';
import { createIngestService, type IngestOptions } from '../../src/services/ingest.service.js';
import { connectTestGraph, graphHash, LISTING_FILE, REPO, SCHEMA_DIR, wipe } from './graph-test-kit.js';

const HF_40 = path.join(REPO, 'test/integration/fixtures/hf-archive-40.jsonl');
const OVERLAP_3 = path.join(REPO, 'test/integration/fixtures/overlap-3.jsonl');
const ARCHIVE_5 = path.join(REPO, 'test/fixtures/hf-json/archive-5.jsonl');

/**
 * `db` whose writes run twice when `replay` says so: the first run commits, then the same
 * statements run again in a new transaction, and the caller gets the second run's rows.
 * `replayed` collects the names of the statements that ran twice.
 */
function replayingWrites(db: GraphDb, replay: (name: string) => boolean, replayed: Set<string>): GraphDb {
  const write = async (stmts: readonly Statement[]) => {
    const first = await db.write(stmts);
    if (!stmts.some((s) => replay(s.name))) return first;
    for (const s of stmts) replayed.add(s.name);
    return db.write(stmts);
  };
  return new Proxy(db, {
    get(target, prop, receiver) {
      if (prop === 'write') return write;
      const value: unknown = Reflect.get(target, prop, target);
      // Methods run with the proxy as `this`, so `schema` (a write) is replayed too.
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(receiver) : value;
    },
  });
}

interface Step {
  readonly name: string;
  readonly file: string;
  readonly opts: IngestOptions;
}

/**
 * A history that passes every write of the ingest path: a bulk first load (indexes made after
 * the data), papers placed in its model, another source's view of stored papers, and a
 * rebuild over stored and new papers (their analysis replaced, topics carried over, history).
 */
const HISTORY: readonly Step[] = [
  { name: 'first load (bulk)', file: LISTING_FILE, opts: {} },
  { name: 'placed in the model', file: HF_40, opts: { refresh: false } },
  { name: 'another source', file: OVERLAP_3, opts: { refresh: false } },
  { name: 'rebuild with new papers', file: ARCHIVE_5, opts: { rebuild: true } },
  { name: 'placed again', file: LISTING_FILE, opts: { refresh: false } },
];

/** Runs the history under the ingest lock; the graph after each step. */
async function runHistory(db: GraphDb): Promise<Awaited<ReturnType<typeof graphHash>>[]> {
  await wipe(db);
  const service = createIngestService({
    store: createIngestStore({ db, schemaDir: SCHEMA_DIR }),
    batchSize: 10,
    bulkLoadFrom: 20,
  });
  const out: Awaited<ReturnType<typeof graphHash>>[] = [];
  for (const step of HISTORY) {
    const { papers } = await collectPapers(readPapers(step.file));
    await withIngestLock(db, 'retried-writes test', () => service.ingest(papers, step.opts), { waitMs: 0 });
    out.push(await graphHash(db));
  }
  return out;
}

/** Lines in one graph and not the other (either way), for a readable failure. */
function difference(a: readonly string[], b: readonly string[]): string[] {
  const count = new Map<string, number>();
  for (const l of a) count.set(l, (count.get(l) ?? 0) + 1);
  for (const l of b) count.set(l, (count.get(l) ?? 0) - 1);
  return [...count]
    .filter(([, n]) => n !== 0)
    .map(([l, n]) => `${n > 0 ? `-${n}` : `+${-n}`} ${l.slice(0, 160)}`)
    .slice(0, 8);
}

type Graphs = Awaited<ReturnType<typeof runHistory>>;

/** The steps after which two runs of the history left different graphs, with what differs. */
function compare(want: Graphs, have: Graphs): string[] {
  return HISTORY.flatMap((step, i) => {
    const a = want[i];
    const b = have[i];
    if (!a || !b) return [`${step.name}: missing`];
    if (a.hash === b.hash) return [];
    return [
      `${step.name}: ${b.nodes} nodes, ${b.rels} rels vs ${a.nodes}, ${a.rels}\n  ` +
        difference(a.lines, b.lines).join('\n  '),
    ];
  });
}

describe('writes retried after their commit succeeded', () => {
  let db: GraphDb;
  let expected: Graphs;
  /** Every statement name the history writes. */
  const written = new Set<string>();

  beforeAll(async () => {
    db = connectTestGraph();
    // A plain run, recording what it writes (replaying nothing).
    expected = await runHistory(replayingWrites(db, () => false, new Set()));
    const recorder = replayingWrites(
      db,
      (name) => {
        written.add(name);
        return false;
      },
      new Set(),
    );
    const again = await runHistory(recorder);
    // The history itself is deterministic, or nothing below could be compared.
    expect(compare(expected, again)).toEqual([]);
  }, 600_000);
  afterAll(async () => db.close());

  it('the history writes papers, analysis, similar lists, the model, its history and the lock', () => {
    for (const name of [
      'paper.create',
      'paper.upsert',
      'paper.topic.first',
      'paper.keywords.first',
      'paper.analysis',
      'paper.similar',
      'model.upsert',
      'model.tallyPlaced',
      'model.history',
      'model.activate',
      'topic.upsert',
      'topic.related',
      'ingest.reverseSimilar',
      'lock.acquire',
      'lock.release',
    ])
      expect(
        [...written].some((w) => w === name || w.startsWith(`${name}.`)),
        name,
      ).toBe(true);
  });

  it('every write, run twice, leaves the graph of a single run after each step', async () => {
    const replayed = new Set<string>();
    const got = await runHistory(replayingWrites(db, () => true, replayed));
    expect([...written].filter((n) => !replayed.has(n))).toEqual([]);
    expect(compare(expected, got)).toEqual([]);
    // The lock was released by its owner's token, once or twice.
    expect(await createLockStore({ db }).holder(INGEST_LOCK)).toBeNull();
  }, 600_000);
});
