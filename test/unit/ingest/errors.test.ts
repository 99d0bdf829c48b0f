/** The error contract of readPapers, for every format. */
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/domain/errors.js';
import { readPapers, type SourceFormat } from '../../../src/ingest/index.js';
import { collect, papersOf, skippedOf, tempFile } from './helpers.js';

const ABSTRACT = 'We study things carefully and report results.';

describe('record-level problems are skipped events with file, 1-based line and reason', () => {
  const jsonl = [
    JSON.stringify({ title: 'Good one', abstract: ABSTRACT, authors: ['A B'] }),
    '{"title": "broken", ',
    JSON.stringify({ abstract: ABSTRACT }),
    JSON.stringify({ title: 'No abstract' }),
    JSON.stringify({ title: 'Bad date', abstract: ABSTRACT, date: '2025-13-45' }),
    '',
    JSON.stringify({ title: 'x'.repeat(1_500), abstract: ABSTRACT }),
    '42',
    JSON.stringify({ title: 'Good two', abstract: ABSTRACT, date: 'Aug 19, 2025' }),
  ].join('\n');

  it('jsonl', async () => {
    const file = tempFile('mixed.jsonl', jsonl);
    const events = await collect(readPapers(file, { format: 'jsonl' }));
    expect(papersOf(events).map((p) => [p.title, p.publishedAt])).toEqual([
      ['Good one', undefined],
      ['Good two', '2025-08-19'],
    ]);
    expect(skippedOf(events).map((s) => [s.ref.file, s.ref.line, s.reason])).toEqual([
      [file, 2, 'bad-json'],
      [file, 3, 'missing-title'],
      [file, 4, 'missing-abstract'],
      [file, 5, 'bad-date'],
      [file, 7, 'too-long'],
      [file, 8, 'bad-record'],
    ]);
  });

  it.each<[SourceFormat, string, string]>([
    [
      'kaggle-oai',
      '{"id": "0704.0001", "title": "T", "abstract": "A", "versions": [{"created": "Someday"}]}',
      'bad-date',
    ],
    ['hf-json', '{"paper_id": "2601.00001", "title": "T", "abstract": ""}', 'missing-abstract'],
    ['semantic-scholar', '{"paperId": "x", "abstract": "A"}', 'missing-title'],
    [
      'openalex',
      '{"id": "https://openalex.org/W1", "title": "T", "abstract_inverted_index": {"a": [-1]}}',
      'bad-record',
    ],
    [
      'openalex',
      '{"id": "https://openalex.org/W1", "title": "T", "abstract_inverted_index": {"a": "0"}}',
      'bad-record',
    ],
  ])('%s: %s -> %s', async (format, line, reason) => {
    const file = tempFile('one.jsonl', `${line}\n`);
    const events = await collect(readPapers(file, { format }));
    expect(skippedOf(events).map((s) => [s.ref.line, s.reason])).toEqual([[1, reason]]);
  });

  it('arxiv-atom: malformed XML stops the file with a bad-xml event at its line, after the good entries', async () => {
    const xml = [
      '<feed xmlns="http://www.w3.org/2005/Atom">',
      '<entry><id>http://arxiv.org/abs/2101.00001v1</id><title>Fine</title><summary>A.</summary></entry>',
      '<entry><id>http://arxiv.org/abs/2101.00002v1</id><title>Broken</summary>',
      '</feed>',
    ].join('\n');
    const file = tempFile('bad.xml', xml);
    const events = await collect(readPapers(file, { format: 'arxiv-atom' }));
    expect(papersOf(events).map((p) => p.id)).toEqual(['2101.00001']);
    expect(skippedOf(events).map((s) => [s.ref.line, s.reason])).toEqual([[3, 'bad-xml']]);
  });

  it('arxiv-atom: an API error entry is skipped, an entry without summary is missing-abstract', async () => {
    const xml = [
      '<feed xmlns="http://www.w3.org/2005/Atom">',
      '<entry><id>http://arxiv.org/api/errors#incorrect_id_format_for_1234</id><title>Error</title>',
      '<summary>incorrect id format for 1234</summary></entry>',
      '<entry><id>http://arxiv.org/abs/2101.00003v2</id><title>No summary</title></entry>',
      '</feed>',
    ].join('\n');
    const events = await collect(readPapers(tempFile('errs.xml', xml)));
    expect(skippedOf(events).map((s) => [s.ref.line, s.reason])).toEqual([
      [2, 'bad-record'],
      [4, 'missing-abstract'],
    ]);
  });

  it('csv: a row with an unterminated quote is bad-csv, the others load', async () => {
    const csv = 'title,abstract\nGood,Fine abstract.\n"Broken,"unterminated\nAlso good,Another abstract.\n';
    const events = await collect(readPapers(tempFile('bad.csv', csv)));
    expect(papersOf(events).map((p) => p.title)).toContain('Good');
    expect(skippedOf(events).length).toBeGreaterThan(0);
    expect(skippedOf(events).every((s) => s.ref.line > 0)).toBe(true);
  });

  it('a JSON document cut short reports where the unfinished record starts', async () => {
    const doc = '[\n  {"title": "Whole", "abstract": "A."},\n  {"title": "Cut",\n';
    const events = await collect(readPapers(tempFile('cut.json', doc), { format: 'jsonl' }));
    expect(papersOf(events).map((p) => p.title)).toEqual(['Whole']);
    expect(skippedOf(events).map((s) => [s.ref.line, s.reason])).toEqual([[3, 'bad-json']]);
  });
});

describe('strict mode', () => {
  it.each<[SourceFormat, string, string, RegExp]>([
    ['jsonl', 'bad.jsonl', '{"title": "A", "abstract": "B"}\n{"title": \n', /bad\.jsonl:2: .*bad-json/],
    ['csv', 'bad.csv', 'title,abstract\nA,B\nC,\n', /bad\.csv:3: .*missing-abstract/],
    [
      'arxiv-atom',
      'bad.xml',
      '<feed xmlns="http://www.w3.org/2005/Atom">\n<entry><title>T</title></entry>\n</feed>\n',
      /bad\.xml:2: /,
    ],
    [
      'hf-listing',
      'bad.txt',
      'Title\n\nAbstract.\n\n  • 2 authors\n·\nAug 32, 2025\n',
      /bad\.txt:7: .*bad-date/,
    ],
  ])(
    '%s: the first bad record throws a UserInputError naming file and line',
    async (format, name, content, message) => {
      const err = await collect(readPapers(tempFile(name, content), { format, strict: true })).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(UserInputError);
      expect((err as Error).message).toMatch(message);
    },
  );

  it('does not throw for a clean file', async () => {
    const file = tempFile('ok.jsonl', '{"title": "A", "abstract": "B"}\n');
    await expect(collect(readPapers(file, { strict: true }))).resolves.toHaveLength(1);
  });
});

describe('file-level problems are UserInputErrors for every format', () => {
  const formats: SourceFormat[] = [
    'hf-listing',
    'hf-json',
    'arxiv-atom',
    'kaggle-oai',
    'semantic-scholar',
    'openalex',
    'jsonl',
    'csv',
  ];

  it.each(formats)('%s: empty file, missing path, non-UTF-8 bytes', async (format) => {
    await expect(collect(readPapers(tempFile('empty', ''), { format }))).rejects.toThrow(/is empty/);
    await expect(collect(readPapers(tempFile('blank', '\n \n'), { format }))).rejects.toThrow(/is empty/);
    await expect(collect(readPapers('/nonexistent/x', { format }))).rejects.toThrow(UserInputError);
    const latin1 = Buffer.from('title,abstract\n{"title": "Caf\xe9"}\n', 'latin1');
    await expect(collect(readPapers(tempFile('latin1', latin1), { format }))).rejects.toThrow(
      /latin1:2: .*not valid UTF-8/,
    );
  });

  it('an unknown --format value, and --map with a non-generic format', async () => {
    const file = tempFile('x.jsonl', '{"title": "A", "abstract": "B"}\n');
    await expect(collect(readPapers(file, { format: 'bibtex' as SourceFormat }))).rejects.toThrow(
      /unknown --format "bibtex"/,
    );
    await expect(collect(readPapers(file, { format: 'openalex', map: { title: ['name'] } }))).rejects.toThrow(
      /--map applies to/,
    );
  });

  it('an undetectable file', async () => {
    await expect(collect(readPapers(tempFile('notes.txt', 'hello\nworld\n')))).rejects.toThrow(
      /use --format|pass --format/,
    );
  });
});

describe('maxAbstractChars', () => {
  it('truncates at a word boundary, keeps the paper and reports a too-long warning', async () => {
    const abstract = Array.from({ length: 400 }, (_, i) => `word${i}`).join(' ');
    const file = tempFile('long.jsonl', JSON.stringify({ title: 'Long', abstract }) + '\n');
    const [event] = await collect(readPapers(file, { maxAbstractChars: 100 }));
    expect(event?.kind).toBe('paper');
    if (event?.kind !== 'paper') return;
    expect(event.paper.abstract.length).toBeLessThanOrEqual(100);
    expect(event.paper.abstract).toMatch(/^word0 word1 .* word\d+…$/);
    expect(event.warnings?.map((w) => [w.ref.line, w.reason])).toEqual([[1, 'too-long']]);
  });

  it('leaves real abstracts alone by default (20,000 characters)', async () => {
    const abstract = 'a '.repeat(9_000).trim();
    const file = tempFile('ok.jsonl', JSON.stringify({ title: 'Fine', abstract }) + '\n');
    const [event] = await collect(readPapers(file));
    expect(event?.kind === 'paper' && event.paper.abstract === abstract && event.warnings === undefined).toBe(
      true,
    );
  });
});
