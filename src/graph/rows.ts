import type { AuthorView, KeywordView, TopicPosition, TopicView } from '../domain/views.js';

/** Rows are parsed here, at the boundary: a shape we did not expect is a bug, so it throws. */
export class RowShapeError extends Error {
  override readonly name = 'RowShapeError';
}

export function asMap(v: unknown, what: string): Record<string, unknown> {
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

export function toTopic(v: unknown): TopicView {
  const o = asMap(v, 'topic');
  return {
    id: str(o.id, 'topic.id'),
    label: str(o.label, 'topic.label'),
    terms: strList(o.terms, 'topic.terms'),
    size: num(o.size, 'topic.size'),
    modelVersion: str(o.modelVersion, 'topic.modelVersion'),
    position: toPosition(o.position),
  };
}

function toPosition(v: unknown): TopicPosition | null {
  if (v === null || v === undefined) return null;
  const o = asMap(v, 'topic.position');
  return {
    x: num(o.x, 'topic.position.x'),
    y: num(o.y, 'topic.position.y'),
    radius: num(o.radius, 'topic.position.radius'),
  };
}

/**
 * A topic map as read with the relations of a paper: fields the query left out (see
 * `PaperInclude.topicFields`) stay absent.
 */
export function toTopicRow(v: unknown): TopicView {
  const o = asMap(v, 'topic');
  const row: { -readonly [K in keyof TopicView]?: TopicView[K] } = { id: str(o.id, 'topic.id') };
  if ('label' in o) row.label = str(o.label, 'topic.label');
  if ('terms' in o) row.terms = strList(o.terms, 'topic.terms');
  if ('size' in o) row.size = num(o.size, 'topic.size');
  if ('modelVersion' in o) row.modelVersion = str(o.modelVersion, 'topic.modelVersion');
  if ('position' in o) row.position = toPosition(o.position);
  return row as TopicView;
}

export function toAuthor(v: unknown): AuthorView {
  const o = asMap(v, 'author');
  return { id: str(o.id, 'author.id'), name: str(o.name, 'author.name') };
}

export function toKeyword(v: unknown): KeywordView {
  const o = asMap(v, 'keyword');
  return { term: str(o.term, 'keyword.term'), weight: num(o.weight, 'keyword.weight') };
}
