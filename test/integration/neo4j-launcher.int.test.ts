/**
 * The Neo4j the global setup hands out (our launcher, or NEO4J_URI) is what the app needs:
 * password login without a forced change, vector and fulltext indexes that answer queries, and
 * (for the launcher) 5.26 Community with Neo4j Browser over HTTP.
 */
import { randomBytes } from 'node:crypto';
import neo4j, { type Driver } from 'neo4j-driver';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const conn = inject('neo4j');
const launched = !conn.external;
// Labels and index names cannot be parameters; a run id keeps them apart from real data.
const RUN = randomBytes(4).toString('hex');
const LABEL = `LauncherTest_${RUN}`;
const VECTOR_INDEX = `launcher_test_vector_${RUN}`;
const FULLTEXT_INDEX = `launcher_test_fulltext_${RUN}`;

let driver: Driver;

beforeAll(() => {
  driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password));
});

afterAll(async () => {
  await driver.executeQuery(`MATCH (n:${LABEL}) DETACH DELETE n`);
  await driver.executeQuery(`DROP INDEX ${VECTOR_INDEX} IF EXISTS`);
  await driver.executeQuery(`DROP INDEX ${FULLTEXT_INDEX} IF EXISTS`);
  await driver.close();
});

describe('the test Neo4j', () => {
  it('accepts the configured password with no password change pending', async () => {
    const { records } = await driver.executeQuery('RETURN 1 AS one');
    expect(records[0]?.get('one').toNumber()).toBe(1);
  });

  it('refuses a wrong password', async () => {
    const wrong = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, `${conn.password}-wrong`));
    try {
      await expect(wrong.executeQuery('RETURN 1')).rejects.toMatchObject({
        code: 'Neo.ClientError.Security.Unauthorized',
      });
    } finally {
      await wrong.close();
    }
  });

  it.skipIf(!launched)('is Neo4j 5.26 Community', async () => {
    const { records } = await driver.executeQuery(
      'CALL dbms.components() YIELD name, versions, edition RETURN name, versions, edition',
    );
    expect(records.map((r) => r.toObject())).toEqual([
      { name: 'Neo4j Kernel', versions: [expect.stringMatching(/^5\.26\.\d+$/)], edition: 'community' },
    ]);
  });

  it('answers vector and fulltext index queries', async () => {
    await driver.executeQuery(
      `CREATE (:${LABEL} {title: 'Attention is all you need', embedding: [1.0, 0.0, 0.0]}),
              (:${LABEL} {title: 'Graph neural networks', embedding: [0.0, 1.0, 0.0]})`,
    );
    await driver.executeQuery(
      `CREATE VECTOR INDEX ${VECTOR_INDEX} FOR (n:${LABEL}) ON n.embedding
       OPTIONS { indexConfig: { \`vector.dimensions\`: 3, \`vector.similarity_function\`: 'cosine' } }`,
    );
    await driver.executeQuery(`CREATE FULLTEXT INDEX ${FULLTEXT_INDEX} FOR (n:${LABEL}) ON EACH [n.title]`);
    await driver.executeQuery('CALL db.awaitIndexes(60)');

    const nearest = await driver.executeQuery(
      'CALL db.index.vector.queryNodes($index, 1, $vector) YIELD node, score RETURN node.title AS title, score',
      { index: VECTOR_INDEX, vector: [0.9, 0.1, 0.0] },
    );
    expect(nearest.records.map((r) => r.get('title'))).toEqual(['Attention is all you need']);
    expect(nearest.records[0]?.get('score')).toBeGreaterThan(0.9);

    const matches = await driver.executeQuery(
      'CALL db.index.fulltext.queryNodes($index, $query) YIELD node RETURN node.title AS title',
      { index: FULLTEXT_INDEX, query: 'graph' },
    );
    expect(matches.records.map((r) => r.get('title'))).toEqual(['Graph neural networks']);
  });

  it.skipIf(!launched)('serves Neo4j Browser and the discovery document over HTTP', async () => {
    const browser = await fetch(`${conn.httpUrl}/browser/`);
    expect(browser.status).toBe(200);
    expect(browser.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await browser.text()).toContain('<title>Neo4j Browser</title>');

    const discovery = await fetch(`${conn.httpUrl}/`, { headers: { accept: 'application/json' } });
    expect(await discovery.json()).toMatchObject({ bolt_direct: conn.uri, neo4j_edition: 'community' });
  });

  it.skipIf(!launched)('answers cross-origin HTTP requests for its own Browser origin only', async () => {
    const own = new URL(conn.httpUrl ?? '').origin;
    const preflight = (path: string, origin: string) =>
      fetch(`${conn.httpUrl}${path}`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization, content-type',
        },
      }).then((r) => r.headers.get('access-control-allow-origin'));
    for (const path of ['/', '/db/neo4j/tx/commit']) {
      // Neo4j's default would be "*": any page could drive the HTTP API.
      expect(await preflight(path, own)).toBe(own);
      const foreign = await preflight(path, 'https://evil.example');
      expect(foreign === null || foreign === own, `${path}: ${foreign}`).toBe(true);
    }
  });
});
