import path from 'node:path';
import type { AppConfig } from '../config/env.js';
import { GraphDb, type GraphTimeouts } from '../graph/db.js';
import { GraphUnavailableError } from '../graph/errors.js';
import { UserInputError } from '../domain/errors.js';
import { localPassword } from './local-password.js';
import { superviseLocalNeo4j, type SupervisorState } from './neo4j-supervisor.js';

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
  /** The supervisor's view of the Neo4j this process started (restarts), when it started one. */
  readonly neo4jProcess?: () => SupervisorState;
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
  const timeouts = timeoutsFromConfig(config);
  if (config.NEO4J_URI) {
    if (config.NEO4J_PASSWORD === undefined)
      throw new UserInputError(
        `NEO4J_URI is set (${config.NEO4J_URI}) but NEO4J_PASSWORD is not: set the password of that server.`,
        'CONFIG',
      );
    const auth = {
      user: config.NEO4J_USER,
      password: config.NEO4J_PASSWORD,
      database: config.NEO4J_DATABASE,
    };
    const db = GraphDb.connect({ uri: config.NEO4J_URI, ...auth }, undefined, timeouts);
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
  const dataDir = path.resolve(opts.repoRoot, config.NEO4J_DATA_DIR);
  const password = localPassword(dataDir, config.NEO4J_PASSWORD);
  const auth = { user: config.NEO4J_USER, password, database: config.NEO4J_DATABASE };
  const boltUri = `bolt://127.0.0.1:${config.NEO4J_BOLT_PORT}`;
  const browserUrl = `http://127.0.0.1:${config.NEO4J_HTTP_PORT}/browser/`;
  const existing = GraphDb.connect({ uri: boltUri, ...auth }, undefined, timeouts);
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
  const local = await superviseLocalNeo4j({
    repoRoot: opts.repoRoot,
    dataDir,
    boltPort: config.NEO4J_BOLT_PORT,
    httpPort: config.NEO4J_HTTP_PORT,
    password,
    heap: config.NEO4J_HEAP,
    pageCache: config.NEO4J_PAGECACHE,
    onLog: opts.onLog,
    ...(opts.browser ? { browser: opts.browser } : {}),
  });
  const db = GraphDb.connect({ uri: local.boltUri, ...auth }, undefined, timeouts);
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
    neo4jProcess: () => local.state(),
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

/** The transaction and connect timeouts the environment sets (see .env.example). */
export function timeoutsFromConfig(
  cfg: Pick<AppConfig, 'NEO4J_TX_TIMEOUT_MS' | 'NEO4J_WRITE_TX_TIMEOUT_MS' | 'NEO4J_CONNECT_TIMEOUT_MS'>,
): GraphTimeouts {
  return {
    readMs: cfg.NEO4J_TX_TIMEOUT_MS,
    writeMs: cfg.NEO4J_WRITE_TX_TIMEOUT_MS,
    connectMs: cfg.NEO4J_CONNECT_TIMEOUT_MS,
  };
}
