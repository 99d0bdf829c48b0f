/** Parsers given arbitrary input only ever yield events or throw our own UserInputError. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/domain/errors.js';
import type { ParseEvent } from '../../../src/domain/paper.js';
import { parseHfListing } from '../../../src/ingest/hf-listing.js';
import { readPapers, SOURCE_FORMATS, type SourceFormat } from '../../../src/ingest/index.js';
import { JsonSplitter } from '../../../src/ingest/json-records.js';
import { splitLines } from '../../../src/ingest/lines.js';
import { tempFile } from './helpers.js';

/** Lines that push each parser into its interesting states, mixed with noise. */
const line = fc.oneof(
  fc.constantFrom(
    '',
    '{',
    '}',
    '[',
    ']',
    ',',
    '"title": "T",',
    '{"title": "T", "abstract": "A"}',
    '{"paper": {"id": "2101.00001", "title": "T", "summary": "S"}}',
    '{"data": [{"paperId": "p", "title": "T", "abstract": "A"}]}',
    '{"abstract_inverted_index": {"a": [0, 2], "b": [1]}, "title": "T"}',
    '{"authors_parsed": [["L", "F", ""]], "title": "T", "abstract": "A", "versions": [{"created": "bad"}]}',
    '<?xml version="1.0"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">',
    '<entry><id>http://arxiv.org/abs/2101.00001v1</id><title>T</title>',
    '<summary>S</summary></entry>',
    '</feed>',
    '<arxiv:primary_category term="cs.CL"/>',
    '  • 3 authors',
    '·',
    'Aug 19, 2025 4',
    'Feb 30, 2025',
    'Jan 6',
    'title,abstract,authors',
    '"quoted, field","x',
    'A,B;C,2025-01-01',
  ),
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.json(),
);
const text = fc.array(line, { maxLength: 25 }).map((ls) => ls.join('\n'));

async function drain(events: AsyncIterable<ParseEvent>): Promise<ParseEvent[]> {
  const out: ParseEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

function checkEvents(events: readonly ParseEvent[], file: string): void {
  for (const e of events) {
    if (e.kind === 'paper') {
      expect(e.paper.title.length).toBeGreaterThan(0);
      expect(e.paper.abstract.length).toBeGreaterThan(0);
      expect(e.paper.id.length).toBeGreaterThan(0);
    } else {
      expect(e.kind).toBe('skipped');
      expect(e.skipped.ref.file).toBe(file);
      expect(e.skipped.ref.line).toBeGreaterThanOrEqual(1);
      expect(e.skipped.reason.length).toBeGreaterThan(0);
    }
  }
}

async function onlyEventsOrUserInputError(
  content: string | Uint8Array,
  format: SourceFormat | undefined,
  strict: boolean,
) {
  const file = tempFile('input', Buffer.from(content));
  try {
    checkEvents(await drain(readPapers(file, { format, strict })), file);
  } catch (err) {
    if (!(err instanceof UserInputError)) throw err;
  }
}

describe('property: readPapers never crashes', () => {
  it.each([...SOURCE_FORMATS, undefined])('format %s over arbitrary lines', async (format) => {
    await fc.assert(
      fc.asyncProperty(text, fc.boolean(), (content, strict) =>
        onlyEventsOrUserInputError(content, format, strict),
      ),
      { numRuns: 40 },
    );
  });

  it('over arbitrary bytes (often not UTF-8)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(...SOURCE_FORMATS, undefined),
        (bytes, format) => onlyEventsOrUserInputError(bytes, format, false),
      ),
      { numRuns: 80 },
    );
  });
});

describe('property: the pure parsers', () => {
  it('parseHfListing yields only events and names lines inside the text', () => {
    fc.assert(
      fc.property(text, (content) => {
        const events = parseHfListing(content, 'p.txt');
        const lines = content.split('\n').length;
        checkEvents(events, 'p.txt');
        for (const e of events)
          if (e.kind === 'skipped') expect(e.skipped.ref.line).toBeLessThanOrEqual(lines);
      }),
      { numRuns: 300 },
    );
  });

  it('JsonSplitter never throws, and splits any JSON array back into its elements', () => {
    fc.assert(
      fc.property(text, (content) => {
        const s = new JsonSplitter();
        const out = [...[...splitLines(content)].flatMap((l) => [...s.push(l)]), ...s.end()];
        for (const r of out) expect(r.line).toBeGreaterThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.array(fc.jsonValue(), { maxLength: 8 }), fc.boolean(), (values, pretty) => {
        const doc = JSON.stringify(values, null, pretty ? 2 : undefined);
        const s = new JsonSplitter();
        const out = [...[...splitLines(doc)].flatMap((l) => [...s.push(l)]), ...s.end()];
        expect(out.map((r) => (r.kind === 'value' ? r.value : r))).toEqual(JSON.parse(doc));
      }),
      { numRuns: 300 },
    );
  });
});
