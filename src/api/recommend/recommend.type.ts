import { Field, Float, ObjectType } from 'type-graphql';
import { Paper } from '../paper/paper.type.js';

@ObjectType({ simpleResolvers: true, description: 'A paper like the inputs of `recommend`.' })
export class Recommendation {
  @Field(() => Paper)
  paper!: Paper;

  @Field(() => Float, { description: 'Cosine similarity to the combined inputs, in [0, 1].' })
  score!: number;

  @Field(() => [String], { description: 'Keywords of the paper that the inputs share, heaviest first.' })
  sharedTerms!: readonly string[];
}
