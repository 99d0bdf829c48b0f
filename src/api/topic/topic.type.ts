import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { TopicView } from '../../domain/views.js';

@ObjectType({ description: 'A topic cluster of the current topic model.' })
export class Topic implements TopicView {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'Human-readable, from the top terms.' })
  label!: string;

  @Field(() => [String], { description: 'Best first.' })
  terms!: string[];

  @Field(() => Int)
  size!: number;

  @Field(() => String, { description: 'Version of the TopicModel that produced this topic.' })
  modelVersion!: string;
}
