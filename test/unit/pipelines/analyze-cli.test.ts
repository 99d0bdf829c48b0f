import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../../..');
const VENUES = path.join(REPO, 'test/fixtures/labelled/papercopilot-venues-12.jsonl');
const CSV = path.join(REPO, 'test/fixtures/csv/papers.csv');
const run = promisify(execFile);

/** `npm run analyze -- ...args`, as a user runs it; resolves with stdout/stderr and the exit code. */
async function analyzeCli(...args: string[]): Promise<{ code: number; stderr: string }> {
  try {
    const { stderr } = await run(process.execPath, ['--import', 'tsx', 'pipelines/analyze.ts', ...args], {
      cwd: REPO,
      env: { ...process.env, LOG_LEVEL: 'silent' },
    });
    return { code: 0, stderr };
  } catch (e) {
    const err = e as { code?: number; stderr?: string };
    return { code: err.code ?? -1, stderr: err.stderr ?? '' };
  }
}

const jsonLines = async (file: string) =>
  (await readFile(file, 'utf8'))
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

interface Line {
  id: string;
  topic: number;
  topicLabel: string;
  neighbors: { id: string; score: number }[];
}

describe('npm run analyze (offline, no Neo4j)', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'papergraph-analyze-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it("writes one line per paper keyed by the input's own ids, 10 neighbours best first, and a topics file", async () => {
    const out = path.join(dir, 'venues.jsonl');
    const { code, stderr } = await analyzeCli(VENUES, '--k', '4', '--out', out);
    expect(code, stderr).toBe(0);
    const inputIds = (await jsonLines(VENUES)).map((r) => r.id);
    const lines = (await jsonLines(out)) as unknown as Line[];
    expect(lines.map((l) => l.id)).toEqual(inputIds);
    const topics = await jsonLines(path.join(dir, 'venues.topics.jsonl'));
    expect(topics).toHaveLength(4);
    expect(topics.reduce((s, t) => s + Number(t.size), 0)).toBe(lines.length);
    const ids = new Set(inputIds);
    for (const l of lines) {
      expect(l.topicLabel).toBe(topics[l.topic]?.label);
      expect(l.neighbors).toHaveLength(10);
      expect(l.neighbors.map((n) => n.id)).not.toContain(l.id);
      for (const n of l.neighbors) expect(ids.has(n.id)).toBe(true);
      const scores = l.neighbors.map((n) => n.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
    }
    expect(stderr).toMatch(/k=4/);
  });

  it('gives the same output for the same input and seed', async () => {
    const a = path.join(dir, 'a.jsonl');
    const b = path.join(dir, 'b.jsonl');
    expect((await analyzeCli(VENUES, '--k', 'auto', '--seed', '7', '--out', a)).code).toBe(0);
    expect((await analyzeCli(VENUES, '--k', 'auto', '--seed', '7', '--out', b)).code).toBe(0);
    expect(await readFile(a, 'utf8')).toBe(await readFile(b, 'utf8'));
  });

  it('reads the other formats ingest reads, and reports the records it skips with file and line', async () => {
    const out = path.join(dir, 'csv.jsonl');
    const { code, stderr } = await analyzeCli(CSV, '--k', '1', '--out', out);
    expect(code, stderr).toBe(0);
    // A row without an id gets the one ingest would give it.
    expect((await jsonLines(out)).map((l) => l.id)).toEqual([
      '2202.12139',
      expect.stringMatching(/^t-[0-9a-f]{16}$/),
    ]);
    expect(stderr).toMatch(/papers\.csv:\d+: skipped \(missing-abstract\)/);
  });

  it('names the file or argument a user got wrong, without a stack trace', async () => {
    const missing = await analyzeCli(path.join(dir, 'nope.jsonl'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.jsonl: no such file/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
    const badK = await analyzeCli(VENUES, '--k', 'many');
    expect(badK.code).toBe(2);
    expect(badK.stderr).toMatch(/--k must be an integer/);
  });
});
