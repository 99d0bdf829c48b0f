import 'reflect-metadata';
import { lexicographicSortSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { PaperResolver } from './paper/paper.resolver.js';
import { StatsResolver } from './stats/stats.resolver.js';
import { TopicResolver } from './topic/topic.resolver.js';

export const resolvers = [PaperResolver, TopicResolver, StatsResolver] as const;

/** The executable schema; the emitted SDL (schema/schema.graphql) is its sorted print. */
export async function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers, validate: false });
}

export async function sortedSchema(): Promise<GraphQLSchema> {
  return lexicographicSortSchema(await createSchema());
}
