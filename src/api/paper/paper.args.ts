import { PaperListArgs } from '../common/connection.args.js';
import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import type { CitationKeys, PaperFilterInput } from '../../graph/cypher/reads.js';
import { normaliseArxivId, normaliseTitle } from '../../domain/ids.js';
import { normaliseDoi } from '../../ingest/record.js';
import { DateScalar } from '../common/scalars.js';
import { badInput } from '../errors.js';

@InputType({ description: 'Every given condition must hold.' })
export class PaperFilter {
  @Field(() => ID, { nullable: true })
  topicId?: string;

  @Field(() => ID, { nullable: true })
  authorId?: string;

  @Field(() => String, { nullable: true, description: 'arXiv category code, e.g. cs.CL.' })
  category?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive.' })
  publishedAfter?: Date;

  @Field(() => DateScalar, { nullable: true, description: 'Inclusive.' })
  publishedBefore?: Date;
}

/** `Query.papers`: a nested paper list's arguments plus a filter. */
@ArgsType()
export class PapersArgs extends PaperListArgs {
  @Field(() => PaperFilter, { nullable: true })
  filter?: PaperFilter;
}

@ArgsType()
export class KeywordsArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10 })
  first?: number | null;
}

@ArgsType()
export class RelatedArgs {
  @Field(() => Int, { nullable: true, defaultValue: 10 })
  first?: number | null;

  @Field(() => Float, {
    nullable: true,
    defaultValue: 0,
    description: 'Leave out papers less similar than this, in [0, 1].',
  })
  minScore?: number | null;
}

const isoDate = (d: Date | undefined | null): string | undefined =>
  d ? d.toISOString().slice(0, 10) : undefined;

export function toFilterInput(filter: PaperFilter | undefined | null): PaperFilterInput {
  if (!filter) return {};
  const after = isoDate(filter.publishedAfter);
  const before = isoDate(filter.publishedBefore);
  if (after && before && after > before) {
    throw badInput('filter.publishedAfter', `${after} is later than publishedBefore ${before}.`);
  }
  const out: { -readonly [K in keyof PaperFilterInput]: PaperFilterInput[K] } = {};
  if (filter.topicId != null) out.topicId = filter.topicId;
  if (filter.authorId != null) out.authorId = filter.authorId;
  if (filter.category != null) out.category = filter.category;
  if (after) out.publishedAfter = after;
  if (before) out.publishedBefore = before;
  return out;
}

/** `Query.paperByCitation`: the `citation_*` meta tags of a scholarly page (Highwire/Google Scholar). */
@ArgsType()
export class CitationArgs {
  @Field(() => String, {
    nullable: true,
    description: '`citation_arxiv_id`: 2501.00001, arXiv:2501.00001v2 or an arxiv.org URL.',
  })
  arxivId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '`citation_doi`: 10.x/y, doi:10.x/y or a doi.org URL.',
  })
  doi?: string | null;

  @Field(() => String, {
    nullable: true,
    description: '`citation_title`: matched after normalising case, accents and punctuation.',
  })
  title?: string | null;
}

const MAX_CITATION_TITLE = 1_000;

/** The normalised keys of citation arguments; a given value that is not one is a user error. */
export function toCitationKeys(args: CitationArgs): CitationKeys {
  const given = (v: string | null | undefined): string | null => (v == null || v.trim() === '' ? null : v);
  const arxivRaw = given(args.arxivId);
  const doiRaw = given(args.doi);
  const titleRaw = given(args.title);
  if (arxivRaw === null && doiRaw === null && titleRaw === null)
    throw badInput('arxivId', 'give at least one of "arxivId", "doi" or "title".');
  const arxivId = arxivRaw === null ? null : (normaliseArxivId(arxivRaw) ?? null);
  if (arxivRaw !== null && arxivId === null)
    throw badInput('arxivId', `"${arxivRaw.slice(0, 80)}" is not an arXiv id (e.g. 2501.00001).`);
  const doi = doiRaw === null ? null : (normaliseDoi(doiRaw) ?? null);
  if (doiRaw !== null && doi === null)
    throw badInput('doi', `"${doiRaw.slice(0, 80)}" is not a DOI (e.g. 10.1234/abc).`);
  if (titleRaw !== null && titleRaw.length > MAX_CITATION_TITLE)
    throw badInput('title', `at most ${MAX_CITATION_TITLE} characters, got ${titleRaw.length}.`);
  const titleKey = titleRaw === null ? null : normaliseTitle(titleRaw);
  return { arxivId, doi, titleKey: titleKey === '' ? null : titleKey };
}
