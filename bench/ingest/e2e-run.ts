/**
 * One end-to-end ingest (parse, analyse, write everything) of a file into the Neo4j at
 * NEO4J_URI, which must hold no papers. Run by run.ts as its own process, so its peak memory
 * is its own; prints one JSON line on stdout.
 * usage: tsx bench/ingest/e2e-run.ts <file> <batchSize> [neo4jPid]
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import path from 'node:path';
import { GraphDb } from '../../src/graph/db.js';
import { createIngestStore } from '../../src/graph/stores/ingest.store.js';
import { readPapers } from '../../src/ingest/index.js';
import { collectPapers } from '../../src/services/collect.js';
import { createIngestService } from '../../src/services/ingest.service.js';
import { memorySampler, processCpuMs } from '../lib/machine.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const [file = '', batchArg = '1000', neo4jPidArg] = process.argv.slice(2);
const neo4jPid = neo4jPidArg === undefined ? undefined : Number(neo4jPidArg);
const secs = (ms: number) => Math.round(ms) / 1000;

const db = GraphDb.connect({
  uri: process.env.NEO4J_URI ?? '',
  user: process.env.NEO4J_USER ?? 'neo4j',
  password: process.env.NEO4J_PASSWORD ?? '',
});
const store = createIngestStore({ db, schemaDir: path.join(REPO, 'schema/neo4j') });
const mem = memorySampler();
try {
  // When each stage finished, in seconds from the start (stages overlap: source facts are
  // written while the analysis runs).
  const stage: Record<string, number> = {};
  // Neo4j and Node CPU seconds used by the time each stage finished.
  const cpuAt: Record<string, [number | null, number]> = {};
  const neo4jCpu0 = processCpuMs(neo4jPid);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const collected = await collectPapers(readPapers(file));
  stage.parse = performance.now() - t0;
  const service = createIngestService({
    store,
    batchSize: Number(batchArg),
    onProgress: ({ stage: s, done, total }) => {
      if (done === total) {
        stage[s] = performance.now() - t0;
        const c = process.cpuUsage(cpu0);
        const n = processCpuMs(neo4jPid);
        cpuAt[s] = [
          n === null || neo4jCpu0 === null ? null : secs(n - neo4jCpu0),
          secs((c.user + c.system) / 1000),
        ];
      }
    },
  });
  const outcome = await service.ingest(collected.papers);
  const total = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const neo4jCpu1 = processCpuMs(neo4jPid);
  const peak = mem.peak();
  console.log(
    JSON.stringify({
      papers: outcome.written,
      skipped: collected.skipped.length,
      topics: outcome.topics,
      totalS: secs(total),
      papersPerS: Math.round(outcome.written / (total / 1000)),
      ...Object.fromEntries(Object.entries(stage).map(([k, v]) => [`${k}DoneAtS`, secs(v)])),
      // CPU seconds: this process (all its threads) and the Neo4j server, over the run.
      nodeCpuS: secs((cpu.user + cpu.system) / 1000),
      neo4jCpuS: neo4jCpu0 === null || neo4jCpu1 === null ? null : secs(neo4jCpu1 - neo4jCpu0),
      cpuAtStageEnd: cpuAt,
      // The kernel's high-water mark for this process: every thread, every allocation.
      peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      peakHeapMiB: peak.heapMiB,
    }),
  );
} finally {
  mem.stop();
  await db.close();
}
