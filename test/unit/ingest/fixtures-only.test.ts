/**
 * Unit tests run on the small committed fixtures only: the shared corpora (the 808-record HF
 * archive, the 38k/20k labelled sets) are for benchmarks, and reading them would make unit
 * tests slow and dependent on a folder outside the repo.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES } from './helpers.js';

const TEST_DIR = 'test/unit/ingest';

describe('unit tests read test/fixtures only', () => {
  const sources = readdirSync(TEST_DIR)
    .filter((f) => f.endsWith('.ts') && f !== 'fixtures-only.test.ts')
    .map((f) => [f, readFileSync(join(TEST_DIR, f), 'utf8')] as const);

  it('finds the test sources to check', () => {
    expect(sources.length).toBeGreaterThan(5);
  });

  it.each(sources)('%s names no shared data path', (_name, source) => {
    expect(source).not.toMatch(
      /shared\/data|hf_papers_archive|arxiv_daily_labelled\.jsonl|papercopilot_venues\.jsonl/,
    );
  });

  it('keeps every fixture small (a few KB; the 34-paper golden listing is the one exception)', () => {
    const sizes = readdirSync(FIXTURES, { recursive: true, encoding: 'utf8' })
      .map((f) => join(FIXTURES, f))
      .filter((f) => statSync(f).isFile())
      .map((f) => [f, statSync(f).size] as const);
    const big = sizes.filter(([f, size]) => size > 25_000 && !f.endsWith('hf-daily-papers-listing.txt'));
    expect(big).toEqual([]);
    expect(sizes.reduce((sum, [, size]) => sum + size, 0)).toBeLessThan(200_000);
  });
});
