/**
 * Diagnostic: wall time and Neo4j CPU of each write statement of the batched writer on a
 * slice, for papers written for the first time and for stored papers whose facts are
 * replaced. `tsx bench/ingest/profile-writes.ts [--n 5000]`
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../src/analysis/index.js';
import { placeModelTopics } from '../../src/analysis/layout.js';
import { GraphDb } from '../../src/graph/db.js';
import * as w from '../../src/graph/cypher/writes.js';
import { statement } from '../../src/graph/statement.js';
import { applySchema } from '../../src/graph/schema-setup.js';
import { readPapers } from '../../src/ingest/index.js';
import { freePort, startLocalNeo4j } from '../../src/runtime/local-neo4j.js';
import { collectPapers } from '../../src/services/collect.js';
import { toNodeRow, topicIdFor } from '../../src/services/ingest.service.js';
import { processCpuMs } from '../lib/machine.js';

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
  heap: '6g',
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
  // The statements for papers created in this run ("first": CREATE, nothing to replace) and
  // for stored papers ("replace": MERGE, old derived facts deleted); the first pass warms the JIT.
  // "deferred": the search indexes are created (populated) after the writes.
  const SEARCH_INDEXES = [
    'paper_published_at',
    'paper_arxiv_id',
    'paper_doi',
    'paper_title_key',
    'author_name',
    'topic_model_version_idx',
    'paper_text',
    'author_name_text',
    'paper_embedding',
  ];
  const variants: [string, boolean, boolean][] = [
    ['warm-up (replace)', false, false],
    ['first', true, false],
    ['first, deferred', true, true],
    ['first', true, false],
    ['first, deferred', true, true],
  ];
  for (const [variant, first, deferred] of variants) {
    await db.write([statement('wipe', 'MATCH (n) DETACH DELETE n')]);
    await applySchema(db, path.join(REPO, 'schema/neo4j'), analysis.vectors[0]?.length ?? 1);
    if (deferred)
      for (const ix of SEARCH_INDEXES) await db.schema(statement('drop', `DROP INDEX ${ix} IF EXISTS`));
    await db.write([
      w.upsertTopics(
        analysis.topics.map((tp) => ({
          id: topicIdFor('v', tp.index),
          index: tp.index,
          label: tp.label,
          terms: tp.terms,
          size: tp.size,
          modelVersion: 'v',
          position: placeModelTopics(analysis.model)[tp.index] ?? { x: 0, y: 0, radius: 1 },
        })),
      ),
    ]);
    const times = new Map<string, number>();
    const cpus = new Map<string, number>();
    const nodeCpus = new Map<string, number>();
    const timed = async (name: string, run: () => Promise<unknown>) => {
      const c = processCpuMs(neo.pid) ?? 0;
      const own = process.cpuUsage();
      t = performance.now();
      await run();
      times.set(name, (times.get(name) ?? 0) + performance.now() - t);
      cpus.set(name, (cpus.get(name) ?? 0) + (processCpuMs(neo.pid) ?? 0) - c);
      const used = process.cpuUsage(own);
      nodeCpus.set(name, (nodeCpus.get(name) ?? 0) + (used.user + used.system) / 1000);
    };
    const cpu0 = processCpuMs(neo.pid) ?? 0;
    const nodeCpu0 = process.cpuUsage();
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
      for (const s of [w.sourceFacts(batch, first), w.writePaperAnalysis(an, first)])
        await timed(s.name, () => db.write([s]));
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
      const s = w.writeSimilar(similar.slice(i, i + batchSize), first);
      await timed(s.name, () => db.write([s]));
    }
    await timed('indexes (create + await)', async () => {
      await applySchema(db, path.join(REPO, 'schema/neo4j'), analysis.vectors[0]?.length ?? 1);
      await db.schema(statement('await', 'CALL db.awaitIndexes(600)'));
    });
    const neoCpu = ((processCpuMs(neo.pid) ?? 0) - cpu0) / 1000;
    const wall = [...times.values()].reduce((a, b) => a + b, 0) / 1000;
    const nodeUsed = process.cpuUsage(nodeCpu0);
    const nodeCpu = (nodeUsed.user + nodeUsed.system) / 1e6;
    console.log(
      `${variant}: wall ${wall.toFixed(1)} s, Neo4j CPU ${neoCpu.toFixed(1)} s, Node CPU ${nodeCpu.toFixed(1)} s`,
    );
    for (const [k, v] of times)
      console.log(
        `  ${k.padEnd(28)} ${(v / 1000).toFixed(2)} s  (${Math.round(n / (v / 1000))} papers/s), Neo4j CPU ${((cpus.get(k) ?? 0) / 1000).toFixed(2)} s, Node CPU ${((nodeCpus.get(k) ?? 0) / 1000).toFixed(2)} s`,
      );
  }
} finally {
  await db.close();
  await neo.stop();
  await rm(dataDir, { recursive: true, force: true });
}
