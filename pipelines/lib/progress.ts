import type { IngestProgress } from '../../src/services/ingest.service.js';

/**
 * `PAPERGRAPH_TEST_HALT_AT=<stage>:<done>` (for crash tests): the first time `stage` reports
 * at least `done`, print `halted at <stage> <done>/<total>` and freeze the process right there
 * (the event loop blocked, its open transactions left as they are) until it is killed. A kill
 * point that is the same on a fast machine and a slow one, unlike a timer.
 */
function haltPoint(spec = process.env.PAPERGRAPH_TEST_HALT_AT): { stage: string; done: number } | null {
  if (!spec) return null;
  const m = /^([a-z]+):(\d+)$/.exec(spec);
  if (!m) throw new Error(`PAPERGRAPH_TEST_HALT_AT: expected <stage>:<done>, got '${spec}'`);
  return { stage: m[1] ?? '', done: Number(m[2]) };
}

/**
 * One status line for stages that may overlap (source facts are written while the analysis
 * runs): redrawn in place on a terminal, one line per finished stage otherwise.
 */
export function stageProgress(out: NodeJS.WriteStream = process.stderr) {
  const stages = new Map<string, { done: number; total: number }>();
  const logged = new Set<string>();
  const started = Date.now();
  let lastDraw = 0;
  let halt = haltPoint();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
  const render = () =>
    [...stages]
      .map(([name, s]) => (s.done >= s.total ? `${name} ✓` : `${name} ${s.done}/${s.total}`))
      .join(' · ');
  return {
    update: ({
      stage,
      done,
      total,
    }: {
      stage: IngestProgress['stage'] | 'read';
      done: number;
      total: number;
    }) => {
      stages.set(stage, { done, total });
      if (halt && stage === halt.stage && done >= halt.done) {
        halt = null;
        // Writes to a pipe are synchronous on Linux: the line is out before the thread stops.
        out.write(`halted at ${stage} ${done}/${total}\n`);
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      }
      if (out.isTTY) {
        const now = Date.now();
        if (now - lastDraw > 100 || done >= total) {
          out.write(`\r\x1b[K ${render()}  ${elapsed()}`);
          lastDraw = now;
        }
      } else if (done >= total && !logged.has(stage)) {
        logged.add(stage);
        out.write(` ${stage} done (${total}) after ${elapsed()}\n`);
      }
    },
    end: () => {
      if (out.isTTY) out.write('\n');
    },
  };
}
