/**
 * Child process of bench/api/run.ts: the GraphQL server as `npm start` runs it, and a
 * plain node:http endpoint answering the floor Cypher of each scenario (for the overhead
 * of HTTP + JSON alone). Prints one line `READY <json>` with both URLs; stops on SIGTERM.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
// Like `node dist/...` in production: no source-mapped stack traces (tsx turns them on, and
// the driver formats a stack for every query).
process.setSourceMapsEnabled(false);
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import neo4j from 'neo4j-driver';
import { createSchema } from '../../src/api/schema.js';
import { startApp } from '../../src/api/server.js';
import { createLogger } from '../../src/config/logger.js';
import { GraphDb } from '../../src/graph/db.js';
import { floorDriver } from './measure.js';
import { scenarios, type Inputs } from './scenarios.js';

const uri = process.env.BENCH_BOLT_URI ?? '';
const user = process.env.BENCH_NEO4J_USER ?? 'neo4j';
const password = process.env.BENCH_NEO4J_PASSWORD ?? '';
// Only the Cypher text is used here; parameters come with each request.
const byName = new Map(
  scenarios({
    paperIds: ['x'],
    topicIds: ['x'],
    searches: ['x'],
    topicKeyed: process.env.BENCH_TOPIC_KEYED === 'true',
  } satisfies Inputs).map((s) => [s.name, s]),
);

const db = GraphDb.connect({ uri, user, password });
const schema = await createSchema();
const app = await startApp(
  { db, schema, logger: createLogger('error'), limits: { maxPage: 100, maxDepth: 8 } },
  0,
  '127.0.0.1',
);

// The same server with coalescing off: what one request costs on its own.
const solo = await startApp(
  {
    db,
    schema,
    logger: createLogger('error'),
    limits: { maxPage: 100, maxDepth: 8 },
    coalesceReads: false,
  },
  0,
  '127.0.0.1',
);

const driver = floorDriver(uri, user, password);
const floor = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const scenario = byName.get((req.url ?? '').replace('/floor/', '') as never);
    const params = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
    if (!scenario) {
      res.writeHead(404).end();
      return;
    }
    // Like the API's reads: an auto-commit query (one round trip), a session per request.
    const session = driver.session({ defaultAccessMode: neo4j.session.READ });
    session
      .run(scenario.cypher, params)
      .then((r) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ data: r.records.map((x) => x.toObject()) }));
      })
      .catch((e: unknown) => {
        res.writeHead(500).end(String(e));
      })
      .finally(() => void session.close());
  });
});
floor.keepAliveTimeout = 65_000;
await new Promise<void>((resolve) => floor.listen(0, '127.0.0.1', resolve));

console.log(
  `READY ${JSON.stringify({ graphql: app.url, graphqlSolo: solo.url, floor: `http://127.0.0.1:${(floor.address() as AddressInfo).port}` })}`,
);

process.once('SIGTERM', () => {
  void (async () => {
    floor.close();
    floor.closeAllConnections();
    await app.stop();
    await solo.stop();
    await driver.close();
    await db.close();
    process.exit(0);
  })();
});
