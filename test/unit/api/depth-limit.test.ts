import {
  buildSchema,
  Kind,
  parse,
  validate,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { depthLimit, measureShape, shapeLimit } from '../../../src/api/depth-limit.js';

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

describe('shapeLimit: aliases and fragment fan-out', () => {
  const limits = { maxDepth: 50, maxAliases: 3, maxNodes: 1_000 };
  const errors = (query: string) => validate(schema, parse(query), [shapeLimit(limits)]);

  it('refuses more aliases than the limit', () => {
    expect(errors('{ a: node { id } b: node { id } c: node { id } }')).toEqual([]);
    const [e] = errors('{ a: node { id } b: node { id } c: node { id } d: node { id } }');
    expect(e?.message).toMatch(/4 aliased fields; the limit is 3/);
    expect(e?.extensions.code).toBe('BAD_USER_INPUT');
  });

  it('measures each fragment once: 1000 levels of fragments spreading the next twice', () => {
    const levels = 1000;
    let q = `{ ...F0 } fragment F${levels} on Query { node { id } }`;
    for (let i = 0; i < levels; i++) q += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
    const doc = parse(q);
    // Linear work: measureShape returns at once, with the saturated size of 2^1000 selections.
    const shape = measureShape(
      (doc.definitions[0] as OperationDefinitionNode).selectionSet,
      new Map(
        doc.definitions
          .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
          .map((d) => [d.name.value, d]),
      ),
    );
    expect(shape.depth).toBe(2);
    expect(shape.nodes).toBe(Number.MAX_SAFE_INTEGER);
    const [e] = validate(schema, doc, [shapeLimit(limits)]);
    expect(e?.message).toMatch(/expands to more than 2\^53 selections/);
  });

  it('counts a small fan-out exactly', () => {
    // F1 = node { id } (2 fields); F0 = 2 spreads of F1; the query = 1 spread of F0.
    const q = `{ ...F0 } fragment F0 on Query { ...F1 ...F1 } fragment F1 on Query { node { id } }`;
    expect(
      measureShape(
        (parse(q).definitions[0] as OperationDefinitionNode).selectionSet,
        new Map(
          parse(q)
            .definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
            .map((d) => [d.name.value, d]),
        ),
      ).nodes,
    ).toBe(1 + 2 * (1 + 2));
  });
});
