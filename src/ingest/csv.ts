/** Generic CSV/TSV with a header row, streamed with csv-parse; fields mapped like `jsonl`. */
import { Readable } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { UserInputError } from '../domain/errors.js';
import type { ParseEvent } from '../domain/paper.js';
import { skippedEvent } from './events.js';
import { mapGeneric } from './field-map.js';
import { emptyFileError, readLines, type Line } from './lines.js';
import { buildPaper } from './record.js';
import type { FieldMap } from './types.js';

export const CSV_SOURCE = 'csv';

/** The delimiter used most in the header line, outside quotes: `,`, tab or `;`. */
export function sniffDelimiter(header: string): string {
  const counts = new Map<string, number>([
    [',', 0],
    ['\t', 0],
    [';', 0],
  ]);
  let quoted = false;
  for (const ch of header) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > (counts.get(best) ?? 0)) best = d;
  return best;
}

/** Longest CSV record (characters); a paper with a 20k-character abstract is ~25k. */
export const MAX_CSV_RECORD_CHARS = 1_000_000;

export interface CsvOptions {
  readonly map: Readonly<Required<FieldMap>>;
  readonly maxAbstractChars?: number | undefined;
}

export async function* readCsv(file: string, opts: CsvOptions): AsyncGenerator<ParseEvent> {
  const lines = readLines(file);
  const head: Line[] = [];
  // Peek at the header to choose the delimiter, then replay it into the parser. (Not a
  // for-await with break: that would close the line generator.)
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    head.push(next.value);
    if (next.value.text.trim() !== '') break;
  }
  const header = head.find((l) => l.text.trim() !== '');
  if (header === undefined) throw emptyFileError(file);

  const skips: ParseEvent[] = [];
  /** Line where the last record read ended (the header's, at first). */
  let lastLine = header.line;
  const parser = parse({
    columns: (names: string[]) => names.map((n) => n.trim()),
    delimiter: sniffDelimiter(header.text),
    bom: true,
    info: true,
    relax_quotes: true,
    skip_empty_lines: true,
    // A quote left open swallows every row after it into one field: stop at this size.
    max_record_size: MAX_CSV_RECORD_CHARS,
    skip_records_with_error: true,
    on_skip: (err: CsvError | undefined) => {
      const line = typeof err?.['lines'] === 'number' ? err['lines'] : 0;
      if (err?.code === 'CSV_MAX_RECORD_SIZE') {
        // Every later row would be swallowed too: stop the file here, once.
        parser.destroy(
          new UserInputError(
            `${file}:${lastLine + 1}: a CSV record longer than ${MAX_CSV_RECORD_CHARS.toLocaleString('en')} characters ` +
              `(still open at line ${line}); is a quote left open on line ${lastLine + 1}?`,
            'INPUT_RECORD_TOO_LARGE',
          ),
        );
        return undefined;
      }
      skips.push(skippedEvent(file, line, 'bad-csv', err?.message ?? 'malformed CSV row'));
      return undefined;
    },
  });
  async function* text(): AsyncGenerator<string> {
    for (const l of head) yield l.text + '\n';
    for await (const l of lines) yield l.text + '\n';
  }
  const source = Readable.from(text());
  source.on('error', (err) => parser.destroy(err));
  source.pipe(parser);

  for await (const row of parser as AsyncIterable<{ record: unknown; info: { lines: number } }>) {
    yield* skips.splice(0);
    const ref = { file, line: row.info.lines };
    lastLine = row.info.lines;
    const raw = mapGeneric(row.record, opts.map);
    if (raw === undefined) {
      yield skippedEvent(file, ref.line, 'bad-record', 'row is not a record');
      continue;
    }
    yield buildPaper(raw, { source: CSV_SOURCE, ref, maxAbstractChars: opts.maxAbstractChars });
  }
  yield* skips.splice(0);
}
