import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserInputError } from '../domain/errors.js';
import type { ParseEvent } from '../domain/paper.js';
import { readPapers } from '../ingest/index.js';
import { collectPapers, type Collected } from './collect.js';
import { createIngestService, type IngestOutcome, type IngestServiceDeps } from './ingest.service.js';

/**
 * The files `npm start` loads into an empty graph, from `PAPERGRAPH_DEMO`: a file, or a
 * folder whose files are read in name order (one ingest, so the same paper in two files
 * becomes one Paper), or nothing (`none` or empty: start with an empty graph). Relative
 * paths are relative to the repository root.
 */
export async function demoFiles(root: string, setting: string | undefined): Promise<string[]> {
  if (setting === undefined || setting === 'none') return [];
  const target = path.resolve(root, setting);
  const info = await stat(target).catch(() => null);
  if (info === null)
    throw new UserInputError(
      `PAPERGRAPH_DEMO: ${setting} does not exist (a file, a folder of files, or none)`,
      'DEMO_NOT_FOUND',
    );
  if (!info.isDirectory()) return [target];
  const names = (await readdir(target, { withFileTypes: true }))
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  return names.map((n) => path.join(target, n));
}

async function* readAll(files: readonly string[]): AsyncGenerator<ParseEvent> {
  for (const f of files) yield* readPapers(f);
}

export interface DemoLoad {
  readonly files: string[];
  readonly collected: Collected;
  readonly outcome: IngestOutcome;
}

/**
 * What `npm start` does with an empty graph: ingest the demo files as one input. Null when
 * the setting names no file.
 */
export async function loadDemo(opts: {
  root: string;
  setting: string | undefined;
  store: IngestServiceDeps['store'];
  batchSize: number;
  refresh?: IngestServiceDeps['refresh'];
}): Promise<DemoLoad | null> {
  const files = await demoFiles(opts.root, opts.setting);
  if (files.length === 0) return null;
  const collected = await collectPapers(readAll(files));
  const outcome = await createIngestService({
    store: opts.store,
    batchSize: opts.batchSize,
    ...(opts.refresh === undefined ? {} : { refresh: opts.refresh }),
  }).ingest(collected.papers);
  return { files, collected, outcome };
}
