import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'An organisation (affiliation) named by a paper source.' })
export class Organization {
  @Field(() => String)
  name!: string;
}
