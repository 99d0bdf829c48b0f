import { PaperListArgs } from '../common/connection.args.js';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import type { PaperFilterInput } from '../../graph/cypher/reads.js';
import { DateScalar } from '../common/scalars.js';
import { badInput } from '../errors.js';

@InputType({ description: 'Every given condition must hold.' })
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

/** `Query.papers`: a nested paper list's arguments plus a filter. */
@ArgsType()
export class PapersArgs extends PaperListArgs {
  @Field(() => PaperFilter, { nullable: true })
  filter?: PaperFilter;
}

@ArgsType()
export class KeywordsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10 })
  first?: number | null;
}

@ArgsType()
export class RelatedArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10 })
  first?: number | null;

  @Field(() => Float, {
    nullable: true,
    defaultValue: 0,
    description: 'Leave out papers less similar than this, in [0, 1].',
  })
  minScore?: number | null;
}

const isoDate = (d: Date | undefined | null): string | undefined =>
  d ? d.toISOString().slice(0, 10) : undefined;

export function toFilterInput(filter: PaperFilter | undefined | null): PaperFilterInput {
  if (!filter) return {};
  const after = isoDate(filter.publishedAfter);
  const before = isoDate(filter.publishedBefore);
  if (after && before && after > before) {
    throw badInput('filter.publishedAfter', `${after} is later than publishedBefore ${before}.`);
  }
  const out: { -readonly [K in keyof PaperFilterInput]: PaperFilterInput[K] } = {};
  if (filter.topicId != null) out.topicId = filter.topicId;
  if (filter.authorId != null) out.authorId = filter.authorId;
  if (filter.category != null) out.category = filter.category;
  if (after) out.publishedAfter = after;
  if (before) out.publishedBefore = before;
  return out;
}
