import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import type { TopicModelView, TopicMoveView } from '../../domain/views.js';
import { pageSize } from '../common/cursor.js';
import type { ApiContext } from '../context.js';
import { Topic } from '../topic/topic.type.js';
import { TopicHistoryEntry, TopicModel, type TopicMove, type TopicMoveKind } from './model.type.js';

/** Models a topic's history looks through, newest first. */
const HISTORY_MODELS = 50;

/** One read of the model chain per request, however many topics ask for their history. */
const chainOf = new WeakMap<ApiContext, Promise<TopicModelView[]>>();
function modelChain(ctx: ApiContext): Promise<TopicModelView[]> {
  let chain = chainOf.get(ctx);
  if (chain === undefined) {
    chain = ctx.stores.models.models(HISTORY_MODELS);
    chainOf.set(ctx, chain);
  }
  return chain;
}

const toMove = (mv: TopicMoveView): TopicMove => ({
  kind: mv.kind as TopicMoveKind,
  from: [...mv.from],
  to: [...mv.to],
  overlap: mv.overlap,
});

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
    return models.map((m) => ({ ...m, moves: m.moves.map(toMove) }));
  }
}

@Resolver(() => Topic)
export class TopicHistoryResolver {
  @FieldResolver(() => [TopicHistoryEntry], {
    description:
      'Rebuilds that moved this topic (its id as source or target), newest first: where its papers came from and went.',
  })
  async history(
    @Root() topic: Topic,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10 }) first: number | null,
    @Ctx() ctx: ApiContext,
  ): Promise<TopicHistoryEntry[]> {
    const limit = pageSize('first', first, ctx.limits.maxPage, 10);
    const out: TopicHistoryEntry[] = [];
    for (const m of await modelChain(ctx)) {
      for (const mv of m.moves) {
        if (![...mv.from, ...mv.to].some((t) => t.id === topic.id)) continue;
        out.push({ modelVersion: m.version, activatedAt: m.activatedAt, move: toMove(mv) });
      }
    }
    return out.slice(0, limit);
  }
}
