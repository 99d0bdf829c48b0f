import { sphericalKmeans } from './cluster.js';
import { dot, dot2 } from './dot.js';
import { emptyTopK, offer, type TopK } from './similarity.js';

export interface AnnOptions {
  readonly seed: number;
  /** Target cell size of the fine partition. */
  readonly cellSize: number;
  /** Cells searched per paper: its own and those whose centres are nearest to the paper. */
  readonly probes: number;
  /** Cells a paper may choose its probes from: its own cell's nearest by centre. */
  readonly shortlist: number;
  /** Neighbours-of-neighbours passes after the cell search. */
  readonly passes: number;
  /** Reverse neighbours (papers listing this one) cap per paper in those passes; 0 = none. */
  readonly reverse: number;
}

export const DEFAULT_ANN_OPTIONS: AnnOptions = {
  seed: 42,
  cellSize: 48,
  probes: 10,
  shortlist: 48,
  passes: 3,
  reverse: 5,
};

/**
 * Approximate top-`k` cosine neighbours of every unit vector in near-linear time: each topic
 * (coarse cluster) is split into cells of about `cellSize` vectors by spherical k-means; every
 * cell is searched exactly against the `probes` cells whose centres are nearest to its own
 * centre (block products cell x probed cells, no n x n matrix), then one "neighbours of
 * neighbours" pass (as in NN-descent) recovers pairs split across unprobed cells.
 */
export function approximateTopK(
  vectors: Float32Array,
  dims: number,
  topics: Int32Array,
  nTopics: number,
  k: number,
  opts: AnnOptions = DEFAULT_ANN_OPTIONS,
): TopK {
  const n = vectors.length / dims;
  const plan = planCells(vectors, dims, topics, nTopics, opts);
  const out = emptyTopK(n, k);
  searchCells(
    vectors,
    dims,
    plan,
    Int32Array.from({ length: plan.nCells }, (_, i) => i),
    out,
  );
  const fanout = refineFanout(k);
  let before: Int32Array | undefined;
  for (let p = 0; p < opts.passes; p++) {
    const snapshot = out.index.slice();
    refineRows(vectors, dims, snapshot, out, fanout, 0, n, refineLinks(snapshot, before, k, opts));
    before = snapshot;
  }
  return out;
}

/** Cells, their members and which cells each one searches. */
export interface CellPlan {
  readonly nCells: number;
  /** Members of cell c: members[memberPtr[c] .. memberPtr[c + 1]). */
  readonly members: Int32Array;
  readonly memberPtr: Int32Array;
  /** Cells searched by cell c: probes[c * probeCount .. (c + 1) * probeCount), -1 pads. */
  readonly probes: Int32Array;
  readonly probeCount: number;
  /** Cells each member searches, chosen from its cell's list by nearness of their centres. */
  readonly pick: number;
  /** Cell centres, `dims` values each. */
  readonly centres: Float32Array;
}

export function planCells(
  vectors: Float32Array,
  dims: number,
  topics: Int32Array,
  nTopics: number,
  opts: AnnOptions,
  split?: TopicSplit,
): CellPlan {
  const { cellOf, centres, nCells } = cells(
    vectors,
    dims,
    split ?? splitTopicsSerially(vectors, dims, topics, nTopics, opts),
  );
  const { ptr: memberPtr, rows: members } = rowsByGroup(cellOf, nCells);
  const probeCount = Math.min(Math.max(opts.shortlist, opts.probes), nCells);
  const probes = new Int32Array(nCells * probeCount).fill(-1);
  const near = new Float32Array(nCells);
  const order = Array.from({ length: nCells }, (_, i) => i);
  for (let c = 0; c < nCells; c++) {
    for (let o = 0; o < nCells; o++)
      near[o] = o === c ? Infinity : dot(centres, c * dims, centres, o * dims, dims);
    order.sort((a, b) => (near[b] ?? 0) - (near[a] ?? 0) || a - b);
    for (let p = 0; p < probeCount; p++) probes[c * probeCount + p] = order[p] ?? -1;
  }
  return { nCells, members, memberPtr, probes, probeCount, pick: Math.min(opts.probes, probeCount), centres };
}

/**
 * Exact search of each listed cell's members against the members of its probed cells. With
 * `claim` (a shared counter), threads given the same `todo` take its cells one by one from the
 * counter, so none waits while another still has a queue; each cell writes only its members'
 * rows, so the result does not depend on who searched it.
 */
export function searchCells(
  vectors: Float32Array,
  dims: number,
  plan: CellPlan,
  todo: Int32Array,
  out: TopK,
  claim?: Int32Array,
): void {
  const { members, memberPtr, probes, probeCount, pick, centres } = plan;
  let rows = new Int32Array(1024);
  let mask = new Uint8Array(0);
  let near = new Float32Array(0);
  const queries = new Int32Array(members.length);
  for (let t = 0; t < todo.length; t++) {
    if (claim !== undefined) {
      t = Atomics.add(claim, 0, 1);
      if (t >= todo.length) break;
    }
    const c = todo[t] ?? 0;
    const own = members.subarray(memberPtr[c] ?? 0, memberPtr[c + 1] ?? 0);
    const list = probes.subarray(c * probeCount, (c + 1) * probeCount);
    let valid = 0;
    while (valid < list.length && (list[valid] ?? -1) >= 0) valid++;
    if (pick >= valid) {
      let m = 0;
      for (let p = 0; p < valid; p++) {
        const o = list[p] ?? 0;
        const a = memberPtr[o] ?? 0;
        const b = memberPtr[o + 1] ?? 0;
        if (m + b - a > rows.length) {
          const grown = new Int32Array(Math.max(rows.length * 2, m + b - a));
          grown.set(rows.subarray(0, m));
          rows = grown;
        }
        rows.set(members.subarray(a, b), m);
        m += b - a;
      }
      pairTopK(vectors, dims, own, rows.subarray(0, m), out);
      continue;
    }
    // Each member picks the `pick` listed cells whose centres are nearest to it (its own cell
    // always); then every listed cell is searched for the members that picked it.
    if (mask.length < own.length * valid) mask = new Uint8Array(own.length * valid);
    if (near.length < valid) near = new Float32Array(valid);
    mask.fill(0, 0, own.length * valid);
    for (let i = 0; i < own.length; i++) {
      const q = own[i] ?? 0;
      for (let p = 0; p < valid; p++) {
        const o = list[p] ?? 0;
        near[p] = o === c ? Infinity : dot(vectors, q * dims, centres, o * dims, dims);
      }
      for (let s = 0; s < pick; s++) {
        let best = -1;
        for (let p = 0; p < valid; p++) {
          if (mask[i * valid + p] === 0 && (best < 0 || (near[p] ?? 0) > (near[best] ?? 0))) best = p;
        }
        mask[i * valid + best] = 1;
      }
    }
    for (let p = 0; p < valid; p++) {
      let nq = 0;
      for (let i = 0; i < own.length; i++) if (mask[i * valid + p] === 1) queries[nq++] = own[i] ?? 0;
      if (nq === 0) continue;
      const o = list[p] ?? 0;
      pairTopK(
        vectors,
        dims,
        queries.subarray(0, nq),
        members.subarray(memberPtr[o] ?? 0, memberPtr[o + 1] ?? 0),
        out,
      );
    }
  }
}

/**
 * `exactTopK` of similarity.ts with the same results (same sums, same order of offers per
 * query), two queries at a time: each candidate's values are loaded once for both, and the
 * two sets of four partial sums are independent, so the CPU overlaps more of them.
 */
function pairTopK(
  vectors: Float32Array,
  dims: number,
  queries: Int32Array,
  rows: Int32Array,
  into: TopK,
): void {
  const { k, index, score } = into;
  const pair = new Float64Array(2);
  const v = vectors;
  const nq = queries.length;
  for (let j = 0; j < rows.length; j++) {
    const c = rows[j] ?? 0;
    const co = c * dims;
    let qi = 0;
    for (; qi + 1 < nq; qi += 2) {
      const q0 = queries[qi] ?? 0;
      const q1 = queries[qi + 1] ?? 0;
      dot2(v, co, v, q0 * dims, q1 * dims, dims, pair, 0);
      if (q0 !== c) offer(index, score, q0 * k, k, c, pair[0] ?? 0);
      if (q1 !== c) offer(index, score, q1 * k, k, c, pair[1] ?? 0);
    }
    if (qi < nq) {
      const q = queries[qi] ?? 0;
      if (q !== c) offer(index, score, q * k, k, c, dot(v, q * dims, v, co, dims));
    }
  }
}

/**
 * Every topic split into cells of about `cellSize` members by its own k-means (seeded by the
 * topic's number), so topics can be split on any thread in any order. Rows of topic t are
 * rows[ptr[t] .. ptr[t + 1]); `local` (parallel to `rows`) holds each one's cell within its
 * topic, `counts[t]` the topic's cells and centres[(slot[t] + c) * dims ..] their centres.
 */
export interface TopicSplit {
  readonly ptr: Int32Array;
  readonly rows: Int32Array;
  readonly slot: Int32Array;
  readonly local: Int32Array;
  readonly counts: Int32Array;
  readonly centres: Float32Array;
}

/**
 * Rows grouped by their group id (a counting sort, rows ascending within a group): the rows
 * of group g are rows[ptr[g] .. ptr[g + 1]).
 */
function rowsByGroup(groupOf: Int32Array, nGroups: number): { ptr: Int32Array; rows: Int32Array } {
  const n = groupOf.length;
  const ptr = new Int32Array(nGroups + 1);
  for (let r = 0; r < n; r++) ptr[(groupOf[r] ?? 0) + 1] = (ptr[(groupOf[r] ?? 0) + 1] ?? 0) + 1;
  for (let g = 0; g < nGroups; g++) ptr[g + 1] = (ptr[g + 1] ?? 0) + (ptr[g] ?? 0);
  const fill = ptr.slice(0, nGroups);
  const rows = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const g = groupOf[r] ?? 0;
    rows[fill[g] ?? 0] = r;
    fill[g] = (fill[g] ?? 0) + 1;
  }
  return { ptr, rows };
}

/** An empty `TopicSplit` of `topics` (allocated with `alloc`, e.g. in shared memory). */
export function topicSplit(
  topics: Int32Array,
  nTopics: number,
  dims: number,
  cellSize: number,
  alloc: <T extends Int32Array | Float32Array>(a: T) => T = (a) => a,
): TopicSplit {
  const n = topics.length;
  const { ptr, rows } = rowsByGroup(topics, nTopics);
  const slot = new Int32Array(nTopics + 1);
  for (let t = 0; t < nTopics; t++) {
    const size = (ptr[t + 1] ?? 0) - (ptr[t] ?? 0);
    slot[t + 1] = (slot[t] ?? 0) + (size > 0 ? Math.max(1, Math.round(size / cellSize)) : 0);
  }
  return {
    ptr: alloc(ptr),
    rows: alloc(rows),
    slot: alloc(slot),
    local: alloc(new Int32Array(n)),
    counts: alloc(new Int32Array(nTopics)),
    centres: alloc(new Float32Array((slot[nTopics] ?? 0) * dims)),
  };
}

/**
 * Splits the topics listed in `todo` into cells (see `TopicSplit`). With `claim` (a shared
 * counter), threads given the same `todo` take its topics one by one from the counter.
 */
export function splitTopics(
  vectors: Float32Array,
  dims: number,
  split: TopicSplit,
  todo: Int32Array,
  opts: AnnOptions,
  claim?: Int32Array,
): void {
  const { ptr, rows, slot, local, counts, centres } = split;
  for (let i = 0; i < todo.length; i++) {
    if (claim !== undefined) {
      i = Atomics.add(claim, 0, 1);
      if (i >= todo.length) break;
    }
    const t = todo[i] ?? 0;
    const a = ptr[t] ?? 0;
    const b = ptr[t + 1] ?? 0;
    if (b === a) continue;
    const sub = new Float32Array((b - a) * dims);
    for (let j = a; j < b; j++) {
      const r = rows[j] ?? 0;
      sub.set(vectors.subarray(r * dims, (r + 1) * dims), (j - a) * dims);
    }
    const want = (slot[t + 1] ?? 0) - (slot[t] ?? 0);
    const c = sphericalKmeans(sub, dims, want, {
      seed: opts.seed + t,
      restarts: 1,
      init: 'random',
      maxIterations: 6,
      sampleSize: b - a,
    });
    local.set(c.assignments, a);
    centres.set(c.centroids.subarray(0, Math.min(c.k, want) * dims), (slot[t] ?? 0) * dims);
    counts[t] = Math.min(c.k, want);
  }
}

/** Topics in the order best split first: largest first (costliest), then by number. */
export function topicOrder(split: TopicSplit): Int32Array {
  const nTopics = split.counts.length;
  const size = (t: number): number => (split.ptr[t + 1] ?? 0) - (split.ptr[t] ?? 0);
  return Int32Array.from({ length: nTopics }, (_, t) => t).sort((a, b) => size(b) - size(a) || a - b);
}

function splitTopicsSerially(
  vectors: Float32Array,
  dims: number,
  topics: Int32Array,
  nTopics: number,
  opts: AnnOptions,
): TopicSplit {
  const split = topicSplit(topics, nTopics, dims, opts.cellSize);
  splitTopics(vectors, dims, split, topicOrder(split), opts);
  return split;
}

/** Fine partition: cells numbered topic by topic, their centres packed. */
function cells(
  vectors: Float32Array,
  dims: number,
  split: TopicSplit,
): { cellOf: Int32Array; centres: Float32Array; nCells: number } {
  const n = vectors.length / dims;
  const { ptr, rows, slot, local, counts } = split;
  const nTopics = counts.length;
  const cellOf = new Int32Array(n);
  let nCells = 0;
  for (let t = 0; t < nTopics; t++) nCells += counts[t] ?? 0;
  const centres = new Float32Array(nCells * dims);
  let base = 0;
  for (let t = 0; t < nTopics; t++) {
    for (let j = ptr[t] ?? 0; j < (ptr[t + 1] ?? 0); j++) cellOf[rows[j] ?? 0] = base + (local[j] ?? 0);
    const from = (slot[t] ?? 0) * dims;
    centres.set(split.centres.subarray(from, from + (counts[t] ?? 0) * dims), base * dims);
    base += counts[t] ?? 0;
  }
  return { cellOf, centres, nCells };
}

/**
 * Who lists each paper among its first `fanout`, as positions in the list array (a * k + j
 * when paper a lists it j-th): pos[ptr[b] .. ptr[b + 1]) for paper b.
 */
export interface ReverseLists {
  readonly ptr: Int32Array;
  readonly pos: Int32Array;
}

/**
 * Reverse neighbour lists of `index` (k per row, first `fanout` of each used), at most `cap`
 * per paper: those that rank it highest first, then by position, so the result depends only
 * on `index`.
 */
export function reverseLists(index: Int32Array, k: number, fanout: number, cap: number): ReverseLists {
  const n = index.length / k;
  const ptr = new Int32Array(n + 1);
  for (let j = 0; j < fanout; j++) {
    for (let a = 0; a < n; a++) {
      const b = index[a * k + j] ?? -1;
      if (b >= 0 && (ptr[b + 1] ?? 0) < cap) ptr[b + 1] = (ptr[b + 1] ?? 0) + 1;
    }
  }
  for (let b = 0; b < n; b++) ptr[b + 1] = (ptr[b + 1] ?? 0) + (ptr[b] ?? 0);
  const fill = ptr.slice(0, n);
  const pos = new Int32Array(ptr[n] ?? 0);
  for (let j = 0; j < fanout; j++) {
    for (let a = 0; a < n; a++) {
      const b = index[a * k + j] ?? -1;
      if (b < 0 || (fill[b] ?? 0) >= (ptr[b + 1] ?? 0)) continue;
      pos[fill[b] ?? 0] = a * k + j;
      fill[b] = (fill[b] ?? 0) + 1;
    }
  }
  return { ptr, pos };
}

/**
 * Which entries of `index` (the first `fanout` of each row) are new since `before`, the
 * lists of the previous pass: 1 where the paper was not among the row's first `fanout` then.
 */
export function freshEntries(index: Int32Array, before: Int32Array, k: number, fanout: number): Uint8Array {
  const n = index.length / k;
  const fresh = new Uint8Array(n * k);
  for (let r = 0; r < n; r++) {
    for (let j = 0; j < fanout; j++) {
      const a = index[r * k + j] ?? -1;
      if (a < 0) break;
      let old = false;
      for (let m = 0; m < fanout && !old; m++) old = before[r * k + m] === a;
      if (!old) fresh[r * k + j] = 1;
    }
  }
  return fresh;
}

/** Links followed from each list in the neighbours-of-neighbours passes. */
export function refineFanout(k: number): number {
  return Math.min(k, 10);
}

/** Reverse lists and new entries of `snapshot` for a pass (`before`: the previous pass's). */
export function refineLinks(
  snapshot: Int32Array,
  before: Int32Array | undefined,
  k: number,
  opts: AnnOptions,
): RefineLinks {
  const fanout = refineFanout(k);
  return {
    rev: opts.reverse > 0 ? reverseLists(snapshot, k, fanout, opts.reverse) : undefined,
    fresh: before === undefined ? undefined : freshEntries(snapshot, before, k, fanout),
  };
}

/** Inputs of one neighbours-of-neighbours pass (see `refineRows`). */
export interface RefineLinks {
  /** Reverse lists of the snapshot, if reverse neighbours are used. */
  readonly rev?: ReverseLists | undefined;
  /** `freshEntries` of the snapshot: paths through two old links were followed already. */
  readonly fresh?: Uint8Array | undefined;
}

/**
 * One NN-descent step for rows [from, to): offer every vector its neighbours' neighbours
 * (the first `fanout` of each list in `snapshot`, a copy of top.index taken before). With
 * `links.rev`, papers that list a vector count as its neighbours too (as candidates and as
 * paths to more); with `links.fresh`, only paths with at least one new link are followed.
 */
export function refineRows(
  vectors: Float32Array,
  dims: number,
  snapshot: Int32Array,
  top: TopK,
  fanout: number,
  from: number,
  to: number,
  links: RefineLinks = {},
): void {
  const n = vectors.length / dims;
  const { k, index, score } = top;
  const { rev, fresh } = links;
  const isNew = (at: number): boolean => fresh === undefined || fresh[at] === 1;
  const seen = new Int32Array(n).fill(-1);
  const near: number[] = [];
  const nearNew: boolean[] = [];
  const cand: number[] = [];
  for (let r = from; r < to; r++) {
    for (let j = 0; j < k; j++) seen[snapshot[r * k + j] ?? 0] = r;
    seen[r] = r;
    cand.length = 0;
    near.length = 0;
    nearNew.length = 0;
    for (let j = 0; j < fanout; j++) {
      const a = snapshot[r * k + j] ?? -1;
      if (a < 0) break;
      near.push(a);
      nearNew.push(isNew(r * k + j));
    }
    if (rev !== undefined) {
      for (let p = rev.ptr[r] ?? 0; p < (rev.ptr[r + 1] ?? 0); p++) {
        const at = rev.pos[p] ?? 0;
        const a = Math.floor(at / k);
        const fresh = isNew(at);
        near.push(a);
        nearNew.push(fresh);
        if (!fresh || seen[a] === r) continue;
        seen[a] = r;
        cand.push(a);
      }
    }
    for (let i = 0; i < near.length; i++) {
      const a = near[i] ?? 0;
      const viaNew = nearNew[i] === true;
      for (let m = 0; m < fanout; m++) {
        const b = snapshot[a * k + m] ?? -1;
        if (b < 0) break;
        if (seen[b] === r || !(viaNew || isNew(a * k + m))) continue;
        seen[b] = r;
        cand.push(b);
      }
      if (rev === undefined) continue;
      for (let p = rev.ptr[a] ?? 0; p < (rev.ptr[a + 1] ?? 0); p++) {
        const at = rev.pos[p] ?? 0;
        const b = Math.floor(at / k);
        if (seen[b] === r || !(viaNew || isNew(at))) continue;
        seen[b] = r;
        cand.push(b);
      }
    }
    if (cand.length === 0) continue;
    // Reuse the exact kernel on the candidate list for this one query.
    const one = { k, index: index.subarray(r * k, (r + 1) * k), score: score.subarray(r * k, (r + 1) * k) };
    offerAll(vectors, dims, r, cand, one);
  }
}

function offerAll(vectors: Float32Array, dims: number, q: number, cand: number[], list: TopK): void {
  const qo = q * dims;
  for (const c of cand) {
    const s = dot(vectors, qo, vectors, c * dims, dims);
    const { index, score, k } = list;
    if (s <= (score[k - 1] ?? -Infinity)) continue;
    let pos = k - 1;
    while (pos > 0 && s > (score[pos - 1] ?? -Infinity)) {
      score[pos] = score[pos - 1] ?? 0;
      index[pos] = index[pos - 1] ?? -1;
      pos--;
    }
    score[pos] = s;
    index[pos] = c;
  }
}
