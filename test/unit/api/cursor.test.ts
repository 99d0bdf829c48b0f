import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, pageSize } from '../../../src/api/common/cursor.js';
import { ApiError } from '../../../src/api/errors.js';

describe('cursors', () => {
  it('round-trip any keyset within the same scope', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.integer()), fc.string(), (value, id) => {
        expect(decodeCursor('after', 's', encodeCursor('s', { value, id }))).toEqual({ value, id });
      }),
    );
  });

  it('refuse garbage and cursors of another scope with BAD_USER_INPUT naming the argument', () => {
    fc.assert(
      fc.property(fc.string(), (garbage) => {
        try {
          decodeCursor('after', 's', garbage);
        } catch (e) {
          expect(e).toBeInstanceOf(ApiError);
          expect((e as ApiError).extensions.code).toBe('BAD_USER_INPUT');
          expect((e as ApiError).message).toContain('"after"');
        }
      }),
    );
    const other = encodeCursor('other', { value: 1, id: 'x' });
    expect(() => decodeCursor('after', 's', other)).toThrow(/different ordering/);
  });

  it('caps page sizes', () => {
    expect(pageSize('first', 100, 100, 20)).toBe(100);
    expect(() => pageSize('first', 101, 100, 20)).toThrow(/"first": must be between 0 and 100, got 101/);
    expect(() => pageSize('first', -1, 100, 20)).toThrow(ApiError);
  });
});
