import { getIntrospectionQuery, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  estimateCost,
  INTROSPECTION_SCHEMA_COST,
  TEXT_CHARS_PER_UNIT,
  UNPAGED_LIST_ITEMS,
} from '../../../src/api/cost-limit.js';
import { ApiError } from '../../../src/api/errors.js';
import { createSchema } from '../../../src/api/schema.js';

let schema: Awaited<ReturnType<typeof createSchema>>;
beforeAll(async () => {
  schema = await createSchema();
});

const MODEL = { maxPage: 100, maxNodes: 5_000 };

function cost(query: string, variables: Record<string, unknown> = {}): number {
  return estimateCost(schema, parse(query), variables, MODEL);
}

describe('estimateCost (graphql-query-complexity with our estimator)', () => {
  it('counts each field once per parent, multiplied by page sizes (defaults included)', () => {
    expect(cost('{ stats { papers } }')).toBe(2);
    // papers(first: 2): papers, then edges/node/id under 2 parents each.
    expect(cost('{ papers(first: 2) { edges { node { id } } } }')).toBe(1 + 2 * 3);
    // related defaults to first: 10.
    expect(cost('{ paper(id: "x") { related { score } } }')).toBe(1 + 1 + 10);
  });

  it("prices a variable's default, not the field's, and coerced values", () => {
    const q = `query($n: Int = 100) { papers(first: $n) { edges { node { id } } } }`;
    expect(cost(q)).toBe(1 + 100 * 3);
    expect(cost(q, { n: 5 })).toBe(1 + 5 * 3);
    const frag = `query($n: Int) { papers(first: $n) { ...E } } fragment E on PaperConnection { edges { node { id } } }`;
    expect(cost(frag, {})).toBe(1 + 20 * 3);
  });

  it('skips what @skip / @include leave out', () => {
    const q = `query($big: Boolean!) { stats { papers } papers(first: 100) @include(if: $big) { edges { node { id } } } }`;
    expect(cost(q, { big: false })).toBe(2);
    expect(cost(q, { big: true })).toBe(2 + 1 + 100 * 3);
  });

  it('prices unpaged lists at UNPAGED_LIST_ITEMS items', () => {
    expect(cost('{ paper(id: "x") { authors { name } } }')).toBe(1 + 1 + UNPAGED_LIST_ITEMS * 1);
  });

  it('prices introspection flat, so one editor introspection passes and thousands do not', () => {
    const one = cost(getIntrospectionQuery());
    expect(one).toBe(INTROSPECTION_SCHEMA_COST);
    const many = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: __schema { queryType { name } }`).join(' ')} }`;
    expect(cost(many)).toBe(100 * INTROSPECTION_SCHEMA_COST);
  });

  it("prices recommend's and search's text by length", () => {
    const text = 'x'.repeat(18_000);
    const q = `query($t: String) { recommend(text: $t) { score } }`;
    expect(cost(q, { t: text })).toBe(1 + 18_000 / TEXT_CHARS_PER_UNIT + 10 * 1);
    expect(cost(q, { t: 'short' })).toBe(1 + 1 + 10);
    expect(cost(q, { t: 'x'.repeat(15) })).toBe(1 + 2 + 10);
  });

  it('sees the product of nested pages that depth and page limits each allow', () => {
    const q = `{ papers(first: 100) { edges { node { related(first: 100) { paper { related(first: 100) { paper { id } } } } } } } }`;
    expect(cost(q)).toBeGreaterThan(1_000_000);
    const usual = `{ papers(first: 50) { totalCount edges { node { title topic { label } authors { name } related(first: 5) { score paper { title } } } } } }`;
    expect(cost(usual)).toBeLessThan(5_000);
  });

  it('refuses variables that do not fit, as BAD_USER_INPUT naming the variable', () => {
    const q = `query($n: Int!) { papers(first: $n) { totalCount } }`;
    expect(() => cost(q, { n: 'ten' })).toThrow(ApiError);
    expect(() => cost(q, { n: 'ten' })).toThrow(/\$n/);
  });
});
