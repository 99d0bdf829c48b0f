import {
  Kind,
  type ASTVisitor,
  type FragmentDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
} from 'graphql';
import { ApiError } from './errors.js';

/** Limits on the shape of a document, checked before anything is priced or run. */
export interface ShapeLimits {
  /** Deepest selection (fragments expanded; introspection subtrees count as one level). */
  readonly maxDepth: number;
  /** Most aliased fields in the document as written. */
  readonly maxAliases: number;
  /**
   * Most selections (fields, spreads, inline fragments) once every fragment spread is
   * expanded: bounds the work of everything that walks the expanded query (the cost walk).
   */
  readonly maxNodes: number;
}

/** What one selection set (or fragment) amounts to once expanded. */
interface Shape {
  depth: number;
  nodes: number;
}

/** Sums saturate here: a fragment bomb's true size (2^1000) is not a useful number. */
const SATURATE = Number.MAX_SAFE_INTEGER;

/**
 * Depth and expanded size of every selection set, each fragment computed once and
 * remembered: a chain of N fragments that each spread the next twice costs N steps, not
 * 2^N. A fragment on a cycle (reported by graphql's own NoFragmentCycles) counts as empty.
 */
export function measureShape(
  root: SelectionSetNode,
  fragments: ReadonlyMap<string, FragmentDefinitionNode>,
): Shape {
  const memo = new Map<string, Shape | 'visiting'>();
  const fragmentShape = (name: string): Shape => {
    const known = memo.get(name);
    if (known === 'visiting') return { depth: 0, nodes: 0 };
    if (known) return known;
    const frag = fragments.get(name);
    if (!frag) return { depth: 0, nodes: 0 };
    memo.set(name, 'visiting');
    const shape = setShape(frag.selectionSet);
    memo.set(name, shape);
    return shape;
  };
  const setShape = (set: SelectionSetNode): Shape => {
    let depth = 0;
    let nodes = 0;
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        nodes = Math.min(SATURATE, nodes + 1);
        // Introspection (`__schema`, `__type`) reads the schema in memory, never the graph:
        // editors ask for it with deep `ofType` chains, so its depth does not count (its
        // cost does, see cost-limit.ts).
        if (sel.name.value.startsWith('__') || !sel.selectionSet) depth = Math.max(depth, 1);
        else {
          const below = setShape(sel.selectionSet);
          depth = Math.max(depth, 1 + below.depth);
          nodes = Math.min(SATURATE, nodes + below.nodes);
        }
      } else {
        nodes = Math.min(SATURATE, nodes + 1);
        const below =
          sel.kind === Kind.INLINE_FRAGMENT ? setShape(sel.selectionSet) : fragmentShape(sel.name.value);
        depth = Math.max(depth, below.depth);
        nodes = Math.min(SATURATE, nodes + below.nodes);
      }
    }
    return { depth, nodes };
  };
  return setShape(root);
}

/**
 * Validation rule: refuse documents nested deeper than `maxDepth`, with more than
 * `maxAliases` aliases, or expanding to more than `maxNodes` fields. Linear in the size of
 * the document as written, whatever its fragments expand to.
 */
export function shapeLimit(limits: ShapeLimits) {
  return (context: ValidationContext): ASTVisitor => {
    const fragments = new Map<string, FragmentDefinitionNode>();
    for (const def of context.getDocument().definitions) {
      if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
    }
    let aliases = 0;
    return {
      Field(node) {
        if (node.alias) aliases++;
      },
      Document: {
        leave() {
          if (aliases > limits.maxAliases) {
            context.reportError(
              new ApiError(
                'BAD_USER_INPUT',
                `Query has ${aliases} aliased fields; the limit is ${limits.maxAliases}. Split it into several requests.`,
                { aliases, maxAliases: limits.maxAliases },
              ),
            );
          }
        },
      },
      OperationDefinition(node) {
        const { depth, nodes } = measureShape(node.selectionSet, fragments);
        if (depth > limits.maxDepth) {
          context.reportError(
            new ApiError(
              'BAD_USER_INPUT',
              `Query is nested ${depth} levels deep; the limit is ${limits.maxDepth}. Split it into several queries.`,
              { depth, maxDepth: limits.maxDepth },
              [node],
            ),
          );
        }
        if (nodes > limits.maxNodes) {
          context.reportError(
            new ApiError(
              'BAD_USER_INPUT',
              `Query expands to ${nodes >= SATURATE ? 'more than 2^53' : nodes} selections once its fragments are spread; ` +
                `the limit is ${limits.maxNodes}. Spread each fragment fewer times, or split the query.`,
              { nodes, maxNodes: limits.maxNodes },
              [node],
            ),
          );
        }
      },
    };
  };
}

/** Depth only (kept for callers that set no other shape limit). */
export function depthLimit(maxDepth: number) {
  return shapeLimit({ maxDepth, maxAliases: Number.MAX_SAFE_INTEGER, maxNodes: Number.MAX_SAFE_INTEGER });
}
