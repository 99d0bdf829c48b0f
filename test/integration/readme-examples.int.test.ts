/**
 * Every GraphQL and Cypher example in README.md, run against the graph the quick start builds
 * (`npm start` on an empty graph: the demo corpus through `loadDemo`), must succeed and
 * return data. The examples are read from README.md, so the two cannot drift apart.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Kind, parse, print } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/env.js';
import type { RunningApp } from '../../src/api/server.js';
import type { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { createIngestStore } from '../../src/graph/stores/ingest.store.js';
import { loadDemo } from '../../src/services/demo.js';
import { API_KEY, client, startTestApp } from './api-test-kit.js';
import { connectTestGraph, REPO, SCHEMA_DIR, wipe } from './graph-test-kit.js';

const README = readFileSync(path.join(REPO, 'README.md'), 'utf8');

/** The bodies of the README's fenced blocks in one language. */
function blocks(lang: string): string[] {
  const fence = new RegExp('^```' + lang + '\\n([\\s\\S]*?)^```', 'gm');
  return [...README.matchAll(fence)].map((m) => m[1] ?? '');
}

/** Each operation of the README's GraphQL blocks on its own, named by its first line. */
const operations = blocks('graphql').flatMap((block) =>
  parse(block).definitions.map((d) => {
    const root = d.kind === Kind.OPERATION_DEFINITION ? d.selectionSet.selections[0] : undefined;
    const field = root?.kind === Kind.FIELD ? root.name.value : d.kind;
    return { name: field, text: print(d) };
  }),
);

/** Each statement of the README's Cypher blocks, with the comment line above it. */
const cypher = blocks('cypher').flatMap((block) =>
  block
    .split(/;\s*$/m)
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => ({ name: s.split('\n')[0] ?? s, text: s })),
);

/**
 * Paths in a result that hold nothing: null, an empty list or an empty string. A node or
 * relationship from Cypher is data in itself (its properties are not looked into).
 */
function emptyPaths(value: unknown, at = ''): string[] {
  if (value === null || value === undefined || value === '') return [at || '(root)'];
  if (typeof value === 'object' && 'elementId' in value) return [];
  if (Array.isArray(value))
    return value.length === 0 ? [at] : value.flatMap((v, i) => emptyPaths(v, `${at}[${i}]`));
  if (typeof value === 'object')
    return Object.entries(value).flatMap(([k, v]) => emptyPaths(v, at === '' ? k : `${at}.${k}`));
  return [];
}

/** Paths that are empty on a graph whose model was built once, per example root field. */
const ONE_MODEL_EMPTY: Record<string, RegExp> = {
  topicModels: /^topicModels\[0\]\.(previousVersion|moves)$/,
};

describe('README examples on the quick-start graph', () => {
  let db: GraphDb;
  let app: RunningApp;
  let gql: ReturnType<typeof client>;
  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    const store = createIngestStore({ db, schemaDir: SCHEMA_DIR });
    await store.ensureSchema();
    const demo = await loadDemo({
      root: REPO,
      setting: loadConfig({}).PAPERGRAPH_DEMO,
      store,
      batchSize: 1000,
    });
    expect(demo?.collected.skipped).toEqual([]);
    app = await startTestApp(db);
    gql = client(app);
  });
  afterAll(async () => {
    await app?.stop();
    await db?.close();
  });

  it('finds the examples', () => {
    expect(operations.length).toBeGreaterThanOrEqual(6);
    expect(cypher.length).toBeGreaterThanOrEqual(4);
    expect(operations.every((o) => o.text.startsWith('query') || o.text.startsWith('{'))).toBe(true);
  });

  it.each(operations)('GraphQL $name', async ({ name, text }) => {
    const res = await gql(text);
    expect(res.errors).toBeUndefined();
    // The model history of a graph built once has one model: no predecessor, no moves yet
    // (they appear after `npm run recluster`). Its root list must still hold that model.
    const allowed = ONE_MODEL_EMPTY[name];
    const empty = emptyPaths(res.data).filter((p) => allowed === undefined || !allowed.test(p));
    expect(empty).toEqual([]);
  });

  it('answers the GET form the README shows, and refuses it without the header', async () => {
    const m = /curl -sG \S+ -H '([^:]+): ([^']+)' --data-urlencode 'query=([^']+)'/.exec(README);
    expect(m).not.toBeNull();
    const [, header = '', value = '', query = ''] = m ?? [];
    const url = `${app.url}/graphql?query=${encodeURIComponent(query)}`;
    const res = await fetch(url, { headers: { [header]: value } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data?: unknown };
    expect(emptyPaths(body.data)).toEqual([]);
    expect((await fetch(url)).status).toBe(400);
  });

  it.each(cypher)('Cypher $name', async ({ text }) => {
    const rows = await db.read(statement('test.readme', text));
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.flatMap((r, i) => emptyPaths(r, `row ${i}`))).toEqual([]);
  });

  // Last: it writes a paper into the graph the examples above read.
  it('runs the write example the README gives as curl, with the bearer key', async () => {
    const m = /curl -s \S+\/graphql .*Bearer \$PAPERGRAPH_API_KEY.*\\\n\s+-d '([^']+)'/.exec(README);
    expect(m).not.toBeNull();
    const body = JSON.parse(m?.[1] ?? '{}') as { query: string; variables: Record<string, unknown> };
    const res = await gql<{ ingestPapers: { ingested: number; errors: unknown[] } }>(
      body.query,
      body.variables,
      {
        authorization: `Bearer ${API_KEY}`,
      },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.ingestPapers).toMatchObject({ ingested: 1, errors: [] });
  });
});
