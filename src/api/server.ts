import { ApolloServer, HeaderMap } from '@apollo/server';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../config/logger.js';
import type { GraphDb } from '../graph/db.js';
import { createContext, createStores, type ApiContext, type ApiLimits } from './context.js';
import { depthLimit } from './depth-limit.js';
import { createFormatError } from './errors.js';

export interface AppDeps {
  readonly db: GraphDb;
  readonly schema: GraphQLSchema;
  readonly logger: Logger;
  readonly limits: ApiLimits;
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

/** HTTP server: `/graphql` (Apollo), `/health`. Plain node:http, no framework. */
export async function startApp(deps: AppDeps, port: number, host: string): Promise<RunningApp> {
  const { db, schema, logger, limits } = deps;
  const stores = createStores(db);
  const apollo = new ApolloServer<ApiContext>({
    schema,
    validationRules: [depthLimit(limits.maxDepth)],
    formatError: createFormatError(logger),
    includeStacktraceInErrorResponses: false,
    plugins: [ApolloServerPluginLandingPageDisabled()],
  });
  await apollo.start();

  const handleGraphql = async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const headers = new HeaderMap();
    for (const [k, v] of Object.entries(req.headers)) {
      if (v !== undefined) headers.set(k, Array.isArray(v) ? v.join(', ') : v);
    }
    const body = req.method === 'POST' ? await readJsonBody(req) : undefined;
    const response = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: req.method ?? 'GET', headers, search: url.search, body },
      context: async () => createContext(stores, limits),
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
      sendJson(res, 503, { status: 'unavailable', neo4j: 'down', reason: e instanceof Error ? e.message : String(e) });
    }
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = async (): Promise<void> => {
      if (url.pathname === '/graphql') return handleGraphql(req, res, url);
      if (url.pathname === '/health' && (req.method === 'GET' || req.method === 'HEAD')) return handleHealth(res);
      sendJson(res, 404, { error: `No route for ${req.method} ${url.pathname}. GraphQL is at /graphql.` });
    };
    route().catch((e: unknown) => {
      if (e instanceof BodyError) return sendJson(res, e.status, { errors: [{ message: e.message, extensions: { code: 'BAD_REQUEST' } }] });
      logger.error({ err: e }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } }] });
      else res.end();
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
