import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Info, Int, Query, Resolver, Root } from 'type-graphql';
import { PaperListArgs } from '../common/connection.args.js';
import { pageSize } from '../common/cursor.js';
import type { ApiContext } from '../context.js';
import { nestedPaperConnection } from '../paper/paper-connection.js';
import { PaperOrder, toOrderName } from '../paper/paper-order.js';
import { Paper, PaperConnection } from '../paper/paper.type.js';
import { fillMonths } from './timeline.js';
import { RelatedTopic, Topic, TopicPeriodCount } from './topic.type.js';

@Resolver(() => Topic)
export class TopicResolver {
  @Query(() => [Topic], { description: 'Topics of the current model, largest first.' })
  async topics(
    @Arg('first', () => Int, { nullable: true, defaultValue: 100 }) first: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<readonly Topic[]> {
    const topics = await ctx.stores.topics.current(pageSize('first', first, ctx.limits.maxPage, 100));
    for (const t of topics) ctx.loaders.topic.prime(t.id, t);
    return topics;
  }

  @Query(() => Topic, { nullable: true, description: 'A topic by id; null when there is none.' })
  async topic(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<Topic | null> {
    return ctx.loaders.topic.load(id);
  }

  @FieldResolver(() => PaperConnection, {
    description: 'Papers in this topic, newest first unless `orderBy` says otherwise.',
  })
  async papers(
    @Root() topic: Topic,
    @Args(() => PaperListArgs) args: PaperListArgs,
    @Ctx() ctx: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PaperConnection> {
    return nestedPaperConnection(ctx, info, 'topic', topic.id, {
      first: args.first,
      after: args.after,
      order: toOrderName(args.orderBy ?? PaperOrder.PUBLISHED_DESC),
      scope: `topic:${topic.id}`,
    });
  }

  @FieldResolver(() => [Paper], { description: 'The papers closest to the topic centre, closest first.' })
  async representativePapers(
    @Root() topic: Topic,
    @Arg('first', () => Int, { nullable: true, defaultValue: 3 }) first: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<readonly Paper[]> {
    const papers = await ctx.loaders
      .topicRepresentatives({ first: pageSize('first', first, ctx.limits.maxPage, 3) })
      .load(topic.id);
    for (const p of papers) ctx.loaders.paper.prime(p.id, p);
    return papers;
  }

  @FieldResolver(() => [RelatedTopic], {
    description: 'Topics with the most similar centres, most similar first.',
  })
  async relatedTopics(
    @Root() topic: Topic,
    @Arg('first', () => Int, { nullable: true, defaultValue: 5 }) first: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<readonly RelatedTopic[]> {
    const related = await ctx.loaders
      .topicRelated({ first: pageSize('first', first, ctx.limits.maxPage, 5) })
      .load(topic.id);
    for (const r of related) ctx.loaders.topic.prime(r.topic.id, r.topic);
    return related;
  }

  @FieldResolver(() => [TopicPeriodCount], {
    description:
      'Papers per month ("YYYY-MM"), oldest first, every month from the first to the last (0 when none); undated papers are not counted.',
  })
  async timeline(@Root() topic: Topic, @Ctx() ctx: ApiContext): Promise<TopicPeriodCount[]> {
    return fillMonths(await ctx.loaders.topicTimeline.load(topic.id));
  }
}
