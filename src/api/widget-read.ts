import type { ApolloServer } from '@apollo/server';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiContext } from './context.js';
import { createAnswerCache, DEFAULT_WIDGET_CACHE, type AnswerCacheOptions } from './widget-cache.js';

/**
 * `GET /widget/related`: the one read `<papergraph-related>` makes, as a cacheable GET.
 *
 * Apollo's CSRF prevention refuses GETs to /graphql that a browser could send without a
 * preflight, because a GET there may name any operation. This route takes no GraphQL from
 * the caller: it runs one of three fixed, read-only operations below through the same
 * schema, validation rules, cost limit and error formatting as /graphql, with the caller's
 * values as variables. A cross-site request can therefore do nothing here that a link could
 * not, and the answer is the same for everyone (no credentials are read), so it carries
 * `Cache-Control: public` and an ETag; a conditional request that matches answers 304.
 */
export const WIDGET_READ_PATH = '/widget/related';

/** Most items one read returns (the widget's `count`). */
export const WIDGET_MAX_COUNT = 20;
/** Longest `text` (a page's abstract) accepted; the widget sends at most 1000 characters. */
export const WIDGET_MAX_TEXT = 2_000;
/** Longest any other parameter may be. */
const MAX_PARAM = 1_000;
/**
 * Browsers and shared caches reuse an answer for 5 minutes, then revalidate with the ETag
 * (304 when the graph has not changed what it says). Papers arrive in daily batches.
 */
export const WIDGET_CACHE_CONTROL = 'public, max-age=300, stale-while-revalidate=3600';

const ITEM = 'score sharedTerms paper { id title url arxivId topic { id label } }';
const RELATED = `id title related(first: $first, minScore: $minScore) { ${ITEM} }`;

/** The three fixed operations, by what the caller names the paper with. */
const OPERATIONS = {
  paper: `query WidgetRelated($id: ID!, $first: Int!, $minScore: Float!) { paper(id: $id) { ${RELATED} } }`,
  citation: `query WidgetRelatedByCitation($arxivId: String, $doi: String, $title: String, $first: Int!, $minScore: Float!) {
  paperByCitation(arxivId: $arxivId, doi: $doi, title: $title) { ${RELATED} } }`,
  text: `query WidgetRecommend($text: String!, $first: Int!) { recommend(text: $text, first: $first) { ${ITEM} } }`,
} as const;

const PARAMS = ['paper', 'arxiv', 'doi', 'title', 'text', 'count', 'minScore'] as const;
type Param = (typeof PARAMS)[number];

/** A parsed widget read: which paper (or text), how many items, the lowest score shown. */
export type WidgetRead =
  | { readonly kind: 'paper'; readonly id: string; readonly count: number; readonly minScore: number }
  | {
      readonly kind: 'citation';
      readonly arxivId: string | null;
      readonly doi: string | null;
      readonly title: string | null;
      /** Recommend from this text when no paper matches. */
      readonly text: string | null;
      readonly count: number;
      readonly minScore: number;
    }
  | { readonly kind: 'text'; readonly text: string; readonly count: number; readonly minScore: number };

export class WidgetReadError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const wrong = (param: string, message: string) =>
  new WidgetReadError(400, 'BAD_USER_INPUT', `Parameter "${param}": ${message}`);

/** The query string of a widget read, validated; every mistake names its parameter. */
export function parseWidgetRead(search: string): WidgetRead {
  const params = new URLSearchParams(search);
  const values = new Map<Param, string>();
  for (const [key, value] of params) {
    if (!(PARAMS as readonly string[]).includes(key))
      throw wrong(key, `unknown; the parameters are ${PARAMS.join(', ')}.`);
    if (values.has(key as Param)) throw wrong(key, 'given twice; give it once.');
    const max = key === 'text' ? WIDGET_MAX_TEXT : MAX_PARAM;
    if (value.length > max) throw wrong(key, `at most ${max} characters, got ${value.length}.`);
    if (value.trim() !== '') values.set(key as Param, value.trim());
  }
  const countText = values.get('count') ?? '5';
  const count = Number(countText);
  if (!/^\d+$/.test(countText) || count < 1 || count > WIDGET_MAX_COUNT)
    throw wrong('count', `a whole number from 1 to ${WIDGET_MAX_COUNT}, got "${countText}".`);
  const minText = values.get('minScore') ?? '0';
  const minScore = Number(minText);
  if (!/^\d*\.?\d+$/.test(minText) || minScore > 1)
    throw wrong('minScore', `a number from 0 to 1, got "${minText}".`);
  const get = (p: Param): string | null => values.get(p) ?? null;
  const id = get('paper');
  const cited = get('arxiv') !== null || get('doi') !== null || get('title') !== null;
  if (id !== null) {
    if (cited || get('text') !== null)
      throw wrong(
        'paper',
        'give either "paper" or the citation parameters (arxiv, doi, title, text), not both.',
      );
    return { kind: 'paper', id, count, minScore };
  }
  if (cited)
    return {
      kind: 'citation',
      arxivId: get('arxiv'),
      doi: get('doi'),
      title: get('title'),
      text: get('text'),
      count,
      minScore,
    };
  const text = get('text');
  if (text !== null) return { kind: 'text', text, count, minScore };
  throw wrong('paper', 'give a paper id ("paper"), citation keys ("arxiv", "doi", "title") or "text".');
}

interface ItemData {
  score: number;
  sharedTerms: string[];
  paper: {
    id: string;
    title: string;
    url: string | null;
    arxivId: string | null;
    topic: { id: string; label: string } | null;
  };
}
interface PaperData {
  id: string;
  title: string;
  related: ItemData[];
}

/** One related paper as the widget shows it. */
export interface WidgetItem {
  readonly id: string;
  readonly title: string;
  /** The paper's own link, else its arXiv page, else null. */
  readonly url: string | null;
  readonly score: number;
  readonly sharedTerms: readonly string[];
  readonly topic: { readonly id: string; readonly label: string } | null;
}

/** The body of a widget read. `basis`: what the items are related to (null: nothing matched). */
export interface WidgetAnswer {
  readonly paper: { readonly id: string; readonly title: string } | null;
  readonly basis: 'paper' | 'text' | null;
  readonly items: readonly WidgetItem[];
}

const toItem = ({ score, sharedTerms, paper }: ItemData): WidgetItem => ({
  id: paper.id,
  title: paper.title,
  url: paper.url ?? (paper.arxivId ? `https://arxiv.org/abs/${paper.arxivId}` : null),
  score,
  sharedTerms,
  topic: paper.topic,
});

type Run = <T>(query: string, variables: Record<string, unknown>) => Promise<T>;

/** Runs the fixed operations a read needs (citation keys, then the text when no paper matched). */
export async function answerWidgetRead(read: WidgetRead, run: Run): Promise<WidgetAnswer> {
  const fromPaper = (paper: PaperData | null): WidgetAnswer =>
    paper === null
      ? { paper: null, basis: null, items: [] }
      : { paper: { id: paper.id, title: paper.title }, basis: 'paper', items: paper.related.map(toItem) };
  const fromText = async (text: string): Promise<WidgetAnswer> => {
    const { recommend } = await run<{ recommend: ItemData[] }>(OPERATIONS.text, { text, first: read.count });
    const items = recommend.filter((r) => r.score >= read.minScore).map(toItem);
    return { paper: null, basis: 'text', items };
  };
  const page = { first: read.count, minScore: read.minScore };
  switch (read.kind) {
    case 'paper':
      return fromPaper(
        (await run<{ paper: PaperData | null }>(OPERATIONS.paper, { id: read.id, ...page })).paper,
      );
    case 'citation': {
      const { arxivId, doi, title } = read;
      const found = await run<{ paperByCitation: PaperData | null }>(OPERATIONS.citation, {
        arxivId,
        doi,
        title,
        ...page,
      });
      if (found.paperByCitation === null && read.text !== null) return fromText(read.text);
      return fromPaper(found.paperByCitation);
    }
    case 'text':
      return fromText(read.text);
    default:
      return assertNever(read);
  }
}

function assertNever(x: never): never {
  throw new Error(`unexpected widget read ${JSON.stringify(x)}`);
}

/** A strong validator of a body: the same bytes give the same tag on every server. */
export function etagOf(body: string | Buffer): string {
  return `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
}

/** Whether `If-None-Match` names `etag` (or `*`); weak comparison, as RFC 9110 asks for GET. */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((t) => {
    const tag = t.trim();
    return tag === '*' || tag.replace(/^W\//, '') === bare;
  });
}

/** Sends a cacheable answer: 304 without a body when the client already holds these bytes. */
export function sendCacheable(
  req: IncomingMessage,
  res: ServerResponse,
  body: string | Buffer,
  headers: Record<string, string>,
  etag = etagOf(body),
): void {
  res.setHeader('etag', etag);
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (matchesEtag(req.headers['if-none-match'], etag)) {
    res.writeHead(304).end();
    return;
  }
  res.setHeader('content-length', Buffer.byteLength(body));
  res.writeHead(200).end(req.method === 'HEAD' ? undefined : body);
}

interface GqlError {
  message: string;
  extensions?: { code?: unknown };
}

/** HTTP status of an operation's first error code (the messages are the API's own, already safe). */
const STATUS: Record<string, number> = {
  BAD_USER_INPUT: 400,
  SERVICE_UNAVAILABLE: 503,
  QUERY_TIMEOUT: 504,
};

/** The handler of `GET /widget/related`, over the server's Apollo instance. */
export function createWidgetRead(
  apollo: ApolloServer<ApiContext>,
  context: () => ApiContext,
  cacheOptions: AnswerCacheOptions = DEFAULT_WIDGET_CACHE,
) {
  const cache = createAnswerCache(cacheOptions);
  const run: Run = async <T>(query: string, variables: Record<string, unknown>): Promise<T> => {
    const response = await apollo.executeOperation<T>({ query, variables }, { contextValue: context() });
    if (response.body.kind !== 'single') throw new Error('widget read: unexpected incremental response');
    const { data, errors } = response.body.singleResult as { data?: T | null; errors?: GqlError[] };
    const first = errors?.[0];
    if (first !== undefined || data == null) {
      const code =
        typeof first?.extensions?.code === 'string' ? first.extensions.code : 'INTERNAL_SERVER_ERROR';
      throw new WidgetReadError(STATUS[code] ?? 500, code, first?.message ?? 'Internal server error');
    }
    return data;
  };
  return async (req: IncomingMessage, res: ServerResponse, search: string): Promise<void> => {
    try {
      const read = parseWidgetRead(search);
      const { body, etag } = await cache.get(JSON.stringify(read), async () => {
        const text = JSON.stringify(await answerWidgetRead(read, run));
        return { body: text, etag: etagOf(text) };
      });
      sendCacheable(
        req,
        res,
        body,
        {
          'content-type': 'application/json; charset=utf-8',
          'cache-control': WIDGET_CACHE_CONTROL,
          'x-content-type-options': 'nosniff',
        },
        etag,
      );
    } catch (e) {
      if (!(e instanceof WidgetReadError)) throw e;
      res.writeHead(e.status, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
        ...(e.status === 503 ? { 'retry-after': '5' } : {}),
      });
      res.end(JSON.stringify({ error: { code: e.code, message: e.message } }));
    }
  };
}
