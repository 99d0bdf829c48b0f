import type { AuthorView, KeywordView, PaperView, RelatedView, TopicView } from '../../domain/views.js';
import { keywordsKey, relatedKey, type PaperInclude } from '../cypher/reads.js';
import {
  RowShapeError,
  list,
  num,
  optStr,
  str,
  strList,
  toAuthor,
  toKeyword,
  toPaper,
  toRelated,
  toTopic,
} from '../rows.js';

/**
 * Relations fetched with papers (see `PaperInclude`); a key is present exactly when it was
 * asked for, so callers can tell "none" from "not fetched".
 */
export interface PaperRelations {
  topic?: TopicView | null;
  authors?: AuthorView[];
  organization?: string | null;
  codeRepositories?: string[];
  /** Parallel to `include.related`. */
  related?: RelatedView[][];
  /** Parallel to `include.keywords`. */
  keywords?: KeywordView[][];
}

export interface PaperBundle {
  readonly paper: PaperView;
  readonly relations: PaperRelations;
}

export function asMap(v: unknown, what: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new RowShapeError(`${what}: expected a map`);
  return v as Record<string, unknown>;
}

/** The included relations of one paper map. */
export function toRelations(v: unknown, include: PaperInclude | undefined): PaperRelations {
  const o = asMap(v, 'paper');
  const out: PaperRelations = {};
  if (!include) return out;
  if (include.topic) out.topic = o._topic === null || o._topic === undefined ? null : toTopic(o._topic);
  if (include.authors) out.authors = list(o._authors, 'paper.authors').map(toAuthor);
  if (include.organization) out.organization = optStr(o._organization, 'paper.organization');
  if (include.codeRepositories) out.codeRepositories = strList(o._code, 'paper.codeRepositories');
  if (include.related) {
    out.related = include.related.map((_, i) => list(o[relatedKey(i)], 'paper.related').map(toRelated));
  }
  if (include.keywords) {
    out.keywords = include.keywords.map((_, i) => list(o[keywordsKey(i)], 'paper.keywords').map(toKeyword));
  }
  return out;
}

export function toBundle(v: unknown, include: PaperInclude | undefined): PaperBundle {
  return { paper: toPaper(v), relations: toRelations(v, include) };
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

/** A `{ total, rows }` row of a page query asked for `limit + 1` rows. */
export function toPaperPage(
  row: Record<string, unknown> | undefined,
  limit: number,
  include?: PaperInclude,
): PaperPage {
  if (!row) return { total: 0, rows: [], hasNextPage: false };
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
