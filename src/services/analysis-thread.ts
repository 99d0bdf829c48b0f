/** Worker entry: runs one analysis off the main thread and posts the result back. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyze, type AnalysisDoc, type AnalysisOptions } from '../analysis/index.js';
import { packAnalysis, packedBuffers } from './analysis-transfer.js';

const { docs, options } = workerData as { docs: AnalysisDoc[]; options: AnalysisOptions };
analyze(docs, options).then(
  (result) => {
    const packed = packAnalysis(result);
    parentPort?.postMessage({ ok: true, packed }, packedBuffers(packed));
  },
  (e: unknown) => parentPort?.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) }),
);
