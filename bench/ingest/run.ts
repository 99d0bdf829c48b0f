/**
 * npm run bench:ingest [-- --runs 3 --warmup 1 --slice 1000 --file <jsonl>]   (--slice 0: end-to-end runs only, not saved)
 *
 * End-to-end ingest of the arXiv labelled corpus (parse, analyse, write everything) into a
 * throwaway real Neo4j, several runs into a wiped database; papers/s and peak Node memory.
 * The first `--warmup` runs are reported on their own and left out of the median: they
 * measure a freshly started server, whose JIT is still compiling (a server that has run for
 * a while is warm).
 * In the same run, a naive writer (one MERGE per paper and per relationship, one transaction
 * each) and the batched writer write the same slice of analysed papers, for the ratio.
 * Results: bench/results/ingest.json.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import { spawn } from 'node:child_process';
import { writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyze } from '../../src/analysis/index.js';
import { placeModelTopics } from '../../src/analysis/layout.js';
import { authorIdFor } from '../../src/domain/ids.js';
import { GraphDb } from '../../src/graph/db.js';
import { statement, type Statement } from '../../src/graph/statement.js';
import { createIngestStore } from '../../src/graph/stores/ingest.store.js';
import { readPapers } from '../../src/ingest/index.js';
import { collectPapers } from '../../src/services/collect.js';
import { toNodeRow, topicIdFor } from '../../src/services/ingest.service.js';
import type { PaperRecord } from '../../src/domain/paper.js';
import { machineInfo, median } from '../lib/machine.js';
import { BENCH_PASSWORD, startBenchNeo4j, wipe } from '../lib/neo4j.js';

const REPO = path.resolve(import.meta.dirname, '../..');
/** JVM heap of the benchmark's Neo4j (NEO4J_HEAP for `npm run ingest`). */
const HEAP = '6g';
const SCHEMA_DIR = path.join(REPO, 'schema/neo4j');
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '1' },
    slice: { type: 'string', default: '1000' },
    file: {
      type: 'string',
      default: path.resolve(REPO, '../shared/data/arxiv_labelled/arxiv_daily_labelled.jsonl'),
    },
    batch: { type: 'string', default: '1000' },
  },
});
const runs = Number(values.runs);
const warmups = Number(values.warmup);
const sliceSize = Number(values.slice);
const batchSize = Number(values.batch);

const secs = (ms: number) => Math.round(ms) / 1000;

async function graphCounts(db: GraphDb) {
  const [row] = await db.read(
    statement(
      'bench.counts',
      `CALL () { MATCH (p:Paper) RETURN count(p) AS papers }
CALL () { MATCH (a:Author) RETURN count(a) AS authors }
CALL () { MATCH (t:Topic) RETURN count(t) AS topics }
CALL () { MATCH ()-[s:SIMILAR_TO]->() RETURN count(s) AS similar }
CALL () { MATCH ()-[r]->() RETURN count(r) AS relationships }
RETURN papers, authors, topics, similar, relationships`,
    ),
  );
  return row;
}

/** The writer people write first: one statement, one transaction, per node and per relationship. */
function naiveStatements(
  papers: readonly PaperRecord[],
  analysis: Awaited<ReturnType<typeof analyze>>,
  version: string,
): Statement[] {
  const out: Statement[] = [];
  papers.forEach((p, i) => {
    const row = toNodeRow(p);
    out.push(
      statement(
        'naive.paper',
        `MERGE (p:Paper {id: $id}) SET p.title = $title, p.abstract = $abstract, p.publishedAt = date($publishedAt),
         p.authorCount = $authorCount, p.categories = $categories, p.source = $source`,
        { ...row },
      ),
    );
    row.authors.forEach((a, pos) =>
      out.push(
        statement(
          'naive.author',
          `MATCH (p:Paper {id: $pid}) MERGE (a:Author {id: $id}) ON CREATE SET a.name = $name MERGE (a)-[w:AUTHORED]->(p) SET w.position = $pos`,
          { pid: p.id, id: authorIdFor(a.name), name: a.name, pos: pos + 1 },
        ),
      ),
    );
    for (const c of row.categories) {
      out.push(
        statement(
          'naive.category',
          `MATCH (p:Paper {id: $pid}) MERGE (c:Category {code: $code}) MERGE (p)-[:IN_CATEGORY]->(c)`,
          {
            pid: p.id,
            code: c,
          },
        ),
      );
    }
    out.push(
      statement(
        'naive.topic',
        `MATCH (p:Paper {id: $pid}), (t:Topic {id: $tid}) MERGE (p)-[r:IN_TOPIC]->(t) SET r.score = $score`,
        {
          pid: p.id,
          tid: topicIdFor(version, analysis.assignments[i] ?? 0),
          score: analysis.topicScores[i] ?? 0,
        },
      ),
    );
    out.push(
      statement(
        'naive.embedding',
        `MATCH (p:Paper {id: $pid}) CALL db.create.setNodeVectorProperty(p, 'embedding', $v)`,
        {
          pid: p.id,
          v: Array.from(analysis.vectors[i] ?? []),
        },
      ),
    );
    for (const k of analysis.keywords[i] ?? []) {
      out.push(
        statement(
          'naive.keyword',
          `MATCH (p:Paper {id: $pid}) MERGE (k:Keyword {term: $term}) MERGE (p)-[r:HAS_KEYWORD]->(k) SET r.weight = $w`,
          {
            pid: p.id,
            term: k.term,
            w: k.weight,
          },
        ),
      );
    }
  });
  papers.forEach((p, i) => {
    for (const n of analysis.neighbors[i] ?? []) {
      const q = papers[n.index];
      if (!q) continue;
      out.push(
        statement(
          'naive.similar',
          `MATCH (p:Paper {id: $a}), (q:Paper {id: $b}) MERGE (p)-[s:SIMILAR_TO]->(q) SET s.score = $score, s.sharedTerms = $terms`,
          { a: p.id, b: q.id, score: n.score, terms: n.sharedTerms },
        ),
      );
    }
  });
  return out;
}

/** One end-to-end run in its own Node process (e2e-run.ts), so peak memory is that run's own. */
function e2eRun(uri: string, neo4jPid: number): Promise<Record<string, number>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        path.join(import.meta.dirname, 'e2e-run.ts'),
        values.file,
        String(batchSize),
        String(neo4jPid),
      ],
      {
        env: { ...process.env, NEO4J_URI: uri, NEO4J_USER: 'neo4j', NEO4J_PASSWORD: BENCH_PASSWORD },
        stdio: ['ignore', 'pipe', 'inherit'],
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || line === '') reject(new Error(`e2e-run exited with code ${code}: ${out}`));
      else resolve(JSON.parse(line) as Record<string, number>);
    });
  });
}

async function main() {
  const info = machineInfo();
  const bench = await startBenchNeo4j('ingest', HEAP);
  const { neo4j, db } = bench;
  const store = createIngestStore({ db, schemaDir: SCHEMA_DIR });
  try {
    // --- end to end, several runs into a wiped graph
    const e2e: Record<string, number>[] = [];
    const warm: Record<string, number>[] = [];
    let lastCounts: unknown = null;
    for (let run = 1 - warmups; run <= runs; run++) {
      await wipe(db);
      const result = { run, ...(await e2eRun(neo4j.boltUri, neo4j.pid)) };
      lastCounts = await graphCounts(db);
      console.error(JSON.stringify(result));
      (run < 1 ? warm : e2e).push(result as unknown as Record<string, number>);
    }
    if (sliceSize === 0) return; // --slice 0: end-to-end runs only, nothing saved

    // --- writer comparison on the same slice of analysed papers
    await wipe(db);
    const collected = await collectPapers(readPapers(values.file));
    const slice = collected.papers.slice(0, sliceSize);
    const analysis = await analyze(slice.map((p) => ({ id: p.id, title: p.title, abstract: p.abstract })));
    const version = 'bench';
    const placed = placeModelTopics(analysis.model);
    const topics = analysis.topics.map((t) => ({
      id: topicIdFor(version, t.index),
      index: t.index,
      label: t.label,
      terms: t.terms,
      size: t.size,
      modelVersion: version,
      position: placed[t.index] ?? { x: 0, y: 0, radius: 1 },
    }));
    await store.ensureSchema(analysis.vectors[0]?.length ?? 1);

    await store.upsertTopics(topics);
    const naive = naiveStatements(slice, analysis, version);
    let t = performance.now();
    for (const s of naive) await db.write([s]);
    const naiveMs = performance.now() - t;
    const naiveCounts = await graphCounts(db);

    await wipe(db);
    await store.upsertTopics(topics);
    t = performance.now();
    const rows = slice.map(toNodeRow);
    for (let i = 0; i < rows.length; i += batchSize) {
      const batch = rows.slice(i, i + batchSize);
      await store.writePapers(
        batch,
        batch.map((p, j) => ({
          id: p.id,
          topicId: topicIdFor(version, analysis.assignments[i + j] ?? 0),
          topicScore: analysis.topicScores[i + j] ?? 0,
          embedding: Array.from(analysis.vectors[i + j] ?? []),
          keywords: analysis.keywords[i + j] ?? [],
        })),
      );
    }
    const similar = slice.map((p, i) => ({
      id: p.id,
      neighbors: (analysis.neighbors[i] ?? []).map((n) => ({
        id: slice[n.index]?.id ?? '',
        score: n.score,
        sharedTerms: n.sharedTerms,
      })),
    }));
    for (let i = 0; i < similar.length; i += batchSize)
      await store.writeSimilar(similar.slice(i, i + batchSize));
    const batchedMs = performance.now() - t;
    const batchedCounts = await graphCounts(db);

    const naiveRate = sliceSize / (naiveMs / 1000);
    const batchedRate = sliceSize / (batchedMs / 1000);
    const medianE2E = median(e2e.map((r) => r.papersPerS ?? 0));
    const results = {
      benchmark: 'ingest',
      measuredAt: new Date().toISOString(),
      command: 'npm run bench:ingest',
      machine: info,
      input: { file: path.relative(REPO, values.file), papers: e2e[0]?.papers, skipped: e2e[0]?.skipped },
      neo4j: { version: '5.26 community (project launcher)', heap: HEAP, pageCache: '1g', batchSize },
      endToEnd: {
        // Runs on the freshly started server, before the measured ones (JIT still compiling).
        warmupRuns: warm,
        runs: e2e,
        medianPapersPerS: medianE2E,
        medianTotalS: median(e2e.map((r) => r.totalS ?? 0)),
        maxPeakRssMiB: Math.max(...e2e.map((r) => r.peakRssMiB ?? 0)),
        graph: lastCounts,
      },
      writers: {
        slicePapers: sliceSize,
        naive: {
          statements: naive.length,
          seconds: secs(naiveMs),
          papersPerS: Math.round(naiveRate),
          graph: naiveCounts,
        },
        batched: { seconds: secs(batchedMs), papersPerS: Math.round(batchedRate), graph: batchedCounts },
        ratio: Math.round((batchedRate / naiveRate) * 10) / 10,
      },
      targets: {
        endToEndPapersPerS: { target: 1000, measured: medianE2E, met: medianE2E >= 1000 },
        peakNodeMemoryMiB: {
          target: 2048,
          measured: Math.max(...e2e.map((r) => r.peakRssMiB ?? 0)),
          met: Math.max(...e2e.map((r) => r.peakRssMiB ?? 0)) < 2048,
        },
        writerRatio: {
          target: 20,
          measured: Math.round((batchedRate / naiveRate) * 10) / 10,
          met: batchedRate / naiveRate >= 20,
        },
      },
    };
    await mkdir(path.join(REPO, 'bench/results'), { recursive: true });
    await writeFile(path.join(REPO, 'bench/results/ingest.json'), JSON.stringify(results, null, 2) + '\n');
    console.log(
      JSON.stringify(
        { endToEnd: results.endToEnd.runs, writers: results.writers, targets: results.targets },
        null,
        2,
      ),
    );
  } finally {
    await bench.stop();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
