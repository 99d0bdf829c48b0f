/**
 * The writes of a full build as data. Pure: `planFullBuild` turns what the analysis found and
 * which papers this run created into phases of lanes of typed write operations; `runPlan`
 * (plan-executor.ts) runs them. Lanes of a phase run side by side, so no two of them may touch
 * the same node: Neo4j would make one wait on the other's locks, or deadlock. That is a
 * property of the plan, checked by unit tests without a database.
 *
 * Papers created in this run are split into lane groups by topic (whole topics, balanced by
 * size) and their keywords into as many sets (by a hash of the term). Phase `first`: each lane
 * writes its group's topic edges and vectors, the similar edges inside its group, and its
 * group's keywords of set g. Phases `keywords-r`: lane g writes its group's keywords of set
 * g + r, so no two lanes share a keyword. Phase `cross`: one lane, every edge across groups,
 * marking each list complete. Phase `stale`: papers stored before this run (a rebuild) have
 * topic, vector, keywords and similar papers replaced. A bulk load into an empty graph adds the
 * vector index after `first` and waits for every index at the end.
 */

export type WriteOp =
  /** Topic edge and vector of papers created in this run. */
  | { readonly kind: 'topics'; readonly rows: readonly number[] }
  /** Keywords of papers created in this run, only those of keyword set `set` (of `sets`). */
  | {
      readonly kind: 'keywords';
      readonly rows: readonly number[];
      readonly set: number;
      readonly sets: number;
    }
  /**
   * Similar edges of `rows`: `edges` `inner` (to papers created in this run in the same lane
   * group), `cross` (the others) or `all`; `replace`: the papers had a list before (it is
   * replaced); `complete`: the list is whole after this write (the paper is marked linked).
   */
  | {
      readonly kind: 'similar';
      readonly rows: readonly number[];
      readonly edges: 'inner' | 'cross' | 'all';
      readonly replace: boolean;
      readonly complete: boolean;
    }
  /** Topic, vector and keywords of papers stored before this run, replacing theirs. */
  | { readonly kind: 'analysis'; readonly rows: readonly number[] }
  /** Create the vector index (a bulk load creates it after the first vectors are in). */
  | { readonly kind: 'vectorIndex' }
  /** Wait until every index is populated. */
  | { readonly kind: 'awaitIndexes' };

export type WriteKind = WriteOp['kind'];

export interface Phase {
  readonly name: string;
  /** Each lane's operations run in order; lanes run side by side. */
  readonly lanes: readonly (readonly WriteOp[])[];
}

export interface FullBuildInput {
  /** Per paper (analysis order): created in this run (it has no topic, keywords or list yet). */
  readonly created: readonly boolean[];
  /** Per paper: its topic index. */
  readonly assignments: ArrayLike<number>;
  /** Papers per topic, by topic index. */
  readonly topicSizes: readonly number[];
  /** Lane groups (side-by-side writers). */
  readonly lanes: number;
  /** A bulk load into a graph without papers (indexes are made after the data). */
  readonly bulk: boolean;
}

export function planFullBuild(input: FullBuildInput): Phase[] {
  const { created, lanes, bulk } = input;
  const groupOfTopic = balancedTopicGroups(input.topicSizes, lanes);
  const members = Array.from({ length: lanes }, (): number[] => []);
  const stale: number[] = [];
  created.forEach((isNew, i) => {
    if (isNew) members[groupOfTopic[input.assignments[i] ?? 0] ?? 0]?.push(i);
    else stale.push(i);
  });
  const fresh = members.flat().sort((a, b) => a - b);
  const phases: Phase[] = [];
  if (fresh.length > 0) {
    phases.push({
      name: 'first',
      lanes: members.map((rows, g) => [
        { kind: 'topics', rows },
        { kind: 'similar', rows, edges: 'inner', replace: false, complete: false },
        { kind: 'keywords', rows, set: g, sets: lanes },
      ]),
    });
  }
  if (bulk) phases.push({ name: 'vector-index', lanes: [[{ kind: 'vectorIndex' }]] });
  if (fresh.length > 0) {
    for (let r = 1; r < lanes; r++) {
      phases.push({
        name: `keywords-${r}`,
        lanes: members.map((rows, g) => [{ kind: 'keywords', rows, set: (g + r) % lanes, sets: lanes }]),
      });
    }
    phases.push({
      name: 'cross',
      lanes: [[{ kind: 'similar', rows: fresh, edges: 'cross', replace: false, complete: true }]],
    });
  }
  if (stale.length > 0) {
    phases.push({
      name: 'stale',
      lanes: [
        [
          { kind: 'analysis', rows: stale },
          { kind: 'similar', rows: stale, edges: 'all', replace: true, complete: true },
        ],
      ],
    });
  }
  if (bulk) phases.push({ name: 'indexes', lanes: [[{ kind: 'awaitIndexes' }]] });
  return phases;
}

/** The lane group of each paper created in this run (-1 for the others). */
export function laneGroupOf(input: Omit<FullBuildInput, 'bulk'>): (row: number) => number {
  const groupOfTopic = balancedTopicGroups(input.topicSizes, input.lanes);
  return (row) => (input.created[row] === true ? (groupOfTopic[input.assignments[row] ?? 0] ?? 0) : -1);
}

/** Whether a neighbour edge of `row` to `neighbour` is an `inner` edge (same lane group, both new). */
export function isInnerEdge(groupOf: (row: number) => number, row: number, neighbour: number): boolean {
  const g = groupOf(row);
  return g >= 0 && groupOf(neighbour) === g;
}

/** Which of `sets` sets a keyword is in (a stable hash of its text). */
export function keywordSet(term: string, sets = 2): number {
  let h = 0;
  for (let i = 0; i < term.length; i++) h = (Math.imul(h, 31) + term.charCodeAt(i)) | 0;
  return (h >>> 0) % sets;
}

/**
 * Topics into `groups` groups of about equal paper counts (largest first, each to the
 * lightest group): group per topic index.
 */
export function balancedTopicGroups(sizes: readonly number[], groups = 2): number[] {
  const group = new Array<number>(sizes.length).fill(0);
  const load = new Array<number>(groups).fill(0);
  const order = sizes.map((_, t) => t).sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0) || a - b);
  for (const t of order) {
    let g = 0;
    for (let h = 1; h < groups; h++) if ((load[h] ?? 0) < (load[g] ?? 0)) g = h;
    group[t] = g;
    load[g] = (load[g] ?? 0) + (sizes[t] ?? 0);
  }
  return group;
}
