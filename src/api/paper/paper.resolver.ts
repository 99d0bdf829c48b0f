import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { PaperFilterInput } from '../../graph/cypher/reads.js';
import { badInput } from '../errors.js';
import type { ApiContext } from '../context.js';
import { pageSize } from '../common/cursor.js';
import { Topic } from '../topic/topic.type.js';
import { Author } from '../author/author.type.js';
import { FirstArgs, PapersArgs, RelatedArgs, toOrderName, type PaperFilter } from './paper.args.js';
import { paperConnection } from './paper-connection.js';
import { CodeRepository, Keyword, Organization, Paper, PaperConnection, RelatedPaper } from './paper.type.js';

const isoDate = (d: Date | undefined): string | undefined => (d ? d.toISOString().slice(0, 10) : undefined);

export function toFilterInput(filter: PaperFilter | undefined): PaperFilterInput {
  if (!filter) return {};
  const after = isoDate(filter.publishedAfter);
  const before = isoDate(filter.publishedBefore);
  if (after && before && after > before) {
    throw badInput('filter.publishedAfter', `${after} is later than publishedBefore ${before}.`);
  }
  return {
    topicId: filter.topicId ?? undefined,
    authorId: filter.authorId ?? undefined,
    category: filter.category ?? undefined,
    publishedAfter: after,
    publishedBefore: before,
  };
}

@Resolver(() => Paper)
export class PaperResolver {
  @Query(() => Paper, { nullable: true, description: 'A paper by id; null when there is none.' })
  async paper(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<Paper | null> {
    const p = await ctx.loaders.paper.load(id);
    return p ? { ...p, categories: [...p.categories] } : null;
  }

  @Query(() => PaperConnection, { description: 'Papers, filtered and ordered, as a Relay connection.' })
  async papers(@Args(() => PapersArgs) args: PapersArgs, @Ctx() ctx: ApiContext): Promise<PaperConnection> {
    const filter = toFilterInput(args.filter);
    return paperConnection(ctx, {
      first: args.first,
      after: args.after,
      filter,
      order: toOrderName(args.orderBy),
      scope: `papers:${JSON.stringify(filter)}`,
    });
  }

  @FieldResolver(() => Topic, { nullable: true })
  async topic(@Root() paper: Paper, @Ctx() ctx: ApiContext): Promise<Topic | null> {
    const topicId = await ctx.loaders.topicIdOfPaper.load(paper.id);
    if (topicId === null) return null;
    const t = await ctx.loaders.topic.load(topicId);
    return t ? { ...t, terms: [...t.terms] } : null;
  }

  @FieldResolver(() => [Author], { description: 'In author order.' })
  async authors(@Root() paper: Paper, @Ctx() ctx: ApiContext): Promise<Author[]> {
    return ctx.loaders.authorsOfPaper.load(paper.id);
  }

  @FieldResolver(() => [Keyword])
  async keywords(@Root() paper: Paper, @Args(() => FirstArgs) { first }: FirstArgs, @Ctx() ctx: ApiContext): Promise<Keyword[]> {
    return ctx.loaders.keywordsOfPaper({ first: pageSize('first', first, ctx.limits.maxPage) }).load(paper.id);
  }

  @FieldResolver(() => [RelatedPaper], { description: 'Most similar papers, best first.' })
  async related(
    @Root() paper: Paper,
    @Args(() => RelatedArgs) { first, minScore }: RelatedArgs,
    @Ctx() ctx: ApiContext,
  ): Promise<RelatedPaper[]> {
    if (!Number.isFinite(minScore) || minScore < 0 || minScore > 1) {
      throw badInput('minScore', `must be between 0 and 1, got ${minScore}.`);
    }
    const rows = await ctx.loaders.relatedOfPaper({ first: pageSize('first', first, ctx.limits.maxPage), minScore }).load(paper.id);
    return rows.map((r) => ({
      paper: { ...r.paper, categories: [...r.paper.categories] },
      score: r.score,
      sharedTerms: [...r.sharedTerms],
    }));
  }

  @FieldResolver(() => Organization, { nullable: true })
  async organization(@Root() paper: Paper, @Ctx() ctx: ApiContext): Promise<Organization | null> {
    const name = await ctx.loaders.organizationOfPaper.load(paper.id);
    return name === null ? null : { name };
  }

  @FieldResolver(() => [CodeRepository])
  async codeRepositories(@Root() paper: Paper, @Ctx() ctx: ApiContext): Promise<CodeRepository[]> {
    return (await ctx.loaders.codeOfPaper.load(paper.id)).map((url) => ({ url }));
  }
}
