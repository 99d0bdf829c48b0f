import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Args, Ctx, FieldResolver, Info, Query, Resolver, Root } from 'type-graphql';
import { PaperListArgs } from '../common/connection.args.js';
import type { ApiContext } from '../context.js';
import { nestedPaperConnection } from '../paper/paper-connection.js';
import { PaperOrder, toOrderName } from '../paper/paper-order.js';
import { PaperConnection } from '../paper/paper.type.js';
import { Organization } from './organization.type.js';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, {
    nullable: true,
    description: 'An organisation by its exact name; null when there is none.',
  })
  async organization(
    @Arg('name', () => String) name: string,
    @Ctx() ctx: ApiContext,
  ): Promise<Organization | null> {
    return (await ctx.stores.organizations.existing([name])).has(name) ? { name } : null;
  }

  @FieldResolver(() => PaperConnection, {
    description: 'Papers affiliated with this organisation, newest first unless `orderBy` says otherwise.',
  })
  async papers(
    @Root() org: Organization,
    @Args(() => PaperListArgs) args: PaperListArgs,
    @Ctx() ctx: ApiContext,
    @Info() info: GraphQLResolveInfo,
  ): Promise<PaperConnection> {
    return nestedPaperConnection(ctx, info, 'organization', org.name, {
      first: args.first,
      after: args.after,
      order: toOrderName(args.orderBy ?? PaperOrder.PUBLISHED_DESC),
      scope: `organization:${org.name}`,
    });
  }
}
