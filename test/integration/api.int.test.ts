import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema } from '../../src/api/schema.js';
import { startApp, type RunningApp } from '../../src/api/server.js';
import { createLogger } from '../../src/config/logger.js';
import type { GraphDb } from '../../src/graph/db.js';
import { connectTestGraph, DEMO_FILE, ingestFile, wipe } from './graph-test-kit.js';

interface GqlResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

describe('GraphQL API over the demo graph', () => {
  let db: GraphDb;
  let app: RunningApp;

  async function gql(query: string, variables: Record<string, unknown> = {}): Promise<GqlResponse> {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResponse;
  }

  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    await ingestFile(db, DEMO_FILE);
    app = await startApp(
      { db, schema: await createSchema(), logger: createLogger('silent'), limits: { maxPage: 100, maxDepth: 8 } },
      0,
      '127.0.0.1',
    );
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  it('answers the acceptance query: 34 papers with topic labels and related papers', async () => {
    const res = await gql(
      `{ papers(first: 50) { totalCount edges { node { title topic { label } related(first: 3) { score sharedTerms paper { title } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const papers = res.data?.papers as {
      totalCount: number;
      edges: { node: { title: string; topic: { label: string } | null; related: { score: number; sharedTerms: string[]; paper: { title: string } }[] } }[];
    };
    expect(papers.totalCount).toBe(34);
    expect(papers.edges).toHaveLength(34);
    for (const { node } of papers.edges) {
      expect(node.topic?.label).toMatch(/\w/);
      expect(node.related.length).toBeGreaterThan(0);
      expect(node.related.length).toBeLessThanOrEqual(3);
      const scores = node.related.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const r of node.related) {
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(r.paper.title).not.toBe(node.title);
      }
    }
    expect(papers.edges.some(({ node }) => node.related.some((r) => r.sharedTerms.length > 0))).toBe(true);
  });

  it('pages with opaque cursors that continue where the last page ended', async () => {
    const q = `query($after: String) { papers(first: 10, after: $after, orderBy: TITLE_ASC) { totalCount edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }`;
    const seen: string[] = [];
    let after: string | null = null;
    for (let i = 0; i < 5; i++) {
      const res = await gql(q, { after });
      expect(res.errors).toBeUndefined();
      const page = res.data?.papers as { edges: { node: { id: string; title: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      seen.push(...page.edges.map((e) => e.node.title));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toHaveLength(34);
    expect(new Set(seen).size).toBe(34);
    expect(seen).toEqual([...seen].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase(), 'en')));
  });

  it('serves topics largest first with their papers, and stats', async () => {
    const res = await gql(`{ topics { id label terms size papers(first: 100) { totalCount } } stats { papers topics similarityEdges modelVersion } }`);
    expect(res.errors).toBeUndefined();
    const topics = res.data?.topics as { id: string; label: string; terms: string[]; size: number; papers: { totalCount: number } }[];
    expect(topics.length).toBeGreaterThanOrEqual(3);
    expect(topics.map((t) => t.size)).toEqual([...topics.map((t) => t.size)].sort((a, b) => b - a));
    expect(topics.reduce((s, t) => s + t.size, 0)).toBe(34);
    for (const t of topics) expect(t.papers.totalCount).toBe(t.size);
    const stats = res.data?.stats as { papers: number; topics: number; similarityEdges: number; modelVersion: string };
    expect(stats.papers).toBe(34);
    expect(stats.topics).toBe(topics.length);
    expect(stats.similarityEdges).toBeGreaterThanOrEqual(34);
    expect(stats.modelVersion).toMatch(/^tm-/);

    const one = await gql(`query($id: ID!) { topic(id: $id) { id label } }`, { id: topics[0]?.id });
    expect((one.data?.topic as { id: string }).id).toBe(topics[0]?.id);
  });

  it('resolves paper relations: keywords, organisation, code repositories', async () => {
    const res = await gql(`{ papers(first: 100) { edges { node { id keywords(first: 3) { term weight } organization { name } codeRepositories { url } } } } }`);
    expect(res.errors).toBeUndefined();
    const nodes = (res.data?.papers as { edges: { node: { id: string; keywords: { term: string; weight: number }[]; organization: { name: string } | null; codeRepositories: { url: string }[] } }[] }).edges.map((e) => e.node);
    for (const n of nodes) {
      expect(n.keywords.length).toBeGreaterThan(0);
      expect(n.keywords.length).toBeLessThanOrEqual(3);
    }
    expect(nodes.filter((n) => n.organization !== null).map((n) => n.organization?.name)).toEqual(['Harvard University']);
    expect(nodes.flatMap((n) => n.codeRepositories.map((c) => c.url))).toContain('https://github.com/minyoungkim21/niwmeta');

    const id = nodes[0]?.id;
    const single = await gql(`query($id: ID!) { paper(id: $id) { id title } }`, { id });
    expect((single.data?.paper as { id: string }).id).toBe(id);
  });

  it('returns null for an unknown paper or topic', async () => {
    const res = await gql(`{ paper(id: "no-such-paper") { id } topic(id: "no-such-topic") { id } }`);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ paper: null, topic: null });
  });

  it('refuses page sizes over 100 and malformed cursors with BAD_USER_INPUT naming the argument', async () => {
    const big = await gql(`{ papers(first: 101) { totalCount } }`);
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(big.errors?.[0]?.message).toContain('first');
    const cursor = await gql(`{ papers(first: 5, after: "not-a-cursor") { totalCount } }`);
    expect(cursor.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(cursor.errors?.[0]?.message).toContain('after');
  });

  it('refuses queries nested deeper than the limit before running them', async () => {
    const deep = `{ papers(first: 1) { edges { node { related { paper { related { paper { related { paper { title } } } } } } } } } }`;
    const res = await gql(deep);
    expect(res.data).toBeUndefined();
    // Apollo reports every validation-rule failure as GRAPHQL_VALIDATION_FAILED.
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/limit is 8/);
  });

  it('answers /health with 200 while Neo4j is reachable', async () => {
    const res = await fetch(`${app.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});
