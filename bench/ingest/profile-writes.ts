/**
 * Diagnostic: time each write statement of the batched writer on a slice, with and without
 * the vector and full-text indexes present. `tsx bench/ingest/profile-writes.ts [--n 5000]`
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../src/analysis/index.js';
import { GraphDb } from '../../src/graph/db.js';
import * as w from '../../src/graph/cypher/writes.js';
import { statement } from '../../src/graph/statement.js';
import { applySchema } from '../../src/graph/schema-setup.js';
import { readPapers } from '../../src/ingest/index.js';
import { freePort, startLocalNeo4j } from '../../src/runtime/local-neo4j.js';
import { collectPapers } from '../../src/services/collect.js';
import { toNodeRow, topicIdFor } from '../../src/services/ingest.service.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: { n: { type: 'string', default: '5000' }, batch: { type: 'string', default: '1000' } },
});
const n = Number(values.n);
const batchSize = Number(values.batch);

const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pg-prof-'));
const neo = await startLocalNeo4j({
  repoRoot: REPO,
  dataDir,
  boltPort: await freePort(),
  httpPort: await freePort(),
  password: 'profile-pw',
  heap: '2g',
  pageCache: '1g',
});
const collected = await collectPapers(
  readPapers(path.resolve(REPO, '../shared/data/arxiv_labelled/arxiv_daily_labelled.jsonl')),
);
const slice = collected.papers.slice(0, n);
let t = performance.now();
const analysis = await analyze(slice.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })));
console.log(`analyse ${n}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
const db = GraphDb.connect({ uri: neo.boltUri, user: 'neo4j', password: 'profile-pw' });
try {
  for (const withIndexes of [false, true, false]) {
    await db.write([statement('wipe', 'MATCH (n) DETACH DELETE n')]);
    await db.schema(statement('drop', 'DROP INDEX paper_embedding IF EXISTS'));
    await db.schema(statement('drop', 'DROP INDEX paper_text IF EXISTS'));
    if (withIndexes) await applySchema(db, path.join(REPO, 'schema/neo4j'), analysis.vectors[0]?.length ?? 1);
    else await applySchema(db, path.join(REPO, 'schema/neo4j'));
    if (!withIndexes) await db.schema(statement('drop', 'DROP INDEX paper_text IF EXISTS'));
    await db.write([
      w.upsertTopics(
        analysis.topics.map((tp) => ({
          id: topicIdFor('v', tp.index),
          index: tp.index,
          label: tp.label,
          terms: tp.terms,
          size: tp.size,
          modelVersion: 'v',
        })),
      ),
    ]);
    const times = new Map<string, number>();
    const rows = slice.map(toNodeRow);
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      const an = batch.map((p, j) => ({
        id: p.id,
        topicId: topicIdFor('v', analysis.assignments[i + j] ?? 0),
        topicScore: 0.5,
        embedding: Array.from(analysis.vectors[i + j] ?? []),
        keywords: analysis.keywords[i + j] ?? [],
      }));
      for (const s of [
        w.upsertPapers(batch),
        w.linkAuthors(batch),
        w.linkOrganizations(batch),
        w.linkCodeRepositories(batch),
        w.linkCategories(batch),
        w.writePaperAnalysis(an),
      ]) {
        t = performance.now();
        await db.write([s]);
        times.set(s.name, (times.get(s.name) ?? 0) + performance.now() - t);
      }
    }
    const similar = slice.map((p, i) => ({
      id: p.id,
      neighbors: (analysis.neighbors[i] ?? []).map((nb) => ({
        id: slice[nb.index]?.id ?? '',
        score: nb.score,
        sharedTerms: nb.sharedTerms,
      })),
    }));
    for (let i = 0; i < similar.length; i += batchSize) {
      t = performance.now();
      await db.write([w.writeSimilar(similar.slice(i, i + batchSize))]);
      times.set('paper.similar', (times.get('paper.similar') ?? 0) + performance.now() - t);
    }
    console.log(withIndexes ? 'with vector+fulltext indexes' : 'without vector+fulltext indexes');
    for (const [k, v] of times)
      console.log(`  ${k.padEnd(22)} ${(v / 1000).toFixed(2)} s  (${Math.round(n / (v / 1000))} papers/s)`);
  }
} finally {
  await db.close();
  await neo.stop();
  await rm(dataDir, { recursive: true, force: true });
}
