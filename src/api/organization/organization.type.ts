import { Field, ObjectType } from 'type-graphql';

@ObjectType({ simpleResolvers: true, description: 'An organisation (affiliation) named by a paper source.' })
export class Organization {
  @Field(() => String)
  name!: string;
}
