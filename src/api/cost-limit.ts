import type { ApolloServerPlugin } from '@apollo/server';
import {
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValueNode,
} from 'graphql';
import { ApiError } from './errors.js';

/**
 * Upper bound of the objects an operation can resolve: every field counts once per parent
 * object it may appear under, and a field with a `first` argument multiplies what is below
 * it by that page size (its default when not given). Depth and page size are limited
 * separately; this catches their product, e.g. 100 papers x 100 related x 100 related.
 * Works on the AST and plain schema data only (no graphql-js type predicates, which refuse
 * schema objects of another graphql module instance, as under vitest).
 */
export function estimateCost(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
  variables: Readonly<Record<string, unknown>>,
): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : schema.getQueryType();
  if (!root) return 0;

  const fieldsOf = (
    typeName: string,
  ): Record<string, { type: unknown; args: readonly { name: string; defaultValue: unknown }[] }> => {
    const type = schema.getType(typeName);
    return type && 'getFields' in type ? (type.getFields() as never) : {};
  };
  const namedType = (t: unknown): string => {
    let cur = t as { ofType?: unknown; name?: string };
    while (cur.ofType) cur = cur.ofType as { ofType?: unknown; name?: string };
    return cur.name ?? '';
  };
  const argValue = (node: ValueNode | undefined, fallback: unknown): unknown => {
    if (node === undefined) return fallback;
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind === Kind.VARIABLE) return variables[node.name.value] ?? fallback;
    return fallback;
  };

  const walk = (
    set: SelectionSetNode | undefined,
    typeName: string,
    multiplier: number,
    seen: Set<string>,
  ): number => {
    if (!set) return 0;
    const fields = fieldsOf(typeName);
    let cost = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.INLINE_FRAGMENT) {
        cost += walk(sel.selectionSet, sel.typeCondition?.name.value ?? typeName, multiplier, seen);
      } else if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(sel.name.value);
        if (frag && !seen.has(frag.name.value)) {
          cost += walk(
            frag.selectionSet,
            frag.typeCondition.name.value,
            multiplier,
            new Set([...seen, frag.name.value]),
          );
        }
      } else {
        cost += multiplier + fieldCost(sel, fields[sel.name.value], multiplier, seen);
      }
    }
    return cost;
  };
  const fieldCost = (
    node: FieldNode,
    def: { type: unknown; args: readonly { name: string; defaultValue: unknown }[] } | undefined,
    multiplier: number,
    seen: Set<string>,
  ): number => {
    if (!def || !node.selectionSet) return 0;
    const firstArg = def.args.find((a) => a.name === 'first');
    const given = firstArg
      ? argValue(node.arguments?.find((a) => a.name.value === 'first')?.value, firstArg.defaultValue)
      : 1;
    const size = typeof given === 'number' && Number.isFinite(given) && given >= 0 ? given : 1;
    return walk(node.selectionSet, namedType(def.type), multiplier * Math.max(1, size), seen);
  };

  return walk(operation.selectionSet, root.name, 1, new Set());
}

/** Refuse operations whose cost (see `estimateCost`) exceeds `maxCost`, before they run. */
export function costLimit(maxCost: number): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const def of document.definitions)
            if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
          const cost = estimateCost(schema, operation, fragments, request.variables ?? {});
          if (cost > maxCost) {
            throw new ApiError(
              'BAD_USER_INPUT',
              `Query could resolve up to ${cost} objects; the limit is ${maxCost}. Ask for smaller pages (lower "first") or split it.`,
              { cost, maxCost, http: { status: 400 } },
            );
          }
        },
      };
    },
  };
}
