/** Requests a stranger could send to freeze the server: each is refused before it runs. */
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/api/server.js';
import type { GraphDb } from '../../src/graph/db.js';
import { demoApi, type client } from './api-test-kit.js';

/** N fragments, each spreading the next twice: 2^N selections once expanded, ~40 bytes a level. */
export function fragmentBomb(levels: number): string {
  let q = `query { ...F0 } fragment F${levels} on Query { stats { papers } }`;
  for (let i = 0; i < levels; i++) q += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
  return q;
}

export function aliased(n: number, field: string): string {
  const vars = field.includes('$t') ? '($t: String)' : '';
  return `query${vars} { ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

describe('GraphQL API: abuse is refused before it runs', () => {
  let db: GraphDb;
  let app: RunningApp;
  let reads: string[];
  let gql: ReturnType<typeof client>;

  beforeAll(async () => {
    ({ db, app, reads, gql } = await demoApi());
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  const refused = async (query: string, variables: Record<string, unknown> = {}) => {
    reads.length = 0;
    const res = await gql(query, variables);
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(reads).toEqual([]);
    return res.errors?.[0] ?? { message: '', extensions: {} };
  };

  it.each([16, 20, 30, 300])('refuses %i levels of fragments that each spread the next twice', async (n) => {
    const e = await refused(fragmentBomb(n));
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(/expands to .* selections once its fragments are spread/);
  });

  it('refuses 10,000 aliased stats at the parser (token limit)', async () => {
    const e = await refused(aliased(10_000, 'stats { papers }'));
    expect(e.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(e.message).toMatch(/5000 tokens/);
  });

  it('refuses more than 100 aliases', async () => {
    const e = await refused(aliased(101, 'stats { papers }'));
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(/101 aliased fields; the limit is 100/);
  });

  it("prices recommend's text: 100 aliased recommend(text: $t) with 18k characters", async () => {
    const e = await refused(aliased(100, 'recommend(text: $t) { score }'), { t: 'model '.repeat(3_000) });
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.message).toMatch(/shorter text/);
  });

  it('prices introspection: 100 aliased __schema', async () => {
    const e = await refused(aliased(100, '__schema { types { name } }'));
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses 1000 levels of fragments at the parser (token limit)', async () => {
    expect((await refused(fragmentBomb(1000))).extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
  });

  it("prices a variable's default, not the field's", async () => {
    const q = `query($n: Int = 100) { papers(first: $n) { edges { node { related(first: $n) { paper { related(first: $n) { score } } } } } } }`;
    expect((await refused(q)).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('prices @include and @skip as they will run', async () => {
    const q = `query($big: Boolean!) { stats { papers } papers(first: 100) @include(if: $big) { edges { node { related(first: 100) { paper { related(first: 100) { score } } } } } } }`;
    expect((await refused(q, { big: true })).extensions?.code).toBe('BAD_USER_INPUT');
    const small = await gql(q, { big: false });
    expect(small.errors).toBeUndefined();
    expect(small.data).toEqual({ stats: { papers: 34 } });
  });

  it('prices unpaged lists', async () => {
    const q = `{ topics(first: 100) { papers(first: 100) { edges { node { authors { papers(first: 100) { totalCount } } } } } } }`;
    expect((await refused(q)).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it("still answers the editor's introspection and an ordinary page", async () => {
    const intro = await gql(getIntrospectionQuery());
    expect(intro.errors).toBeUndefined();
    const page = await gql(
      `{ papers(first: 20) { edges { node { title topic { label } authors { name } related(first: 5) { score } } } } }`,
    );
    expect(page.errors).toBeUndefined();
  });
});
