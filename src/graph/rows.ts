import type { AuthorView, KeywordView, PaperView, RelatedView, TopicView } from '../domain/views.js';
import type { Row } from './db.js';

/** Rows are parsed here, at the boundary: a shape we did not expect is a bug, so it throws. */
export class RowShapeError extends Error {
  override readonly name = 'RowShapeError';
}

function obj(v: unknown, what: string): Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v))
    throw new RowShapeError(`${what}: expected a map`);
  return v as Record<string, unknown>;
}
export function str(v: unknown, what: string): string {
  if (typeof v !== 'string') throw new RowShapeError(`${what}: expected a string, got ${typeof v}`);
  return v;
}
export function num(v: unknown, what: string): number {
  if (typeof v !== 'number') throw new RowShapeError(`${what}: expected a number, got ${typeof v}`);
  return v;
}
export function optStr(v: unknown, what: string): string | null {
  return v === null || v === undefined ? null : str(v, what);
}
export function optNum(v: unknown, what: string): number | null {
  return v === null || v === undefined ? null : num(v, what);
}
export function strList(v: unknown, what: string): string[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new RowShapeError(`${what}: expected a list`);
  return v.map((x, i) => str(x, `${what}[${i}]`));
}
export function list(v: unknown, what: string): unknown[] {
  if (v === null || v === undefined) return [];
  if (!Array.isArray(v)) throw new RowShapeError(`${what}: expected a list`);
  return v;
}

export function toPaper(v: unknown): PaperView {
  const o = obj(v, 'paper');
  return {
    id: str(o.id, 'paper.id'),
    title: str(o.title, 'paper.title'),
    abstract: str(o.abstract, 'paper.abstract'),
    publishedAt: optStr(o.publishedAt, 'paper.publishedAt'),
    upvotes: optNum(o.upvotes, 'paper.upvotes'),
    authorCount: optNum(o.authorCount, 'paper.authorCount') ?? 0,
    url: optStr(o.url, 'paper.url'),
    arxivId: optStr(o.arxivId, 'paper.arxivId'),
    doi: optStr(o.doi, 'paper.doi'),
    categories: strList(o.categories, 'paper.categories'),
  };
}

export function toTopic(v: unknown): TopicView {
  const o = obj(v, 'topic');
  return {
    id: str(o.id, 'topic.id'),
    label: str(o.label, 'topic.label'),
    terms: strList(o.terms, 'topic.terms'),
    size: num(o.size, 'topic.size'),
    modelVersion: str(o.modelVersion, 'topic.modelVersion'),
  };
}

export function toAuthor(v: unknown): AuthorView {
  const o = obj(v, 'author');
  return { id: str(o.id, 'author.id'), name: str(o.name, 'author.name') };
}

export function toKeyword(v: unknown): KeywordView {
  const o = obj(v, 'keyword');
  return { term: str(o.term, 'keyword.term'), weight: num(o.weight, 'keyword.weight') };
}

export function toRelated(v: unknown): RelatedView {
  const o = obj(v, 'related');
  return {
    paper: toPaper(o.paper),
    score: num(o.score, 'related.score'),
    sharedTerms: strList(o.sharedTerms, 'related.sharedTerms'),
  };
}

/** Group `rows` by their `paperId` column into a map, parsing the `field` column with `parse`. */
export function byPaperId<T>(rows: readonly Row[], field: string, parse: (v: unknown) => T): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of rows) out.set(str(r.paperId, 'paperId'), parse(r[field]));
  return out;
}
