/**
 * A real SIGKILL of `npm run ingest` at 10 points of its run (as stages finish, and while
 * batches are being written), then a re-run: each must leave the same graph as one clean run. The killed process
 * holds the ingest lock; the re-run takes it over once its short lease runs out.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { cliIngest } from './cli-test-kit.js';
import { connectTestGraph, REPO, wipe } from './graph-test-kit.js';

const FILE = path.join(REPO, 'test/integration/fixtures/hf-archive-40.jsonl');
const POINTS = 10;
/** Properties that say when, not what (a model's build and switch times): a re-run may differ there. */
const VOLATILE = ['createdAt', 'activatedAt'];

/** Where to kill: `delayMs` after the CLI prints the line that finishes `stage`. */
interface KillPoint {
  readonly stage: string;
  readonly delayMs: number;
}

/** Runs the CLI; with `kill`, SIGKILLs it at that point. Resolves with how it ended. */
async function ingest(
  kill?: KillPoint,
): Promise<{ code: number | null; signal: string | null; ms: number; out: string }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const run = await cliIngest(
    FILE,
    { PAPERGRAPH_BATCH_SIZE: '5', PAPERGRAPH_INGEST_LOCK_LEASE_MS: '2000' },
    (out, child) => {
      if (kill && timer === undefined && new RegExp(`^ ?${kill.stage} done`, 'm').test(out))
        timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    },
  );
  if (timer) clearTimeout(timer);
  return { ...run, ms: Date.now() - started };
}

/** Hash over every node (labels, properties) and relationship (ends, type, properties). */
async function graphHash(db: GraphDb): Promise<{ hash: string; nodes: number; rels: number }> {
  const nodes = await db.read(
    statement(
      'test.graphNodes',
      `MATCH (n) WHERE NOT n:PapergraphLock
RETURN labels(n) AS labels, properties(n) AS props`,
    ),
  );
  const rels = await db.read(
    statement(
      'test.graphRels',
      `MATCH (a)-[r]->(b) WHERE NOT a:PapergraphLock
RETURN labels(a) AS al, coalesce(a.id, a.name, a.term, a.url, a.version) AS a, type(r) AS type,
       properties(r) AS props, labels(b) AS bl, coalesce(b.id, b.name, b.term, b.url, b.version) AS b`,
    ),
  );
  const canon = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return `{${Object.keys(o)
        .filter((k) => !VOLATILE.includes(k))
        .sort()
        .map((k) => `${k}:${canon(o[k])}`)
        .join(',')}}`;
    }
    // Scores are floats computed again on a re-run: equal to 12 significant digits.
    if (typeof v === 'number' && !Number.isInteger(v)) return v.toPrecision(12);
    return JSON.stringify(v);
  };
  const lines = [...nodes.map((r) => `n ${canon(r)}`), ...rels.map((r) => `r ${canon(r)}`)].sort();
  return {
    hash: createHash('sha256').update(lines.join('\n')).digest('hex'),
    nodes: nodes.length,
    rels: rels.length,
  };
}

describe('SIGKILL of the ingest process', () => {
  let db: GraphDb;
  beforeAll(() => {
    db = connectTestGraph();
  });
  afterAll(async () => {
    await db.close();
  });

  it(`re-running after a kill at ${POINTS} points gives the graph of a clean run`, async () => {
    await wipe(db);
    const clean = await ingest();
    expect(clean.code, clean.out).toBe(0);
    const expected = await graphHash(db);
    expect(expected.nodes).toBeGreaterThan(40);

    // 12 points: as each stage's line is printed, and 150 ms later (batches of 5 papers are
    // being written then). A run may finish before a late point: at least POINTS must be kills.
    const points: KillPoint[] = ['read', 'papers', 'analyse', 'topics', 'keywords', 'similar'].flatMap(
      (stage) => [
        { stage, delayMs: 0 },
        { stage, delayMs: 150 },
      ],
    );
    const results: string[] = [];
    let kills = 0;
    for (const point of points) {
      await wipe(db);
      const killed = await ingest(point);
      if (killed.signal === 'SIGKILL') kills++;
      const at = `${point.stage}+${point.delayMs} ms`;
      const rerun = await ingest();
      expect(rerun.code, rerun.out).toBe(0);
      const got = await graphHash(db);
      results.push(
        `kill at ${at} (${killed.signal ?? `exit ${killed.code}`}): ${got.hash === expected.hash ? 'same' : `DIFFERENT (${got.nodes} nodes, ${got.rels} rels vs ${expected.nodes}, ${expected.rels})`}`,
      );
    }
    console.log(`[crash] clean run ${clean.ms} ms; ${kills} kills\n${results.join('\n')}`);
    expect(kills).toBeGreaterThanOrEqual(POINTS);
    expect(results.filter((r) => r.includes('DIFFERENT'))).toEqual([]);
  }, 1_800_000);
});
