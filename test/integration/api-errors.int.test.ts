import { pino } from 'pino';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/api/common/cursor.js';
import type { RunningApp } from '../../src/api/server.js';
import { GraphDb } from '../../src/graph/db.js';
import { freePort } from '../../src/runtime/local-neo4j.js';
import { client, demoApi, startTestApp } from './api-test-kit.js';
import { connectTestGraph } from './graph-test-kit.js';

/** The one error of a response, which must have no data for the failed field. */
function theError(res: { errors?: { message: string; extensions?: { code?: string } }[] }) {
  expect(res.errors).toHaveLength(1);
  return res.errors?.[0] ?? { message: '', extensions: {} };
}

const HOSTILE_SEARCHES = [
  '"',
  '""',
  '"unbalanced quote',
  'AND',
  'OR OR',
  'NOT',
  'a AND',
  'AND OR NOT',
  '*',
  '?',
  '~',
  'model~',
  'model~0.5',
  ':',
  'title:',
  'title:attention',
  '(',
  ')',
  '((x)',
  '[',
  '[a TO b}',
  '{',
  '\\',
  'C:\\path\\',
  '\\"',
  '+',
  '-',
  '- model',
  '&& ||',
  '!',
  '^',
  'model^4',
  '/',
  '/regex.*/',
  'a/b',
  "'; DROP DATABASE neo4j; //",
  '$query',
  '%',
  '\u0000',
  'naïve Bayes 😀 法',
  'x'.repeat(999),
];

describe('GraphQL API: errors users can cause', () => {
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

  it.each(HOSTILE_SEARCHES)('treats search text %j as words, never as query syntax', async (text) => {
    const res = await gql(
      `query($q: String!) { search(query: $q, first: 5) { totalCount edges { score node { id } } } }`,
      {
        q: text,
      },
    );
    expect(res.errors).toBeUndefined();
    const search = res.data?.search as { totalCount: number; edges: unknown[] };
    expect(search.totalCount).toBeGreaterThanOrEqual(search.edges.length);
  });

  it('matches words inside operators and punctuation as plain words', async () => {
    const res = await gql(
      `{ a: search(query: "(bayesian") { totalCount } b: search(query: "bayesian") { totalCount } }`,
    );
    expect(res.data?.a).toEqual(res.data?.b);
  });

  it.each(['', '   ', '\n\t'])('refuses the empty search %j naming the argument', async (text) => {
    const err = theError(await gql(`query($q: String!) { search(query: $q) { totalCount } }`, { q: text }));
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.message).toContain('"query"');
  });

  it('refuses an over-long search', async () => {
    const err = theError(
      await gql(`query($q: String!) { search(query: $q) { totalCount } }`, { q: 'x'.repeat(1001) }),
    );
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it.each([
    ['papers', '{ papers(first: 101) { totalCount } }'],
    ['search', '{ search(query: "model", first: 101) { totalCount } }'],
    ['topics', '{ topics(first: 101) { id } }'],
    ['authors', '{ authors(first: 101) { totalCount } }'],
    ['recommend', '{ recommend(text: "model", first: 101) { score } }'],
    ['related', '{ papers(first: 1) { edges { node { related(first: 101) { score } } } } }'],
    ['keywords', '{ papers(first: 1) { edges { node { keywords(first: 101) { term } } } } }'],
    ['Topic.papers', '{ topics(first: 1) { papers(first: 101) { totalCount } } }'],
    ['negative', '{ papers(first: -1) { totalCount } }'],
  ])('refuses page sizes outside 0..100 (%s) with BAD_USER_INPUT naming "first"', async (_name, query) => {
    const res = await gql(query);
    const err = res.errors?.[0];
    expect(err?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err?.message).toContain('"first"');
    expect(err?.message).toContain('100');
  });

  it('accepts exactly 100 and 0', async () => {
    const res = await gql(
      '{ a: papers(first: 100) { edges { cursor } } b: papers(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.b).toEqual({ totalCount: 34, edges: [], pageInfo: { hasNextPage: true } });
  });

  it('refuses malformed cursors and cursors of another list, naming "after"', async () => {
    const page = await gql(
      `{ papers(first: 2) { pageInfo { endCursor } } search(query: "model", first: 2) { pageInfo { endCursor } } }`,
    );
    const papersCursor = (page.data?.papers as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const searchCursor = (page.data?.search as { pageInfo: { endCursor: string } }).pageInfo.endCursor;
    const garbage = [
      'not-a-cursor',
      '',
      '!!!',
      Buffer.from('{"v":1}').toString('base64url'),
      Buffer.from('[1,2,3]').toString('base64url'),
      Buffer.from('{"v":2,"s":"x","k":1,"id":"a"}').toString('base64url'),
    ];
    const cases: [string, string][] = [
      ...garbage.map((c): [string, string] => ['{ papers(after: $c) { totalCount } }', c]),
      ...garbage.map((c): [string, string] => ['{ search(query: "model", after: $c) { totalCount } }', c]),
      ...garbage.map((c): [string, string] => ['{ authors(after: $c) { totalCount } }', c]),
      ['{ papers(after: $c) { totalCount } }', searchCursor],
      ['{ papers(after: $c, orderBy: TITLE_ASC) { totalCount } }', papersCursor],
      ['{ search(query: "other words", after: $c) { totalCount } }', searchCursor],
      ['{ search(query: "model", after: $c) { totalCount } }', papersCursor],
      ['{ topics(first: 1) { papers(after: $c) { totalCount } } }', papersCursor],
    ];
    for (const [body, cursor] of cases) {
      const res = await gql(`query($c: String) ${body}`, { c: cursor });
      const err = res.errors?.[0];
      expect(err?.extensions?.code, `${body} with ${cursor}`).toBe('BAD_USER_INPUT');
      // An empty string is "no cursor" to some clients; we refuse it too, naming the argument.
      expect(err?.message).toContain('"after"');
    }
  });

  it('refuses well-formed cursors whose sort value does not fit the ordering', async () => {
    // Forged: the right list, but a sort value Cypher would choke on.
    for (const [order, value] of [
      ['PUBLISHED_DESC', 'not-a-date'],
      ['PUBLISHED_ASC', 20250101],
      ['UPVOTES_DESC', 'many'],
      ['TITLE_ASC', 3],
    ] as const) {
      const forged = encodeCursor(`papers:{}:${order}`, { value, id: 'x' });
      const res = await gql(
        `query($c: String, $o: PaperOrder) { papers(after: $c, orderBy: $o) { totalCount } }`,
        {
          c: forged,
          o: order,
        },
      );
      expect(res.errors?.[0]?.extensions?.code, order).toBe('BAD_USER_INPUT');
    }
    const fine = encodeCursor('papers:{}:PUBLISHED_DESC', { value: '2025-01-01', id: 'x' });
    const ok = await gql(`query($c: String) { papers(after: $c) { totalCount } }`, { c: fine });
    expect(ok.errors).toBeUndefined();
  });

  it('refuses a query nested deeper than the limit before running anything', async () => {
    const deep = `{ papers(first: 1) { edges { node { related { paper { related { paper { related { paper { title } } } } } } } } } }`;
    reads.length = 0;
    const res = await gql(deep);
    expect(res.data).toBeUndefined();
    const err = theError(res);
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(/nested 10 levels deep; the limit is 8/);
    expect(reads).toEqual([]);

    const viaFragments = `{ papers(first: 1) { ...A } } fragment A on PaperConnection { edges { node { ...B } } } fragment B on Paper { related { paper { related { paper { related { paper { id } } } } } } }`;
    expect(theError(await gql(viaFragments)).extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a query whose nested pages multiply past the cost limit, before running it', async () => {
    const wide = `{ papers(first: 100) { edges { node { related(first: 100) { paper { related(first: 100) { paper { id } } } } } } } }`;
    reads.length = 0;
    const res = await gql(wide);
    const err = theError(res);
    expect(err.extensions?.code).toBe('BAD_USER_INPUT');
    expect(err.message).toMatch(/the limit is 50000/);
    expect(res.status).toBe(400);
    expect(reads).toEqual([]);
  });

  it('refuses recommend without any input, naming both arguments', async () => {
    for (const q of [
      '{ recommend { score } }',
      '{ recommend(paperIds: []) { score } }',
      '{ recommend(text: "   ") { score } }',
      '{ recommend(paperIds: [], text: "") { score } }',
      '{ recommend(paperIds: null, text: null) { score } }',
    ]) {
      const err = theError(await gql(q));
      expect(err.extensions?.code, q).toBe('BAD_USER_INPUT');
      expect(err.message).toContain('paperIds');
      expect(err.message).toContain('text');
    }
  });

  it('skips unknown ids instead of failing', async () => {
    const res = await gql(
      `{ recommend(paperIds: ["x", "y"]) { score } paper(id: "") { id } topic(id: "zz") { papers { totalCount } } author(id: "q") { name } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ recommend: [], paper: null, topic: null, author: null });
  });

  it('refuses other impossible arguments with a message that names them', async () => {
    const score = theError(
      await gql('{ papers(first: 1) { edges { node { related(minScore: 1.5) { score } } } } }'),
    );
    expect(score.message).toContain('"minScore"');
    const dates = theError(
      await gql(
        '{ papers(filter: { publishedAfter: "2025-02-01", publishedBefore: "2025-01-01" }) { totalCount } }',
      ),
    );
    expect(dates.extensions?.code).toBe('BAD_USER_INPUT');
    expect(dates.message).toContain('publishedAfter');
    const badDate = theError(
      await gql('{ papers(filter: { publishedAfter: "2025-13-45" }) { totalCount } }'),
    );
    expect(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED']).toContain(badDate.extensions?.code);
    const ids = theError(
      await gql('query($ids: [ID!]) { recommend(paperIds: $ids) { score } }', {
        ids: Array.from({ length: 101 }, (_, i) => `p${i}`),
      }),
    );
    expect(ids.message).toContain('"paperIds"');
  });

  it('answers unknown routes with 404 and bad JSON bodies with 400', async () => {
    const missing = await fetch(`${app.url}/nope`);
    expect(missing.status).toBe(404);
    const bad = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{ nope',
    });
    expect(bad.status).toBe(400);
  });
});

describe('GraphQL API: settings from the environment', () => {
  it('lets pages on the allowed origins call /graphql from a browser (CORS), and no others', async () => {
    const db = connectTestGraph();
    const app = await startTestApp(db, { corsOrigins: ['https://widget.example.org'] });
    try {
      const preflight = await fetch(`${app.url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin: 'https://widget.example.org',
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('https://widget.example.org');
      expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
      expect(preflight.headers.get('access-control-allow-headers')).toContain('content-type');

      const post = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://widget.example.org' },
        body: JSON.stringify({ query: '{ stats { papers } }' }),
      });
      expect(post.status).toBe(200);
      expect(post.headers.get('access-control-allow-origin')).toBe('https://widget.example.org');
      expect(post.headers.get('vary')).toContain('origin');

      const other = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://elsewhere.example.com' },
        body: JSON.stringify({ query: '{ stats { papers } }' }),
      });
      expect(other.headers.get('access-control-allow-origin')).toBeNull();
      const otherPreflight = await fetch(`${app.url}/graphql`, {
        method: 'OPTIONS',
        headers: { origin: 'https://elsewhere.example.com', 'access-control-request-method': 'POST' },
      });
      expect(otherPreflight.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await app.stop();
      await db.close();
    }
  });

  it('sends no CORS headers when no origin is allowed (the default)', async () => {
    const db = connectTestGraph();
    const app = await startTestApp(db);
    try {
      const res = await fetch(`${app.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://widget.example.org' },
        body: JSON.stringify({ query: '{ stats { papers } }' }),
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await app.stop();
      await db.close();
    }
  });

  it('applies the configured cost, depth and page-size limits', async () => {
    const db = connectTestGraph();
    const app = await startTestApp(db, { limits: { maxPage: 5, maxDepth: 5, maxCost: 40 } });
    try {
      const gql = client(app);
      const page = theError(await gql(`{ papers(first: 6) { totalCount } }`));
      expect(page.extensions?.code).toBe('BAD_USER_INPUT');
      expect(page.message).toContain('"first"');
      const deep = theError(
        await gql(`{ papers(first: 1) { edges { node { related(first: 1) { paper { id } } } } } }`),
      );
      expect(deep.message).toMatch(/nested 6 levels deep; the limit is 5/);
      const costly = theError(
        await gql(`{ papers(first: 5) { edges { node { related(first: 5) { score } } } } }`),
      );
      expect(costly.message).toMatch(/the limit is 40/);
    } finally {
      await app.stop();
      await db.close();
    }
  });
});

describe('GraphQL API: failures that are not the user’s', () => {
  it('hides unexpected errors behind INTERNAL_SERVER_ERROR and logs the original', async () => {
    const db = connectTestGraph();
    const lines: string[] = [];
    const logger = pino(
      { level: 'error' },
      new Writable({
        write(chunk: Buffer, _enc, done) {
          lines.push(chunk.toString());
          done();
        },
      }),
    );
    const broken = new Proxy(db, {
      get(target, key) {
        if (key === 'read') return () => Promise.reject(new Error('secret internals at bolt://10.0.0.7'));
        const v: unknown = Reflect.get(target, key);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    const app = await startTestApp(broken, { logger });
    try {
      const res = await client(app)(`{ papers { totalCount } }`);
      expect(res.errors?.[0]).toMatchObject({
        message: 'Internal server error',
        extensions: { code: 'INTERNAL_SERVER_ERROR' },
      });
      expect(JSON.stringify(res)).not.toContain('secret internals');
      expect(lines.join('')).toContain('secret internals');
    } finally {
      await app.stop();
      await db.close();
    }
  });

  it('answers /health with 503 and a reason when Neo4j is not reachable', async () => {
    const db = GraphDb.connect({
      uri: `bolt://127.0.0.1:${await freePort()}`,
      user: 'neo4j',
      password: 'whatever1',
    });
    const app = await startTestApp(db);
    try {
      const res = await fetch(`${app.url}/health`);
      expect(res.status).toBe(503);
      const body = (await res.json()) as { status: string; reason: string };
      expect(body.status).toBe('unavailable');
      expect(body.reason).toMatch(/\w/);
    } finally {
      await app.stop();
      await db.close();
    }
  });
});
