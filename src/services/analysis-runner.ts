import { Worker } from 'node:worker_threads';
import { analyze, type AnalysisDoc, type AnalysisOptions, type AnalysisResult } from '../analysis/index.js';
import { unpackAnalysis, type PackedAnalysis } from './analysis-transfer.js';

/** Below this many papers the analysis takes well under a second: not worth a thread. */
const OFF_THREAD_MIN_DOCS = 2000;

/**
 * Run `analyze` on a worker thread. The analysis is CPU-bound for seconds to minutes; off
 * the main thread, the event loop stays free to write source facts to Neo4j meanwhile and
 * to keep answering GraphQL requests during an `ingestPapers` or a re-cluster.
 */
export function analyzeOffThread(docs: AnalysisDoc[], options: AnalysisOptions): Promise<AnalysisResult> {
  if (docs.length < OFF_THREAD_MIN_DOCS) return analyze(docs, options);
  const fromSource = import.meta.url.endsWith('.ts');
  const url = new URL(fromSource ? './analysis-thread.ts' : './analysis-thread.js', import.meta.url);
  // Under tsx (tests, dev CLIs) each thread registers the TypeScript loader itself.
  const worker = fromSource
    ? new Worker(
        `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url.href)}); })`,
        { eval: true, workerData: { docs, options } },
      )
    : new Worker(url, { workerData: { docs, options } });
  return new Promise((resolve, reject) => {
    let settled = false;
    worker.once('message', (msg: { ok: true; packed: PackedAnalysis } | { ok: false; message: string }) => {
      settled = true;
      if (msg.ok) resolve(unpackAnalysis(msg.packed));
      else reject(new Error(`analysis failed: ${msg.message}`));
      void worker.terminate();
    });
    worker.once('error', (e) => {
      settled = true;
      reject(e);
    });
    worker.once('exit', (code) => {
      if (!settled) reject(new Error(`analysis thread exited with code ${code} before it finished`));
    });
  });
}
