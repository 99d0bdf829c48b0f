import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { TopicView } from '../../domain/views.js';

@ObjectType({ simpleResolvers: true, description: 'A topic cluster of the current topic model.' })
export class Topic implements TopicView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Human-readable, from the top terms.' })
  label!: string;

  @Field(() => [String], { description: 'Best first.' })
  terms!: readonly string[];

  @Field(() => Int, { description: 'Papers in the topic.' })
  size!: number;

  @Field(() => String, { description: 'Version of the TopicModel that produced this topic.' })
  modelVersion!: string;
}

@ObjectType({ simpleResolvers: true })
export class RelatedTopic {
  @Field(() => Topic)
  topic!: Topic;

  @Field(() => Float, { description: 'Cosine similarity of the two topic centres, in [0, 1].' })
  score!: number;
}

@ObjectType({ simpleResolvers: true })
export class TopicPeriodCount {
  @Field(() => String, { description: 'Calendar month, "YYYY-MM".' })
  period!: string;

  @Field(() => Int)
  count!: number;
}
