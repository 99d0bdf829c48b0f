import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { PaperRow } from '../../graph/stores/paper.store.js';
import { PageInfo } from '../common/page-info.type.js';
import { DateScalar } from '../common/scalars.js';

@ObjectType({ simpleResolvers: true, description: 'A research paper.' })
export class Paper implements PaperRow {
  @Field(() => ID, { description: 'The arXiv id when known, else `t-` and a hash of the normalised title.' })
  id!: string;

  @Field(() => String)
  title!: string;

  /** Absent when the query that read the paper did not ask for it: `abstract` resolves it then. */
  abstract?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Publication (or listing) date.' })
  publishedAt!: string | null;

  @Field(() => Int, { nullable: true, description: 'Hugging Face upvotes, when the source gives them.' })
  upvotes!: number | null;

  @Field(() => Int, { description: 'Number of authors (names may be unknown: see `authors`).' })
  authorCount!: number;

  @Field(() => String, { nullable: true })
  url!: string | null;

  @Field(() => String, { nullable: true })
  arxivId!: string | null;

  @Field(() => String, { nullable: true, description: 'Lower-cased DOI, when the source gives one.' })
  doi!: string | null;

  @Field(() => [String], { description: 'arXiv-style category codes, primary first.' })
  categories!: readonly string[];
}

@ObjectType({ simpleResolvers: true })
export class Keyword {
  @Field(() => String)
  term!: string;

  @Field(() => Float, { description: 'TF-IDF weight of the term in this paper.' })
  weight!: number;
}

@ObjectType({ simpleResolvers: true })
export class RelatedPaper {
  @Field(() => Paper)
  paper!: Paper;

  @Field(() => Float, { description: 'Cosine similarity in [0, 1].' })
  score!: number;

  @Field(() => [String], { description: 'Terms both papers weight highly, best first.' })
  sharedTerms!: readonly string[];
}

@ObjectType({ simpleResolvers: true })
export class CodeRepository {
  @Field(() => String)
  url!: string;
}

@ObjectType({ simpleResolvers: true })
export class PaperEdge {
  @Field(() => String, { description: 'Opaque; pass as `after` to continue after this paper.' })
  cursor!: string;

  @Field(() => Paper)
  node!: Paper;
}

@ObjectType({ simpleResolvers: true, description: 'A page of papers (Relay connection).' })
export class PaperConnection {
  @Field(() => Int, { description: 'Papers in the whole list, not just this page.' })
  totalCount!: number;

  @Field(() => [PaperEdge])
  edges!: PaperEdge[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;
}
