/**
 * npm start: start Neo4j (unless NEO4J_URI is set), ingest the demo corpus into an empty
 * graph, serve GraphQL. Ctrl-C stops everything this process started.
 */
import { cliLockOptions, config, repoRoot, runCli } from './lib/cli.js';
import path from 'node:path';
import { createLogger } from '../src/config/logger.js';
import { createSchema } from '../src/api/schema.js';
import { limitsFromConfig } from '../src/api/context.js';
import { httpLimitsFromConfig, startApp } from '../src/api/server.js';
import { createStatsStore } from '../src/graph/stores/stats.store.js';
import { createIngestStore } from '../src/graph/stores/ingest.store.js';
import { browserGuideLink, browserLinks } from '../src/config/browser.js';
import { openGraph } from '../src/runtime/graph-runtime.js';
import { createIngestService } from '../src/services/ingest.service.js';
import { loadDemo } from '../src/services/demo.js';
import { refreshSettingsOf } from '../src/services/refresh-policy.js';
import { lockOwner, withIngestLock } from '../src/services/ingest-lock.js';

runCli(async () => {
  const cfg = config();
  const root = repoRoot();
  const logger = createLogger(cfg.LOG_LEVEL);
  const links = browserLinks(cfg);
  const graph = await openGraph(cfg, {
    repoRoot: root,
    onLog: (l) => console.log(l),
    browser: { postConnectCmd: links.postConnectCmd, allowlist: links.allowlist },
  });
  let stopping = false;
  const stopAll = async (app?: { stop(): Promise<void> }) => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping...');
    await app?.stop();
    await graph.close();
    console.log(graph.startedLocal ? 'Stopped the server and the local Neo4j.' : 'Stopped the server.');
  };
  try {
    const ingestStore = createIngestStore({ db: graph.db, schemaDir: path.join(root, 'schema/neo4j') });
    await ingestStore.ensureSchema();
    await ingestStore.backfillTopicIds();
    const stats = await createStatsStore({ db: graph.db }).stats();
    if (stats.papers === 0) console.log('The graph is empty.');
    const demo =
      stats.papers === 0
        ? await withIngestLock(
            graph.db,
            lockOwner('demo load'),
            () =>
              loadDemo({
                root,
                setting: cfg.PAPERGRAPH_DEMO,
                store: ingestStore,
                batchSize: cfg.PAPERGRAPH_BATCH_SIZE,
                refresh: refreshSettingsOf(cfg),
              }),
            cliLockOptions(cfg),
          )
        : null;
    if (demo !== null) {
      const { files, collected, outcome } = demo;
      console.log(
        `Ingested the demo corpus, ${outcome.written} papers from ${files.map((f) => path.relative(root, f)).join(', ')} ` +
          `into ${outcome.topics} topics (${outcome.similarityEdges} similarity edges); ` +
          `${collected.duplicates} duplicates merged, ${collected.skipped.length} records skipped.`,
      );
    } else if (stats.papers === 0) {
      console.log(
        'No demo corpus (PAPERGRAPH_DEMO is none or names no file): add papers with `npm run ingest -- <file>`.',
      );
    } else {
      console.log(
        `The graph holds ${stats.papers} papers in ${stats.topics} topics (model ${stats.modelVersion ?? 'none'}).`,
      );
    }
    const app = await startApp(
      {
        db: graph.db,
        schema: await createSchema(),
        logger,
        limits: limitsFromConfig(cfg),
        corsOrigins: cfg.PAPERGRAPH_CORS_ORIGINS,
        coalesceReads: cfg.PAPERGRAPH_COALESCE_READS,
        http: httpLimitsFromConfig(cfg),
        neo4jProcess: graph.neo4jProcess,
        ingestLockLeaseMs: cfg.PAPERGRAPH_INGEST_LOCK_LEASE_MS,
        apiKey: cfg.PAPERGRAPH_API_KEY,
        ingest: createIngestService({
          store: ingestStore,
          batchSize: cfg.PAPERGRAPH_BATCH_SIZE,
          refresh: refreshSettingsOf(cfg),
        }),
        browser: { publicUrl: links.publicUrl, origins: links.origins },
      },
      cfg.PORT,
      cfg.HOST,
    );
    console.log('');
    console.log(`PaperGraph is up.`);
    console.log(`  GraphQL:        ${app.url}/graphql`);
    console.log(`  Query editor:   ${app.url}/`);
    console.log(`  Health:         ${app.url}/health`);
    console.log(`  Neo4j Bolt:     ${graph.boltUri} (user ${cfg.NEO4J_USER})`);
    if (graph.browserUrl && graph.browserConfigured) {
      console.log(
        `  Neo4j Browser:  ${graph.browserUrl} (applies the style and opens the guide after login)`,
      );
    } else if (graph.browserUrl) {
      // A Neo4j this process did not configure: the link opens the guide (see browserGuideLink).
      console.log(`  Neo4j Browser:  ${browserGuideLink(graph.browserUrl, links.guideUrl)}`);
      const host = new URL(links.publicUrl).hostname;
      if (host !== '127.0.0.1' && host !== 'localhost')
        console.log(
          `                  (allow ${host} in that server's browser.remote_content_hostname_whitelist)`,
        );
    }
    console.log(`  Browser guide:  ${links.guideUrl} (style ${links.styleUrl})`);
    console.log('Press Ctrl-C to stop.');
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        stopAll(app).then(
          () => process.exit(0),
          (e: unknown) => {
            console.error(e);
            process.exit(1);
          },
        );
      });
    }
  } catch (e) {
    await stopAll();
    throw e;
  }
});
