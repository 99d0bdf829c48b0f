import { ApolloServer, HeaderMap } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../config/logger.js';
import type { GraphDb } from '../graph/db.js';
import type { IngestService } from '../services/ingest.service.js';
import { createAppScope, createContext, DEFAULT_LIMITS, type ApiContext, type ApiLimits } from './context.js';
import { costLimit } from './cost-limit.js';
import { depthLimit } from './depth-limit.js';
import { createFormatError } from './errors.js';
import { loadEditorAssets, type StaticAsset } from '../web/assets.js';

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

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new BodyError(413, `Request body over ${MAX_BODY_BYTES} bytes.`);
    chunks.push(buf);
  }
  if (size === 0) return undefined;
  const text = Buffer.concat(chunks).toString('utf8');
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

function sendAsset(res: ServerResponse, asset: StaticAsset, head: boolean): void {
  res.writeHead(200, {
    'content-type': asset.type,
    'content-length': asset.body.length,
    'cache-control': 'no-cache',
    'x-content-type-options': 'nosniff',
    // Everything the editor needs comes from this server: it works offline, and no
    // injected script could send data elsewhere.
    'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
  });
  res.end(head ? undefined : asset.body);
}

/** A browser navigating to /graphql gets the editor; API clients get GraphQL. */
function wantsHtml(req: IncomingMessage, url: URL): boolean {
  return (
    (req.method === 'GET' || req.method === 'HEAD') &&
    !url.searchParams.has('query') &&
    (req.headers.accept ?? '').includes('text/html')
  );
}

/**
 * HTTP server: `/graphql` (Apollo; the editor for browsers), `/` (the editor), `/editor/*`
 * (its files), `/health`. Plain node:http, no framework.
 */
export async function startApp(deps: AppDeps, port: number, host: string): Promise<RunningApp> {
  const { db, schema, logger } = deps;
  const limits: ApiLimits = { ...DEFAULT_LIMITS, ...deps.limits };
  const scope = createAppScope(db, {
    limits,
    ...(deps.ingest ? { ingest: deps.ingest } : {}),
    ...(deps.apiKey ? { apiKey: deps.apiKey } : {}),
  });
  const assets = await loadEditorAssets();
  const apollo = new ApolloServer<ApiContext>({
    schema,
    validationRules: [depthLimit(limits.maxDepth)],
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    // Shutdown is the caller's (pipelines/start.ts stops the server, then Neo4j): Apollo's own
    // signal handler would re-raise SIGINT and kill the process before Neo4j is stopped.
    stopOnTerminationSignals: false,
    // The editor's schema panel needs it, and the schema is public (schema/schema.graphql).
    introspection: true,
    // No HTTP cache hints are computed: the cache-control plugin would wrap every field.
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      costLimit(limits.maxCost),
    ],
  });
  await apollo.start();

  const handleGraphql = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
    const authorization = req.headers.authorization ?? null;
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => createContext(scope, authorization),
    });
    for (const [k, v] of response.headers) res.setHeader(k, v);
    res.statusCode = response.status ?? 200;
    if (response.body.kind === 'complete') {
      res.end(response.body.string);
    } else {
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    }
  };

  const handleHealth = async (res: ServerResponse): Promise<void> => {
    try {
      await db.verify();
      sendJson(res, 200, { status: 'ok', neo4j: 'up' });
    } catch (e) {
      sendJson(res, 503, {
        status: 'unavailable',
        neo4j: 'down',
        reason: e instanceof Error ? e.message : String(e),
      });
    }
  };

  const handleEditor = (req: IncomingMessage, res: ServerResponse, file: string): void => {
    const asset = assets.get(file);
    if (!asset)
      return sendJson(res, 404, { error: `The editor's ${file} is not installed with this server.` });
    sendAsset(res, asset, req.method === 'HEAD');
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const isGet = req.method === 'GET' || req.method === 'HEAD';
    const route = async (): Promise<void> => {
      if (url.pathname === '/graphql') {
        if (wantsHtml(req, url)) return handleEditor(req, res, 'index.html');
        return handleGraphql(req, res, url);
      }
      if (url.pathname === '/health' && isGet) return handleHealth(res);
      if (url.pathname === '/' && isGet) return handleEditor(req, res, 'index.html');
      if (url.pathname.startsWith('/editor/') && isGet)
        return handleEditor(req, res, url.pathname.slice('/editor/'.length));
      sendJson(res, 404, { error: `No route for ${req.method} ${url.pathname}. GraphQL is at /graphql.` });
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
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${host}:${addr.port}`,
    server,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await apollo.stop();
    },
  };
}
