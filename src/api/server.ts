import type { Neo4jProcessState } from '../domain/views.js';
import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AppConfig } from '../config/env.js';
import type { Logger } from '../config/logger.js';
import type { GraphDb } from '../graph/db.js';
import type { IngestService } from '../services/ingest.service.js';
import { createAppScope, createContext, DEFAULT_LIMITS, type ApiContext, type ApiLimits } from './context.js';
import { costLimit } from './cost-limit.js';
import { shapeLimit } from './depth-limit.js';
import { createFormatError } from './errors.js';
import { lockOwner, withIngestLock } from '../services/ingest-lock.js';
import { faultStatus } from './fault-status.js';
import { loadEditorAssets, loadWidgetAssets, WIDGET_FILE, type StaticAsset } from '../web/assets.js';
import {
  createWidgetRead,
  etagOf,
  sendCacheable,
  WIDGET_CACHE_CONTROL,
  WIDGET_READ_PATH,
} from './widget-read.js';
import { createBrowserContent, type BrowserContent } from './browser-content.js';
import { createMapPage } from './map-page.js';
import type { AnswerCacheOptions } from './widget-cache.js';

export interface AppDeps {
  readonly db: GraphDb;
  readonly schema: GraphQLSchema;
  readonly logger: Logger;
  /** `maxIngest` defaults to 1000 papers per call, `maxCost` to 50 000 objects per operation. */
  readonly limits: Pick<ApiLimits, 'maxPage' | 'maxDepth'> & Partial<ApiLimits>;
  /** `PAPERGRAPH_API_KEY`: without it, `ingestPapers` refuses everyone. */
  readonly apiKey?: string | undefined;
  /** Writes for `ingestPapers`; without it the mutation answers SERVICE_UNAVAILABLE. */
  readonly ingest?: IngestService | undefined;
  /**
   * `PAPERGRAPH_CORS_ORIGINS`: origins (`https://example.org`) whose pages may call /graphql
   * from a browser; `*` for any. Empty or absent: same-origin only.
   */
  readonly corsOrigins?: readonly string[] | undefined;
  /**
   * `PAPERGRAPH_COALESCE_READS` (default true): concurrent requests asking the same question
   * share one Neo4j query (see coalesce.ts).
   */
  readonly coalesceReads?: boolean | undefined;
  /** The Neo4j Browser guide and style at `/browser/guide` and `/browser/style.grass`. */
  readonly browser?: BrowserContent | undefined;
  /** How long `ingestPapers` waits for another ingest's lock (default 10 s), then INGEST_BUSY. */
  readonly ingestLockWaitMs?: number | undefined;
  /** Lease of the ingest lock (`PAPERGRAPH_INGEST_LOCK_LEASE_MS`). */
  readonly ingestLockLeaseMs?: number | undefined;
  /** HTTP bounds (defaults: `DEFAULT_HTTP_LIMITS`). */
  readonly http?: Partial<HttpLimits> | undefined;
  /** How long and how many widget answers are reused (default `DEFAULT_WIDGET_CACHE`: 60 s, 2,000). */
  readonly widgetCache?: AnswerCacheOptions | undefined;
  /** State of a Neo4j this process started and watches, shown on /health. */
  readonly neo4jProcess?: (() => Neo4jProcessState) | undefined;
}

export interface HttpLimits {
  /** `PAPERGRAPH_REQUEST_TIMEOUT_MS`: a request (headers and body) must arrive within this. */
  readonly requestTimeoutMs: number;
  /** `PAPERGRAPH_HEADERS_TIMEOUT_MS`: its headers must arrive within this. */
  readonly headersTimeoutMs: number;
  /** `PAPERGRAPH_MAX_CONNECTIONS`: open connections beyond this are closed at once. */
  readonly maxConnections: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  requestTimeoutMs: 30_000,
  headersTimeoutMs: 10_000,
  maxConnections: 1024,
};

/** The HTTP bounds the environment sets (see .env.example). */
export function httpLimitsFromConfig(
  cfg: Pick<
    AppConfig,
    'PAPERGRAPH_REQUEST_TIMEOUT_MS' | 'PAPERGRAPH_HEADERS_TIMEOUT_MS' | 'PAPERGRAPH_MAX_CONNECTIONS'
  >,
): HttpLimits {
  return {
    requestTimeoutMs: cfg.PAPERGRAPH_REQUEST_TIMEOUT_MS,
    headersTimeoutMs: cfg.PAPERGRAPH_HEADERS_TIMEOUT_MS,
    maxConnections: cfg.PAPERGRAPH_MAX_CONNECTIONS,
  };
}

export interface RunningApp {
  readonly url: string;
  readonly server: Server;
  stop(): Promise<void>;
}

const MAX_BODY_BYTES = 1_000_000;

class BodyError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The request body as text ('' when there is none); event-driven, no async iterator per request. */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (buf: Buffer) => {
      size += buf.length;
      if (size > MAX_BODY_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(new BodyError(413, `Request body over ${MAX_BODY_BYTES} bytes.`));
        return;
      }
      chunks.push(buf);
    });
    req.once('end', () => {
      resolve(
        chunks.length === 1 ? (chunks[0] as Buffer).toString('utf8') : Buffer.concat(chunks).toString('utf8'),
      );
    });
    req.once('error', reject);
  });
}

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const text = await readBody(req);
  if (text.length === 0) return undefined;
  const type = req.headers['content-type'] ?? '';
  if (!type.includes('json')) return text;
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyError(400, 'Request body is not valid JSON.');
  }
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

/** Headers of every page the server serves: nothing it needs comes from elsewhere. */
const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  // Everything the editor needs comes from this server: it works offline, and no
  // injected script could send data elsewhere.
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
};

function sendAsset(res: ServerResponse, asset: StaticAsset, head: boolean): void {
  res.writeHead(200, { 'content-type': asset.type, 'content-length': asset.body.length, ...PAGE_HEADERS });
  res.end(head ? undefined : asset.body);
}

/** A browser navigating to /graphql gets the editor; API clients get GraphQL. */
function wantsHtml(req: IncomingMessage, search: string): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    (req.headers.accept ?? '').includes('text/html') &&
    !new URLSearchParams(search).has('query')
  );
}

/** Headers a cross-origin page may send to /graphql (the preflight allows these). */
const CORS_ALLOWED_HEADERS = 'content-type, authorization, apollo-require-preflight, x-apollo-operation-name';

/**
 * CORS for /graphql: pages on the allowed origins (`*`: any) may call the API from a
 * browser. No credentials (cookies) are involved: writes take a bearer key in a header.
 * Returns true when the request was a preflight and has been answered.
 */
function applyCors(req: IncomingMessage, res: ServerResponse, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  const ok = origin !== undefined && (allowed.has('*') || allowed.has(origin));
  if (ok) {
    res.setHeader('access-control-allow-origin', allowed.has('*') ? '*' : origin);
    if (!allowed.has('*')) res.setHeader('vary', 'origin');
  }
  if (req.method !== 'OPTIONS') return false;
  if (ok) {
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
    res.setHeader('access-control-allow-headers', CORS_ALLOWED_HEADERS);
    res.setHeader('access-control-max-age', '86400');
  }
  res.writeHead(204).end();
  return true;
}

/**
 * HTTP server: `/graphql` (Apollo; the editor for browsers), `/` (the editor), `/editor/*`
 * (its files), `/map` (the topic map) and `/map/*` (its files), `/health`, the related-papers
 * widget (`/widget.js`, its read `/widget/related`, its demo `/widget/`), and for Neo4j Browser
 * `/browser/guide` (generated from the current
 * topic model) and `/browser/style.grass`. Plain node:http, no framework.
 */
export async function startApp(deps: AppDeps, port: number, host: string): Promise<RunningApp> {
  const { db, schema, logger } = deps;
  const limits: ApiLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const scope = createAppScope(db, {
    limits,
    ...(deps.ingest ? { ingest: deps.ingest } : {}),
    ...(deps.apiKey ? { apiKey: deps.apiKey } : {}),
    coalesceReads: deps.coalesceReads,
    ingestLock: (work) =>
      withIngestLock(db, lockOwner('ingestPapers mutation'), work, {
        waitMs: deps.ingestLockWaitMs ?? 10_000,
        ...(deps.ingestLockLeaseMs ? { leaseMs: deps.ingestLockLeaseMs } : {}),
      }),
  });
  const assets = await loadEditorAssets();
  const widgetAssets = await loadWidgetAssets();
  const widgetTags = new Map([...widgetAssets].map(([name, a]) => [name, etagOf(a.body)]));
  const browser = await createBrowserContent(db, deps.browser);
  const map = await createMapPage(db);
  const apollo = new ApolloServer<ApiContext>({
    schema,
    // Bounded before anything runs: the parser stops at maxTokens; the shape rule (linear,
    // each fragment measured once) refuses depth, aliases and fragment fan-out; the cost
    // plugin prices the operation as it will run.
    parseOptions: { maxTokens: limits.maxTokens },
    validationRules: [
      shapeLimit({ maxDepth: limits.maxDepth, maxAliases: limits.maxAliases, maxNodes: limits.maxNodes }),
    ],
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    // Shutdown is the caller's (pipelines/start.ts stops the server, then Neo4j): Apollo's own
    // signal handler would re-raise SIGINT and kill the process before Neo4j is stopped.
    stopOnTerminationSignals: false,
    // The editor's schema panel needs it, and the schema is public (schema/schema.graphql).
    introspection: true,
    // No HTTP cache hints are computed: the cache-control plugin would wrap every field.
    // Nothing is traced or reported to Apollo's cloud, whatever APOLLO_KEY says: tracing
    // would also wrap every field.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      ApolloServerPluginSchemaReportingDisabled(),
      ApolloServerPluginInlineTraceDisabled(),
      costLimit(limits.maxCost, { maxPage: limits.maxPage, maxNodes: limits.maxNodes }),
      faultStatus(),
    ],
  });
  await apollo.start();

  const corsOrigins = new Set(deps.corsOrigins ?? []);

  const handleGraphql = async (req: IncomingMessage, res: ServerResponse, search: string): Promise<void> => {
    if (corsOrigins.size > 0 && applyCors(req, res, corsOrigins)) return;
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
    const authorization = req.headers.authorization ?? null;
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search, body },
      context: async () => createContext(scope, authorization),
    });
    for (const [k, v] of response.headers) {
      const mine = k === 'vary' ? res.getHeader('vary') : undefined;
      res.setHeader(k, mine === undefined ? v : `${String(mine)}, ${v}`);
    }
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  const widgetRead = createWidgetRead(apollo, () => createContext(scope, null), deps.widgetCache);

  /**
   * `/widget.js` is loaded as a module script by pages of any origin (a cross-origin module
   * needs CORS, and SRI needs it too): the file is public, so any origin may read it. The
   * data it asks for (`/widget/related`) follows PAPERGRAPH_CORS_ORIGINS.
   */
  const handleWidgetFile = (req: IncomingMessage, res: ServerResponse, file: string): void => {
    const asset = widgetAssets.get(file);
    if (!asset)
      return sendJson(res, 404, { error: `The widget's ${file} is not installed with this server.` });
    const shared =
      file === WIDGET_FILE
        ? {
            'cache-control': WIDGET_CACHE_CONTROL,
            'access-control-allow-origin': '*',
            'cross-origin-resource-policy': 'cross-origin',
            'x-content-type-options': 'nosniff',
          }
        : PAGE_HEADERS;
    sendCacheable(req, res, asset.body, { 'content-type': asset.type, ...shared }, widgetTags.get(file));
  };

  const handleHealth = async (res: ServerResponse): Promise<void> => {
    const local = deps.neo4jProcess?.();
    const watched = local ? { neo4jProcess: local } : {};
    try {
      await db.verify();
      sendJson(res, 200, { status: 'ok', neo4j: 'up', ...watched });
    } catch (e) {
      // The driver's message names hosts and ports: it goes to the log, not to callers.
      logger.error({ err: e }, 'health check: neo4j is not reachable');
      sendJson(res, 503, {
        status: 'unavailable',
        neo4j: 'down',
        reason:
          local?.state === 'restarting'
            ? 'The local graph database stopped and is being restarted.'
            : 'The graph database is not reachable.',
        ...watched,
      });
    }
  };

  const handleEditor = (req: IncomingMessage, res: ServerResponse, file: string): void => {
    const asset = assets.get(file);
    if (!asset)
      return sendJson(res, 404, { error: `The editor's ${file} is not installed with this server.` });
    sendAsset(res, asset, req.method === 'HEAD');
  };

  const http: HttpLimits = { ...DEFAULT_HTTP_LIMITS, ...deps.http };
  // A slow client (slowloris) cannot hold a connection forever: Node checks the request and
  // header timeouts every `connectionsCheckingInterval` (30 s by default, longer than the
  // timeouts themselves), so it checks every second here.
  const serverOptions = {
    requestTimeout: http.requestTimeoutMs,
    headersTimeout: Math.min(http.headersTimeoutMs, http.requestTimeoutMs),
    connectionsCheckingInterval: 1_000,
  };
  const server = createServer(serverOptions, (req, res) => {
    // The path and query string as sent (routes match exact paths; nothing is normalised).
    const target = req.url ?? '/';
    const q = target.indexOf('?');
    const pathname = q === -1 ? target : target.slice(0, q);
    const search = q === -1 ? '' : target.slice(q);
    const isGet = req.method === 'GET' || req.method === 'HEAD';
    const route = async (): Promise<void> => {
      if (pathname === '/graphql') {
        if (wantsHtml(req, search)) return handleEditor(req, res, 'index.html');
        return handleGraphql(req, res, search);
      }
      if (pathname === '/health' && isGet) return handleHealth(res);
      if (pathname === WIDGET_READ_PATH && (isGet || req.method === 'OPTIONS')) {
        if (corsOrigins.size > 0 && applyCors(req, res, corsOrigins)) return;
        if (req.method === 'OPTIONS') return void res.writeHead(204).end();
        return widgetRead(req, res, search);
      }
      if (pathname === '/widget.js' && isGet) return handleWidgetFile(req, res, WIDGET_FILE);
      if (pathname === '/widget' && isGet)
        return void res.writeHead(301, { location: `/widget/${search}` }).end();
      if (pathname === '/widget/' && isGet) return handleWidgetFile(req, res, 'index.html');
      if (pathname.startsWith('/widget/') && isGet)
        return handleWidgetFile(req, res, pathname.slice('/widget/'.length));
      if (pathname === '/' && isGet) return handleEditor(req, res, 'index.html');
      if (pathname === '/browser/guide' || pathname === '/browser/style.grass') {
        if (isGet || req.method === 'OPTIONS')
          return browser.handle(req, res, pathname.slice('/browser/'.length));
      }
      if ((pathname === '/map' || pathname.startsWith('/map/')) && isGet)
        return map.handle(req, res, pathname.slice('/map/'.length));
      if (pathname.startsWith('/editor/') && isGet)
        return handleEditor(req, res, pathname.slice('/editor/'.length));
      sendJson(res, 404, { error: `No route for ${req.method} ${pathname}. GraphQL is at /graphql.` });
    };
    route().catch((e: unknown) => {
      if (e instanceof BodyError) {
        return sendJson(res, e.status, {
          errors: [{ message: e.message, extensions: { code: 'BAD_REQUEST' } }],
        });
      }
      logger.error({ err: e }, 'request failed');
      if (!res.headersSent) {
        sendJson(res, 500, {
          errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
        });
      } else res.end();
    });
  });
  server.keepAliveTimeout = 65_000;
  // Nor can many clients take every file descriptor.
  server.maxConnections = http.maxConnections;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  const url = `http://${host}:${addr.port}`;
  browser.listeningAt(url);
  return {
    url,
    server,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
    },
  };
}
