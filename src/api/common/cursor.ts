import type { Keyset } from '../../graph/cypher/reads.js';
import { badInput } from '../errors.js';

/**
 * Opaque cursors: base64url of a versioned JSON keyset (sort value + id). Stable under
 * inserts, unlike offsets; a cursor from another ordering is refused.
 */
export function encodeCursor(scope: string, key: Keyset): string {
  return Buffer.from(JSON.stringify({ v: 1, s: scope, k: key.value, id: key.id })).toString('base64url');
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
  if (parsed.s !== scope) {
    throw badInput(argument, 'this cursor belongs to a different ordering or list; start again without "after".');
  }
  return { value: parsed.k, id: parsed.id };
}

/** Validate `first` against the page-size cap. */
export function pageSize(argument: string, first: number, max: number): number {
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw badInput(argument, `must be between 0 and ${max}, got ${first}.`);
  }
  return first;
}
