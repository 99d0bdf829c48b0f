import type { GraphQLResolveInfo } from 'graphql';
import {
  isSortValue,
  type PaperFilterInput,
  type PaperInclude,
  type PaperOrder,
  type PaperParent,
  type PapersPageQuery,
} from '../../graph/cypher/reads.js';
import { EMPTY_PAPER_PAGE, type PaperPage } from '../../graph/stores/paper.store.js';
import { decodeCursor, encodeCursor, pageSize } from '../common/cursor.js';
import { paperIncludeAt, selects } from '../common/lookahead.js';
import type { ApiContext } from '../context.js';
import { badInput } from '../errors.js';
import type { PaperConnection } from './paper.type.js';

interface ConnectionRequest {
  readonly first: number | null | undefined;
  readonly after?: string | null | undefined;
  readonly order: PaperOrder;
  /** Names the list (and its filter) so a cursor of another list is refused. */
  readonly scope: string;
}

/** Validated page query for a connection field, with what its selection asks for. */
function pageQuery(
  ctx: ApiContext,
  info: GraphQLResolveInfo,
  req: ConnectionRequest,
  filter: PaperFilterInput,
): { query: PapersPageQuery; scope: string } {
  const first = pageSize('first', req.first, ctx.limits.maxPage, 20);
  const scope = `${req.scope}:${req.order}`;
  const include: PaperInclude = paperIncludeAt(info, ['edges', 'node'], ctx.limits.maxPage);
  const query: PapersPageQuery = {
    filter,
    order: req.order,
    limit: first,
    include,
    count: selects(info, [], 'totalCount'),
    ...(req.after != null ? { after: decodeCursor('after', scope, req.after) } : {}),
  };
  if (query.after && !isSortValue(req.order, query.after.value)) {
    throw badInput('after', 'malformed cursor; pass an endCursor or cursor value returned by this API.');
  }
  return { query, scope };
}

function toConnection(
  ctx: ApiContext,
  page: PaperPage,
  scope: string,
  include: PaperInclude | undefined,
): PaperConnection {
  const edges = page.rows.map((r) => {
    ctx.loaders.primeBundle(r.bundle, include);
    return { cursor: encodeCursor(scope, { value: r.sortKey, id: r.bundle.paper.id }), node: r.bundle.paper };
  });
  return {
    // Only null when totalCount was not selected, so never shown.
    totalCount: page.total ?? -1,
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

/** A root list of papers (`papers`): page, total and selected relations in one query. */
export async function paperConnection(
  ctx: ApiContext,
  info: GraphQLResolveInfo,
  req: ConnectionRequest & { filter: PaperFilterInput },
): Promise<PaperConnection> {
  const { query, scope } = pageQuery(ctx, info, req, req.filter);
  const { topicId, ...rest } = query.filter;
  if (topicId === undefined)
    return toConnection(ctx, await ctx.stores.papers.page(query), scope, query.include);
  // A topic's papers: the same page of other topics asked for at the same time is read with it.
  const pages = await ctx.shared.topicPages.load({ ...query, filter: rest }, [topicId]);
  return toConnection(ctx, pages.get(topicId) ?? EMPTY_PAPER_PAGE, scope, query.include);
}

/**
 * A nested list of papers (Topic.papers, Author.papers, Organization.papers): the same
 * field under many parents is batched into one query.
 */
export async function nestedPaperConnection(
  ctx: ApiContext,
  info: GraphQLResolveInfo,
  parent: PaperParent,
  parentId: string,
  req: ConnectionRequest,
): Promise<PaperConnection> {
  const { query, scope } = pageQuery(ctx, info, req, {});
  const page = await ctx.loaders.paperPages({ parent, query }).load(parentId);
  return toConnection(ctx, page, scope, query.include);
}
