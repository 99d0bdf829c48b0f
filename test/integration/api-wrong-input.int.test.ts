/**
 * Every root field and argument, given wrong, hostile or odd values through variables (so they
 * reach the resolvers, not just validation): none may give an internal error or an HTTP 5xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/api/server.js';
import type { GraphDb } from '../../src/graph/db.js';
import { API_KEY, demoApi, type client } from './api-test-kit.js';

const LONG = 'x'.repeat(10_000);
const STRINGS: readonly unknown[] = [
  '',
  ' ',
  '\t\n ',
  '\u0000',
  'a\u0000b',
  LONG,
  'naïve Bayes 😀 法',
  "'; MATCH (n) DETACH DELETE n //",
  '$param',
  '\\',
];
const IDS: readonly unknown[] = [...STRINGS, 'no-such-id', '2401.00001', '-1'];
const INTS: readonly unknown[] = [-2147483648, -1, 0, 1, 100, 101, 2147483647];
const FLOATS: readonly unknown[] = [-1e308, -1, 0, 0.5, 1, 2, 1e308];
const DATES: readonly unknown[] = [
  '',
  '2025-02-30',
  '2025-13-01',
  '2025-1-1',
  '0000-00-00',
  '99999-01-01',
  'yesterday',
  '2025-01-01T00:00:00Z',
  '\u0000',
  LONG,
];
const MALFORMED_CURSORS: readonly unknown[] = [
  ...STRINGS,
  Buffer.from('{"v":1}').toString('base64url'),
  Buffer.from('{"v":1,"s":"x","k":{},"id":1}').toString('base64url'),
  Buffer.from('[1,2,3]').toString('base64url'),
  Buffer.from('null').toString('base64url'),
];

interface Probe {
  readonly name: string;
  readonly query: string;
  readonly variables: Record<string, unknown>;
  readonly headers?: Record<string, string>;
}

/** One probe per value of one argument, the others at sane values. */
function probes(
  field: string,
  vars: Record<string, string>,
  selection: string,
  base: Record<string, unknown>,
  arg: string,
  values: readonly unknown[],
  root: 'query' | 'mutation' = 'query',
): Probe[] {
  const decl = Object.entries(vars)
    .map(([k, t]) => `$${k}: ${t}`)
    .join(', ');
  const use = Object.keys(vars)
    .map((k) => `${k}: $${k}`)
    .join(', ');
  const query = `${root}(${decl}) { ${field}(${use}) ${selection} }`;
  return values.map((v, i) => ({
    name: `${field}(${arg}) #${i} ${JSON.stringify(v).slice(0, 40)}`,
    query,
    variables: { ...base, [arg]: v },
  }));
}

function buildProbes(foreign: {
  authorsCursor: string;
  papersCursor: string;
  searchCursor: string;
}): Probe[] {
  const CURSORS = [...MALFORMED_CURSORS, foreign.authorsCursor, foreign.papersCursor, foreign.searchCursor];
  const conn = '{ totalCount edges { cursor node { id } } pageInfo { endCursor } }';
  const out: Probe[] = [];
  for (const [field, sel] of [
    ['paper', '{ id related(first: 3) { score } }'],
    ['author', '{ id name }'],
    ['topic', '{ id label }'],
  ] as const) {
    out.push(...probes(field, { id: 'ID!' }, sel, {}, 'id', IDS));
  }
  out.push(...probes('organization', { name: 'String!' }, '{ name }', {}, 'name', STRINGS));

  const papersVars = { first: 'Int', after: 'String', filter: 'PaperFilter', orderBy: 'PaperOrder' };
  out.push(...probes('papers', papersVars, conn, {}, 'first', INTS));
  out.push(...probes('papers', papersVars, conn, {}, 'after', CURSORS));
  out.push(...probes('papers', papersVars, conn, { orderBy: 'TITLE_ASC' }, 'after', [foreign.papersCursor]));
  for (const key of ['topicId', 'authorId', 'category']) {
    out.push(
      ...probes(
        'papers',
        papersVars,
        conn,
        {},
        'filter',
        IDS.map((v) => ({ [key]: v })),
      ),
    );
  }
  for (const key of ['publishedAfter', 'publishedBefore']) {
    out.push(
      ...probes(
        'papers',
        papersVars,
        conn,
        {},
        'filter',
        DATES.map((v) => ({ [key]: v })),
      ),
    );
  }
  out.push(
    ...probes('papers', papersVars, conn, {}, 'filter', [
      { publishedAfter: '2026-01-01', publishedBefore: '2020-01-01' },
    ]),
  );
  out.push(...probes('papers', papersVars, conn, {}, 'orderBy', ['', 'NOPE', 'published_desc', 1]));

  const searchVars = { query: 'String!', first: 'Int', after: 'String' };
  const searchConn = '{ totalCount edges { cursor score node { id } } pageInfo { endCursor } }';
  out.push(...probes('search', searchVars, searchConn, {}, 'query', STRINGS));
  out.push(...probes('search', searchVars, searchConn, { query: 'model' }, 'first', INTS));
  out.push(...probes('search', searchVars, searchConn, { query: 'model' }, 'after', CURSORS));

  const authorsVars = { query: 'String', first: 'Int', after: 'String' };
  out.push(...probes('authors', authorsVars, conn, {}, 'query', STRINGS));
  out.push(...probes('authors', authorsVars, conn, {}, 'first', INTS));
  out.push(...probes('authors', authorsVars, conn, {}, 'after', CURSORS));

  const recVars = { paperIds: '[ID!]', text: 'String', first: 'Int' };
  const rec = '{ score sharedTerms paper { id } }';
  out.push(...probes('recommend', recVars, rec, {}, 'text', STRINGS));
  out.push(...probes('recommend', recVars, rec, { text: 'language models' }, 'first', INTS));
  out.push(...probes('recommend', recVars, rec, { paperIds: ['no-such-id'] }, 'first', INTS));
  out.push(
    ...probes('recommend', recVars, rec, {}, 'paperIds', [
      [],
      [''],
      ['no-such-id'],
      IDS,
      Array.from({ length: 101 }, (_, i) => `id-${i}`),
      [LONG],
    ]),
  );

  out.push(...probes('topics', { first: 'Int' }, '{ id label }', {}, 'first', INTS));

  // Arguments of nested lists, reached through a paper and a topic.
  const nested = (name: string, query: string, values: readonly unknown[]) =>
    values.map((v, i) => ({ name: `${name} #${i} ${JSON.stringify(v)}`, query, variables: { v } }));
  out.push(
    ...nested(
      'Paper.related(first)',
      'query($v: Int) { papers(first: 2) { edges { node { related(first: $v) { score } } } } }',
      INTS,
    ),
    ...nested(
      'Paper.related(minScore)',
      'query($v: Float) { papers(first: 2) { edges { node { related(minScore: $v) { score } } } } }',
      FLOATS,
    ),
    ...nested(
      'Paper.keywords(first)',
      'query($v: Int) { papers(first: 2) { edges { node { keywords(first: $v) { term } } } } }',
      INTS,
    ),
    ...nested(
      'Topic.papers(first)',
      'query($v: Int) { topics(first: 2) { papers(first: $v) { totalCount } } }',
      INTS,
    ),
    ...nested(
      'Topic.papers(after)',
      'query($v: String) { topics(first: 2) { papers(after: $v) { totalCount } } }',
      CURSORS,
    ),
    ...nested(
      'Topic.representativePapers(first)',
      'query($v: Int) { topics(first: 2) { representativePapers(first: $v) { id } } }',
      INTS,
    ),
    ...nested(
      'Topic.relatedTopics(first)',
      'query($v: Int) { topics(first: 2) { relatedTopics(first: $v) { score } } }',
      INTS,
    ),
    ...nested(
      'Author.coauthors(first)',
      'query($v: Int) { authors(first: 2) { edges { node { coauthors(first: $v) { sharedPapers } } } } }',
      INTS,
    ),
  );

  // The mutation: wrong papers are reported per index or refused, never a server error.
  const auth = { authorization: `Bearer ${API_KEY}` };
  const ingest = probes(
    'ingestPapers',
    { papers: '[PaperInput!]!' },
    '{ ingested skipped errors { index message } }',
    {},
    'papers',
    [
      [],
      [{ title: '', abstract: '' }],
      [{ title: '\u0000', abstract: '\u0000' }],
      [{ title: ' ', abstract: LONG }],
      [{ title: 'A paper on wrong dates', abstract: 'Dates that do not exist.', publishedAt: '2025-02-30' }],
      [{ title: 'A paper on wrong ids', abstract: 'An arXiv id that is not one.', arxivId: LONG }],
      [{ title: 'A paper on wrong urls', abstract: 'A url that is not one.', url: 'javascript:alert(1)' }],
    ],
    'mutation',
  ).map((p) => ({ ...p, headers: auth }));
  out.push(...ingest);
  return out;
}

describe('GraphQL API: every root field and argument, given wrong values', () => {
  let db: GraphDb;
  let app: RunningApp;
  let gql: ReturnType<typeof client>;

  beforeAll(async () => {
    ({ db, app, gql } = await demoApi());
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  it('answers every probe without an internal error or a 5xx, and codes every error', async () => {
    const page = await gql<{
      authors: { pageInfo: { endCursor: string } };
      papers: { pageInfo: { endCursor: string } };
      search: { pageInfo: { endCursor: string } };
    }>(
      `{ authors(first: 1) { pageInfo { endCursor } } papers(first: 1) { pageInfo { endCursor } } search(query: "model", first: 1) { pageInfo { endCursor } } }`,
    );
    const all = buildProbes({
      authorsCursor: page.data?.authors.pageInfo.endCursor ?? '',
      papersCursor: page.data?.papers.pageInfo.endCursor ?? '',
      searchCursor: page.data?.search.pageInfo.endCursor ?? '',
    });
    expect(all.length).toBeGreaterThan(250);

    const failures: string[] = [];
    const codes = new Map<string, number>();
    for (const probe of all) {
      const res = await gql(probe.query, probe.variables, probe.headers ?? {});
      for (const e of res.errors ?? []) {
        const code = e.extensions?.code ?? 'NONE';
        codes.set(code, (codes.get(code) ?? 0) + 1);
        if (code === 'INTERNAL_SERVER_ERROR' || code === 'NONE')
          failures.push(`${probe.name}: ${code} ${e.message}`);
        else if (!/"|\$/.test(e.message)) failures.push(`${probe.name}: message names nothing: ${e.message}`);
      }
      if (res.status >= 500) failures.push(`${probe.name}: HTTP ${res.status}`);
    }
    expect(failures).toEqual([]);
    // The probes do reach the resolvers' checks, not only graphql's own validation.
    expect(codes.get('BAD_USER_INPUT') ?? 0).toBeGreaterThan(50);
  });
});
