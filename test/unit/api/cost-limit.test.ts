import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { estimateCost } from '../../../src/api/cost-limit.js';
import { createSchema } from '../../../src/api/schema.js';

let schema: Awaited<ReturnType<typeof createSchema>>;
beforeAll(async () => {
  schema = await createSchema();
});

function cost(query: string, variables: Record<string, unknown> = {}): number {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  if (!op) throw new Error('no operation');
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  return estimateCost(schema, op, fragments, variables);
}

describe('estimateCost', () => {
  it('counts each field once per parent, multiplied by page sizes (defaults included)', () => {
    expect(cost('{ stats { papers } }')).toBe(2);
    // papers(first: 2): papers, then edges/node/id under 2 parents each.
    expect(cost('{ papers(first: 2) { edges { node { id } } } }')).toBe(1 + 2 * 3);
    // related defaults to first: 10.
    expect(cost('{ paper(id: "x") { related { score } } }')).toBe(1 + 1 + 10);
  });

  it('reads page sizes from variables and follows fragments', () => {
    const q = `query($n: Int) { papers(first: $n) { ...E } } fragment E on PaperConnection { edges { node { id } } }`;
    expect(cost(q, { n: 5 })).toBe(1 + 5 * 3);
    expect(cost(q, {})).toBe(1 + 20 * 3);
  });

  it('sees the product of nested pages that depth and page limits each allow', () => {
    const q = `{ papers(first: 100) { edges { node { related(first: 100) { paper { related(first: 100) { paper { id } } } } } } } }`;
    expect(cost(q)).toBeGreaterThan(1_000_000);
    const usual = `{ papers(first: 50) { totalCount edges { node { title topic { label } authors { name } related(first: 5) { score paper { title } } } } } }`;
    expect(cost(usual)).toBeLessThan(5_000);
  });
});
