import type { AuthorView, KeywordView, PaperView, TopicView } from '../../domain/views.js';
import { keywordsKey, relatedKey, type PaperInclude } from '../cypher/reads.js';
import {
  RowShapeError,
  asMap,
  list,
  num,
  optNum,
  optStr,
  str,
  strList,
  toAuthor,
  toKeyword,
  toTopicRow,
} from '../rows.js';

/**
 * A paper as read: every field of PaperView, the abstract only when the query asked for it
 * (`abstract` absent means "not read", never "empty").
 */
export type PaperRow = Omit<PaperView, 'abstract'> & { readonly abstract?: string };

export interface RelatedRow {
  readonly paper: PaperRow;
  readonly score: number;
  readonly sharedTerms: readonly string[];
}

/**
 * Relations fetched with papers (see `PaperInclude`); a key is present exactly when it was
 * asked for, so callers can tell "none" from "not fetched".
 */
export interface PaperRelations {
  topic?: TopicView | null;
  authors?: AuthorView[];
  organization?: string | null;
  codeRepositories?: string[];
  /** Parallel to `include.related`; the related papers come without their abstract. */
  related?: RelatedRow[][];
  /** Parallel to `include.keywords`. */
  keywords?: KeywordView[][];
}

export interface PaperBundle {
  readonly paper: PaperRow;
  readonly relations: PaperRelations;
}

export { asMap };

/** Checks of the paper fields a read may return; a map without a key skips it. */
const PAPER_CHECKS: readonly [string, (v: unknown, what: string) => unknown][] = [
  ['title', str],
  ['publishedAt', optStr],
  ['upvotes', optNum],
  ['authorCount', (v, what) => optNum(v, what) ?? 0],
  ['url', optStr],
  ['arxivId', optStr],
  ['doi', optStr],
  ['categories', strList],
  ['abstract', str],
];

/**
 * A paper map as read, checked in place (the driver builds a fresh map per record, so no
 * copy is made). Fields the query left out (see `PaperInclude.fields`) stay absent: the
 * API only reads papers that way for selections that do not show those fields. Other keys
 * of the map (the included relations, `_topic` etc.) are left as they are.
 */
export function toPaperRow(v: unknown): PaperRow {
  const o = asMap(v, 'paper');
  str(o.id, 'paper.id');
  for (const [key, check] of PAPER_CHECKS) {
    if (key in o) o[key] = check(o[key], `paper.${key}`);
  }
  return o as unknown as PaperRow;
}

/** A paper read with its abstract (every read that does not leave it out on purpose). */
export function toFullPaper(v: unknown): PaperView {
  const row = toPaperRow(v);
  if (row.abstract === undefined) throw new RowShapeError('paper.abstract: expected a string');
  return { ...row, abstract: row.abstract };
}

function toRelatedRow(v: unknown): RelatedRow {
  const o = asMap(v, 'related');
  return {
    paper: toPaperRow(o.paper),
    score: num(o.score, 'related.score'),
    sharedTerms: strList(o.sharedTerms, 'related.sharedTerms'),
  };
}

/** The included relations of one paper map. */
export function toRelations(v: unknown, include: PaperInclude | undefined): PaperRelations {
  const o = asMap(v, 'paper');
  const out: PaperRelations = {};
  if (!include) return out;
  if (include.topic) out.topic = o._topic === null || o._topic === undefined ? null : toTopicRow(o._topic);
  if (include.authors) out.authors = list(o._authors, 'paper.authors').map(toAuthor);
  if (include.organization) out.organization = optStr(o._organization, 'paper.organization');
  if (include.codeRepositories) out.codeRepositories = strList(o._code, 'paper.codeRepositories');
  if (include.related) {
    out.related = include.related.map((_, i) => list(o[relatedKey(i)], 'paper.related').map(toRelatedRow));
  }
  if (include.keywords) {
    out.keywords = include.keywords.map((_, i) => list(o[keywordsKey(i)], 'paper.keywords').map(toKeyword));
  }
  return out;
}

export function toBundle(v: unknown, include: PaperInclude | undefined): PaperBundle {
  return { paper: toPaperRow(v), relations: toRelations(v, include) };
}

export interface PageRow {
  readonly bundle: PaperBundle;
  readonly sortKey: string | number;
}

export interface PaperPage {
  /** null when the count was not asked for. */
  readonly total: number | null;
  readonly rows: PageRow[];
  readonly hasNextPage: boolean;
}

/** The page of a list with no papers (or of a parent not found). */
export const EMPTY_PAPER_PAGE: PaperPage = { total: 0, rows: [], hasNextPage: false };

/** A `{ total, rows }` row of a page query asked for `limit + 1` rows. */
export function toPaperPage(
  row: Record<string, unknown> | undefined,
  limit: number,
  include?: PaperInclude,
): PaperPage {
  if (!row) return EMPTY_PAPER_PAGE;
  const total = num(row.total, 'total');
  const rows = list(row.rows, 'rows').map((r) => {
    const o = asMap(r, 'row');
    return {
      bundle: toBundle(o.paper, include),
      sortKey: typeof o.sortKey === 'number' ? o.sortKey : str(o.sortKey, 'sortKey'),
    };
  });
  return { total: total < 0 ? null : total, rows: rows.slice(0, limit), hasNextPage: rows.length > limit };
}
