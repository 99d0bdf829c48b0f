import { Field, Float, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '../common/page-info.type.js';
import { Paper } from '../paper/paper.type.js';

@ObjectType({ simpleResolvers: true })
export class PaperSearchEdge {
  @Field(() => String, { description: 'Opaque; pass as `after` to continue after this hit.' })
  cursor!: string;

  @Field(() => Paper)
  node!: Paper;

  @Field(() => Float, {
    description: 'Relevance (Lucene BM25); higher is better, comparable within one search only.',
  })
  score!: number;
}

@ObjectType({
  simpleResolvers: true,
  description: 'A page of full-text search hits, best first (Relay connection).',
})
export class PaperSearchConnection {
  @Field(() => Int, { description: 'Papers matching the query in all.' })
  totalCount!: number;

  @Field(() => [PaperSearchEdge])
  edges!: PaperSearchEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
