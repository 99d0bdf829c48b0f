import { ArgsType, Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import type { PaperOrder as PaperOrderName } from '../../graph/cypher/reads.js';
import { DateScalar } from '../common/scalars.js';

export enum PaperOrder {
  PUBLISHED_DESC = 'PUBLISHED_DESC',
  PUBLISHED_ASC = 'PUBLISHED_ASC',
  UPVOTES_DESC = 'UPVOTES_DESC',
  TITLE_ASC = 'TITLE_ASC',
}
registerEnumType(PaperOrder, { name: 'PaperOrder' });

// Keeps the GraphQL enum and the Cypher builder's orders in step at compile time.
export const toOrderName = (o: PaperOrder): PaperOrderName => o;

@InputType()
export class PaperFilter {
  @Field(() => ID, { nullable: true })
  topicId?: string;

  @Field(() => ID, { nullable: true })
  authorId?: string;

  @Field(() => String, { nullable: true, description: 'arXiv category code, e.g. cs.CL.' })
  category?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive.' })
  publishedAfter?: Date;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive.' })
  publishedBefore?: Date;
}

@ArgsType()
export class PapersArgs {
  @Field(() => Int, { defaultValue: 20 })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string;

  @Field(() => PaperFilter, { nullable: true })
  filter?: PaperFilter;

  @Field(() => PaperOrder, { defaultValue: PaperOrder.PUBLISHED_DESC })
  orderBy!: PaperOrder;
}

@ArgsType()
export class FirstArgs {
  @Field(() => Int, { defaultValue: 10 })
  first!: number;
}

@ArgsType()
export class RelatedArgs {
  @Field(() => Int, { defaultValue: 10 })
  first!: number;

  @Field(() => Float, { defaultValue: 0 })
  minScore!: number;
}
