import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { AuthorView } from '../../domain/views.js';
import { PageInfo } from '../common/page-info.type.js';

@ObjectType({ simpleResolvers: true, description: 'A paper author; the id comes from the normalised name.' })
export class Author implements AuthorView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType({ simpleResolvers: true })
export class Coauthor {
  @Field(() => Author)
  author!: Author;

  @Field(() => Int, { description: 'Papers the two wrote together.' })
  sharedPapers!: number;
}

@ObjectType({ simpleResolvers: true })
export class AuthorEdge {
  @Field(() => String, { description: 'Opaque; pass as `after` to continue after this author.' })
  cursor!: string;

  @Field(() => Author)
  node!: Author;
}

@ObjectType({ simpleResolvers: true, description: 'A page of authors (Relay connection).' })
export class AuthorConnection {
  @Field(() => Int, { description: 'Authors in the whole list, not just this page.' })
  totalCount!: number;

  @Field(() => [AuthorEdge])
  edges!: AuthorEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
