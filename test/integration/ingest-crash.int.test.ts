/**
 * A real SIGKILL of `npm run ingest` at 10 points of its run (as stages finish, and while
 * batches are being written), then a re-run: each must leave the same graph as one clean run. The killed process
 * holds the ingest lock; the re-run takes it over once its short lease runs out.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDb } from '../../src/graph/db.js';
import { cliIngest } from './cli-test-kit.js';
import { connectTestGraph, graphHash, REPO, wipe } from './graph-test-kit.js';

const FILE = path.join(REPO, 'test/integration/fixtures/hf-archive-40.jsonl');
const POINTS = 10;

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
