import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  ArgsType,
  Ctx,
  Field,
  FieldResolver,
  ID,
  Info,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { luceneNamePrefixQuery } from '../../graph/cypher/reads.js';
import type { AuthorPage } from '../../graph/stores/author.store.js';
import { ConnectionArgs, PaperListArgs } from '../common/connection.args.js';
import {
  decodeCursor,
  decodeOffsetCursor,
  encodeCursor,
  encodeOffsetCursor,
  pageSize,
} from '../common/cursor.js';
import { selects } from '../common/lookahead.js';
import type { ApiContext } from '../context.js';
import { badInput } from '../errors.js';
import { nestedPaperConnection } from '../paper/paper-connection.js';
import { PaperOrder, toOrderName } from '../paper/paper-order.js';
import { PaperConnection } from '../paper/paper.type.js';
import { Topic } from '../topic/topic.type.js';
import { Author, AuthorConnection, Coauthor } from './author.type.js';

/** Deepest position a name search pages to. */
const MAX_SEARCH_OFFSET = 10_000;

@ArgsType()
class AuthorsArgs extends ConnectionArgs {
  @Field(() => String, {
    nullable: true,
    description:
      'Name words, each matched as a prefix ("vasw ash" finds Ashish Vaswani); absent or blank: everyone by name.',
  })
  query?: string;
}

function connection(
  page: AuthorPage,
  cursor: (a: { id: string; name: string }, i: number) => string,
): AuthorConnection {
  const edges = page.rows.map((a, i) => ({ cursor: cursor(a, i), node: a }));
  return {
    totalCount: page.total ?? -1,
    edges,
    pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
  };
}

@Resolver(() => Author)
export class AuthorResolver {
  @Query(() => Author, { nullable: true, description: 'An author by id; null when there is none.' })
  async author(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<Author | null> {
    return ctx.loaders.author.load(id);
  }

  @Query(() => AuthorConnection, {
    description: 'Authors by name, or those matching `query`, best match first.',
  })
  async authors(
    @Args(() => AuthorsArgs) args: AuthorsArgs,
    @Ctx() ctx: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<AuthorConnection> {
    const first = pageSize('first', args.first, ctx.limits.maxPage, 20);
    const count = selects(info, [], 'totalCount');
    const text = args.query?.trim() ?? '';
    if (text.length > 200) throw badInput('query', `at most 200 characters, got ${text.length}.`);
    if (text === '') {
      const scope = 'authors:name';
      const after = args.after != null ? decodeCursor('after', scope, args.after) : undefined;
      if (after && typeof after.value !== 'string') {
        throw badInput('after', 'malformed cursor; pass an endCursor or cursor value returned by this API.');
      }
      const page = await ctx.stores.authors.page(
        first,
        after ? { name: String(after.value), id: after.id } : undefined,
        count,
      );
      for (const a of page.rows) ctx.loaders.author.prime(a.id, a);
      return connection(page, (a) => encodeCursor(scope, { value: a.name, id: a.id }));
    }
    const lucene = luceneNamePrefixQuery(text);
    if (lucene === null) return connection({ total: 0, rows: [], hasNextPage: false }, () => '');
    const scope = `authors:query:${lucene}`;
    const skip = args.after != null ? decodeOffsetCursor('after', scope, args.after, MAX_SEARCH_OFFSET) : 0;
    const page = await ctx.stores.authors.search(lucene, skip, first, count);
    for (const a of page.rows) ctx.loaders.author.prime(a.id, a);
    return connection(page, (a, i) => encodeOffsetCursor(scope, skip + i + 1, a.id));
  }

  @FieldResolver(() => PaperConnection, {
    description: 'Papers by this author, newest first unless `orderBy` says otherwise.',
  })
  async papers(
    @Root() author: Author,
    @Args(() => PaperListArgs) args: PaperListArgs,
    @Ctx() ctx: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PaperConnection> {
    return nestedPaperConnection(ctx, info, 'author', author.id, {
      first: args.first,
      after: args.after,
      order: toOrderName(args.orderBy ?? PaperOrder.PUBLISHED_DESC),
      scope: `author:${author.id}`,
    });
  }

  @FieldResolver(() => [Coauthor], {
    description: 'People who wrote papers with this author, most shared papers first.',
  })
  async coauthors(
    @Root() author: Author,
    @Arg('first', () => Int, { nullable: true, defaultValue: 20 }) first: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<readonly Coauthor[]> {
    const list = await ctx.loaders
      .authorCoauthors({ first: pageSize('first', first, ctx.limits.maxPage, 20) })
      .load(author.id);
    for (const c of list) ctx.loaders.author.prime(c.author.id, c.author);
    return list;
  }

  @FieldResolver(() => [Topic], { description: "Topics of the author's papers, most papers first." })
  async topics(@Root() author: Author, @Ctx() ctx: ApiContext): Promise<readonly Topic[]> {
    const topics = await ctx.loaders.authorTopics.load(author.id);
    for (const t of topics) ctx.loaders.topic.prime(t.id, t);
    return topics;
  }
}
