import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../common/scalars.js';

@InputType({
  description: 'A paper to add. Checked like papers read from files; bad ones are reported, not written.',
})
export class PaperInput {
  @Field(() => String)
  title!: string;

  @Field(() => String)
  abstract!: string;

  @Field(() => [String], { nullable: true, description: 'Author names in author order.' })
  authors?: string[] | null;

  @Field(() => DateScalar, { nullable: true })
  publishedAt?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Any arXiv id form (2401.01234, arXiv:2401.01234v2, an abs URL).',
  })
  arxivId?: string | null;

  @Field(() => String, { nullable: true, description: 'http(s) URL of the paper.' })
  url?: string | null;

  @Field(() => [String], { nullable: true, description: 'arXiv-style category codes, primary first.' })
  categories?: string[] | null;
}

@ObjectType({ simpleResolvers: true, description: 'Why one input of ingestPapers was not written.' })
export class IngestError {
  @Field(() => Int, { description: 'Position of the input in `papers`, from 0.' })
  index!: number;

  @Field(() => String)
  message!: string;
}

@ObjectType({ simpleResolvers: true })
export class IngestResult {
  @Field(() => Int, { description: 'Papers written (new to the graph).' })
  ingested!: number;

  @Field(() => Int, {
    description:
      'Inputs not written: invalid ones (see `errors`), repeats, and papers the graph already had.',
  })
  skipped!: number;

  @Field(() => [ID], { description: 'Ids of every valid input, new or already known, in input order.' })
  paperIds!: string[];

  @Field(() => [IngestError])
  errors!: IngestError[];
}
