import type { GraphQLResolveInfo } from 'graphql';
import { Args, ArgsType, Ctx, Field, Info, Query, Resolver } from 'type-graphql';
import { luceneTextQuery } from '../../graph/cypher/reads.js';
import { ConnectionArgs } from '../common/connection.args.js';
import { decodeOffsetCursor, encodeOffsetCursor, pageSize } from '../common/cursor.js';
import { paperIncludeAt, selects } from '../common/lookahead.js';
import type { ApiContext } from '../context.js';
import { badInput } from '../errors.js';
import { NO_HITS } from '../../graph/stores/search.store.js';
import { PaperSearchConnection } from './search.type.js';

/** Deepest position search pages to: deep pages cost Lucene more and nobody reads them. */
export const MAX_SEARCH_OFFSET = 10_000;
const MAX_QUERY_CHARS = 1_000;

@ArgsType()
class SearchArgs extends ConnectionArgs {
  @Field(() => String, {
    description:
      'Words to find in titles and abstracts. Plain text: quotes, operators and wildcards are matched as words.',
  })
  query!: string;
}

@Resolver()
export class SearchResolver {
  @Query(() => PaperSearchConnection, {
    description: 'Full-text search over titles and abstracts, most relevant first.',
  })
  async search(
    @Args(() => SearchArgs) args: SearchArgs,
    @Ctx() ctx: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PaperSearchConnection> {
    const text = args.query.trim();
    if (text === '') throw badInput('query', 'must not be empty; give some words to search for.');
    if (text.length > MAX_QUERY_CHARS) {
      throw badInput('query', `at most ${MAX_QUERY_CHARS} characters, got ${text.length}.`);
    }
    const first = pageSize('first', args.first, ctx.limits.maxPage, 20);
    const lucene = luceneTextQuery(text);
    const scope = `search:${lucene ?? ''}`;
    const skip = args.after != null ? decodeOffsetCursor('after', scope, args.after, MAX_SEARCH_OFFSET) : 0;
    if (lucene === null) {
      // Only punctuation: nothing the index could match.
      return { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } };
    }
    const include = paperIncludeAt(info, ['edges', 'node'], ctx.limits.maxPage);
    const shape = { skip, limit: first, count: selects(info, [], 'totalCount'), include };
    // Other searches for the same page asked for at the same time are read with this one.
    const page = (await ctx.shared.searches.load(shape, [lucene])).get(lucene) ?? NO_HITS;
    const edges = page.hits.map((h, i) => {
      ctx.loaders.primeBundle(h.bundle, include);
      return {
        cursor: encodeOffsetCursor(scope, skip + i + 1, h.bundle.paper.id),
        node: h.bundle.paper,
        score: h.score,
      };
    });
    return {
      totalCount: page.total ?? -1,
      edges,
      pageInfo: {
        hasNextPage: page.hasNextPage && skip + edges.length < MAX_SEARCH_OFFSET,
        endCursor: edges.at(-1)?.cursor ?? null,
      },
    };
  }
}
