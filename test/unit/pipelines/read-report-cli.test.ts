/**
 * `npm run ingest` and `npm run analyze` read a file alike and say so alike: the same counts,
 * the same reasons, the same listed records; a file without one usable paper lists what was
 * skipped instead of pointing at nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../../..');
const run = promisify(execFile);

async function cli(
  script: string,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: REPO,
      env: { ...process.env, LOG_LEVEL: 'silent', NEO4J_URI: 'bolt://127.0.0.1:1' },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code?: number; stdout?: string; stderr?: string };
    return { code: err.code ?? -1, stdout: err.stdout ?? '', stderr: err.stderr ?? '' };
  }
}

const line = (o: Record<string, unknown>) => JSON.stringify(o);
const ABSTRACT = 'We study graph neural networks for molecule property prediction with attention.';

describe('what ingest and analyze report about the records they read', () => {
  let dir = '';
  let mixed = '';
  let unusable = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'papergraph-report-'));
    mixed = path.join(dir, 'mixed.jsonl');
    unusable = path.join(dir, 'unusable.jsonl');
    await writeFile(
      mixed,
      [
        line({ id: 'a', title: 'Graph networks for molecules', abstract: ABSTRACT }),
        line({
          id: 'b',
          title: 'Attention for long documents',
          abstract: 'Sparse attention over long texts.',
        }),
        line({ id: 'c', title: 'Graph Networks for Molecules', abstract: ABSTRACT }),
        line({ id: 'd', title: 'No abstract here' }),
        '{"id": "e", "title": broken',
      ].join('\n') + '\n',
    );
    await writeFile(
      unusable,
      [
        line({ id: 'x', title: 'Only a title' }),
        line({ id: 'y', abstract: 'Only an abstract.' }),
        '{oops',
      ].join('\n') + '\n',
    );
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('lists every skipped record of a file without usable papers, with a count, in both CLIs', async () => {
    const ingest = await cli('pipelines/ingest.ts', unusable);
    const analyze = await cli('pipelines/analyze.ts', unusable, '--out', path.join(dir, 'u.jsonl'));
    expect(ingest.code).not.toBe(0);
    expect(analyze.code).not.toBe(0);
    for (const out of [ingest.stderr, analyze.stderr]) {
      expect(out).toMatch(/no usable papers in \S*unusable\.jsonl: all 3 records were skipped/);
      expect(out).toMatch(/unusable\.jsonl:1: /);
      expect(out).toMatch(/unusable\.jsonl:2: /);
      expect(out).toMatch(/unusable\.jsonl:3: /);
      expect(out).not.toMatch(/see the skipped records above/);
    }
    const listed = (s: string) => s.split('\n').filter((l) => /^\s+(\S+: \d+|\S+:\d+: .*)$/.test(l));
    expect(listed(analyze.stderr)).toEqual(listed(ingest.stderr));
  });

  it('counts a repeated paper as a duplicate, not a bad record, as ingest does', async () => {
    const analyze = await cli('pipelines/analyze.ts', mixed, '--k', '1', '--out', path.join(dir, 'm.jsonl'));
    expect(analyze.code, analyze.stderr).toBe(0);
    expect(analyze.stderr).toMatch(/papers read: +3\n +duplicates: +1\nrecords skipped: +2\n/);
    expect(analyze.stderr).toMatch(/ {2}missing-abstract: 1\n/);
    expect(analyze.stderr).toMatch(/ {2}bad-json: 1\n/);
    expect(analyze.stderr).not.toMatch(/bad-record/);
  });
});
