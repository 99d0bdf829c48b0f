import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
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

export enum RefreshAction {
  BUILD = 'build',
  REBUILD = 'rebuild',
  PLACE = 'place',
  UNCHANGED = 'unchanged',
}
registerEnumType(RefreshAction, {
  name: 'RefreshAction',
  description:
    'BUILD: the graph had no model, one was built; REBUILD: the model no longer fitted (or a rebuild was asked for) and was rebuilt over every paper; PLACE: new papers were placed in the current model; UNCHANGED: nothing new.',
});

@ObjectType({ simpleResolvers: true, description: 'What the ingest decided about the topic model, and why.' })
export class RefreshReport {
  @Field(() => RefreshAction)
  action!: RefreshAction;

  @Field(() => String, { description: 'The deciding signal, its value and threshold, in words.' })
  reason!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'Papers placed since the model was built, as a share of the papers it was built from.',
  })
  growth!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Share of the placed papers' terms the model does not know.",
  })
  unknownTermShare!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: "Placed papers' mean fit to their topic centre, as a share of the build papers' mean.",
  })
  fit!: number | null;
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

  @Field(() => RefreshReport, {
    nullable: true,
    description: 'What happened to the topic model; null when no input was valid.',
  })
  refresh!: RefreshReport | null;

  @Field(() => String, { nullable: true, description: 'The current topic model after this call.' })
  modelVersion!: string | null;

  @Field(() => Int, {
    description:
      'New papers with no word the model knows: in the largest topic, without related papers until a rebuild.',
  })
  unplaced!: number;
}
