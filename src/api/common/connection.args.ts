import { ArgsType, Field, Int } from 'type-graphql';
import { PaperOrder } from '../paper/paper-order.js';

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, {
    nullable: true,
    defaultValue: 20,
    description: 'Page size, at most the server limit (100).',
  })
  first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'An `endCursor` (or edge `cursor`) from the previous page.',
  })
  after?: string;
}

/** Arguments of a nested list of papers (Topic.papers, Author.papers, Organization.papers). */
@ArgsType()
export class PaperListArgs extends ConnectionArgs {
  @Field(() => PaperOrder, { nullable: true, defaultValue: PaperOrder.PUBLISHED_DESC })
  orderBy?: PaperOrder | null;
}
