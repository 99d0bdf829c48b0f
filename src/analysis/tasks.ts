import { assign } from './cluster.js';
import { refineRows, searchCells, type CellPlan } from './ann.js';
import { rerankRows, type TopK } from './similarity.js';
import { spmmRows, type Csr } from './sparse.js';

/**
 * Work a helper thread can do. Arrays that the caller reads back live in SharedArrayBuffers
 * and every task writes only its own rows, so results do not depend on how work is split.
 */
export type TaskRequest =
  | { kind: 'spmm'; m: Csr; d: Float32Array; l: number; out: Float64Array; from: number; to: number }
  | {
      kind: 'assign';
      vectors: Float32Array;
      dims: number;
      centroids: Float32Array;
      k: number;
      next: Int32Array;
      similarity: Float32Array;
      from: number;
      to: number;
    }
  | { kind: 'searchCells'; vectors: Float32Array; dims: number; plan: CellPlan; todo: Int32Array; out: TopK }
  | {
      kind: 'refine';
      vectors: Float32Array;
      dims: number;
      snapshot: Int32Array;
      out: TopK;
      fanout: number;
      from: number;
      to: number;
    }
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
    };

export type TaskResult = { kind: 'done' };

export function runTask(t: TaskRequest): TaskResult {
  switch (t.kind) {
    case 'spmm':
      spmmRows(t.m, t.d, t.l, t.out, t.from, t.to);
      return { kind: 'done' };
    case 'assign':
      assign(t.vectors, t.dims, t.centroids, t.k, t.next, t.similarity, t.from, t.to);
      return { kind: 'done' };
    case 'searchCells':
      searchCells(t.vectors, t.dims, t.plan, t.todo, t.out);
      return { kind: 'done' };
    case 'refine':
      refineRows(t.vectors, t.dims, t.snapshot, t.out, t.fanout, t.from, t.to);
      return { kind: 'done' };
    case 'rerank':
      rerankRows(t.candidates, t.vectors, t.dims, t.tfidf, t.blend, t.out, t.from, t.to);
      return { kind: 'done' };
    default:
      return assertNever(t);
  }
}

function assertNever(x: never): never {
  throw new Error(`unknown task ${JSON.stringify(x)}`);
}
