import { Worker } from 'node:worker_threads';
import type { TaskRequest, TaskResult } from './tasks.js';

/**
 * Helper threads for the row-parallel kernels. The calling thread always does a share of the
 * work itself, so `threads` = 2 starts one helper. Workers load the TypeScript sources
 * through tsx when the analysis runs from source (tests, tsx CLIs), plain JS when built.
 */
export class Helpers {
  private next = 0;
  private readonly pending = new Map<
    number,
    { resolve: (r: TaskResult) => void; reject: (e: Error) => void }
  >();

  private constructor(private readonly workers: Worker[]) {
    for (const w of workers) {
      w.on('message', (msg: { id: number; result?: TaskResult; error?: string }) => {
        const p = this.pending.get(msg.id);
        if (p === undefined) return;
        this.pending.delete(msg.id);
        if (msg.error !== undefined || msg.result === undefined)
          p.reject(new Error(msg.error ?? 'no result'));
        else p.resolve(msg.result);
      });
      w.on('error', (e) => {
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
      // A helper that dies without an error event must not leave its callers waiting forever.
      w.on('exit', (code) => {
        if (this.pending.size === 0) return;
        const e = new Error(`analysis helper thread exited (code ${code}) with work pending`);
        for (const p of this.pending.values()) p.reject(e);
        this.pending.clear();
      });
    }
  }

  /** Starts `count` helper threads (none when count < 1). */
  static start(count: number): Helpers {
    const fromSource = import.meta.url.endsWith('.ts');
    const url = new URL(fromSource ? './worker.ts' : './worker.js', import.meta.url);
    // Loader hooks are per thread: from source, register tsx inside the worker, then load it.
    const boot = `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`;
    const workers = Array.from({ length: Math.max(0, count) }, () =>
      fromSource ? new Worker(boot, { eval: true }) : new Worker(url),
    );
    return new Helpers(workers);
  }

  get size(): number {
    return this.workers.length;
  }

  /** Runs a task on helper `i`. */
  run<R extends TaskResult>(i: number, task: TaskRequest): Promise<R> {
    const w = this.workers[i];
    if (w === undefined) return Promise.reject(new Error(`no helper ${i}`));
    const id = this.next++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (r: TaskResult) => void, reject });
      w.postMessage({ id, task });
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** A copy of `a` in shared memory, so helpers read it without copying. */
export function shared<T extends Float32Array | Float64Array | Int32Array>(a: T): T {
  const ctor = a.constructor as new (b: SharedArrayBuffer) => T;
  const out = new ctor(new SharedArrayBuffer(a.byteLength));
  out.set(a);
  return out;
}

/** Splits [0, n) into `parts` contiguous ranges of similar size. */
export function ranges(n: number, parts: number): [number, number][] {
  const out: [number, number][] = [];
  for (let p = 0; p < parts; p++) out.push([Math.floor((n * p) / parts), Math.floor((n * (p + 1)) / parts)]);
  return out;
}
