import type { IngestProgress } from '../../src/services/ingest.service.js';

/**
 * One status line for stages that may overlap (source facts are written while the analysis
 * runs): redrawn in place on a terminal, one line per finished stage otherwise.
 */
export function stageProgress(out: NodeJS.WriteStream = process.stderr) {
  const stages = new Map<string, { done: number; total: number }>();
  const logged = new Set<string>();
  const started = Date.now();
  let lastDraw = 0;
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
