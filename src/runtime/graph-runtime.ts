import path from 'node:path';
import type { AppConfig } from '../config/env.js';
import { GraphDb } from '../graph/db.js';
import { GraphUnavailableError } from '../graph/errors.js';
import { startLocalNeo4j } from './local-neo4j.js';

export interface GraphRuntime {
  readonly db: GraphDb;
  readonly boltUri: string;
  /** Neo4j Browser URL, when known. */
  readonly browserUrl: string | null;
  /**
   * True when this process started Neo4j with the Browser settings asked for (the Browser then
   * opens the guide by itself); false for a server someone else configured.
   */
  readonly browserConfigured: boolean;
  /** True when this process started the Neo4j it talks to. */
  readonly startedLocal: boolean;
  close(): Promise<void>;
}

/**
 * Connect to Neo4j: `NEO4J_URI` when set (nothing is started), else the local server on the
 * configured Bolt port if one already runs (e.g. `npm start` in another terminal), else start
 * the project's own launcher on the configured data directory and stop it on `close()`.
 */
export async function openGraph(
  config: AppConfig,
  opts: {
    repoRoot: string;
    onLog?: (line: string) => void;
    /** Neo4j Browser settings for a Neo4j this process starts (see LocalNeo4jOptions.browser). */
    browser?: { postConnectCmd: string; allowlist: string };
  },
): Promise<GraphRuntime> {
  const auth = { user: config.NEO4J_USER, password: config.NEO4J_PASSWORD, database: config.NEO4J_DATABASE };
  if (config.NEO4J_URI) {
    const db = GraphDb.connect({ uri: config.NEO4J_URI, ...auth });
    await db.verify();
    return {
      db,
      boltUri: config.NEO4J_URI,
      browserUrl: browserUrlOf(config.NEO4J_URI),
      browserConfigured: false,
      startedLocal: false,
      close: () => db.close(),
    };
  }
  const boltUri = `bolt://127.0.0.1:${config.NEO4J_BOLT_PORT}`;
  const browserUrl = `http://127.0.0.1:${config.NEO4J_HTTP_PORT}/browser/`;
  const existing = GraphDb.connect({ uri: boltUri, ...auth });
  try {
    await existing.verify();
    opts.onLog?.(`Using the Neo4j already running at ${boltUri}.`);
    return {
      db: existing,
      boltUri,
      browserUrl,
      browserConfigured: false,
      startedLocal: false,
      close: () => existing.close(),
    };
  } catch (e) {
    await existing.close();
    if (!(e instanceof GraphUnavailableError)) throw e;
  }
  const local = await startLocalNeo4j({
    repoRoot: opts.repoRoot,
    dataDir: path.resolve(opts.repoRoot, config.NEO4J_DATA_DIR),
    boltPort: config.NEO4J_BOLT_PORT,
    httpPort: config.NEO4J_HTTP_PORT,
    password: config.NEO4J_PASSWORD,
    heap: config.NEO4J_HEAP,
    pageCache: config.NEO4J_PAGECACHE,
    onLog: opts.onLog,
    ...(opts.browser ? { browser: opts.browser } : {}),
  });
  const db = GraphDb.connect({ uri: local.boltUri, ...auth });
  try {
    await db.verify();
  } catch (e) {
    await db.close();
    await local.stop();
    throw e;
  }
  return {
    db,
    boltUri: local.boltUri,
    browserUrl: `${local.httpUrl}/browser/`,
    browserConfigured: opts.browser !== undefined,
    startedLocal: true,
    async close() {
      await db.close();
      await local.stop();
    },
  };
}

/**
 * Where a plain Bolt server's Browser usually is (its HTTP port 7474 on the same host); null
 * for encrypted schemes (Aura and other TLS servers have their own consoles).
 */
function browserUrlOf(uri: string): string | null {
  try {
    const url = new URL(uri);
    if (url.protocol !== 'bolt:' && url.protocol !== 'neo4j:') return null;
    return `http://${url.hostname}:7474/browser/`;
  } catch {
    return null;
  }
}
