/**
 * A real SIGKILL of `npm run ingest` at 13 points of its run, then a re-run: each must leave the
 * same graph as one clean run. Eleven points are halts (`PAPERGRAPH_TEST_HALT_AT`: the process
 * freezes as a stage reports progress, after its first batch and half way, with writes of other
 * lanes in flight), so they are the same points on a fast machine and a slow one; two more are
 * timers running while batches are written, which a fast run may outrun. The killed process
 * holds the ingest lock; the re-run takes it over once its short lease runs out.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDb } from '../../src/graph/db.js';
import { cliIngest } from './cli-test-kit.js';
import { connectTestGraph, graphHash, REPO, wipe } from './graph-test-kit.js';

const FILE = path.join(REPO, 'test/integration/fixtures/hf-archive-40.jsonl');

/**
 * Where to kill: `halt` freezes the process when the stage reports that many papers done, and
 * it is killed once it says so; `delayMs` kills that long after the line that finishes `stage`.
 */
type KillPoint =
  { readonly stage: string; readonly halt: number } | { readonly stage: string; readonly delayMs: number };

const HALTS: KillPoint[] = [
  { stage: 'read', halt: 40 },
  { stage: 'papers', halt: 5 },
  { stage: 'papers', halt: 20 },
  { stage: 'analyse', halt: 40 },
  ...['topics', 'keywords', 'similar'].flatMap((stage) => [
    { stage, halt: 5 },
    { stage, halt: 20 },
  ]),
  { stage: 'model', halt: 1 },
];
const TIMED: KillPoint[] = [
  { stage: 'papers', delayMs: 150 },
  { stage: 'topics', delayMs: 150 },
];

/** Runs the CLI; with `kill`, SIGKILLs it at that point. Resolves with how it ended. */
async function ingest(
  kill?: KillPoint,
): Promise<{ code: number | null; signal: string | null; ms: number; out: string }> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  let killed = false;
  const env: Record<string, string> = { PAPERGRAPH_BATCH_SIZE: '5', PAPERGRAPH_INGEST_LOCK_LEASE_MS: '2000' };
  if (kill && 'halt' in kill) env.PAPERGRAPH_TEST_HALT_AT = `${kill.stage}:${kill.halt}`;
  const run = await cliIngest(FILE, env, (out, child) => {
    if (!kill || killed || timer !== undefined) return;
    if ('halt' in kill) {
      if (/^halted at /m.test(out)) {
        killed = true;
        child.kill('SIGKILL');
      }
    } else if (new RegExp(`^ ?${kill.stage} done`, 'm').test(out)) {
      timer = setTimeout(() => child.kill('SIGKILL'), kill.delayMs);
    }
  });
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

  it(`re-running after a kill at ${HALTS.length + TIMED.length} points gives the graph of a clean run`, async () => {
    await wipe(db);
    const clean = await ingest();
    expect(clean.code, clean.out).toBe(0);
    const expected = await graphHash(db);
    expect(expected.nodes).toBeGreaterThan(40);

    const results: string[] = [];
    let halts = 0;
    for (const point of [...HALTS, ...TIMED]) {
      await wipe(db);
      const killed = await ingest(point);
      const at =
        'halt' in point ? `${point.stage} ${point.halt} (halted)` : `${point.stage}+${point.delayMs} ms`;
      if ('halt' in point) {
        expect(killed.out, `${at}: never halted`).toMatch(/^halted at /m);
        if (killed.signal === 'SIGKILL') halts++;
      }
      const rerun = await ingest();
      expect(rerun.code, rerun.out).toBe(0);
      const got = await graphHash(db);
      results.push(
        `kill at ${at} (${killed.signal ?? `exit ${killed.code}`}): ${got.hash === expected.hash ? 'same' : `DIFFERENT (${got.nodes} nodes, ${got.rels} rels vs ${expected.nodes}, ${expected.rels})`}`,
      );
    }
    console.log(
      `[crash] clean run ${clean.ms} ms; ${halts} of ${HALTS.length} halts killed\n${results.join('\n')}`,
    );
    expect(halts).toBe(HALTS.length);
    expect(results.filter((r) => r.includes('DIFFERENT'))).toEqual([]);
  }, 1_800_000);
});
