/**
 * The README's picture of the topic map: a throwaway Neo4j, the demo corpus (`data/demo`, as
 * `npm start` loads it), the server, and real headless Chromium opening `/map` and selecting
 * the largest topic. Writes `docs/topic-map.png` (or the path given as the first argument).
 *
 *   npx tsx scripts/map-screenshot.ts [out.png]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createSchema } from '../src/api/schema.js';
import { startApp } from '../src/api/server.js';
import { createLogger } from '../src/config/logger.js';
import { GraphDb } from '../src/graph/db.js';
import { createIngestStore } from '../src/graph/stores/ingest.store.js';
import { freePort, startLocalNeo4j } from '../src/runtime/local-neo4j.js';
import { loadDemo } from '../src/services/demo.js';
import { launchChromium } from '../test/integration/chromium.js';

const REPO = path.resolve(import.meta.dirname, '..');
const out = path.resolve(process.argv[2] ?? path.join(REPO, 'docs/topic-map.png'));
const password = 'screenshot-password';

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'papergraph-map-shot-'));
const neo4j = await startLocalNeo4j({
  repoRoot: REPO,
  dataDir,
  boltPort: await freePort(),
  httpPort: await freePort(),
  password,
  heap: '1g',
  pageCache: '256m',
});
const db = GraphDb.connect({ uri: neo4j.boltUri, user: 'neo4j', password });
try {
  const demo = await loadDemo({
    root: REPO,
    setting: 'data/demo',
    store: createIngestStore({ db, schemaDir: path.join(REPO, 'schema/neo4j') }),
    batchSize: 1000,
  });
  console.error(`demo: ${demo?.outcome.written ?? 0} papers, ${demo?.outcome.topics ?? 0} topics`);
  const app = await startApp(
    {
      db,
      schema: await createSchema(),
      logger: createLogger('silent'),
      limits: { maxPage: 100, maxDepth: 8 },
    },
    0,
    '127.0.0.1',
  );
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 760 }, deviceScaleFactor: 1 });
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    const res = await page.goto(`${app.url}/map`);
    if (!res?.ok()) throw new Error(`/map answered ${res?.status()}: ${await res?.text()}`);
    await page.locator('#topic-map a[data-topic-id]').first().click();
    await page.locator('.topic-panel.open .sparkline').waitFor();
    await page.screenshot({ path: out });
    console.error(`wrote ${path.relative(process.cwd(), out)}`);
  } finally {
    await browser.close();
    await app.stop();
  }
} finally {
  await db.close();
  await neo4j.stop();
  await rm(dataDir, { recursive: true, force: true });
}
