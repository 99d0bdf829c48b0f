/**
 * For the same file, `npm run ingest` and `npm run analyze` give the same counts and reasons:
 * papers read, duplicates (merged, not skipped), records skipped by reason, and the same
 * records listed.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { GraphDb } from '../../src/graph/db.js';
import { connectTestGraph, REPO, wipe } from './graph-test-kit.js';

const run = promisify(execFile);

/** The lines both CLIs print about reading: from "papers read" to the last listed record, no graph lines. */
function readReport(output: string): string[] {
  const lines = output.split('\n');
  const start = lines.findIndex((l) => l.startsWith('papers read:'));
  return lines
    .slice(start)
    .filter((l) =>
      /^(papers read|\s+duplicates|records skipped|\s+[a-z-]+: \d+$|\s{4}\S+:\d+: skipped)/.test(l),
    );
}

describe('ingest and analyze on the same file', () => {
  let db: GraphDb;
  let dir = '';
  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    dir = await mkdtemp(path.join(os.tmpdir(), 'papergraph-report-'));
  });
  afterAll(async () => {
    await db.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('report the same counts, reasons and records', async () => {
    const file = path.join(dir, 'mixed.jsonl');
    const abstract = 'We study graph neural networks for molecule property prediction with attention.';
    const rows = [
      { id: 'a', title: 'Graph networks for molecules', abstract },
      {
        id: 'b',
        title: 'Sparse attention for long documents',
        abstract: 'Sparse attention over long texts.',
      },
      { id: 'c', title: 'Graph Networks for Molecules', abstract },
      { id: 'd', title: 'A title without an abstract' },
      { id: 'e', title: 'Retrieval for question answering', abstract: 'Dense retrieval helps open QA.' },
    ];
    await writeFile(file, rows.map((r) => JSON.stringify(r)).join('\n') + '\n{"id": "f", broken\n');
    const { uri, user, password } = inject('neo4j');
    const env = {
      ...process.env,
      NEO4J_URI: uri,
      NEO4J_USER: user,
      NEO4J_PASSWORD: password,
      LOG_LEVEL: 'silent',
    };
    const ingest = await run(process.execPath, ['--import', 'tsx', 'pipelines/ingest.ts', file, '--k', '2'], {
      cwd: REPO,
      env,
    });
    const analyze = await run(
      process.execPath,
      ['--import', 'tsx', 'pipelines/analyze.ts', file, '--k', '2', '--out', path.join(dir, 'out.jsonl')],
      { cwd: REPO, env },
    );
    const fromIngest = readReport(ingest.stdout);
    expect(fromIngest.slice(0, 3)).toEqual([
      'papers read:       4',
      '  duplicates:      1',
      'records skipped:   2',
    ]);
    expect(fromIngest.join('\n')).toMatch(/missing-abstract: 1/);
    expect(fromIngest.join('\n')).toMatch(/bad-json: 1/);
    expect(readReport(analyze.stderr)).toEqual(fromIngest);
  });
});
