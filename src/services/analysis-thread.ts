/** Worker entry: runs one analysis off the main thread and posts the result back. */
import { parentPort, workerData } from 'node:worker_threads';
import { analyze, type AnalysisDoc, type AnalysisOptions } from '../analysis/index.js';
import { packAnalysis } from './analysis-transfer.js';

const { docs, options } = workerData as { docs: AnalysisDoc[]; options: AnalysisOptions };
analyze(docs, options).then(
  (result) => {
    const packed = packAnalysis(result);
    // The flat arrays move to the caller's thread instead of being copied.
    const { nPtr, nIndex, nScore, sPtr, sTerm, kPtr, kTerm, kWeight } = packed;
    const buffers = [nPtr, nIndex, nScore, sPtr, sTerm, kPtr, kTerm, kWeight].map(
      (a) => a.buffer as ArrayBuffer,
    );
    parentPort?.postMessage({ ok: true, packed }, buffers);
  },
  (e: unknown) => parentPort?.postMessage({ ok: false, message: e instanceof Error ? e.message : String(e) }),
);
