import { createHash } from 'node:crypto';
import type { Keyset } from '../../graph/cypher/reads.js';
import { badInput } from '../errors.js';

/** Short tags of recent scopes: a page encodes one cursor per row, all with the same scope. */
const tags = new Map<string, string>();

/** Short tag of a scope (list + filter + order): cursors stay small whatever the filter. */
function scopeTag(scope: string): string {
  let tag = tags.get(scope);
  if (tag === undefined) {
    tag = createHash('sha256').update(scope).digest('base64url').slice(0, 12);
    if (tags.size >= 1000) tags.clear();
    tags.set(scope, tag);
  }
  return tag;
}

/**
 * Opaque cursors: base64url of a versioned JSON keyset (sort value + id) and the tag of the
 * list it belongs to. Stable under inserts, unlike offsets; a cursor from another list or
 * ordering is refused.
 */
export function encodeCursor(scope: string, key: Keyset): string {
  return Buffer.from(JSON.stringify({ v: 1, s: scopeTag(scope), k: key.value, id: key.id })).toString(
    'base64url',
  );
}

export function decodeCursor(argument: string, scope: string, cursor: string): Keyset {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw badInput(argument, 'malformed cursor; pass an endCursor or cursor value returned by this API.');
  }
  if (
    parsed === null ||
    typeof parsed !== 'object' ||
    !('v' in parsed) ||
    parsed.v !== 1 ||
    !('s' in parsed) ||
    !('k' in parsed) ||
    !('id' in parsed) ||
    typeof parsed.id !== 'string' ||
    (typeof parsed.k !== 'string' && typeof parsed.k !== 'number')
  ) {
    throw badInput(argument, 'malformed cursor; pass an endCursor or cursor value returned by this API.');
  }
  if (parsed.s !== scopeTag(scope)) {
    throw badInput(
      argument,
      'this cursor belongs to a different ordering or list; start again without "after".',
    );
  }
  return { value: parsed.k, id: parsed.id };
}

/**
 * Validate `first` against the page-size cap. An explicit null means the default (GraphQL
 * applies defaults only to absent arguments).
 */
export function pageSize(
  argument: string,
  given: number | null | undefined,
  max: number,
  fallback: number,
): number {
  const first = given ?? fallback;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badInput(argument, `must be between 0 and ${max}, got ${first}.`);
  }
  return first;
}

/**
 * Cursors for rankings that have no stable sort key of their own (full-text relevance):
 * the position after the row, plus the row's id. Stable while the index is unchanged.
 */
export function encodeOffsetCursor(scope: string, offset: number, id: string): string {
  return encodeCursor(scope, { value: offset, id });
}

export function decodeOffsetCursor(
  argument: string,
  scope: string,
  cursor: string,
  maxOffset: number,
): number {
  const { value } = decodeCursor(argument, scope, cursor);
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw badInput(argument, 'malformed cursor; pass an endCursor or cursor value returned by this API.');
  }
  if (value > maxOffset) {
    throw badInput(
      argument,
      `results end at position ${maxOffset}; narrow the query instead of paging further.`,
    );
  }
  return value;
}
