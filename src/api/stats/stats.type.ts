import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true })
export class GraphStats {
  @Field(() => Int)
  papers!: number;

  @Field(() => Int)
  authors!: number;

  @Field(() => Int, { description: 'Topics of the current model.' })
  topics!: number;

  @Field(() => Int)
  similarityEdges!: number;

  @Field(() => String, { nullable: true })
  modelVersion!: string | null;
}
