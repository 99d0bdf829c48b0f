import { parentPort } from 'node:worker_threads';
import { runTask, type TaskRequest } from './tasks.js';

// Helper thread: runs one task per message, answers with its result or error text.
parentPort?.on('message', (msg: { id: number; task: TaskRequest }) => {
  try {
    parentPort?.postMessage({ id: msg.id, result: runTask(msg.task) });
  } catch (e) {
    parentPort?.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});
