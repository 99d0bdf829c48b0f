/** Worker entry: runs one analysis off the main thread and posts the result back. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyze, type AnalysisDoc, type AnalysisOptions } from '../analysis/index.js';

const { docs, options } = workerData as { docs: AnalysisDoc[]; options: AnalysisOptions };
analyze(docs, options).then(
  (result) => parentPort?.postMessage({ ok: true, result }),
  (e: unknown) => parentPort?.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) }),
);
