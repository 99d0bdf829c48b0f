import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { TopicPosition as TopicPositionView, TopicView } from '../../domain/views.js';

@ObjectType({
  simpleResolvers: true,
  description:
    "A topic's bubble on the topic map (`/map`), computed once when its model is built, from the similarity of the topic centres and the paper counts: the same for every client. Units are the map's own: every bubble lies inside the square from -1 to 1 on both axes, and no two overlap; y grows downwards, as on a screen.",
})
export class TopicPosition implements TopicPositionView {
  @Field(() => Float)
  x!: number;

  @Field(() => Float)
  y!: number;

  @Field(() => Float, {
    description:
      "Bubble radius: its area is proportional to the topic's paper count when the model was built.",
  })
  radius!: number;
}

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

  @Field(() => TopicPosition, {
    nullable: true,
    description:
      'Where the topic map draws it; null for a model built before the map existed (rebuild to get one).',
  })
  position!: TopicPosition | null;
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
