/**
 * Ingestion entry point: `readPapers(file)` streams ParseEvents from any supported source
 * format, detected from the content unless `format` is given. Every reader holds at most one
 * record (plus one read chunk) in memory; a malformed record is a `skipped` event naming the
 * file, 1-based line and a reason code, or, with `strict`, a UserInputError. File-level
 * problems (missing, directory, empty, not UTF-8, unknown format) are always UserInputErrors.
 */
import { UserInputError } from '../domain/errors.js';
import type { ParseEvent } from '../domain/paper.js';
import { readArxivAtom } from './arxiv-atom.js';
import { readCsv } from './csv.js';
import { detectFormat, detectGenericFormat } from './detect.js';
import { applyStrict, skippedEvent } from './events.js';
import { mapGeneric, resolveFieldMap } from './field-map.js';
import { readHfListing } from './hf-listing.js';
import {
  isRejection,
  mapHfJson,
  mapKaggleOai,
  mapOpenAlex,
  mapSemanticScholar,
  type Mapped,
} from './json-formats.js';
import { readJsonRecords } from './json-records.js';
import { emptyFileError } from './lines.js';
import { buildPaper } from './record.js';
import { isSourceFormat, SOURCE_FORMATS, type ReadOptions, type SourceFormat } from './types.js';

export { detectFormat, classifyJsonRecord } from './detect.js';
export { dedupePapers } from './dedupe.js';
export { DEFAULT_FIELD_MAP, parseFieldMap } from './field-map.js';
export { HfListingParser, parseHfListing, readHfListing } from './hf-listing.js';
export { normalisePaper, DEFAULT_MAX_ABSTRACT_CHARS } from './record.js';
export type { SkipReason } from './events.js';
export { SOURCE_FORMATS, type FieldMap, type ReadOptions, type SourceFormat } from './types.js';

const JSON_MAPPERS: Partial<Record<SourceFormat, (v: unknown) => Mapped>> = {
  'hf-json': mapHfJson,
  'kaggle-oai': mapKaggleOai,
  'semantic-scholar': mapSemanticScholar,
  openalex: mapOpenAlex,
};

/** Stream the papers of one file. See the module comment for the error contract. */
export async function* readPapers(file: string, opts: ReadOptions = {}): AsyncGenerator<ParseEvent> {
  const format = await chooseFormat(file, opts);
  yield* applyStrict(readAs(file, format, opts), opts.strict ?? false);
}

async function chooseFormat(file: string, opts: ReadOptions): Promise<SourceFormat> {
  if (opts.format !== undefined) {
    if (!isSourceFormat(opts.format)) {
      throw new UserInputError(
        `unknown --format "${String(opts.format)}"; use one of ${SOURCE_FORMATS.join(', ')}`,
        'UNKNOWN_FORMAT',
      );
    }
    if (opts.map !== undefined && opts.format !== 'jsonl' && opts.format !== 'csv') {
      throw new UserInputError(`--map applies to --format jsonl or csv, not ${opts.format}`, 'BAD_FIELD_MAP');
    }
    return opts.format;
  }
  // A field map says the caller knows the fields: read the file generically with it.
  return opts.map === undefined ? detectFormat(file) : detectGenericFormat(file);
}

async function* readAs(file: string, format: SourceFormat, opts: ReadOptions): AsyncGenerator<ParseEvent> {
  const maxAbstractChars = opts.maxAbstractChars;
  switch (format) {
    case 'hf-listing':
      yield* readHfListing(file, { maxAbstractChars });
      return;
    case 'arxiv-atom':
      yield* readArxivAtom(file, { maxAbstractChars });
      return;
    case 'csv':
      yield* readCsv(file, { map: resolveFieldMap(opts.map), maxAbstractChars });
      return;
    case 'jsonl': {
      const map = resolveFieldMap(opts.map);
      yield* readJson(
        file,
        format,
        (v) => mapGeneric(v, map) ?? { reason: 'bad-record', message: 'record is not a JSON object' },
        maxAbstractChars,
      );
      return;
    }
    case 'hf-json':
    case 'kaggle-oai':
    case 'semantic-scholar':
    case 'openalex': {
      const mapper = JSON_MAPPERS[format];
      if (mapper === undefined) throw new Error(`no mapper for ${format}`);
      yield* readJson(file, format, mapper, maxAbstractChars);
      return;
    }
    default:
      return assertNever(format);
  }
}

async function* readJson(
  file: string,
  source: SourceFormat,
  mapper: (v: unknown) => Mapped,
  maxAbstractChars: number | undefined,
): AsyncGenerator<ParseEvent> {
  let records = 0;
  for await (const r of readJsonRecords(file)) {
    records++;
    if (r.kind === 'error') {
      yield skippedEvent(file, r.line, 'bad-json', r.message);
      continue;
    }
    const mapped = mapper(r.value);
    if (isRejection(mapped)) yield skippedEvent(file, r.line, mapped.reason, mapped.message);
    else yield buildPaper(mapped, { source, ref: { file, line: r.line }, maxAbstractChars });
  }
  if (records === 0) throw emptyFileError(file);
}

function assertNever(x: never): never {
  throw new Error(`unhandled source format: ${String(x)}`);
}
