import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { depthLimit } from '../../../src/api/depth-limit.js';

const schema = buildSchema(`type Query { node: Node } type Node { id: ID next: Node }`);
const depthErrors = (query: string, max: number) => validate(schema, parse(query), [depthLimit(max)]);

describe('depthLimit', () => {
  it('accepts queries at the limit and refuses deeper ones', () => {
    expect(depthErrors('{ node { next { id } } }', 3)).toEqual([]);
    const errors = depthErrors('{ node { next { next { id } } } }', 3);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/nested 4 levels deep; the limit is 3/);
    expect(errors[0]?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('counts through fragments and inline fragments, and survives fragment cycles', () => {
    const q = `{ node { ...F } } fragment F on Node { next { ... on Node { next { id } } } }`;
    expect(depthErrors(q, 3)).toHaveLength(1);
    expect(depthErrors(q, 4)).toEqual([]);
  });
});

describe('depthLimit and introspection', () => {
  it('lets editors introspect with deep ofType chains, but still limits data fields', () => {
    const q = `{ __schema { types { fields { type { ofType { ofType { ofType { name } } } } } } } }`;
    expect(depthErrors(q, 2)).toEqual([]);
    expect(depthErrors('{ __typename node { next { next { id } } } }', 3)).toHaveLength(1);
  });
});
