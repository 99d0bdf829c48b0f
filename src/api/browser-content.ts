/**
 * What PaperGraph serves Neo4j Browser: `/browser/guide` (generated from the current topic
 * model on each request) and `/browser/style.grass`, with CORS for the Browser's origins.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphDb } from '../graph/db.js';
import { createGuideStore } from '../graph/stores/guide.store.js';
import { loadBrowserStyle } from '../web/assets.js';
import { renderEmptyGuide, renderGuide } from '../web/browser-guide.js';

export interface BrowserContent {
  /**
   * This server as the Browser reaches it, e.g. `http://127.0.0.1:4000` (the guide links the
   * style by it). Default: the URL the server listens on.
   */
  readonly publicUrl?: string | undefined;
  /**
   * Origins of the Neo4j Browser pages that fetch the guide and the style (CORS). Default:
   * `http://127.0.0.1:7474` and `http://localhost:7474`.
   */
  readonly origins?: readonly string[] | undefined;
}

/** Where the Browser's page comes from unless told otherwise (Neo4j's default HTTP port). */
export const DEFAULT_BROWSER_ORIGINS = ['http://127.0.0.1:7474', 'http://localhost:7474'];

/**
 * What Neo4j Browser's fetch sends with a guide request: `pragma` and `cache-control` (its
 * `remote.get`), and, to `localhost` URLs, Sentry's `sentry-trace` and `baggage`. None is
 * CORS-safelisted, so a preflight comes first.
 */
const BROWSER_ALLOWED_HEADERS = ['pragma', 'cache-control', 'content-type', 'sentry-trace', 'baggage'];
const HEADER_NAME = /^[a-z0-9!#$%&'*+.^_`|~-]+$/;

/**
 * CORS for the guide and the style: Neo4j Browser fetches them from its own page (port 7474).
 * Only the configured Browser origins are answered. The preflight allows the headers above and
 * any other well-formed header the Browser asks for: these are public, read-only documents
 * and nothing here takes credentials, so a header can change nothing (a Browser release that
 * adds one keeps working). True when the request was a preflight and has been answered.
 */
function applyBrowserCors(req: IncomingMessage, res: ServerResponse, allowed: ReadonlySet<string>): boolean {
  const origin = req.headers.origin;
  res.setHeader('vary', 'origin');
  const ok = origin !== undefined && (allowed.has('*') || allowed.has(origin));
  if (ok) res.setHeader('access-control-allow-origin', origin);
  if (req.method !== 'OPTIONS') return false;
  if (ok) {
    const asked = String(req.headers['access-control-request-headers'] ?? '')
      .split(',')
      .map((h) => h.trim().toLowerCase())
      .filter((h) => HEADER_NAME.test(h));
    res.setHeader('access-control-allow-methods', 'GET, HEAD, OPTIONS');
    res.setHeader(
      'access-control-allow-headers',
      [...new Set([...BROWSER_ALLOWED_HEADERS, ...asked])].join(', '),
    );
    res.setHeader('access-control-max-age', '600');
    res.setHeader('vary', 'origin, access-control-request-headers');
  }
  res.writeHead(204).end();
  return true;
}

function sendNotFound(res: ServerResponse, error: string): void {
  res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ error }));
}

export async function createBrowserContent(db: GraphDb, content: BrowserContent | undefined) {
  const browserStyle = await loadBrowserStyle();
  const guides = createGuideStore({ db });
  const origins = new Set(content?.origins ?? DEFAULT_BROWSER_ORIGINS);
  // Known once the server listens (port 0 in tests).
  let publicUrl = content?.publicUrl?.replace(/\/$/, '') ?? '';
  const handle = async (req: IncomingMessage, res: ServerResponse, file: string): Promise<void> => {
    if (applyBrowserCors(req, res, origins)) return;
    const head = req.method === 'HEAD';
    if (file === 'style.grass') {
      if (!browserStyle)
        return sendNotFound(res, 'schema/neo4j/browser-style.grass is not installed with this server.');
      res.writeHead(200, {
        'content-type': browserStyle.type,
        'content-length': browserStyle.body.length,
        'cache-control': 'no-cache',
        'x-content-type-options': 'nosniff',
      });
      res.end(head ? undefined : browserStyle.body);
      return;
    }
    const sample = await guides.sample();
    const html = Buffer.from(
      sample === null
        ? renderEmptyGuide()
        : renderGuide(sample, { style: `${publicUrl}/browser/style.grass`, graphql: `${publicUrl}/graphql` }),
    );
    res.writeHead(200, {
      'content-type': 'text/html; charset=utf-8',
      'content-length': html.length,
      // Written from the current model: a re-cluster changes it.
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    });
    res.end(head ? undefined : html);
  };

  return {
    handle,
    /** The server's own URL: the public URL unless one was configured. */
    listeningAt(url: string): void {
      if (publicUrl === '') publicUrl = url;
    },
  };
}
