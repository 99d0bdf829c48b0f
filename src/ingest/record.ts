/**
 * The one place a source's loose fields become a PaperRecord: required fields checked,
 * markup stripped, whitespace collapsed, names deduplicated, the date parsed, an over-long
 * abstract truncated, the id derived. Every format's mapper ends here, so the rules agree.
 */
import { normaliseArxivId, paperIdFor } from '../domain/ids.js';
import type { PaperRecord, ParseEvent, ParseWarning, SourceRef } from '../domain/paper.js';
import { parseDate } from './dates.js';
import { paperEvent, skippedEvent, type SkipReason } from './events.js';
import { collapseWhitespace, dedupeNames, extractCodeUrls, stripMarkup, truncateAtWord } from './text.js';

export const DEFAULT_MAX_ABSTRACT_CHARS = 20_000;
/** Longer "titles" are a mis-mapped field (usually the abstract), not a title. */
export const MAX_TITLE_CHARS = 1_000;

/** What a format mapper extracts from one source record, before any checking. */
export interface RawPaper {
  readonly title?: string | undefined;
  readonly abstract?: string | undefined;
  readonly authors?: readonly string[] | undefined;
  /** When the source gives a count (or more authors than names). */
  readonly authorCount?: number | undefined;
  readonly organizations?: readonly string[] | undefined;
  /** Any arXiv id form (URL, `arXiv:`, versioned); invalid ones are ignored. */
  readonly arxivId?: string | undefined;
  /** The record's own identifier as the source writes it (kept for output keyed by it). */
  readonly sourceId?: string | undefined;
  readonly doi?: string | undefined;
  /** Anything `parseDate` understands; an unreadable one skips the record (`bad-date`). */
  readonly date?: string | number | undefined;
  readonly url?: string | undefined;
  readonly categories?: readonly string[] | undefined;
  /** Code links the source names explicitly; links in the abstract are added. */
  readonly codeUrls?: readonly string[] | undefined;
  readonly upvotes?: number | undefined;
  readonly labels?: Readonly<Record<string, string>> | undefined;
  /** Extra free text searched for code links (e.g. an arXiv comment), not stored. */
  readonly codeText?: string | undefined;
}

/** A mapper's verdict on a record it cannot use. */
export interface Rejection {
  readonly reason: SkipReason;
  readonly message: string;
}

export interface BuildContext {
  readonly source: string;
  readonly ref: SourceRef;
  readonly maxAbstractChars?: number | undefined;
}

/** `10.1234/abc`, lower-cased, from a bare DOI, `doi:` or a doi.org URL; undefined when not a DOI. */
export function normaliseDoi(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const s = raw
    .trim()
    .replace(/^https?:\/\/(dx\.)?doi\.org\//i, '')
    .replace(/^doi:\s*/i, '');
  return /^10\.\d{4,9}\/\S+$/.test(s) ? s.toLowerCase() : undefined;
}

/** arXiv's own DOIs (`10.48550/arXiv.2101.00001`) carry the arXiv id. */
export function arxivIdFromDoi(doi: string | undefined): string | undefined {
  const m = doi === undefined ? null : /^10\.48550\/arxiv\.(.+)$/i.exec(doi);
  return m?.[1] === undefined ? undefined : normaliseArxivId(m[1]);
}

export function buildPaper(raw: RawPaper, ctx: BuildContext): ParseEvent {
  const { file, line } = ctx.ref;
  const skip = (reason: SkipReason, message: string): ParseEvent => skippedEvent(file, line, reason, message);

  const title = stripMarkup(raw.title ?? '');
  if (title === '') return skip('missing-title', 'record has no title');
  if (title.length > MAX_TITLE_CHARS) {
    return skip(
      'too-long',
      `title of ${title.length} characters (max ${MAX_TITLE_CHARS}); is the field map right?`,
    );
  }
  const fullAbstract = stripMarkup(raw.abstract ?? '');
  if (fullAbstract === '') return skip('missing-abstract', `"${shorten(title)}" has no abstract`);

  let publishedAt: string | undefined;
  if (raw.date !== undefined && String(raw.date).trim() !== '') {
    const parsed = parseDate(raw.date);
    if (!parsed.ok)
      return skip('bad-date', `unreadable date "${shorten(String(raw.date))}" for "${shorten(title)}"`);
    publishedAt = parsed.date;
  }

  const max = ctx.maxAbstractChars ?? DEFAULT_MAX_ABSTRACT_CHARS;
  const { text: abstract, truncated } = truncateAtWord(fullAbstract, max);
  const warnings: ParseWarning[] = truncated
    ? [
        {
          ref: ctx.ref,
          reason: 'too-long',
          message: `abstract of ${fullAbstract.length} characters truncated to ${max}`,
        },
      ]
    : [];

  const doi = normaliseDoi(raw.doi);
  const arxivId =
    (raw.arxivId === undefined ? undefined : normaliseArxivId(raw.arxivId)) ?? arxivIdFromDoi(doi);
  const authors = dedupeNames((raw.authors ?? []).map(stripMarkup));
  const codeUrls = dedupeNames([
    ...(raw.codeUrls ?? []).flatMap((u) => extractCodeUrls(u)),
    ...extractCodeUrls(fullAbstract),
    ...extractCodeUrls(raw.codeText ?? ''),
  ]);
  const labels = raw.labels !== undefined && Object.keys(raw.labels).length > 0 ? raw.labels : undefined;

  const paper: PaperRecord = {
    id: paperIdFor(title, arxivId),
    ...(arxivId === undefined ? {} : { arxivId }),
    ...(raw.sourceId === undefined || raw.sourceId.trim() === '' ? {} : { sourceId: raw.sourceId.trim() }),
    ...(doi === undefined ? {} : { doi }),
    title,
    abstract,
    authors,
    authorCount: Math.max(authors.length, raw.authorCount ?? 0),
    organizations: dedupeNames(raw.organizations ?? []),
    ...(publishedAt === undefined ? {} : { publishedAt }),
    ...(raw.upvotes === undefined || !Number.isFinite(raw.upvotes) ? {} : { upvotes: raw.upvotes }),
    ...(raw.url === undefined || raw.url.trim() === '' ? {} : { url: raw.url.trim() }),
    categories: dedupeNames(raw.categories ?? []),
    codeUrls,
    source: ctx.source,
    ...(labels === undefined ? {} : { labels }),
    sourceRef: ctx.ref,
  };
  return paperEvent(paper, warnings);
}

/**
 * Clean a PaperRecord from anywhere (e.g. built by hand or by another service): trim and
 * collapse whitespace, strip light HTML/LaTeX markup from title and abstract, drop repeated
 * author/organisation/category names, keep `authorCount >= authors.length`. Idempotent.
 */
export function normalisePaper(p: PaperRecord): PaperRecord {
  const authors = dedupeNames(p.authors.map(stripMarkup));
  const title = stripMarkup(p.title);
  return {
    ...p,
    id: p.id.trim() === '' ? paperIdFor(title, p.arxivId) : p.id.trim(),
    title,
    abstract: stripMarkup(p.abstract),
    authors,
    authorCount: Math.max(authors.length, p.authorCount),
    organizations: dedupeNames(p.organizations),
    categories: dedupeNames(p.categories),
    codeUrls: dedupeNames(p.codeUrls),
  };
}

function shorten(s: string, max = 80): string {
  const one = collapseWhitespace(s);
  return one.length <= max ? one : one.slice(0, max - 1) + '…';
}

// ---- helpers for mappers over parsed JSON ----

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A string (numbers are stringified); undefined for anything else or a blank string. */
export function str(v: unknown): string | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return undefined;
  return v.trim() === '' ? undefined : v;
}

export function num(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && /^\s*-?\d+(\.\d+)?\s*$/.test(v)) return Number(v);
  return undefined;
}

export function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.map(str).filter((x): x is string => x !== undefined) : [];
}
