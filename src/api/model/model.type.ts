import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';

export enum TopicMoveKind {
  KEPT = 'kept',
  SPLIT = 'split',
  MERGED = 'merged',
  NEW = 'new',
  DISSOLVED = 'dissolved',
}
registerEnumType(TopicMoveKind, {
  name: 'TopicMoveKind',
  description:
    'KEPT: one old topic became one new topic (same id); SPLIT: one old topic became several; MERGED: several became one; NEW: no old topic gave it most of its papers; DISSOLVED: no new topic took most of its papers.',
});

@ObjectType({ simpleResolvers: true, description: 'A topic as a model named it.' })
export class TopicRef {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  label!: string;
}

@ObjectType({
  simpleResolvers: true,
  description: 'Where the papers of a topic came from or went, between two models.',
})
export class TopicMove {
  @Field(() => TopicMoveKind)
  kind!: TopicMoveKind;

  @Field(() => [TopicRef], { description: 'Topics of the previous model (none for NEW).' })
  from!: TopicRef[];

  @Field(() => [TopicRef], { description: 'Topics of this model (none for DISSOLVED).' })
  to!: TopicRef[];

  @Field(() => Float, {
    nullable: true,
    description: "KEPT: share of the old topic's papers in the new one.",
  })
  overlap!: number | null;
}

@ObjectType({ simpleResolvers: true, description: 'A topic model: what produced the topics, and when.' })
export class TopicModel {
  @Field(() => ID)
  version!: string;

  @Field(() => Boolean, { description: 'Whether the API serves this model now.' })
  current!: boolean;

  @Field(() => String, { nullable: true, description: 'When its build started (ISO 8601).' })
  createdAt!: string | null;

  @Field(() => String, { nullable: true, description: 'When it became current (ISO 8601).' })
  activatedAt!: string | null;

  @Field(() => Int, { description: 'Topics.' })
  k!: number;

  @Field(() => Int, { description: 'Papers it was built from.' })
  paperCount!: number;

  @Field(() => String, { nullable: true, description: 'Why it was built (the refresh decision).' })
  reason!: string | null;

  @Field(() => String, { nullable: true, description: 'The model it replaced.' })
  previousVersion!: string | null;

  @Field(() => [TopicMove], { description: 'How topics moved from the previous model to this one.' })
  moves!: TopicMove[];
}

@ObjectType({
  simpleResolvers: true,
  description: 'One rebuild in the life of a topic: the model it happened in and the move.',
})
export class TopicHistoryEntry {
  @Field(() => ID, { description: 'The model that was built.' })
  modelVersion!: string;

  @Field(() => String, { nullable: true, description: 'When that model became current (ISO 8601).' })
  activatedAt!: string | null;

  @Field(() => TopicMove)
  move!: TopicMove;
}
