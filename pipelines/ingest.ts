/**
 * npm run ingest -- <file> [more files] [--format F] [--map title=...,abstract=...] [--strict]
 *                   [--k N|auto] [--rebuild] [--refresh on|off]
 * Reads papers, analyses them and writes them into Neo4j, idempotently. After reading, the
 * refresh policy decides whether the new papers are placed in the current topic model or the
 * model is rebuilt over every paper; the summary says which and why.
 */
import { cliLockOptions, config, repoRoot, runCli } from './lib/cli.js';
import { parseArgs } from 'node:util';
import { UserInputError } from '../src/domain/errors.js';
import { parseFieldMap, readPapers, type SourceFormat } from '../src/ingest/index.js';
import { createIngestStore } from '../src/graph/stores/ingest.store.js';
import { openGraph } from '../src/runtime/graph-runtime.js';
import { collectPapers } from '../src/services/collect.js';
import { createIngestService } from '../src/services/ingest.service.js';
import { refreshSettingsOf } from '../src/services/refresh-policy.js';
import { lockOwner, withIngestLock } from '../src/services/ingest-lock.js';
import { formatIngestSummary, noPapersMessage } from './lib/ingest-report.js';
import { parseK } from './lib/k-option.js';
import { stageProgress } from './lib/progress.js';
import path from 'node:path';

const USAGE =
  'usage: npm run ingest -- <file> [...files] [--format F] [--map title=..,abstract=..] [--strict] [--k N|auto] [--rebuild] [--refresh on|off]';

runCli(async () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string' },
      map: { type: 'string' },
      strict: { type: 'boolean', default: false },
      k: { type: 'string' },
      rebuild: { type: 'boolean', default: false },
      refresh: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (positionals.length === 0) throw new UserInputError(`no input file given.\n${USAGE}`);
  const cfg = config();
  const root = repoRoot();
  const map = values.map ? parseFieldMap(values.map) : undefined;
  const k = parseK(values.k);
  if (values.refresh !== undefined && values.refresh !== 'on' && values.refresh !== 'off')
    throw new UserInputError(`--refresh: 'on' or 'off', got '${values.refresh}'.\n${USAGE}`);
  const started = Date.now();

  // Parse and validate everything before touching the graph: with --strict a bad record
  // fails the run here, with nothing written.
  async function* allEvents() {
    for (const file of positionals) {
      yield* readPapers(path.resolve(file), {
        format: values.format as SourceFormat | undefined,
        map,
        strict: values.strict,
      });
    }
  }
  const reading = stageProgress();
  const collected = await collectPapers(allEvents(), ({ papers }) => {
    if (papers % 1000 === 0) reading.update({ stage: 'read', done: papers, total: Infinity });
  });
  reading.update({ stage: 'read', done: collected.papers.length, total: collected.papers.length });
  reading.end();
  if (collected.papers.length === 0) {
    throw new UserInputError(noPapersMessage(positionals, collected));
  }

  const graph = await openGraph(cfg, { repoRoot: root, onLog: (l) => console.error(l) });
  try {
    const store = createIngestStore({ db: graph.db, schemaDir: path.join(root, 'schema/neo4j') });
    const progress = stageProgress();
    const service = createIngestService({
      store,
      batchSize: cfg.PAPERGRAPH_BATCH_SIZE,
      analysis: k === undefined ? {} : { k },
      onProgress: progress.update,
      refresh: refreshSettingsOf(cfg),
    });
    const outcome = await withIngestLock(
      graph.db,
      lockOwner('npm run ingest'),
      () =>
        service.ingest(collected.papers, {
          rebuild: values.rebuild,
          reason: 'asked for (npm run ingest -- --rebuild)',
          ...(values.refresh === undefined ? {} : { refresh: values.refresh === 'on' }),
        }),
      cliLockOptions(cfg),
    );
    progress.end();
    console.log(formatIngestSummary(collected, outcome, Date.now() - started));
  } finally {
    await graph.close();
  }
});
