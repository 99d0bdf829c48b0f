import type { PaperFilterInput, PaperOrder } from '../../graph/cypher/reads.js';
import type { ApiContext } from '../context.js';
import { decodeCursor, encodeCursor, pageSize } from '../common/cursor.js';
import type { PaperConnection } from './paper.type.js';

/** Build a paper connection page for any filter (papers, a topic's papers, an author's papers). */
export async function paperConnection(
  ctx: ApiContext,
  args: { first: number; after?: string | null; filter: PaperFilterInput; order: PaperOrder; scope: string },
): Promise<PaperConnection> {
  const first = pageSize('first', args.first, ctx.limits.maxPage);
  const scope = `${args.scope}:${args.order}`;
  const after = args.after ? decodeCursor('after', scope, args.after) : undefined;
  const [page, totalCount] = await Promise.all([
    first === 0 ? Promise.resolve({ rows: [], hasNextPage: false }) : ctx.stores.papers.page(args.filter, args.order, first, after),
    ctx.stores.papers.count(args.filter),
  ]);
  const edges = page.rows.map((r) => {
    ctx.loaders.paper.prime(r.paper.id, r.paper);
    return { cursor: encodeCursor(scope, { value: r.sortKey, id: r.paper.id }), node: { ...r.paper, categories: [...r.paper.categories] } };
  });
  return {
    totalCount,
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}
