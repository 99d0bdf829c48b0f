import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/api/server.js';
import type { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { startTestApp } from './api-test-kit.js';
import { connectTestGraph, LISTING_FILE, ingestFile, wipe } from './graph-test-kit.js';

const BROWSER_ORIGIN = 'http://127.0.0.1:7474';
const HF_40 = path.join(import.meta.dirname, 'fixtures', 'hf-archive-40.jsonl');

/** The runnable blocks of a guide as the Browser reads them: `pre.runnable` text, unescaped. */
function runnables(html: string): string[] {
  return [...html.matchAll(/<pre class="runnable">([\s\S]*?)<\/pre>/g)].map((m) =>
    (m[1] ?? '')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&')
      .trim(),
  );
}

/** Fetch the guide the way Neo4j Browser 5 does: preflight, then GET with pragma and cache-control. */
async function fetchGuideAsBrowser(app: RunningApp, origin = BROWSER_ORIGIN): Promise<string> {
  const preflight = await fetch(`${app.url}/browser/guide`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'GET',
      'access-control-request-headers': 'cache-control,pragma',
    },
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers.get('access-control-allow-origin')).toBe(origin);
  expect(preflight.headers.get('access-control-allow-headers')).toMatch(/pragma/);
  expect(preflight.headers.get('access-control-allow-headers')).toMatch(/cache-control/);
  const res = await fetch(`${app.url}/browser/guide`, {
    headers: { origin, pragma: 'no-cache', 'cache-control': 'no-cache' },
  });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/html/);
  expect(res.headers.get('access-control-allow-origin')).toBe(origin);
  return res.text();
}

/**
 * Runs every block of the guide in order, as a reader clicking through it would: `:param`
 * lines are evaluated by Neo4j (`RETURN <expression>`), `:style` fetches the style, Cypher
 * runs with the parameters set so far. Returns the row count of each Cypher block.
 */
async function runGuide(db: GraphDb, html: string): Promise<{ query: string; rows: number }[]> {
  const params: Record<string, unknown> = {};
  const results: { query: string; rows: number }[] = [];
  for (const block of runnables(html)) {
    const p = /^:param\s+(\w+)\s*=>\s*([\s\S]+)$/.exec(block);
    if (p?.[1] && p[2]) {
      const [row] = await db.read(statement('test.guide.param', `RETURN ${p[2]} AS value`));
      params[p[1]] = row?.value;
      continue;
    }
    const style = /^:style\s+(\S+)$/.exec(block);
    if (style?.[1]) {
      const res = await fetch(style[1], { headers: { origin: BROWSER_ORIGIN } });
      expect(res.status).toBe(200);
      expect(res.headers.get('access-control-allow-origin')).toBe(BROWSER_ORIGIN);
      expect(await res.text()).toContain('node.Paper');
      continue;
    }
    expect(block.startsWith(':'), `an unexpected Browser command: ${block}`).toBe(false);
    const rows = await db.read(statement('test.guide.query', block, { ...params }));
    results.push({ query: block, rows: rows.length });
  }
  return results;
}

describe('the Neo4j Browser guide', () => {
  let db: GraphDb;
  let app: RunningApp;

  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  it('on an empty graph says how to get a model, and its query runs', async () => {
    const html = await fetchGuideAsBrowser(app);
    expect(html).toContain('nothing ingested yet');
    const results = await runGuide(db, html);
    expect(results.map((r) => r.rows)).toEqual([1]);
  });

  it('on the demo graph: every runnable query returns rows, with the ids of this graph', async () => {
    await ingestFile(db, LISTING_FILE);
    const html = await fetchGuideAsBrowser(app);
    const [model] = await db.read(
      statement(
        't',
        `MATCH (m:TopicModel {current: true}) MATCH (t:Topic {modelVersion: m.version})
         RETURN m.version AS version, collect(t.id) AS topicIds`,
      ),
    );
    expect(html).toContain(String(model?.version));
    const topicParam = /:param topicId =&gt; '([^']+)'/.exec(html)?.[1];
    expect(model?.topicIds).toContain(topicParam);

    const results = await runGuide(db, html);
    for (const r of results) expect(r.rows, r.query).toBeGreaterThan(0);
    const queries = results.map((r) => r.query).join('\n');
    for (const needle of [
      'db.schema.visualization',
      'db.index.fulltext.queryNodes',
      "db.index.vector.queryNodes('paper_embedding'",
      'SIMILAR_TO',
      'RELATED_TOPIC',
      'sharedTerms',
      'SUCCEEDS',
    ])
      expect(queries).toContain(needle);
    expect(results.length).toBeGreaterThanOrEqual(12);
    // The Browser's page allows images only from itself and data:, and strips scripts.
    expect(html).not.toMatch(/<img|<script|\son\w+=/i);
  });

  it('says the graph has one model so far, in a row', async () => {
    const html = await fetchGuideAsBrowser(app);
    const diff = runnables(html).find((q) => q.includes('SUCCEEDS'));
    expect(diff).toBeDefined();
    const rows = await db.read(statement('t', diff ?? ''));
    expect(rows).toHaveLength(1);
    expect(rows[0]?.previous).toBeNull();
    expect(String(rows[0]?.summary)).toMatch(/one topic model so far/);
  });

  it('with named authors and a second model: co-author, bridge and model queries return rows', async () => {
    await ingestFile(db, HF_40, { rebuild: true });
    const html = await fetchGuideAsBrowser(app);
    expect(html).toContain(':param authorId =&gt;');
    const results = await runGuide(db, html);
    for (const r of results) expect(r.rows, r.query).toBeGreaterThan(0);
    expect(results.some((r) => r.query.includes('{id: $authorId}'))).toBe(true);

    const diff = runnables(html).find((q) => q.includes('SUCCEEDS'));
    const [row] = await db.read(statement('t', diff ?? ''));
    expect(row?.previous).toMatch(/^tm-/);
    expect(row?.previous).not.toBe(row?.current);
    // The rebuild recorded the chain: SUCCEEDS to the demo model, and the moves as JSON.
    const [chain] = await db.read(
      statement('t', 'MATCH (:TopicModel {current: true})-[:SUCCEEDS]->(p:TopicModel) RETURN p.version AS v'),
    );
    expect(chain?.v).toBe(row?.previous);
    expect(JSON.parse(String(row?.moves))).toEqual(expect.any(Array));
    expect(String(row?.summary)).toMatch(/^How topics moved from tm-/);
  });

  it('answers the preflight only for Browser origins', async () => {
    const res = await fetch(`${app.url}/browser/guide`, {
      method: 'OPTIONS',
      headers: {
        origin: 'https://elsewhere.example',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'pragma',
      },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const localhost = await fetchGuideAsBrowser(app, 'http://localhost:7474');
    expect(localhost).toContain('<slide');
    // To localhost URLs the Browser's Sentry adds its trace headers.
    const sentry = await fetch(`${app.url}/browser/guide`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:7474',
        'access-control-request-method': 'GET',
        'access-control-request-headers': 'baggage,cache-control,pragma,sentry-trace',
      },
    });
    const allowed = (sentry.headers.get('access-control-allow-headers') ?? '').split(/,\s*/);
    for (const h of ['baggage', 'cache-control', 'pragma', 'sentry-trace']) expect(allowed).toContain(h);
  });
});
