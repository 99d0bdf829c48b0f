import {
  Kind,
  parse,
  type FragmentDefinitionNode,
  type GraphQLResolveInfo,
  type OperationDefinitionNode,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  paperIncludeAt,
  selectedPaperFields,
  selectedTopicFields,
  selects,
} from '../../../src/api/common/lookahead.js';
import { createSchema } from '../../../src/api/schema.js';

let schema: Awaited<ReturnType<typeof createSchema>>;
beforeAll(async () => {
  schema = await createSchema();
});

/** The resolve info of the first root field of `query`, as graphql-js would pass it. */
function infoOf(query: string, variableValues: Record<string, unknown> = {}): GraphQLResolveInfo {
  const doc = parse(query);
  const op = doc.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const field = op?.selectionSet.selections[0];
  if (!field || field.kind !== Kind.FIELD) throw new Error('no root field');
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const d of doc.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
  return { fieldNodes: [field], fragments, schema, variableValues } as unknown as GraphQLResolveInfo;
}

describe('paperIncludeAt', () => {
  it('finds the relations a connection selects on its nodes, with argument defaults', () => {
    const info = infoOf(
      `{ papers { totalCount edges { node { id topic { label } authors { name } related { score } } } } }`,
    );
    expect(paperIncludeAt(info, ['edges', 'node'], 100)).toEqual({
      abstract: false,
      fields: [],
      topic: true,
      topicFields: ['label'],
      authors: true,
      related: [{ first: 10, minScore: 0, fields: [] }],
    });
    expect(selects(info, [], 'totalCount')).toBe(true);
    expect(selects(info, [], 'pageInfo')).toBe(false);
  });

  it('follows fragments, inline fragments, aliases and variables', () => {
    const info = infoOf(
      `query($n: Int) { paper(id: "x") { ...F ... on Paper { keywords(first: $n) { term } } a: related(first: 2, minScore: 0.5) { score } b: related(first: $n) { score } } }
       fragment F on Paper { organization { name } codeRepositories { url } }`,
      { n: 4 },
    );
    expect(paperIncludeAt(info, [], 100)).toEqual({
      abstract: false,
      fields: [],
      organization: true,
      codeRepositories: true,
      keywords: [4],
      related: [
        { first: 2, minScore: 0.5, fields: [] },
        { first: 4, minScore: 0, fields: [] },
      ],
    });
  });

  it('leaves out argument sets the field resolver will refuse', () => {
    const info = infoOf(
      `{ paper(id: "x") { related(first: 1000) { score } keywords(first: -1) { term } x: related(minScore: 2) { score } } }`,
    );
    expect(paperIncludeAt(info, [], 100)).toEqual({ abstract: false, fields: [] });
  });

  it('asks for no relation when only scalars are selected, and for the abstract only when it is', () => {
    expect(paperIncludeAt(infoOf(`{ paper(id: "x") { id title } }`), [], 100)).toEqual({
      abstract: false,
      fields: ['title'],
    });
    expect(paperIncludeAt(infoOf(`{ paper(id: "x") { id abstract } }`), [], 100)).toEqual({
      abstract: true,
      fields: [],
    });
  });

  it('asks only for the fields selected, of the papers, their topic and their related papers', () => {
    const info = infoOf(
      `{ paper(id: "x") { doi ...F topic { terms } t2: topic { label } related(first: 3) { paper { upvotes title } } r2: related(first: 3) { paper { id } } } }
       fragment F on Paper { categories publishedAt title }`,
    );
    expect(paperIncludeAt(info, [], 100)).toEqual({
      abstract: false,
      fields: ['title', 'doi', 'publishedAt', 'categories'],
      topic: true,
      topicFields: ['label', 'terms'],
      related: [
        { first: 3, minScore: 0, fields: ['title', 'upvotes'] },
        { first: 3, minScore: 0, fields: [] },
      ],
    });
  });
});

describe('selectedPaperFields / selectedTopicFields', () => {
  it('name the stored fields a field resolver selects, in a fixed order', () => {
    const related = infoOf(`{ related { paper { url id title ... on Paper { authorCount } } } }`);
    expect(selectedPaperFields(related, ['paper'])).toEqual(['title', 'authorCount', 'url']);
    // Asked again for the same selection: the same answer (worked out once).
    expect(selectedPaperFields(related, ['paper'])).toBe(selectedPaperFields(related, ['paper']));
    expect(selectedTopicFields(infoOf(`{ topic { size id label } }`))).toEqual(['label', 'size']);
  });
});
