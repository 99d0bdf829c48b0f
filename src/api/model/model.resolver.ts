import { Arg, Ctx, Int, Query, Resolver } from 'type-graphql';
import { pageSize } from '../common/cursor.js';
import type { ApiContext } from '../context.js';
import { TopicModel, type TopicMoveKind } from './model.type.js';

@Resolver()
export class ModelResolver {
  @Query(() => [TopicModel], {
    description:
      'The chain of topic models, current first, then older ones newest first: why each was built and how its topics moved from the one before. Topics that persist keep their ids.',
  })
  async topicModels(
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<TopicModel[]> {
    const models = await ctx.stores.models.models(pageSize('first', first, ctx.limits.maxPage, 10));
    return models.map((m) => ({
      ...m,
      moves: m.moves.map((mv) => ({
        kind: mv.kind as TopicMoveKind,
        from: [...mv.from],
        to: [...mv.to],
        overlap: mv.overlap,
      })),
    }));
  }
}
