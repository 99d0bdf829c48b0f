import type { Phase, WriteOp } from './write-plan.js';

type RowOp = Extract<WriteOp, { rows: readonly number[] }>;
type StepOp = Exclude<WriteOp, RowOp>;

export interface PlanWriter {
  readonly batchSize: number;
  /** One transaction: `op` for these rows (a batch of `op.rows`). */
  rows(op: RowOp, batch: readonly number[]): Promise<void>;
  /** An operation without rows (schema work). */
  step(op: StepOp): Promise<void>;
}

/**
 * Runs a plan: phases one after another, the lanes of a phase side by side, each lane's
 * operations in order and in batches. Fails fast: when one lane fails, the others stop at
 * their next batch, and the failure is thrown once all have stopped, so nothing keeps
 * writing behind the caller's back.
 */
export async function runPlan(plan: readonly Phase[], writer: PlanWriter): Promise<void> {
  let failed = false;
  const lane = async (ops: readonly WriteOp[]) => {
    try {
      for (const op of ops) {
        if (!('rows' in op)) {
          if (failed) return;
          await writer.step(op);
          continue;
        }
        for (let i = 0; i < op.rows.length; i += writer.batchSize) {
          if (failed) return;
          await writer.rows(op, op.rows.slice(i, i + writer.batchSize));
        }
      }
    } catch (e) {
      failed = true;
      throw e;
    }
  };
  for (const phase of plan) {
    const settled = await Promise.allSettled(phase.lanes.map(lane));
    const rejected = settled.find((r) => r.status === 'rejected');
    if (rejected) throw rejected.reason;
  }
}
