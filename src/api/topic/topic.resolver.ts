import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { pageSize } from '../common/cursor.js';
import type { ApiContext } from '../context.js';
import { PaperConnectionArgs } from '../common/connection.args.js';
import { paperConnection } from '../paper/paper-connection.js';
import { PaperConnection } from '../paper/paper.type.js';
import { Topic } from './topic.type.js';

@Resolver(() => Topic)
export class TopicResolver {
  @Query(() => [Topic], { description: 'Topics of the current model, largest first.' })
  async topics(@Arg('first', () => Int, { defaultValue: 100 }) first: number, @Ctx() ctx: ApiContext): Promise<Topic[]> {
    const topics = await ctx.stores.topics.current(pageSize('first', first, ctx.limits.maxPage));
    return topics.map((t) => {
      ctx.loaders.topic.prime(t.id, t);
      return { ...t, terms: [...t.terms] };
    });
  }

  @Query(() => Topic, { nullable: true })
  async topic(@Arg('id', () => ID) id: string, @Ctx() ctx: ApiContext): Promise<Topic | null> {
    const t = await ctx.loaders.topic.load(id);
    return t ? { ...t, terms: [...t.terms] } : null;
  }

  @FieldResolver(() => PaperConnection, { description: 'Papers in this topic, newest first.' })
  async papers(@Root() topic: Topic, @Args(() => PaperConnectionArgs) args: PaperConnectionArgs, @Ctx() ctx: ApiContext): Promise<PaperConnection> {
    return paperConnection(ctx, {
      first: args.first,
      after: args.after,
      filter: { topicId: topic.id },
      order: 'PUBLISHED_DESC',
      scope: `topic:${topic.id}`,
    });
  }
}
