import 'reflect-metadata';
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AuthorResolver } from './author/author.resolver.js';
import { IngestResolver } from './ingest/ingest.resolver.js';
import { ModelResolver, TopicHistoryResolver } from './model/model.resolver.js';
import { OrganizationResolver } from './organization/organization.resolver.js';
import { PaperResolver } from './paper/paper.resolver.js';
import { RecommendResolver } from './recommend/recommend.resolver.js';
import { SearchResolver } from './search/search.resolver.js';
import { StatsResolver } from './stats/stats.resolver.js';
import { TopicResolver } from './topic/topic.resolver.js';

export const resolvers = [
  PaperResolver,
  SearchResolver,
  TopicResolver,
  AuthorResolver,
  OrganizationResolver,
  RecommendResolver,
  StatsResolver,
  ModelResolver,
  TopicHistoryResolver,
  IngestResolver,
] as const;

/**
 * The executable schema; the emitted SDL (schema/schema.graphql) is its sorted print.
 * Object types are declared with `simpleResolvers: true`: we use no type-graphql
 * middlewares or auth checkers, so plain fields take graphql-js's default resolver instead
 * of a wrapper per field and per row.
 */
export async function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: false });
}

export async function sortedSchema(): Promise<GraphQLSchema> {
  return lexicographicSortSchema(await createSchema());
}
