import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paperIdFor } from '../../src/domain/ids.js';
import type { RunningApp } from '../../src/api/server.js';
import type { WidgetAnswer } from '../../src/api/widget-read.js';
import type { GraphDb } from '../../src/graph/db.js';
import { CITED_PAPER, demoApi, ingestServiceFor, startTestApp } from './api-test-kit.js';

const CITED = CITED_PAPER;

describe('GET /widget/related: the widget read', () => {
  let db: GraphDb;
  let app: RunningApp;
  let gql: Awaited<ReturnType<typeof demoApi>>['gql'];
  let reads: string[];
  let paperId = '';

  beforeAll(async () => {
    ({ db, app, gql, reads } = await demoApi((g) => ingestServiceFor(g).ingest([CITED])));
    const { data } = await gql<{ papers: { edges: { node: { id: string } }[] } }>(
      '{ papers(first: 1, orderBy: TITLE_ASC) { edges { node { id } } } }',
    );
    paperId = data?.papers.edges[0]?.node.id ?? '';
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  const read = (query: string, headers: Record<string, string> = {}) =>
    fetch(`${app.url}/widget/related?${query}`, { headers });

  it('answers a paper id with its related papers, shared terms and topics, as a cacheable GET', async () => {
    const res = await read(`paper=${encodeURIComponent(paperId)}&count=3`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toMatch(/^public, max-age=\d+/);
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    const body = (await res.json()) as WidgetAnswer;
    expect(body.paper?.id).toBe(paperId);
    expect(body.basis).toBe('paper');
    expect(body.items).toHaveLength(3);
    // The same items, scores and terms as the GraphQL API's related(first: 3).
    const { data } = await gql<{
      paper: {
        related: { score: number; sharedTerms: string[]; paper: { id: string; topic: { label: string } } }[];
      };
    }>(
      'query($id: ID!) { paper(id: $id) { related(first: 3) { score sharedTerms paper { id topic { label } } } } }',
      {
        id: paperId,
      },
    );
    expect(body.items.map((i) => [i.id, i.score, i.sharedTerms, i.topic?.label])).toEqual(
      data?.paper.related.map((r) => [r.paper.id, r.score, r.sharedTerms, r.paper.topic.label]),
    );
    expect(body.items.some((i) => i.sharedTerms.length > 0)).toBe(true);
  });

  it('answers a repeated read naming the ETag with 304 and no body, from the kept answer', async () => {
    const first = await read(`paper=${encodeURIComponent(paperId)}`);
    const etag = first.headers.get('etag') ?? '';
    await first.arrayBuffer();
    const before = reads.length;
    const again = await read(`paper=${encodeURIComponent(paperId)}`, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    // The answer was kept: the graph was not asked again.
    expect(reads.length).toBe(before);
    expect(again.headers.get('etag')).toBe(etag);
    expect(await again.text()).toBe('');
    const other = await read(`paper=${encodeURIComponent(paperId)}`, { 'if-none-match': '"something-else"' });
    expect(other.status).toBe(200);
  });

  it('finds the paper from citation meta tags: arXiv id, else DOI, else title', async () => {
    for (const q of [
      'arxiv=arXiv:2501.04242v2',
      'doi=https://doi.org/10.5555/WIDGET.4242',
      `title=${encodeURIComponent('scaling reinforcement learning for language model reasoning - a study')}`,
      // An arXiv id not in the graph falls through to the DOI.
      'arxiv=2112.00001&doi=10.5555/widget.4242',
    ]) {
      const body = (await (await read(q)).json()) as WidgetAnswer;
      expect(body.paper?.id, q).toBe(CITED.id);
      expect(body.items.length, q).toBeGreaterThan(0);
    }
  });

  it('recommends from the page text when no paper matches, and is empty when nothing does', async () => {
    const text = 'reinforcement learning rewards for language model reasoning and math benchmarks';
    const body = (await (
      await read(`title=Unknown%20paper&text=${encodeURIComponent(text)}`)
    ).json()) as WidgetAnswer;
    expect(body.basis).toBe('text');
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.items.some((i) => i.sharedTerms.length > 0)).toBe(true);
    const none = (await (await read('paper=no-such-paper')).json()) as WidgetAnswer;
    expect(none).toEqual({ paper: null, basis: null, items: [] });
  });

  it('keeps items at or above minScore', async () => {
    const all = (await (await read(`paper=${encodeURIComponent(paperId)}&count=10`)).json()) as WidgetAnswer;
    const cut = all.items[2]?.score ?? 0;
    const some = (await (
      await read(`paper=${encodeURIComponent(paperId)}&count=10&minScore=${cut}`)
    ).json()) as WidgetAnswer;
    expect(some.items.length).toBeLessThan(all.items.length);
    expect(some.items.every((i) => i.score >= cut)).toBe(true);
  });

  it('refuses wrong parameters with a 400 naming the parameter, never cached', async () => {
    for (const [q, param] of [
      ['paper=x&count=0', 'count'],
      ['paper=x&count=21', 'count'],
      ['paper=x&count=two', 'count'],
      ['paper=x&minScore=1.5', 'minScore'],
      ['paper=x&query={stats{papers}}', 'query'],
      ['', 'paper'],
      ['paper=x&doi=10.1/x', 'paper'],
      ['doi=not-a-doi', 'doi'],
      ['arxiv=hello', 'arxivId'],
      [`text=${'a'.repeat(2001)}`, 'text'],
    ] as const) {
      const res = await read(q);
      expect(res.status, q).toBe(400);
      expect(res.headers.get('cache-control'), q).toBe('no-store');
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code, q).toBe('BAD_USER_INPUT');
      expect(body.error.message, q).toContain(`"${param}"`);
    }
  });

  it('answers only the CORS origins configured, like /graphql', async () => {
    const cors = await startTestApp(db, { corsOrigins: ['http://allowed.test'] });
    try {
      const q = `${cors.url}/widget/related?paper=${encodeURIComponent(paperId)}`;
      const allowed = await fetch(q, { headers: { origin: 'http://allowed.test' } });
      expect(allowed.headers.get('access-control-allow-origin')).toBe('http://allowed.test');
      expect(allowed.headers.get('vary')).toContain('origin');
      const refused = await fetch(q, { headers: { origin: 'http://elsewhere.test' } });
      expect(refused.headers.get('access-control-allow-origin')).toBeNull();
      // The script itself is public: any page may load it (a cross-origin module needs CORS).
      const script = await fetch(`${cors.url}/widget.js`, { headers: { origin: 'http://elsewhere.test' } });
      expect(script.headers.get('access-control-allow-origin')).toBe('*');
    } finally {
      await cors.stop();
    }
  });

  it('serves the widget file and its demo page, both revalidated by ETag', async () => {
    const js = await fetch(`${app.url}/widget.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const etag = js.headers.get('etag') ?? '';
    expect((await js.text()).includes("customElements.define('papergraph-related'")).toBe(true);
    expect((await fetch(`${app.url}/widget.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    const demo = await fetch(`${app.url}/widget/?paper=${encodeURIComponent(paperId)}`);
    expect(demo.status).toBe(200);
    expect(demo.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await demo.text()).toContain('<papergraph-related');
    const bare = await fetch(`${app.url}/widget?paper=x`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/widget/?paper=x');
  });

  it('offers paperByCitation in GraphQL with errors that name the argument', async () => {
    const ok = await gql<{ paperByCitation: { id: string } | null }>(
      '{ paperByCitation(doi: "doi:10.5555/widget.4242") { id } }',
    );
    expect(ok.data?.paperByCitation?.id).toBe(CITED.id);
    const none = await gql('{ paperByCitation { id } }');
    expect(none.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(none.errors?.[0]?.extensions?.argumentName).toBe('arxivId');
    expect(paperIdFor(CITED.title, CITED.arxivId)).toBe(CITED.id);
  });
});
