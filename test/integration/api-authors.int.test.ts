import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/api/server.js';
import type { GraphDb } from '../../src/graph/db.js';
import { API_KEY, AUTHORED_PAPERS, client, demoApi, ingestServiceFor, startTestApp } from './api-test-kit.js';
import { connectTestGraph, counts, LISTING_FILE, ingestFile, wipe } from './graph-test-kit.js';

interface AuthorNode {
  id: string;
  name: string;
}

const INGEST = `mutation($papers: [PaperInput!]!) { ingestPapers(papers: $papers) { ingested skipped paperIds errors { index message } } }`;

describe('GraphQL API: authors and co-authors', () => {
  let db: GraphDb;
  let app: RunningApp;
  let reads: string[];
  let gql: ReturnType<typeof client>;

  beforeAll(async () => {
    ({ db, app, reads, gql } = await demoApi((g) => ingestServiceFor(g).ingest(AUTHORED_PAPERS)));
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  it("gives an author's papers (newest first), co-authors (most shared papers first) and topics", async () => {
    const res = await gql(`{ author(id: "ada-lovelace") {
      id name
      papers { totalCount edges { node { title publishedAt authors { name } } } }
      coauthors { sharedPapers author { id name } }
      topics { id label }
    } }`);
    expect(res.errors).toBeUndefined();
    const a = res.data?.author as {
      name: string;
      papers: { totalCount: number; edges: { node: { publishedAt: string; authors: { name: string }[] } }[] };
      coauthors: { sharedPapers: number; author: AuthorNode }[];
      topics: { id: string }[];
    };
    expect(a.name).toBe('Ada Lovelace');
    expect(a.papers.totalCount).toBe(4);
    const dates = a.papers.edges.map((e) => e.node.publishedAt);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(a.papers.edges.every((e) => e.node.authors.some((x) => x.name === 'Ada Lovelace'))).toBe(true);
    expect(a.coauthors).toEqual([
      { sharedPapers: 3, author: { id: 'alan-turing', name: 'Alan Turing' } },
      { sharedPapers: 2, author: { id: 'grace-hopper', name: 'Grace Hopper' } },
    ]);
    expect(a.topics.length).toBeGreaterThan(0);
    expect(new Set(a.topics.map((t) => t.id)).size).toBe(a.topics.length);

    const paper = await gql(
      `{ papers(filter: { authorId: "ada-lovelace", category: "cs.CL" }) { totalCount edges { node { authors { id } } } } }`,
    );
    expect((paper.data?.papers as { totalCount: number }).totalCount).toBe(1);
  });

  it('keeps author order on papers', async () => {
    const res = await gql(
      `{ search(query: "meta-learning priors in-context", first: 1) { edges { node { authors { name } authorCount } } } }`,
    );
    const node = (
      res.data?.search as { edges: { node: { authors: { name: string }[]; authorCount: number } }[] }
    ).edges[0]?.node;
    expect(node?.authors.map((a) => a.name)).toEqual(['Ada Lovelace', 'Grace Hopper', 'Alan Turing']);
    expect(node?.authorCount).toBe(3);
  });

  it('lists every author by name through cursors', async () => {
    const names: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let i = 0; i < 10; i++) {
      const res = await gql(
        `query($after: String) { authors(first: 2, after: $after) { totalCount edges { cursor node { id name } } pageInfo { hasNextPage endCursor } } }`,
        {
          after,
        },
      );
      expect(res.errors).toBeUndefined();
      const page = res.data?.authors as {
        totalCount: number;
        edges: { node: AuthorNode }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
      };
      total = page.totalCount;
      names.push(...page.edges.map((e) => e.node.name));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(total).toBe(4);
    expect(names).toEqual(['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Édouard Lucas']);
  });

  it('finds authors by name prefixes, whatever punctuation the query holds', async () => {
    const res = await gql(`{
      a: authors(query: "lovel") { totalCount edges { node { id } } }
      b: authors(query: "ada LOV") { edges { node { id } } }
      c: authors(query: "édou") { edges { node { id } } }
      d: authors(query: "*:(\\" OR") { totalCount edges { node { id } } }
      e: authors(query: "A", first: 1) { totalCount edges { node { id } } pageInfo { hasNextPage endCursor } }
    }`);
    expect(res.errors).toBeUndefined();
    expect(res.data?.a).toEqual({ totalCount: 1, edges: [{ node: { id: 'ada-lovelace' } }] });
    expect(res.data?.b).toEqual({ edges: [{ node: { id: 'ada-lovelace' } }] });
    expect(res.data?.c).toEqual({ edges: [{ node: { id: 'edouard-lucas' } }] });
    expect((res.data?.d as { edges: unknown[] }).edges).toEqual([]);
    const e = res.data?.e as { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string } };
    expect(e.totalCount).toBe(2); // Ada, Alan
    const next = await gql(
      `query($c: String) { authors(query: "A", first: 5, after: $c) { edges { node { id } } pageInfo { hasNextPage } } }`,
      {
        c: e.pageInfo.endCursor,
      },
    );
    expect((next.data?.authors as { edges: unknown[] }).edges).toHaveLength(1);
  });

  it('batches author relations: a page of authors with papers, co-authors and topics is a constant number of queries', async () => {
    reads.length = 0;
    const res = await gql(
      `{ authors(first: 10) { edges { node { name papers(first: 3) { totalCount edges { node { title topic { label } } } } coauthors { sharedPapers author { name } } topics { label } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(reads.sort()).toEqual(
      ['authors.coauthors', 'authors.page', 'authors.topics', 'papers.pageBy.author.PUBLISHED_DESC'].sort(),
    );
  });
});

describe('GraphQL API: ingestPapers', () => {
  let db: GraphDb;
  let app: RunningApp;
  let gql: ReturnType<typeof client>;
  const auth = { authorization: `Bearer ${API_KEY}` };

  const good = [
    {
      title: 'Sparse attention for long-context language models',
      abstract:
        'We make attention sparse so that language models read long documents at a fraction of the cost, with no loss in perplexity.',
      authors: ['Katherine Johnson', 'Dorothy Vaughan'],
      publishedAt: '2025-06-01',
      categories: ['cs.CL'],
      url: 'https://example.org/sparse',
    },
    {
      title: 'Bayesian bandits for adaptive experiments',
      abstract:
        'Thompson sampling with Gaussian process priors allocates users to arms of an online experiment and adapts to their feedback.',
      authors: ['Dorothy Vaughan'],
      arxivId: 'arXiv:2506.01234v2',
    },
  ];

  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    await ingestFile(db, LISTING_FILE);
    app = await startTestApp(db, { limits: { maxPage: 100, maxDepth: 8, maxIngest: 5 } });
    gql = client(app);
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  it('refuses callers without the right key, and writes nothing', async () => {
    const before = await counts(db);
    const attempts: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong-key' },
      { authorization: API_KEY },
      { authorization: `Basic ${API_KEY}` },
    ];
    for (const headers of attempts) {
      const res = await gql(INGEST, { papers: good }, headers);
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.data).toBeNull();
    }
    expect(await counts(db)).toEqual(before);
  });

  it('refuses everyone when the server has no key configured', async () => {
    const keyless = await startTestApp(db, { apiKey: undefined });
    try {
      const before = await counts(db);
      const res = await client(keyless)(INGEST, { papers: good }, { authorization: 'Bearer ' });
      expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      const res2 = await client(keyless)(INGEST, { papers: good }, { authorization: 'Bearer anything' });
      expect(res2.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(await counts(db)).toEqual(before);
    } finally {
      await keyless.stop();
    }
  });

  it('writes the valid papers, reports each invalid one by index, and makes them queryable', async () => {
    const papers = [
      good[0],
      { title: '  ', abstract: 'No title here.' },
      good[1],
      { title: 'No abstract', abstract: '' },
      { title: 'Bad id', abstract: 'Has an id that is not one.', arxivId: 'arxiv-1234' },
    ];
    const res = await gql(INGEST, { papers }, auth);
    expect(res.errors).toBeUndefined();
    const result = res.data?.ingestPapers as {
      ingested: number;
      skipped: number;
      paperIds: string[];
      errors: { index: number; message: string }[];
    };
    expect(result.ingested).toBe(2);
    expect(result.skipped).toBe(3);
    expect(result.paperIds).toHaveLength(2);
    expect(result.paperIds[1]).toBe('2506.01234');
    expect(result.errors.map((e) => e.index)).toEqual([1, 3, 4]);
    expect(result.errors[0]?.message).toMatch(/title/);
    expect(result.errors[1]?.message).toMatch(/abstract/);
    expect(result.errors[2]?.message).toMatch(/arxivId/);

    const check = await gql(
      `query($id: ID!) { paper(id: $id) { title url categories topic { label } authors { name } related(first: 3) { score } } author(id: "dorothy-vaughan") { papers { totalCount } coauthors { sharedPapers author { name } } } }`,
      {
        id: result.paperIds[0],
      },
    );
    expect(check.errors).toBeUndefined();
    expect(check.data?.paper).toMatchObject({
      title: good[0]?.title,
      url: 'https://example.org/sparse',
      categories: ['cs.CL'],
      authors: [{ name: 'Katherine Johnson' }, { name: 'Dorothy Vaughan' }],
    });
    const p = check.data?.paper as { topic: { label: string } | null; related: unknown[] };
    expect(p.topic?.label).toMatch(/\w/);
    expect(p.related.length).toBeGreaterThan(0);
    expect(check.data?.author).toEqual({
      papers: { totalCount: 2 },
      coauthors: [{ sharedPapers: 1, author: { name: 'Katherine Johnson' } }],
    });

    const search = await gql(`{ search(query: "Thompson sampling Gaussian") { edges { node { id } } } }`);
    expect((search.data?.search as { edges: { node: { id: string } }[] }).edges[0]?.node.id).toBe(
      '2506.01234',
    );
  });

  it('is idempotent: the same papers again are skipped, with the same ids', async () => {
    const before = await counts(db);
    const res = await gql(INGEST, { papers: [...good, good[0]] }, auth);
    expect(res.errors).toBeUndefined();
    const result = res.data?.ingestPapers as {
      ingested: number;
      skipped: number;
      paperIds: string[];
      errors: { index: number; message: string }[];
    };
    expect(result.ingested).toBe(0);
    expect(result.skipped).toBe(3);
    expect(result.paperIds).toHaveLength(2);
    expect(result.errors).toEqual([
      { index: 2, message: expect.stringMatching(/same paper as papers\[0\]/) },
    ]);
    expect((await counts(db)).papers).toBe(before.papers);
  });

  it('refuses oversized batches and malformed dates before writing anything', async () => {
    const before = await counts(db);
    const many = Array.from({ length: 6 }, (_, i) => ({ title: `Paper ${i}`, abstract: 'Text.' }));
    const big = await gql(INGEST, { papers: many }, auth);
    expect(big.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(big.errors?.[0]?.message).toContain('"papers"');
    const date = await gql(
      INGEST,
      { papers: [{ title: 'Dated', abstract: 'Text.', publishedAt: '2025-02-30' }] },
      auth,
    );
    expect(date.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const future = await gql(
      INGEST,
      { papers: [{ title: 'Future', abstract: 'Text.', publishedAt: '2999-01-01' }] },
      auth,
    );
    expect(future.data?.ingestPapers).toMatchObject({
      ingested: 0,
      errors: [{ index: 0, message: expect.stringMatching(/publishedAt/) }],
    });
    expect(await counts(db)).toEqual(before);
  });
});
