import {
  refineRows,
  searchCells,
  splitTopics,
  type AnnOptions,
  type CellPlan,
  type RefineLinks,
  type TopicSplit,
} from './ann.js';
import { gramChunks, matmulRows, multiplyUpperRows } from './linalg.js';
import { TermProcessor, type TokenizedRun, type TokenizeOptions } from './tokenize.js';
import { sharedTermsOfRow, TermPicker } from './keywords.js';
import { rerankRows, type TopK } from './similarity.js';
import { propagateRows, type NeighbourGraph } from './smooth.js';
import { spmmRows, type Csr } from './sparse.js';

/**
 * Work a helper thread can do. Arrays that the caller reads back live in SharedArrayBuffers
 * and every task writes only its own rows, so results do not depend on how work is split.
 */
export type TaskRequest =
  | { kind: 'spmm'; m: Csr; d: Float32Array; l: number; out: Float64Array; from: number; to: number }
  | { kind: 'gram'; y: Float64Array; n: number; l: number; out: Float64Array; from: number; to: number }
  | { kind: 'upper'; y: Float64Array; l: number; ut: Float64Array; from: number; to: number }
  | {
      kind: 'matmul';
      a: Float64Array;
      l: number;
      bt: Float64Array;
      m: number;
      out: Float64Array;
      from: number;
      to: number;
    }
  | {
      kind: 'splitTopics';
      vectors: Float32Array;
      dims: number;
      split: TopicSplit;
      todo: Int32Array;
      opts: AnnOptions;
      claim: Int32Array;
    }
  | {
      kind: 'searchCells';
      vectors: Float32Array;
      dims: number;
      plan: CellPlan;
      todo: Int32Array;
      out: TopK;
      claim: Int32Array;
    }
  | {
      kind: 'refine';
      vectors: Float32Array;
      dims: number;
      snapshot: Int32Array;
      out: TopK;
      fanout: number;
      from: number;
      to: number;
      links: RefineLinks;
    }
  | {
      kind: 'sharedTerms';
      x: Csr;
      index: Int32Array;
      k: number;
      surfaces: string[];
      max: number;
      cols: Int32Array;
      from: number;
      to: number;
    }
  | { kind: 'tokenize'; texts: string[]; options: TokenizeOptions; ctrl: Int32Array }
  | {
      kind: 'rerank';
      candidates: TopK;
      vectors: Float32Array;
      dims: number;
      tfidf: Csr;
      blend: number;
      out: TopK;
      from: number;
      to: number;
    }
  | {
      kind: 'propagate';
      x: Float32Array;
      dims: number;
      graph: NeighbourGraph;
      teleport: number;
      cur: Float32Array;
      next: Float32Array;
      from: number;
      to: number;
    };

export type TaskResult = { kind: 'done' } | { kind: 'tokens'; run: TokenizedRun };

/** Documents per claim when tokenizing is shared (see steps.ts `tokenizeAll`). */
export const TOKENIZE_CHUNK = 256;

/**
 * The helper's side of steps.ts `tokenizeAll`: claims chunks from the back (tickets from
 * `ctrl[0]`, shared with the calling thread, which takes chunks from the front) until none are
 * left, and returns their term ids in an interner of its own.
 */
function tokenizeFromBack(texts: readonly string[], options: TokenizeOptions, ctrl: Int32Array): TaskResult {
  const proc = new TermProcessor(options);
  const nChunks = Math.ceil(texts.length / TOKENIZE_CHUNK);
  let taken = 0;
  const run = proc.tokenizeRun(texts, () => {
    if (Atomics.add(ctrl, 0, 1) >= nChunks) return undefined;
    const c = nChunks - 1 - taken++;
    return [c * TOKENIZE_CHUNK, Math.min(texts.length, (c + 1) * TOKENIZE_CHUNK)];
  });
  return { kind: 'tokens', run };
}

/**
 * Shared terms of rows [from, to) with their neighbours (`index`, k per row) as vocabulary
 * columns: cols[(r * k + j) * max + t] is the first column whose surface is the t-th term.
 */
function sharedTermColumns(
  x: Csr,
  index: Int32Array,
  k: number,
  surfaces: string[],
  max: number,
  cols: Int32Array,
  from: number,
  to: number,
): void {
  const colOf = new Map<string, number>();
  surfaces.forEach((s, c) => {
    if (!colOf.has(s)) colOf.set(s, c);
  });
  const surfaceOf = (col: number): string => surfaces[col] ?? '';
  const dense = new Float32Array(x.nCols);
  const picker = new TermPicker(surfaceOf);
  for (let r = from; r < to; r++) {
    const idx: number[] = [];
    for (let j = 0; j < k && (index[r * k + j] ?? -1) >= 0; j++) idx.push(index[r * k + j] ?? 0);
    sharedTermsOfRow(x, r, idx, max, picker, dense).forEach((words, j) => {
      words.forEach((w, t) => (cols[(r * k + j) * max + t] = colOf.get(w) ?? -1));
    });
  }
}

export function runTask(t: TaskRequest): TaskResult {
  switch (t.kind) {
    case 'spmm':
      spmmRows(t.m, t.d, t.l, t.out, t.from, t.to);
      return { kind: 'done' };
    case 'gram':
      gramChunks(t.y, t.n, t.l, t.from, t.to, t.out);
      return { kind: 'done' };
    case 'upper':
      multiplyUpperRows(t.y, t.l, t.ut, t.from, t.to);
      return { kind: 'done' };
    case 'matmul':
      matmulRows(t.a, t.l, t.bt, t.m, t.out, t.from, t.to);
      return { kind: 'done' };
    case 'sharedTerms':
      sharedTermColumns(t.x, t.index, t.k, t.surfaces, t.max, t.cols, t.from, t.to);
      return { kind: 'done' };
    case 'tokenize':
      return tokenizeFromBack(t.texts, t.options, t.ctrl);
      return { kind: 'done' };
    case 'splitTopics':
      splitTopics(t.vectors, t.dims, t.split, t.todo, t.opts, t.claim);
      return { kind: 'done' };
    case 'searchCells':
      searchCells(t.vectors, t.dims, t.plan, t.todo, t.out, t.claim);
      return { kind: 'done' };
    case 'refine':
      refineRows(t.vectors, t.dims, t.snapshot, t.out, t.fanout, t.from, t.to, t.links);
      return { kind: 'done' };
    case 'rerank':
      rerankRows(t.candidates, t.vectors, t.dims, t.tfidf, t.blend, t.out, t.from, t.to);
      return { kind: 'done' };
    case 'propagate':
      propagateRows(t.x, t.dims, t.graph, t.teleport, t.cur, t.next, t.from, t.to);
      return { kind: 'done' };
    default:
      return assertNever(t);
  }
}

function assertNever(x: never): never {
  throw new Error(`unknown task ${JSON.stringify(x)}`);
}
