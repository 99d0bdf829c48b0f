import {
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { ApiError } from './errors.js';

/**
 * Validation rule: refuse operations whose selection sets nest deeper than `maxDepth`
 * (fragments expanded; introspection subtrees count as one level). Runs before execution.
 */
export function depthLimit(maxDepth: number) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    const depthOf = (set: SelectionSetNode | undefined, seen: Set<string>): number => {
      if (!set) return 0;
      let max = 0;
      for (const sel of set.selections) {
        if (sel.kind === Kind.FIELD) {
          // Introspection (`__schema`, `__type`) reads the schema in memory, never the graph:
          // editors ask for it with deep `ofType` chains, so it does not count.
          if (sel.name.value.startsWith('__')) max = Math.max(max, 1);
          else max = Math.max(max, sel.selectionSet ? 1 + depthOf(sel.selectionSet, seen) : 1);
        } else if (sel.kind === Kind.INLINE_FRAGMENT) {
          max = Math.max(max, depthOf(sel.selectionSet, seen));
        } else {
          const name = sel.name.value;
          const frag = fragments.get(name);
          if (frag && !seen.has(name))
            max = Math.max(max, depthOf(frag.selectionSet, new Set([...seen, name])));
        }
      }
      return max;
    };
    return {
      OperationDefinition(node) {
        const depth = depthOf(node.selectionSet, new Set());
        if (depth > maxDepth) {
          context.reportError(
            new ApiError(
              'BAD_USER_INPUT',
              `Query is nested ${depth} levels deep; the limit is ${maxDepth}. Split it into several queries.`,
              { depth, maxDepth },
              [node],
            ),
          );
        }
      },
    };
  };
}
