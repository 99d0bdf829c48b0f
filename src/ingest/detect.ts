/**
 * Format detection from content, never the file name: the first 64 KiB are decoded (strict
 * UTF-8) and inspected. XML with an Atom `<feed>` is arXiv Atom; JSON is classified by the
 * keys of its first record; text with the listing's "• N authors" / "·" bylines is the HF
 * listing; a delimited header row with a title column is CSV.
 */
import { open } from 'node:fs/promises';
import { UserInputError } from '../domain/errors.js';
import { JsonSplitter } from './json-records.js';
import { assertReadableFile, emptyFileError, notUtf8Error } from './lines.js';
import { isObject, type JsonObject } from './record.js';
import { sniffDelimiter } from './csv.js';
import { SOURCE_FORMATS, type SourceFormat } from './types.js';

const HEAD_BYTES = 64 * 1024;

async function readHead(file: string): Promise<string> {
  await assertReadableFile(file);
  const handle = await open(file, 'r');
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buf, 0, HEAD_BYTES, 0);
    const bytes = buf.subarray(0, bytesRead);
    try {
      // stream: true tolerates a multi-byte character cut at the 64 KiB boundary.
      return new TextDecoder('utf-8', { fatal: true }).decode(bytes, { stream: true });
    } catch {
      const lossy = new TextDecoder('utf-8').decode(bytes);
      const bad = lossy.indexOf('\uFFFD');
      throw notUtf8Error(file, lossy.slice(0, Math.max(0, bad)).split('\n').length);
    }
  } finally {
    await handle.close();
  }
}

/** Which JSON source a record comes from, by its keys; undefined when it is not a paper record. */
export function classifyJsonRecord(v: unknown): SourceFormat | undefined {
  if (!isObject(v)) return undefined;
  const has = (k: string): boolean => k in v;
  const paper = v['paper'];
  if (isObject(paper) && ('title' in paper || 'summary' in paper)) return 'hf-json';
  if (has('paper_id') && (has('hf_url') || has('upvotes') || has('arxiv_url'))) return 'hf-json';
  if (has('authors_parsed') || (has('submitter') && has('versions'))) return 'kaggle-oai';
  if (has('paperId') || has('corpusId') || (has('externalIds') && has('title'))) return 'semantic-scholar';
  if (has('abstract_inverted_index') || String(v['id'] ?? '').startsWith('https://openalex.org/'))
    return 'openalex';
  if (has('title')) return 'jsonl';
  return undefined;
}

function firstJsonRecord(head: string): unknown {
  const lines = head.split('\n');
  const firstLine = lines.find((l) => l.trim() !== '') ?? '';
  try {
    return unwrap(JSON.parse(firstLine) as unknown);
  } catch {
    // Not JSON Lines (or a first line longer than the head): split the head as a document.
  }
  const splitter = new JsonSplitter();
  for (let i = 0; i < lines.length - 1; i++) {
    for (const r of splitter.push({ text: lines[i] ?? '', line: i + 1 })) {
      if (r.kind === 'value') return unwrap(r.value);
    }
  }
  return undefined;
}

function unwrap(v: unknown): unknown {
  if (Array.isArray(v)) return v[0];
  if (isObject(v) && !('title' in v)) {
    for (const key of ['data', 'results', 'papers']) {
      const inner = v[key];
      if (Array.isArray(inner) && inner.length > 0) return inner[0];
    }
  }
  return v;
}

/** Key sniffing for a first record too big for the head (e.g. an S2 paper with its citations). */
function sniffJsonKeys(head: string): SourceFormat | undefined {
  const keys = new Set([...head.matchAll(/"([A-Za-z_]+)"\s*:/g)].map((m) => m[1]));
  const fake: JsonObject = Object.fromEntries([...keys].map((k) => [k, true]));
  if (/"id"\s*:\s*"https:\/\/openalex\.org\//.test(head)) return 'openalex';
  if (keys.has('meta') && keys.has('results')) return 'openalex';
  return classifyJsonRecord(fake);
}

const LISTING_BYLINE = /^\s*•\s*\d+\s+authors?\s*$/m;
const LISTING_DATE = /^·\s*\n\s*[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}(?: \d+)?\s*$/m;

function unknownFormat(file: string, what: string): UserInputError {
  return new UserInputError(
    `${file}: cannot tell the format (${what}); pass --format with one of ${SOURCE_FORMATS.join(', ')}`,
    'UNKNOWN_FORMAT',
  );
}

/** The format of `file`, from its content. Throws UserInputError when it cannot tell. */
export async function detectFormat(file: string): Promise<SourceFormat> {
  const head = (await readHead(file)).replace(/^\uFEFF/, '');
  const start = head.trimStart();
  if (start === '') throw emptyFileError(file);
  const c = start[0];
  if (c === '<') {
    if (/<feed[\s>]/.test(start) && /http:\/\/www\.w3\.org\/2005\/Atom/.test(start)) return 'arxiv-atom';
    throw unknownFormat(file, 'XML, but not an Atom feed');
  }
  if (c === '{' || c === '[') {
    const format = classifyJsonRecord(firstJsonRecord(start)) ?? sniffJsonKeys(start);
    if (format !== undefined) return format;
    throw unknownFormat(
      file,
      'JSON without a "title" in its first record; if it is papers, use --format jsonl --map',
    );
  }
  if (LISTING_BYLINE.test(head) || LISTING_DATE.test(head)) return 'hf-listing';
  const headerLine = start.split('\n')[0] ?? '';
  const delimiter = sniffDelimiter(headerLine);
  const columns = headerLine.split(delimiter).map((h) => h.trim().replace(/^"|"$/g, '').toLowerCase());
  if (columns.length >= 2 && columns.includes('title')) return 'csv';
  throw unknownFormat(file, 'not XML, JSON, a Daily Papers listing or a CSV with a "title" column');
}

/**
 * With a field map the caller names the fields, so only the syntax matters: JSON (lines or
 * document) reads as `jsonl`, a delimited header row as `csv`.
 */
export async function detectGenericFormat(file: string): Promise<'jsonl' | 'csv'> {
  const start = (await readHead(file)).replace(/^\uFEFF/, '').trimStart();
  if (start === '') throw emptyFileError(file);
  if (start[0] === '{' || start[0] === '[') return 'jsonl';
  const headerLine = start.split('\n')[0] ?? '';
  if (start[0] !== '<' && headerLine.split(sniffDelimiter(headerLine)).length >= 2) return 'csv';
  throw unknownFormat(file, '--map needs JSON or a CSV with a header row');
}
