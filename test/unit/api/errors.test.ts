import { GraphQLError, parse, validate, buildSchema } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import { depthLimit } from '../../../src/api/depth-limit.js';
import { ApiError, badInput, createFormatError } from '../../../src/api/errors.js';

describe('createFormatError', () => {
  const setup = () => {
    const logger = { error: vi.fn() };
    return { logger, format: createFormatError(logger) };
  };

  it('passes our coded errors untouched and logs nothing', () => {
    const { logger, format } = setup();
    const err = badInput('first', 'must be between 0 and 100, got 101.');
    const out = format({ message: err.message, extensions: err.extensions }, err);
    expect(out.extensions?.code).toBe('BAD_USER_INPUT');
    expect(logger.error).not.toHaveBeenCalled();
  });

  it('hides anything else behind INTERNAL_SERVER_ERROR and logs the original', () => {
    const { logger, format } = setup();
    const boom = new Error('neo4j exploded at bolt://secret-host');
    const wrapped = new GraphQLError(boom.message, { originalError: boom, path: ['papers'] });
    const out = format({ message: boom.message, path: ['papers'] }, wrapped);
    expect(out).toEqual({
      message: 'Internal server error',
      path: ['papers'],
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
    expect(logger.error).toHaveBeenCalledWith(expect.objectContaining({ err: boom }), expect.any(String));
  });

  it('keeps the code of our errors raised by validation rules (which Apollo relabels)', () => {
    const { format } = setup();
    const schema = buildSchema('type Query { a: A } type A { a: A b: Int }');
    const [original] = validate(schema, parse('{ a { a { a { b } } } }'), [depthLimit(2)]);
    expect(original?.originalError ?? original).toBeDefined();
    // What Apollo's ValidationError makes of it: code replaced, original kept.
    const relabelled = new GraphQLError(original?.message ?? '', {
      originalError: original,
      extensions: { ...original?.extensions, code: 'GRAPHQL_VALIDATION_FAILED' },
    });
    const out = format({ message: relabelled.message, extensions: relabelled.extensions }, relabelled);
    expect(out.extensions?.code).toBe('BAD_USER_INPUT');
    expect(original).toBeInstanceOf(ApiError);
  });
});
