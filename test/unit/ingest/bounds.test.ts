/**
 * Hostile inputs, generated here (never committed): each ends in one bounded, clear error that
 * names the file and line, with memory bounded. Peak RSS is printed for the record.
 */
import { createWriteStream, rmSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/domain/errors.js';
import { readPapers } from '../../../src/ingest/index.js';
import { MAX_LINE_BYTES, readLines } from '../../../src/ingest/lines.js';
import { collect, skippedOf, tempFile } from './helpers.js';

const files: string[] = [];
afterAll(() => {
  for (const f of files) rmSync(f, { force: true });
});

/** Writes `parts()` to a temp file in chunks, so the test itself never holds the whole input. */
async function generate(name: string, parts: () => Generator<string>): Promise<string> {
  const file = tempFile(name, '');
  files.push(file);
  const out = createWriteStream(file);
  for (const p of parts()) if (!out.write(p)) await new Promise<void>((r) => out.once('drain', () => r()));
  await new Promise<void>((resolve, reject) => out.end((e?: Error | null) => (e ? reject(e) : resolve())));
  return file;
}

/** Runs `work` and reports how far RSS rose above where it started. */
async function peakRss<T>(label: string, work: () => Promise<T>): Promise<{ result: T; growthMiB: number }> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const result = await work();
    peak = Math.max(peak, process.memoryUsage().rss);
    const growthMiB = Math.round((peak - before) / 1024 / 1024);
    console.log(`[bounds] ${label}: peak RSS +${growthMiB} MiB (${Math.round(peak / 1024 / 1024)} MiB)`);
    return { result, growthMiB };
  } finally {
    clearInterval(timer);
  }
}

async function failure(events: AsyncIterable<unknown>): Promise<UserInputError> {
  try {
    for await (const e of events) void e;
  } catch (e) {
    if (e instanceof UserInputError) return e;
    throw e;
  }
  throw new Error('expected a UserInputError');
}

describe('parser bounds', () => {
  it('refuses a 100 MB single line at MAX_LINE_BYTES, naming file and line', async () => {
    const block = 'a'.repeat(1024 * 1024);
    const file = await generate('one-line.jsonl', function* () {
      yield '{"title": "ok", "abstract": "a first line that is fine"}\n';
      for (let i = 0; i < 100; i++) yield block;
    });
    const { result: e, growthMiB } = await peakRss('100 MB line', () => failure(readLines(file)));
    expect(e.code).toBe('INPUT_LINE_TOO_LONG');
    expect(e.message).toContain(`${file}:2:`);
    expect(growthMiB).toBeLessThan((3 * MAX_LINE_BYTES) / 1024 / 1024);
    const viaReader = await failure(readPapers(file, { format: 'jsonl' }));
    expect(viaReader.code).toBe('INPUT_LINE_TOO_LONG');
  });

  it('refuses a CSV record left open by a quote, followed by a million rows', async () => {
    const file = await generate('open-quote.csv', function* () {
      yield 'title,abstract\n"An unclosed title,its abstract\n';
      let rows = '';
      for (let i = 0; i < 1_000_000; i++) {
        rows += `Paper ${i},Abstract number ${i} about language models\n`;
        if (rows.length > 1 << 20) {
          yield rows;
          rows = '';
        }
      }
      yield rows;
    });
    const { result: e, growthMiB } = await peakRss('CSV open quote + 1M rows', () =>
      failure(readPapers(file, { format: 'csv' })),
    );
    expect(e.code).toBe('INPUT_RECORD_TOO_LARGE');
    expect(e.message).toContain(`${file}:2:`);
    expect(e.message).toMatch(/quote left open/);
    expect(growthMiB).toBeLessThan(300);
  });

  it('reports JSON nested a million deep as one skipped record, in JSON lines and in a document', async () => {
    const deep = '['.repeat(1_000_000) + ']'.repeat(1_000_000);
    const lines = await generate('deep.jsonl', function* () {
      yield `{"title": "A", "abstract": "B", "x": ${deep}}\n`;
      yield '{"title": "A fine paper", "abstract": "An abstract of a fine paper."}\n';
    });
    const events = await collect(readPapers(lines, { format: 'jsonl' }));
    const [skip] = skippedOf(events);
    expect(skip?.ref.line).toBe(1);
    expect(skip?.message).toMatch(/nested deeper than 64 levels/);
    expect(events.filter((e) => e.kind === 'paper')).toHaveLength(1);

    const doc = await generate('deep.json', function* () {
      yield '[\n{"title": "A fine paper", "abstract": "An abstract of a fine paper."},\n';
      yield `${deep}\n]\n`;
    });
    const docEvents = await collect(readPapers(doc, { format: 'jsonl' }));
    expect(skippedOf(docEvents)[0]?.message).toMatch(/nested deeper than 64 levels/);
    expect(skippedOf(docEvents)[0]?.ref.line).toBe(3);
  });

  it('refuses a JSON document whose record never closes', async () => {
    const file = await generate('open.json', function* () {
      yield '[\n{"title": "A", "abstract": "never closed\n';
      const line = 'x'.repeat(1000) + '\n';
      for (let i = 0; i < 40_000; i++) yield line;
    });
    const e = await failure(readPapers(file, { format: 'jsonl' }));
    expect(e.code).toBe('INPUT_RECORD_TOO_LARGE');
    expect(e.message).toContain(`${file}:2:`);
  });

  it('does not expand an XML entity bomb', async () => {
    const defs = ['<!ENTITY lol "lol">'];
    for (let i = 1; i <= 9; i++)
      defs.push(`<!ENTITY lol${i} "${`&lol${i === 1 ? '' : i - 1};`.repeat(10)}">`);
    const file = await generate('bomb.xml', function* () {
      yield `<?xml version="1.0"?>\n<!DOCTYPE feed [\n${defs.join('\n')}\n]>\n`;
      yield '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>&lol9;</title><summary>x</summary></entry></feed>\n';
    });
    const { result: events, growthMiB } = await peakRss('XML entity bomb', () =>
      collect(readPapers(file, { format: 'arxiv-atom' })),
    );
    expect(events.filter((e) => e.kind === 'paper')).toEqual([]);
    const [skip] = skippedOf(events);
    expect(skip?.reason).toBe('bad-xml');
    expect(skip?.message).toMatch(/declares entities/);
    expect(skip?.ref.line).toBeGreaterThan(0);
    expect(growthMiB).toBeLessThan(100);
  });
});
