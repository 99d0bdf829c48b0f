/**
 * Hugging Face Daily Papers listing, as copied from the web page as text. Each entry is:
 *
 *   Title
 *   (blank)
 *   Abstract (one or more non-blank lines)
 *   (blank)
 *     • 3 authors          <- or an organisation line, e.g. "Harvard Harvard University"
 *   ·
 *   Aug 19, 2025 2         <- date, then the upvote count when the page shows one
 *
 * Page chrome between entries ("new", "Subscribe", "Daily Papers", a year-less "Jan 6", ...)
 * is ignored. The parser is a line-at-a-time state machine so the same code serves the pure
 * `parseHfListing(text)` and the streaming `readHfListing(file)`.
 */
import { paperIdFor } from '../domain/ids.js';
import type { PaperRecord, ParseEvent, ParseWarning } from '../domain/paper.js';
import { isoDate, monthNumber } from './dates.js';
import { applyStrict, paperEvent, skippedEvent, skippedToError } from './events.js';
import { emptyFileError, readLines, splitLines, type Line } from './lines.js';
import { DEFAULT_MAX_ABSTRACT_CHARS } from './record.js';
import { collapseWhitespace, extractCodeUrls, truncateAtWord } from './text.js';

export const HF_LISTING_SOURCE = 'hf-listing';

export interface HfListingOptions {
  readonly strict?: boolean;
  readonly maxAbstractChars?: number;
}

const CHROME = new Set(
  [
    'new',
    'Get trending papers in your email inbox!',
    'Subscribe',
    'Daily Papers',
    'byAK and the research community',
  ].map((s) => s.toLowerCase()),
);
const AUTHORS_LINE = /^•\s*(\d+)\s+authors?$/i;
const SEPARATOR = '·';
/** A date with a year, optionally followed by the upvote count. */
const DATED_LINE = /^([A-Za-z]{3,9})\.?\s+(\d{1,2}),\s*(\d{4})(?:\s+(\d+))?$/;
/** "Jan 6": the page's own date header, not a paper. */
const YEARLESS_DATE = /^([A-Za-z]{3,9})\.?\s+(\d{1,2})$/;
/** Looks like an attempt at a date (so a malformed one is `bad-date`, not a stray line). */
const DATE_ISH = /^[A-Za-z]{3,9}\.?\s+\d|^\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/;

/** `Aug 19, 2025` -> `2025-08-19`; undefined for an unknown month or a day the month does not have. */
export function parseListingDate(monthName: string, day: number, year: number): string | undefined {
  const month = monthNumber(monthName);
  return month === undefined ? undefined : isoDate(year, month, day);
}

/**
 * The listing prints an organisation as its short name then its full name ("Harvard Harvard
 * University"); keep the full name when the line starts with a repeated word sequence.
 */
export function organisationFromByline(line: string): string {
  const words = collapseWhitespace(line).split(' ');
  for (let k = 1; k * 2 <= words.length; k++) {
    const head = words.slice(0, k).join(' ');
    if (words.slice(k, 2 * k).join(' ') === head) return words.slice(k).join(' ');
  }
  return words.join(' ');
}

type Byline =
  { kind: 'count'; count: number; line: number } | { kind: 'organisation'; name: string; line: number };

type State =
  | { name: 'idle' }
  | { name: 'title'; title: Line }
  | { name: 'body'; title: Line; paragraphs: Line[]; blankSinceLast: boolean }
  | {
      name: 'meta';
      title: Line;
      paragraphs: Line[];
      byline?: Byline;
      sawSeparator: boolean;
      lastLine: number;
    }
  /** After a malformed entry: ignore lines until the next blank line. */
  | { name: 'recover' };

/** Line-at-a-time parser; `push` and `end` return the events completed by that line. */
export class HfListingParser {
  private state: State = { name: 'idle' };
  private readonly maxAbstractChars: number;

  constructor(
    private readonly file: string,
    opts: { maxAbstractChars?: number } = {},
  ) {
    this.maxAbstractChars = opts.maxAbstractChars ?? DEFAULT_MAX_ABSTRACT_CHARS;
  }

  push({ text: raw, line }: Line): ParseEvent[] {
    const text = collapseWhitespace(raw);
    const s = this.state;
    switch (s.name) {
      case 'idle':
        if (text === '' || CHROME.has(text.toLowerCase()) || YEARLESS_DATE.test(text)) return [];
        if (text === SEPARATOR || AUTHORS_LINE.test(text) || DATED_LINE.test(text)) {
          return [this.skip(line, 'unexpected-line', `"${text}" outside an entry: expected a title`)];
        }
        this.state = { name: 'title', title: { text, line } };
        return [];
      case 'title':
        if (text === '') return [];
        if (text === SEPARATOR || AUTHORS_LINE.test(text) || DATED_LINE.test(text)) {
          this.state = DATED_LINE.test(text) ? { name: 'idle' } : { name: 'recover' };
          return [this.skip(s.title.line, 'missing-abstract', `title "${s.title.text}" has no abstract`)];
        }
        this.state = { name: 'body', title: s.title, paragraphs: [{ text, line }], blankSinceLast: false };
        return [];
      case 'body':
        return this.pushBody(s, text, line);
      case 'meta':
        return this.pushMeta(s, text, line);
      case 'recover':
        if (text === '') this.state = { name: 'idle' };
        return [];
    }
  }

  /** Call once after the last line. */
  end(lastLine: number): ParseEvent[] {
    const s = this.state;
    this.state = { name: 'idle' };
    switch (s.name) {
      case 'idle':
      case 'recover':
        return [];
      case 'title':
        return [this.skip(s.title.line, 'missing-abstract', `title "${s.title.text}" has no abstract`)];
      case 'body':
        return [
          this.skip(
            lastLine,
            'missing-date',
            `entry "${s.title.text}" ends without an author line and a date`,
          ),
        ];
      case 'meta':
        return [
          this.skip(
            s.byline?.line ?? s.lastLine,
            'missing-date',
            `entry "${s.title.text}" ends without a date`,
          ),
        ];
    }
  }

  private pushBody(s: Extract<State, { name: 'body' }>, text: string, line: number): ParseEvent[] {
    if (text === '') {
      s.blankSinceLast = true;
      return [];
    }
    const authors = AUTHORS_LINE.exec(text);
    if (authors) {
      const byline: Byline = { kind: 'count', count: Number(authors[1]), line };
      this.state = {
        name: 'meta',
        title: s.title,
        paragraphs: s.paragraphs,
        byline,
        sawSeparator: false,
        lastLine: line,
      };
      return [];
    }
    if (text === SEPARATOR) {
      // The line right before the separator (no blank in between) names the organisation.
      const last = s.paragraphs[s.paragraphs.length - 1];
      if (s.blankSinceLast || last === undefined) {
        this.state = {
          name: 'meta',
          title: s.title,
          paragraphs: s.paragraphs,
          sawSeparator: true,
          lastLine: line,
        };
        return [];
      }
      if (s.paragraphs.length === 1) {
        this.state = { name: 'recover' };
        return [this.skip(s.title.line, 'missing-abstract', `title "${s.title.text}" has no abstract`)];
      }
      const byline: Byline = {
        kind: 'organisation',
        name: organisationFromByline(last.text),
        line: last.line,
      };
      const paragraphs = s.paragraphs.slice(0, -1);
      this.state = { name: 'meta', title: s.title, paragraphs, byline, sawSeparator: true, lastLine: line };
      return [];
    }
    if (DATED_LINE.test(text)) {
      // No byline at all: still a paper, with an unknown author count.
      this.state = {
        name: 'meta',
        title: s.title,
        paragraphs: s.paragraphs,
        sawSeparator: true,
        lastLine: line,
      };
      return this.pushMeta(this.state, text, line);
    }
    s.paragraphs.push({ text, line });
    s.blankSinceLast = false;
    return [];
  }

  private pushMeta(s: Extract<State, { name: 'meta' }>, text: string, line: number): ParseEvent[] {
    if (text === SEPARATOR && !s.sawSeparator) {
      s.sawSeparator = true;
      s.lastLine = line;
      return [];
    }
    if (text === '') {
      this.state = { name: 'idle' };
      const at = s.byline?.line ?? s.lastLine;
      return [this.skip(at, 'missing-date', `entry "${s.title.text}" has an author line but no date`)];
    }
    const m = DATED_LINE.exec(text);
    const date = m ? parseListingDate(m[1] ?? '', Number(m[2]), Number(m[3])) : undefined;
    if (m === null || date === undefined) {
      this.state = { name: 'recover' };
      const what = DATE_ISH.test(text)
        ? `unreadable date "${text}"`
        : `expected a date after the author line, found "${text}"`;
      return [
        this.skip(
          line,
          m === null && !DATE_ISH.test(text) ? 'missing-date' : 'bad-date',
          `${what} (like "Aug 19, 2025")`,
        ),
      ];
    }
    this.state = { name: 'idle' };
    return [this.finish(s, date, m[4] === undefined ? undefined : Number(m[4]))];
  }

  private finish(
    s: Extract<State, { name: 'meta' }>,
    publishedAt: string,
    upvotes: number | undefined,
  ): ParseEvent {
    const full = collapseWhitespace(s.paragraphs.map((p) => p.text).join(' '));
    const { text: abstract, truncated } = truncateAtWord(full, this.maxAbstractChars);
    const warnings: ParseWarning[] = truncated
      ? [
          {
            ref: { file: this.file, line: s.title.line },
            reason: 'too-long',
            message: `abstract of ${full.length} characters truncated to ${this.maxAbstractChars}`,
          },
        ]
      : [];
    const paper: PaperRecord = {
      id: paperIdFor(s.title.text),
      title: s.title.text,
      abstract,
      authors: [],
      authorCount: s.byline?.kind === 'count' ? s.byline.count : 0,
      organizations: s.byline?.kind === 'organisation' ? [s.byline.name] : [],
      publishedAt,
      ...(upvotes === undefined ? {} : { upvotes }),
      categories: [],
      codeUrls: extractCodeUrls(full),
      source: HF_LISTING_SOURCE,
      sourceRef: { file: this.file, line: s.title.line },
    };
    return paperEvent(paper, warnings);
  }

  private skip(line: number, reason: Parameters<typeof skippedEvent>[2], message: string): ParseEvent {
    return skippedEvent(this.file, line, reason, message);
  }
}

/**
 * Parse a whole listing held in memory. Pure: `file` is only used in source references.
 * In strict mode the first malformed entry throws a UserInputError naming `file:line`.
 */
export function parseHfListing(text: string, file: string, opts: HfListingOptions = {}): ParseEvent[] {
  const parser = new HfListingParser(file, opts);
  const events: ParseEvent[] = [];
  let last = 0;
  for (const line of splitLines(text)) {
    events.push(...parser.push(line));
    last = line.line;
  }
  events.push(...parser.end(last));
  if (opts.strict) {
    for (const e of events) if (e.kind === 'skipped') throw skippedToError(e);
  }
  return events;
}

/** Stream a listing file line by line. Throws UserInputError for a missing, empty or non-UTF-8 file. */
export function readHfListing(file: string, opts: HfListingOptions = {}): AsyncGenerator<ParseEvent> {
  return applyStrict(streamHfListing(file, opts), opts.strict ?? false);
}

async function* streamHfListing(file: string, opts: HfListingOptions): AsyncGenerator<ParseEvent> {
  const parser = new HfListingParser(file, opts);
  let last = 0;
  let sawText = false;
  for await (const line of readLines(file)) {
    if (line.text.trim() !== '') sawText = true;
    yield* parser.push(line);
    last = line.line;
  }
  if (!sawText) throw emptyFileError(file);
  yield* parser.end(last);
}
