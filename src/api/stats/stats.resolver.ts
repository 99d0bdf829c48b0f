import { Ctx, Query, Resolver } from 'type-graphql';
import type { ApiContext } from '../context.js';
import { GraphStats } from './stats.type.js';

@Resolver()
export class StatsResolver {
  @Query(() => GraphStats)
  async stats(@Ctx() ctx: ApiContext): Promise<GraphStats> {
    return ctx.stores.stats.stats();
  }
}
