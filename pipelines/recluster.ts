/**
 * npm run recluster [-- --k N|auto]
 * Rebuild the topic model over every paper in the graph as a new TopicModel version and
 * report how topics moved (kept, split, merged, new, dissolved).
 */
import { config, repoRoot, runCli } from './lib/cli.js';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createIngestStore } from '../src/graph/stores/ingest.store.js';
import { openGraph } from '../src/runtime/graph-runtime.js';
import { createIngestService } from '../src/services/ingest.service.js';
import type { TopicMove } from '../src/services/topic-moves.js';
import { UserInputError } from '../src/domain/errors.js';
import { parseK } from './lib/k-option.js';
import { tallyMoves } from './lib/ingest-report.js';
import { stageProgress } from './lib/progress.js';

function describeMove(m: TopicMove): string {
  const name = (t: { id: string; label: string }) => `"${t.label}" (${t.id})`;
  switch (m.kind) {
    case 'kept':
      return `kept      ${name(m.from)} -> ${name(m.to)}, ${(m.overlap * 100).toFixed(0)}% of its papers`;
    case 'split':
      return `split     ${name(m.from)} -> ${m.to.map(name).join(', ')}`;
    case 'merged':
      return `merged    ${m.from.map(name).join(' + ')} -> ${name(m.to)}`;
    case 'new':
      return `new       ${name(m.to)}`;
    case 'dissolved':
      return `dissolved ${name(m.from)}`;
    default: {
      const never: never = m;
      return never;
    }
  }
}

runCli(async () => {
  const { values } = parseArgs({ options: { k: { type: 'string' } } });
  const k = parseK(values.k);
  const cfg = config();
  const root = repoRoot();
  const graph = await openGraph(cfg, { repoRoot: root, onLog: (l) => console.error(l) });
  try {
    const store = createIngestStore({ db: graph.db, schemaDir: path.join(root, 'schema/neo4j') });
    const previous = await store.currentModel();
    if ((await store.allTexts()).length === 0)
      throw new UserInputError('the graph has no papers: ingest some first (npm run ingest -- <file>).');
    const started = Date.now();
    const progress = stageProgress();
    const service = createIngestService({
      store,
      batchSize: cfg.PAPERGRAPH_BATCH_SIZE,
      analysis: k === undefined ? {} : { k },
      onProgress: progress.update,
    });
    const outcome = await service.ingest([], { rebuild: true, reason: 'asked for (npm run recluster)' });
    progress.end();
    console.log(`model:  ${previous?.version ?? '(none)'} -> ${outcome.modelVersion ?? '-'}`);
    if (previous?.version === outcome.modelVersion)
      console.log('        (same papers and options give the same model)');
    console.log(
      `topics: ${outcome.topics}; ${outcome.similarityEdges} similarity edges; ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    if (outcome.kReason) console.log(`k:      ${outcome.kReason}`);
    const moves = outcome.moves;
    console.log(`moves:  ${tallyMoves(moves)}`);
    for (const m of moves) console.log(`  ${describeMove(m)}`);
  } finally {
    await graph.close();
  }
});
