import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Query, Resolver, Root } from 'type-graphql';
import { Author } from '../author/author.type.js';
import { pageSize } from '../common/cursor.js';
import { paperIncludeAt, selectedPaperFields, selectedTopicFields } from '../common/lookahead.js';
import type { ApiContext } from '../context.js';
import { badInput } from '../errors.js';
import { Organization } from '../organization/organization.type.js';
import { Topic } from '../topic/topic.type.js';
import {
  CitationArgs,
  KeywordsArgs,
  PapersArgs,
  RelatedArgs,
  toCitationKeys,
  toFilterInput,
} from './paper.args.js';
import { PaperOrder, toOrderName } from './paper-order.js';
import { paperConnection } from './paper-connection.js';
import { CodeRepository, Keyword, Paper, PaperConnection, RelatedPaper } from './paper.type.js';

@Resolver(() => Paper)
export class PaperResolver {
  @Query(() => Paper, { nullable: true, description: 'A paper by id; null when there is none.' })
  async paper(
    @Arg('id', () => ID) id: string,
    @Ctx() ctx: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Paper | null> {
    // One query for the paper and the relations its selection asks for.
    const include = paperIncludeAt(info, [], ctx.limits.maxPage);
    const bundle = (await ctx.shared.paperBundles.load(include, [id])).get(id);
    if (!bundle) return null;
    ctx.loaders.primeBundle(bundle, include);
    return bundle.paper;
  }

  @Query(() => Paper, {
    nullable: true,
    description:
      'The paper a scholarly page names in its citation meta tags: by arXiv id, else DOI, else title; null when none is known.',
  })
  async paperByCitation(
    @Args(() => CitationArgs) args: CitationArgs,
    @Ctx() ctx: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Paper | null> {
    const id = await ctx.stores.papers.idByCitation(toCitationKeys(args));
    return id === null ? null : this.paper(id, ctx, info);
  }

  @Query(() => PaperConnection, { description: 'Papers, filtered and ordered, as a Relay connection.' })
  async papers(
    @Args(() => PapersArgs) args: PapersArgs,
    @Ctx() ctx: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PaperConnection> {
    const filter = toFilterInput(args.filter);
    return paperConnection(ctx, info, {
      first: args.first,
      after: args.after,
      filter,
      order: toOrderName(args.orderBy ?? PaperOrder.PUBLISHED_DESC),
      scope: `papers:${JSON.stringify(filter)}`,
    });
  }

  // Lists read papers without their abstract unless the query selects it there; elsewhere
  // (e.g. a related paper's abstract) it is read here, batched.
  @FieldResolver(() => String, { name: 'abstract' })
  async abstractText(@Root() paper: Paper, @Ctx() ctx: ApiContext): Promise<string> {
    if (paper.abstract !== undefined) return paper.abstract;
    return (await ctx.loaders.paper.load(paper.id))?.abstract ?? '';
  }

  @FieldResolver(() => Topic, {
    nullable: true,
    description: 'The topic of the current model the paper is in.',
  })
  async topic(
    @Root() paper: Paper,
    @Ctx() ctx: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Topic | null> {
    return ctx.loaders.paperTopic(paper.id, selectedTopicFields(info));
  }

  @FieldResolver(() => [Author], { description: 'In author order.' })
  async authors(@Root() paper: Paper, @Ctx() ctx: ApiContext): Promise<readonly Author[]> {
    return ctx.loaders.paperAuthors(paper.id);
  }

  @FieldResolver(() => [Keyword], { description: 'Terms that characterise the paper, heaviest first.' })
  async keywords(
    @Root() paper: Paper,
    @Args(() => KeywordsArgs) { first }: KeywordsArgs,
    @Ctx() ctx: ApiContext,
  ): Promise<readonly Keyword[]> {
    return ctx.loaders.paperKeywords(paper.id, pageSize('first', first, ctx.limits.maxPage, 10));
  }

  @FieldResolver(() => [RelatedPaper], { description: 'Most similar papers, best first.' })
  async related(
    @Root() paper: Paper,
    @Args(() => RelatedArgs) { first, minScore }: RelatedArgs,
    @Ctx() ctx: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<readonly RelatedPaper[]> {
    const min = minScore ?? 0;
    if (!Number.isFinite(min) || min < 0 || min > 1) {
      throw badInput('minScore', `must be between 0 and 1, got ${min}.`);
    }
    return ctx.loaders.paperRelated(paper.id, {
      first: pageSize('first', first, ctx.limits.maxPage, 10),
      minScore: min,
      fields: selectedPaperFields(info, ['paper']),
    });
  }

  @FieldResolver(() => Organization, { nullable: true })
  async organization(@Root() paper: Paper, @Ctx() ctx: ApiContext): Promise<Organization | null> {
    const name = await ctx.loaders.paperOrganization(paper.id);
    return name === null ? null : { name };
  }

  @FieldResolver(() => [CodeRepository], {
    description: 'Code links named by the source or found in the abstract.',
  })
  async codeRepositories(@Root() paper: Paper, @Ctx() ctx: ApiContext): Promise<CodeRepository[]> {
    return (await ctx.loaders.paperCode(paper.id)).map((url) => ({ url }));
  }
}
