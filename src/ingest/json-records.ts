/**
 * Stream the records of a JSON file without holding the file: JSON Lines (one value per
 * line), a JSON array, an API envelope such as `{ "meta": ..., "results": [ ... ] }` or
 * `{ "data": [ ... ] }`, or a single object. Each record is parsed on its own, so a bad one
 * is reported with its line and the rest still load.
 */
import { UserInputError } from '../domain/errors.js';
import { readLines, type Line } from './lines.js';
import { isObject } from './record.js';

/** Keys whose array value holds the records in the API envelopes we read. */
export const CONTAINER_KEYS = ['data', 'results', 'papers'] as const;

export type JsonRecord =
  | { readonly kind: 'value'; readonly value: unknown; readonly line: number }
  | { readonly kind: 'error'; readonly message: string; readonly line: number };

/** The records inside an envelope object (one without its own `title`), else undefined. */
function envelopeRecords(v: unknown): unknown[] | undefined {
  if (Array.isArray(v)) return v;
  if (!isObject(v) || 'title' in v) return undefined;
  for (const key of CONTAINER_KEYS) {
    const inner = v[key];
    if (Array.isArray(inner) && inner.some(isObject)) return inner;
  }
  return undefined;
}

/** Deepest nesting of arrays and objects a record may have; real records use under 10. */
export const MAX_JSON_DEPTH = 64;
/** Longest record (characters) a multi-line JSON document may have. */
export const MAX_RECORD_CHARS = 32 * 1024 * 1024;

/** True when brackets outside strings nest deeper than `max` (one linear scan, no recursion). */
export function nestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++;
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) return true;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return false;
}

function tryParse(text: string): { ok: true; value: unknown } | { ok: false; message: string } {
  // Everything that reads a record walks it recursively: a value nested a million deep
  // would overflow the stack there, so it is refused here.
  if (nestsDeeperThan(text, MAX_JSON_DEPTH))
    return { ok: false, message: `nested deeper than ${MAX_JSON_DEPTH} levels of arrays and objects` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
}

function* expand(value: unknown, line: number): Generator<JsonRecord> {
  const inner = envelopeRecords(value);
  if (inner === undefined) yield { kind: 'value', value, line };
  else for (const v of inner) yield { kind: 'value', value: v, line };
}

/** True when the line on its own is a whole JSON object or array (a JSON Lines record). */
function isWholeJson(text: string): boolean {
  const t = text.trim();
  return (t.startsWith('{') || t.startsWith('[')) && tryParse(t).ok;
}

/**
 * JSON Lines when the first non-blank line, or failing that the second, is a JSON value on
 * its own (so a broken first record does not turn the file into a "document"); otherwise a
 * multi-line JSON document, split into records by `JsonSplitter`.
 */
export async function* readJsonRecords(
  file: string,
  lines: AsyncIterable<Line> = readLines(file),
): AsyncGenerator<JsonRecord> {
  try {
    yield* splitJsonRecords(lines);
  } catch (e) {
    if (e instanceof RecordTooLargeError)
      throw new UserInputError(`${file}:${e.line}: ${e.message}`, 'INPUT_RECORD_TOO_LARGE');
    throw e;
  }
}

async function* splitJsonRecords(lines: AsyncIterable<Line>): AsyncGenerator<JsonRecord> {
  const head: Line[] = [];
  let mode: 'lines' | 'document' | undefined;
  const splitter = new JsonSplitter();
  const handle = function* (l: Line): Generator<JsonRecord> {
    if (mode === 'lines') {
      if (l.text.trim() === '') return;
      const parsed = tryParse(l.text);
      if (parsed.ok) yield* expand(parsed.value, l.line);
      else yield { kind: 'error', message: `not valid JSON: ${parsed.message}`, line: l.line };
    } else {
      yield* splitter.push(l);
    }
  };
  for await (const l of lines) {
    if (mode !== undefined) {
      yield* handle(l);
      continue;
    }
    head.push(l);
    const nonBlank = head.filter((h) => h.text.trim() !== '');
    if (nonBlank.length === 0) continue;
    const first = nonBlank[0];
    const second = nonBlank[1];
    if (first !== undefined && isWholeJson(first.text)) mode = 'lines';
    else if (second === undefined) continue;
    else mode = isWholeJson(second.text) ? 'lines' : 'document';
    for (const h of head) yield* handle(h);
  }
  if (mode === undefined) {
    // Zero or one non-blank line that is not a whole value on its own: a broken document.
    mode = 'document';
    for (const h of head) yield* handle(h);
  }
  if (mode === 'document') yield* splitter.end();
}

/** A record of a JSON document that outgrew `MAX_RECORD_CHARS`. */
export class RecordTooLargeError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/**
 * Incremental splitter for multi-line JSON documents. Tracks string/escape state and
 * bracket depth character by character; records are the elements of a top-level array,
 * the elements of a container array (`CONTAINER_KEYS`) directly inside a top-level object,
 * or a top-level object that has no such array. Memory: the record being captured.
 */
export class JsonSplitter {
  private depth = 0;
  private inString = false;
  private escaped = false;
  /** Depth at which the values are records (inside the current container array), if any. */
  private recordDepth: number | undefined;
  /** Top-level object captured in case it is itself the record. */
  private whole: { parts: string[]; line: number; chars?: number } | undefined;
  private element: { parts: string[]; line: number; chars?: number } | undefined;
  /** Last string seen at depth 1 of a top-level object, and whether a ':' followed it. */
  private lastString = '';
  private keyPending: string | undefined;
  private stringStart = -1;
  private junkLine = -1;

  *push({ text, line }: Line): Generator<JsonRecord> {
    const s = text + '\n';
    let wholeFrom = this.whole ? 0 : -1;
    let elementFrom = this.element ? 0 : -1;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 0x5c /* \ */) this.escaped = true;
        else if (c === 0x22 /* " */) {
          this.inString = false;
          if (this.depth === 1 && this.stringStart >= 0) this.lastString = s.slice(this.stringStart, i);
        }
        continue;
      }
      // Start of a record value inside a container array.
      if (
        this.element === undefined &&
        this.recordDepth !== undefined &&
        this.depth === this.recordDepth &&
        c !== 0x2c /* , */ &&
        c !== 0x5d /* ] */ &&
        !isSpace(c)
      ) {
        this.element = { parts: [], line };
        elementFrom = i;
      }
      switch (c) {
        case 0x22: // "
          this.inString = true;
          this.stringStart = i + 1;
          break;
        case 0x7b: // {
        case 0x5b: // [
          if (this.depth === 0) {
            if (c === 0x5b) this.recordDepth = 1;
            else {
              this.whole = { parts: [], line };
              wholeFrom = i;
            }
          } else if (this.depth === 1 && c === 0x5b && this.whole && this.keyPending !== undefined) {
            if ((CONTAINER_KEYS as readonly string[]).includes(this.keyPending)) {
              this.recordDepth = 2;
              this.whole = undefined;
              wholeFrom = -1;
            }
          }
          this.depth += 1;
          this.keyPending = undefined;
          break;
        case 0x7d: // }
        case 0x5d: // ]
          if (this.depth === 0) {
            yield* this.junk(line, 'unexpected closing bracket');
            break;
          }
          if (this.element && this.depth === this.recordDepth) {
            // `]` closing the container ends the last element.
            yield this.finishElement(s.slice(elementFrom, i));
            elementFrom = -1;
          }
          this.depth -= 1;
          if (this.recordDepth !== undefined && this.depth < this.recordDepth) this.recordDepth = undefined;
          if (this.depth === 0 && this.whole) {
            this.whole.parts.push(s.slice(wholeFrom, i + 1));
            const { parts, line: start } = this.whole;
            this.whole = undefined;
            wholeFrom = -1;
            yield parseRecord(parts.join(''), start);
          }
          break;
        case 0x2c: // ,
          if (this.element && this.depth === this.recordDepth) {
            yield this.finishElement(s.slice(elementFrom, i));
            elementFrom = -1;
          }
          if (this.depth === 1) this.keyPending = undefined;
          break;
        case 0x3a: // :
          if (this.depth === 1) this.keyPending = this.lastString;
          break;
        default:
          if (this.depth === 0 && !isSpace(c)) {
            yield* this.junk(line, 'text outside any JSON value');
            i = s.length; // ignore the rest of this line
          }
      }
    }
    if (this.whole && wholeFrom >= 0) this.grow(this.whole, s.slice(wholeFrom));
    if (this.element && elementFrom >= 0) this.grow(this.element, s.slice(elementFrom));
  }

  /** Adds a line's part to a record being captured; refuses one that never ends. */
  private grow(rec: { parts: string[]; line: number; chars?: number }, part: string): void {
    rec.parts.push(part);
    rec.chars = (rec.chars ?? 0) + part.length;
    if (rec.chars > MAX_RECORD_CHARS) {
      throw new RecordTooLargeError(
        `a JSON value that starts at line ${rec.line} is longer than ${MAX_RECORD_CHARS / 1024 / 1024} MiB characters; ` +
          'is a quote or bracket left open?',
        rec.line,
      );
    }
  }

  *end(): Generator<JsonRecord> {
    if (this.depth > 0 || this.inString) {
      const start = this.element?.line ?? this.whole?.line;
      yield {
        kind: 'error',
        message: `unexpected end of file inside a JSON value${start === undefined ? '' : ` that starts at line ${start}`}`,
        line: start ?? 1,
      };
    }
  }

  private finishElement(tail: string): JsonRecord {
    const el = this.element;
    this.element = undefined;
    if (el === undefined) return { kind: 'error', message: 'internal: no element', line: 0 };
    el.parts.push(tail);
    return parseRecord(el.parts.join(''), el.line);
  }

  private *junk(line: number, what: string): Generator<JsonRecord> {
    if (this.junkLine === line) return;
    this.junkLine = line;
    yield { kind: 'error', message: `not valid JSON: ${what}`, line };
  }
}

function parseRecord(text: string, line: number): JsonRecord {
  const parsed = tryParse(text);
  return parsed.ok
    ? { kind: 'value', value: parsed.value, line }
    : { kind: 'error', message: `not valid JSON: ${parsed.message}`, line };
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
