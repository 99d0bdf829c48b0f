import { Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';
import {
  PAPER_FIELDS,
  TOPIC_FIELDS,
  type PaperField,
  type PaperInclude,
  type RelatedArgsInput,
  type TopicField,
} from '../../graph/cypher/reads.js';

/**
 * Look-ahead into the selection of the field being resolved, so that a root field can fetch
 * papers together with the relations their selection asks for in one query (and prime the
 * DataLoaders), instead of one query per relation. Fragments and aliases are followed;
 * `@skip`/`@include` are ignored (at worst a relation is fetched that is not shown).
 */

function collectFields(
  set: SelectionSetNode | undefined,
  info: GraphQLResolveInfo,
  out: FieldNode[],
  seen: Set<string>,
) {
  if (!set) return;
  for (const sel of set.selections) {
    if (sel.kind === Kind.FIELD) out.push(sel);
    else if (sel.kind === Kind.INLINE_FRAGMENT) collectFields(sel.selectionSet, info, out, seen);
    else if (!seen.has(sel.name.value)) {
      seen.add(sel.name.value);
      collectFields(info.fragments[sel.name.value]?.selectionSet, info, out, seen);
    }
  }
}

/** Field nodes selected at `path` (field names) below the current field. */
export function fieldsAt(info: GraphQLResolveInfo, path: readonly string[]): FieldNode[] {
  let level: FieldNode[] = [...info.fieldNodes];
  for (const name of path) {
    const next: FieldNode[] = [];
    for (const node of level) {
      const children: FieldNode[] = [];
      collectFields(node.selectionSet, info, children, new Set());
      next.push(...children.filter((c) => c.name.value === name));
    }
    level = next;
  }
  const out: FieldNode[] = [];
  for (const node of level) collectFields(node.selectionSet, info, out, new Set());
  return out;
}

/** Fields selected below the given field nodes' children named `name`. */
function childFields(info: GraphQLResolveInfo, nodes: readonly FieldNode[], name: string): FieldNode[] {
  const out: FieldNode[] = [];
  for (const node of nodes) {
    const children: FieldNode[] = [];
    collectFields(node.selectionSet, info, children, new Set());
    for (const c of children) if (c.name.value === name) collectFields(c.selectionSet, info, out, new Set());
  }
  return out;
}

const PAPER_FIELD_SET: ReadonlySet<string> = new Set(PAPER_FIELDS);
const TOPIC_FIELD_SET: ReadonlySet<string> = new Set(TOPIC_FIELDS);

/** The stored fields among `nodes`, in the canonical order of `all` (so queries read alike). */
function storedFields<F extends string>(
  nodes: readonly FieldNode[],
  all: readonly F[],
  set: ReadonlySet<string>,
): F[] {
  const names = new Set<string>();
  for (const n of nodes) if (set.has(n.name.value)) names.add(n.name.value);
  return all.filter((f) => names.has(f));
}

// Field resolvers run once per parent object with the same `fieldNodes` array (graphql-js
// memoises it per field), so what they select is worked out once per query, not per row.
const paperFieldsMemo = new WeakMap<readonly FieldNode[], Map<string, PaperField[]>>();
const topicFieldsMemo = new WeakMap<readonly FieldNode[], TopicField[]>();

/** Paper fields (besides the id) selected at `path` below the current field. */
export function selectedPaperFields(info: GraphQLResolveInfo, path: readonly string[]): PaperField[] {
  const key = path.join('.');
  let byPath = paperFieldsMemo.get(info.fieldNodes);
  const known = byPath?.get(key);
  if (known) return known;
  const fields = storedFields(fieldsAt(info, path), PAPER_FIELDS, PAPER_FIELD_SET);
  if (!byPath) paperFieldsMemo.set(info.fieldNodes, (byPath = new Map()));
  byPath.set(key, fields);
  return fields;
}

/** Topic fields (besides the id) selected below the current field. */
export function selectedTopicFields(info: GraphQLResolveInfo): TopicField[] {
  let fields = topicFieldsMemo.get(info.fieldNodes);
  if (!fields) {
    fields = storedFields(fieldsAt(info, []), TOPIC_FIELDS, TOPIC_FIELD_SET);
    topicFieldsMemo.set(info.fieldNodes, fields);
  }
  return fields;
}

/** Whether `name` is selected at `path` below the current field. */
export function selects(info: GraphQLResolveInfo, path: readonly string[], name: string): boolean {
  return fieldsAt(info, path).some((f) => f.name.value === name);
}

/**
 * Argument values of a selected Paper field: literals, variables, else the field's default.
 * Read straight from the AST (no graphql-js coercion helpers, which refuse schema objects
 * of another graphql module instance, as under vitest). Null when one is not a number: the
 * field resolver reports that itself.
 */
function paperFieldArgs(info: GraphQLResolveInfo, node: FieldNode): Record<string, number> | null {
  const paper = info.schema.getType('Paper');
  const def = paper && 'getFields' in paper ? paper.getFields()[node.name.value] : undefined;
  if (!def || !('args' in def)) return null;
  const out: Record<string, number> = {};
  for (const arg of def.args) {
    const given = node.arguments?.find((a) => a.name.value === arg.name)?.value;
    let value: unknown = arg.defaultValue;
    if (given?.kind === Kind.INT || given?.kind === Kind.FLOAT) value = Number(given.value);
    else if (given?.kind === Kind.VARIABLE) value = info.variableValues[given.name.value] ?? arg.defaultValue;
    else if (given !== undefined) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) return null;
    out[arg.name] = value;
  }
  return out;
}

const validFirst = (v: unknown, max: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= max;

/** The abstract and relations of Paper selected at `path` (e.g. `['edges', 'node']` of a connection). */
export function paperIncludeAt(
  info: GraphQLResolveInfo,
  path: readonly string[],
  maxPage: number,
): PaperInclude {
  const related = new Map<string, RelatedArgsInput>();
  const keywords = new Set<number>();
  const selected = fieldsAt(info, path);
  const include: { -readonly [K in keyof PaperInclude]: PaperInclude[K] } = {
    abstract: false,
    fields: storedFields(selected, PAPER_FIELDS, PAPER_FIELD_SET),
  };
  for (const f of selected) {
    switch (f.name.value) {
      case 'abstract':
        include.abstract = true;
        break;
      case 'topic': {
        include.topic = true;
        const sub: FieldNode[] = [];
        collectFields(f.selectionSet, info, sub, new Set());
        const fields = storedFields(sub, TOPIC_FIELDS, TOPIC_FIELD_SET);
        const before = include.topicFields ?? [];
        include.topicFields = TOPIC_FIELDS.filter((t) => before.includes(t) || fields.includes(t));
        break;
      }
      case 'authors':
        include.authors = true;
        break;
      case 'organization':
        include.organization = true;
        break;
      case 'codeRepositories':
        include.codeRepositories = true;
        break;
      case 'related': {
        const args = paperFieldArgs(info, f);
        const { first, minScore } = args ?? {};
        if (validFirst(first, maxPage) && typeof minScore === 'number' && minScore >= 0 && minScore <= 1) {
          const fields = storedFields(childFields(info, [f], 'paper'), PAPER_FIELDS, PAPER_FIELD_SET);
          related.set(`${first}:${minScore}:${fields.join(',')}`, { first, minScore, fields });
        }
        break;
      }
      case 'keywords': {
        const first = paperFieldArgs(info, f)?.first;
        if (validFirst(first, maxPage)) keywords.add(first);
        break;
      }
      default:
        break;
    }
  }
  if (related.size > 0) include.related = [...related.values()];
  if (keywords.size > 0) include.keywords = [...keywords];
  return include;
}
