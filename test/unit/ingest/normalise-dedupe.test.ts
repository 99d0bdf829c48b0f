import { describe, expect, it } from 'vitest';
import { paperIdFor } from '../../../src/domain/ids.js';
import type { PaperRecord } from '../../../src/domain/paper.js';
import { parseDate } from '../../../src/ingest/dates.js';
import { dedupePapers, normalisePaper } from '../../../src/ingest/index.js';
import { normaliseDoi } from '../../../src/ingest/record.js';
import { extractCodeUrls, repairMojibake, stripMarkup, truncateAtWord } from '../../../src/ingest/text.js';

function paper(over: Partial<PaperRecord> & { title: string }): PaperRecord {
  return {
    id: paperIdFor(over.title, over.arxivId),
    abstract: 'An abstract.',
    authors: [],
    authorCount: 0,
    organizations: [],
    categories: [],
    codeUrls: [],
    source: 'jsonl',
    ...over,
  };
}

describe('normalisePaper', () => {
  it('collapses whitespace, strips light markup, dedupes names and is idempotent', () => {
    const p = paper({
      title: '  The <i>Best</i>\n  Paper ',
      abstract: 'We show $O(n)$ time with \\emph{no} loss &amp; more.<jats:p> Really.</jats:p>',
      authors: ['Jane  Doe', 'jane doe', 'Rich Roe'],
      authorCount: 1,
      organizations: ['MIT', 'MIT '],
    });
    const n = normalisePaper(p);
    expect(n).toMatchObject({
      title: 'The Best Paper',
      abstract: 'We show O(n) time with no loss & more. Really.',
      authors: ['Jane Doe', 'Rich Roe'],
      authorCount: 2,
      organizations: ['MIT'],
    });
    expect(normalisePaper(n)).toEqual(n);
  });

  it('does not mistake comparisons for tags, nor escaped dollars for maths', () => {
    expect(stripMarkup('for n<k and k>m we have')).toBe('for n<k and k>m we have');
    expect(stripMarkup('costs \\$5 or \\$10 with $k$ items')).toBe('costs $5 or $10 with k items');
    expect(stripMarkup('tabs\tand\n\nnewlines  collapse')).toBe('tabs and newlines collapse');
  });
});

describe('dedupePapers', () => {
  it('merges by arXiv id, DOI or title, keeping the richer fields and the union of sources', () => {
    const listing = paper({
      title: 'Native Sparse Attention',
      abstract: 'Short.',
      authorCount: 3,
      upvotes: 2,
      publishedAt: '2025-02-18',
      source: 'hf-listing',
    });
    const archive = paper({
      title: 'Native Sparse Attention',
      arxivId: '2502.11089',
      abstract: 'A much longer abstract with details.',
      authors: ['A', 'B', 'C'],
      authorCount: 3,
      upvotes: 150,
      codeUrls: ['https://github.com/x/nsa'],
      source: 'hf-json',
    });
    const atom = paper({
      title: 'Native sparse attention!',
      arxivId: '2502.11089',
      doi: '10.1/NSA',
      categories: ['cs.CL'],
      source: 'arxiv-atom',
      labels: { primary_category: 'cs.CL' },
    });
    const other = paper({ title: 'Something else', source: 'jsonl' });
    const merged = dedupePapers([listing, archive, other, atom]);
    expect(merged).toHaveLength(2);
    expect(merged[0]).toMatchObject({
      id: '2502.11089',
      arxivId: '2502.11089',
      doi: '10.1/NSA',
      abstract: 'A much longer abstract with details.',
      authors: ['A', 'B', 'C'],
      upvotes: 150,
      publishedAt: '2025-02-18',
      categories: ['cs.CL'],
      codeUrls: ['https://github.com/x/nsa'],
      source: 'hf-listing',
      sources: ['hf-listing', 'hf-json', 'arxiv-atom'],
      labels: { primary_category: 'cs.CL' },
    });
    expect(merged[1]?.title).toBe('Something else');
  });

  it('does not merge same-titled papers whose arXiv ids or DOIs differ', () => {
    const a = paper({ title: 'Introduction', arxivId: '2101.00001' });
    const b = paper({ title: 'Introduction', arxivId: '2101.00002' });
    const c = paper({ title: 'Introduction', doi: '10.1/a' });
    const d = paper({ title: 'Introduction', doi: '10.1/b' });
    expect(dedupePapers([a, b])).toHaveLength(2);
    expect(dedupePapers([c, d])).toHaveLength(2);
  });

  it('merges transitively (A~B by DOI, B~C by arXiv id)', () => {
    const a = paper({ title: 'One title', doi: '10.1/x' });
    const b = paper({ title: 'Another title', doi: '10.1/X', arxivId: '2101.00009' });
    const c = paper({ title: 'Third title', arxivId: '2101.00009' });
    const merged = dedupePapers([a, b, c]);
    expect(merged).toHaveLength(1);
    expect(merged[0]?.id).toBe('2101.00009');
  });
});

describe('text and date helpers', () => {
  it('extracts code links without trailing punctuation or duplicates', () => {
    expect(
      extractCodeUrls(
        'Code: https://github.com/a/b. Also (github.com/c/d), https://github.com/a/b; and https://gitlab.com/e/f!',
      ),
    ).toEqual(['https://github.com/a/b', 'https://github.com/c/d', 'https://gitlab.com/e/f']);
    expect(extractCodeUrls('see rdd-neurips.github.io and https://github.com/')).toEqual([]);
  });

  it('truncates at a word boundary', () => {
    expect(truncateAtWord('alpha beta gamma delta', 12)).toEqual({ text: 'alpha beta…', truncated: true });
    expect(truncateAtWord('short', 12)).toEqual({ text: 'short', truncated: false });
  });

  it('repairs double-encoded UTF-8 only when it is clearly that', () => {
    expect(repairMojibake('Jean-Marc AzaÃ¯s')).toBe('Jean-Marc Azaïs');
    expect(repairMojibake('Ãlvaro')).toBe('Ãlvaro');
    expect(repairMojibake('Azaïs — fine')).toBe('Azaïs — fine');
  });

  it.each([
    ['2025-08-19', '2025-08-19'],
    ['2012-01-23T21:15:02Z', '2012-01-23'],
    ['2025-02-16T15:04:05.000Z', '2025-02-16'],
    ['Mon, 2 Apr 2007 19:18:42 GMT', '2007-04-02'],
    ['Aug 19, 2025', '2025-08-19'],
    ['19 August 2025', '2025-08-19'],
    [2022, undefined],
    ['2022-05', undefined],
  ])('parseDate(%j) -> %j', (raw, date) => {
    expect(parseDate(raw)).toEqual({ ok: true, date });
  });

  it.each(['2025-02-30', '31/31/2024', 'yesterday', 'Foo 1, 2020', '0000'])('parseDate(%j) fails', (raw) => {
    expect(parseDate(raw).ok).toBe(false);
  });

  it('normalises DOIs', () => {
    expect(normaliseDoi('https://doi.org/10.1038/S41586-021-03534-Y')).toBe('10.1038/s41586-021-03534-y');
    expect(normaliseDoi('doi:10.1234/x')).toBe('10.1234/x');
    expect(normaliseDoi('10.1/x')).toBeUndefined();
    expect(normaliseDoi('not a doi')).toBeUndefined();
  });
});
