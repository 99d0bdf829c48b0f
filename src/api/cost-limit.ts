import type { ApolloServerPlugin } from '@apollo/server';
import {
  GraphQLError,
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  type DocumentNode,
  type GraphQLSchema,
} from 'graphql';
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { ApiError } from './errors.js';

/** How the cost model prices what it cannot read from the request. */
export interface CostModel {
  /** Page sizes above this are refused by the field itself; pricing stops here. */
  readonly maxPage: number;
  /** Most field selections the cost walk visits (a backstop: the shape limit is lower). */
  readonly maxNodes: number;
}

/** Lists without a `first` (a paper's authors, a topic's timeline) are priced at this many items. */
export const UNPAGED_LIST_ITEMS = 25;
/**
 * `__schema` builds the whole schema description in memory: priced as that many objects, so
 * one editor introspection passes and thousands of aliased ones do not.
 */
export const INTROSPECTION_SCHEMA_COST = 2_500;
/** `__type(name:)` describes one type. */
export const INTROSPECTION_TYPE_COST = 100;
/** Free text (`recommend(text:)`, `search(query:)`) is tokenized and projected: one unit per this many characters (an 18k-character text projects in about 4 ms: 1,800 units). */
export const TEXT_CHARS_PER_UNIT = 10;

const TEXT_ARGUMENTS = new Set(['text', 'query']);

/** Extra cost of an argument's value: free text by length, lists of inputs by count. */
function argumentCost(args: Readonly<Record<string, unknown>>): number {
  let cost = 0;
  for (const [name, value] of Object.entries(args)) {
    if (typeof value === 'string' && TEXT_ARGUMENTS.has(name))
      cost += Math.ceil(value.length / TEXT_CHARS_PER_UNIT);
    else if (Array.isArray(value)) cost += value.length;
  }
  return cost;
}

/**
 * One estimator for every field, on the request as it will run (variables coerced with
 * their defaults, `@skip`/`@include` applied: graphql-query-complexity does both):
 * a field costs 1, plus its children times the items it returns (its `first`, at most
 * `maxPage`; `UNPAGED_LIST_ITEMS` for a list without one; a connection's `edges` are its
 * page), plus the text and lists it is given. Introspection is priced flat.
 */
export function costEstimator(model: CostModel): ComplexityEstimator {
  return ({ field, type, args, childComplexity }) => {
    if (field.name === '__schema') return INTROSPECTION_SCHEMA_COST;
    if (field.name === '__type') return INTROSPECTION_TYPE_COST;
    // Inside an introspection subtree: paid for by its root.
    if (field.name.startsWith('__') || type.name.startsWith('__')) return 0;
    const values = args as Readonly<Record<string, unknown>>;
    const own = 1 + argumentCost(values);
    if (!isCompositeType(getNamedType(field.type))) return own;
    const first = values.first;
    let items = 1;
    if (field.args.some((a) => a.name === 'first')) {
      items =
        typeof first === 'number' && Number.isFinite(first) ? Math.min(Math.max(first, 0), model.maxPage) : 1;
    } else if (isListType(getNullableType(field.type)) && !type.name.endsWith('Connection')) {
      items = UNPAGED_LIST_ITEMS;
    }
    return own + items * childComplexity;
  };
}

/**
 * Upper bound of the objects the operation resolves (see `costEstimator`). Throws
 * BAD_USER_INPUT when the variables do not fit the operation or the walk would visit more
 * than `maxNodes` selections.
 */
export function estimateCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Readonly<Record<string, unknown>>,
  model: CostModel,
  operationName?: string,
): number {
  try {
    return getComplexity({
      schema,
      query: document,
      variables: { ...variables },
      estimators: [costEstimator(model)],
      // The library counts "at or above": one more than the shape limit allows.
      maxQueryNodes: model.maxNodes + 1,
      ...(operationName ? { operationName } : {}),
    });
  } catch (e) {
    // Variables that do not fit the operation, or a walk longer than `maxNodes` (the shape
    // limit refuses those first): the client's mistake, in graphql's words, which name it.
    if (e instanceof GraphQLError)
      throw new ApiError('BAD_USER_INPUT', e.message, { maxNodes: model.maxNodes, http: { status: 400 } });
    throw e;
  }
}

/** Refuse operations whose cost (see `estimateCost`) exceeds `maxCost`, before they run. */
export function costLimit(maxCost: number, model: CostModel): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const cost = estimateCost(schema, document, request.variables ?? {}, model, request.operationName);
          if (cost > maxCost) {
            throw new ApiError(
              'BAD_USER_INPUT',
              `Query could resolve up to ${cost} objects; the limit is ${maxCost}. Ask for smaller pages (lower "first"), fewer aliases or shorter text, or split it.`,
              { cost, maxCost, http: { status: 400 } },
            );
          }
        },
      };
    },
  };
}
