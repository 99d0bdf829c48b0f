import { ArgsType, Field, Int } from 'type-graphql';

@ArgsType()
export class PaperConnectionArgs {
  @Field(() => Int, { defaultValue: 20 })
  first!: number;

  @Field(() => String, { nullable: true })
  after?: string;
}
