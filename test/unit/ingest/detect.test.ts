import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/domain/errors.js';
import { detectFormat } from '../../../src/ingest/index.js';
import { FIXTURES, tempFile } from './helpers.js';

describe('detectFormat (from content, not the extension)', () => {
  it.each([
    ['hf-listing/hf-daily-papers-listing.txt', 'hf-listing'],
    ['hf-json/archive-5.jsonl', 'hf-json'],
    ['hf-json/daily-papers-api-2.json', 'hf-json'],
    ['arxiv-atom/search-testing-2026-3.xml', 'arxiv-atom'],
    ['arxiv-atom/search-del-maestro-2016-2.xml', 'arxiv-atom'],
    ['kaggle-oai/oai-snapshot-6.jsonl', 'kaggle-oai'],
    ['semantic-scholar/paper-turing-trimmed.json', 'semantic-scholar'],
    ['semantic-scholar/papers-3.jsonl', 'semantic-scholar'],
    ['semantic-scholar/search-bulk-kubernetes-3.json', 'semantic-scholar'],
    ['openalex/search-attention-2.json', 'openalex'],
    ['openalex/fulltext-crispr-1.json', 'openalex'],
    ['labelled/arxiv-daily-labelled-3.jsonl', 'jsonl'],
    ['labelled/papercopilot-venues-3.jsonl', 'jsonl'],
    ['csv/papers.csv', 'csv'],
  ])('%s -> %s', async (path, format) => {
    await expect(detectFormat(`${FIXTURES}/${path}`)).resolves.toBe(format);
  });

  it('covers every fixture format directory', () => {
    const dirs = readdirSync(FIXTURES, { withFileTypes: true }).filter((d) => d.isDirectory());
    expect(dirs.map((d) => d.name).sort()).toEqual(
      [
        'arxiv-atom',
        'csv',
        'hf-json',
        'hf-listing',
        'kaggle-oai',
        'labelled',
        'openalex',
        'semantic-scholar',
      ].sort(),
    );
  });

  it('ignores a misleading extension', async () => {
    const listing = tempFile('papers.json', 'Title\n\nAbstract.\n\n  • 2 authors\n·\nAug 19, 2025\n');
    await expect(detectFormat(listing)).resolves.toBe('hf-listing');
    const atom = tempFile(
      'feed.csv',
      '<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom"></feed>\n',
    );
    await expect(detectFormat(atom)).resolves.toBe('arxiv-atom');
  });

  it('sniffs keys when the first record is larger than the 64 KiB head', async () => {
    const big = JSON.stringify({ paperId: 'abc', title: 'T', abstract: 'x'.repeat(100_000) });
    await expect(detectFormat(tempFile('big.json', big))).resolves.toBe('semantic-scholar');
  });

  it('reads a tab-separated header', async () => {
    await expect(detectFormat(tempFile('p.tsv', 'title\tabstract\nA\tB\n'))).resolves.toBe('csv');
  });

  it.each([
    ['plain prose', 'Just some notes\nabout papers.\n', /cannot tell the format.*--format/],
    ['XML that is not Atom', '<?xml version="1.0"?>\n<rss><channel/></rss>\n', /not an Atom feed/],
    ['JSON without titles', '{"name": "x"}\n{"name": "y"}\n', /--format jsonl --map/],
  ])(
    'rejects %s with a UserInputError that names the file and says to use --format',
    async (_what, content, message) => {
      const file = tempFile('unknown.dat', content);
      const err = await detectFormat(file).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(UserInputError);
      expect((err as UserInputError).code).toBe('UNKNOWN_FORMAT');
      expect((err as Error).message).toContain(file);
      expect((err as Error).message).toMatch(message);
    },
  );

  it.each([
    ['a missing path', () => '/nonexistent/dir/papers.jsonl', 'INPUT_NOT_FOUND', /no such file/],
    ['a directory', () => tmpdir(), 'INPUT_IS_DIRECTORY', /is a directory/],
    ['an empty file', () => tempFile('empty.jsonl', ''), 'INPUT_EMPTY', /is empty/],
    ['a whitespace-only file', () => tempFile('blank.jsonl', '\n  \n\t\n'), 'INPUT_EMPTY', /is empty/],
    [
      'Latin-1 bytes',
      () => tempFile('latin1.csv', Buffer.from('title,abstract\nCaf\xe9,x\n', 'latin1')),
      'INPUT_NOT_UTF8',
      /:2: .*UTF-8/,
    ],
  ])('rejects %s with a UserInputError naming the file', async (_what, makePath, code, message) => {
    const file = makePath();
    const err = await detectFormat(file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UserInputError);
    expect((err as UserInputError).code).toBe(code);
    expect((err as Error).message).toContain(file);
    expect((err as Error).message).toMatch(message);
  });
});
