import { Field, ID, ObjectType } from 'type-graphql';
import type { AuthorView } from '../../domain/views.js';

@ObjectType({ description: 'A paper author; the id comes from the normalised name.' })
export class Author implements AuthorView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}
