/**
 * npm run bench:api [-- --seconds 10 --repeats 3 --warmup 8 --connections 32 --only paper,search]
 *
 * Loads the 38k-paper arXiv corpus (readPapers + the ingest service) into a throwaway local
 * Neo4j (free ports, temporary directory; NEO4J_URI to use another server instead), starts
 * the GraphQL server in a child process and drives it on loopback with autocannon for four
 * requests: a paper with related(10), topic and authors; a page of a topic's papers; a
 * search; a recommendation from 3 papers (and the widget's GET read, fresh and revalidated
 * by ETag: bench/api/widget.ts, into bench/results/api-widget.json; `--only widget` runs
 * only that). For each, in the same run, the same data fetched
 * by plain Cypher on the driver with the same concurrency (the floor), and that Cypher
 * behind a bare node:http endpoint. The GraphQL server runs as `npm start` does (concurrent
 * requests of the same shape share a query) and, beside it, with PAPERGRAPH_COALESCE_READS=false
 * (one query per request). Runs are interleaved and repeated; medians go to
 * bench/results/api.json.
 *
 * BENCH_NEO4J_DIR=<dir outside the repo> keeps the Neo4j store between runs (the corpus is
 * then ingested only once); without it everything is deleted at the end.
 *
 * `--variants graphql` runs only some variants (the summary needs all four); `--profile <dir>` writes a V8 CPU profile of the server process (node --cpu-prof) there.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
// Like `node dist/...` in production: no source-mapped stack traces (tsx turns them on, and
// the driver formats a stack for every query).
process.setSourceMapsEnabled(false);
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { processCpuMs } from '../lib/machine.js';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { loadConfig } from '../../src/config/env.js';
import { GraphDb } from '../../src/graph/db.js';
import { topicKeysConsistent } from '../../src/graph/cypher/reads.js';
import { statement } from '../../src/graph/statement.js';
import { createIngestStore } from '../../src/graph/stores/ingest.store.js';
import { readPapers } from '../../src/ingest/index.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/runtime/local-neo4j.js';
import { collectPapers } from '../../src/services/collect.js';
import { createIngestService } from '../../src/services/ingest.service.js';
import { driverLoad, floorDriver, httpLoad, type Measure } from './measure.js';
import { scenarios, SEARCHES, type Inputs } from './scenarios.js';
import { benchWidget } from './widget.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '8' },
    repeats: { type: 'string', default: '3' },
    connections: { type: 'string', default: '32' },
    file: {
      type: 'string',
      default: path.resolve(REPO, '../shared/data/arxiv_labelled/arxiv_daily_labelled.jsonl'),
    },
    only: { type: 'string' },
    profile: { type: 'string' },
    variants: { type: 'string', default: 'graphql,graphqlSolo,driver,httpDriver' },
  },
});
const seconds = Number(values.seconds);
const warmup = Number(values.warmup);
const repeats = Number(values.repeats);
const connections = Number(values.connections);
const TARGET_RATIO = 0.7;
const TARGET_P99_MS = 50;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] ?? NaN) : ((s[m - 1] ?? NaN) + (s[m] ?? NaN)) / 2;
};

interface GraphTarget {
  uri: string;
  user: string;
  password: string;
  local: LocalNeo4j | null;
  /** Process id of the Neo4j server, when known (for its CPU time). */
  pid: number | undefined;
  cleanup: () => Promise<void>;
}

async function openTarget(): Promise<GraphTarget> {
  const cfg = loadConfig(process.env);
  if (cfg.NEO4J_URI) {
    console.log(`Using the Neo4j at ${cfg.NEO4J_URI}.`);
    return {
      uri: cfg.NEO4J_URI,
      user: cfg.NEO4J_USER,
      password: cfg.NEO4J_PASSWORD ?? '',
      local: null,
      // BENCH_NEO4J_PID: that server's process id, to report its CPU time per request.
      pid: process.env.BENCH_NEO4J_PID ? Number(process.env.BENCH_NEO4J_PID) : undefined,
      cleanup: async () => {},
    };
  }
  const keep = process.env.BENCH_NEO4J_DIR;
  const dataDir = keep ? path.resolve(keep) : await mkdtemp(path.join(os.tmpdir(), 'papergraph-bench-api-'));
  if (keep && dataDir.startsWith(REPO + path.sep))
    throw new Error('BENCH_NEO4J_DIR must be outside the repository.');
  await mkdir(dataDir, { recursive: true });
  const boltPort = await freePort();
  let httpPort = await freePort();
  while (httpPort === boltPort) httpPort = await freePort();
  // A kept store keeps its password; a throwaway one gets a fresh one.
  const password = keep ? 'bench-api-password' : `bench-${randomBytes(9).toString('hex')}`;
  const local = await startLocalNeo4j({
    repoRoot: REPO,
    dataDir,
    boltPort,
    httpPort,
    password,
    heap: '2g',
    pageCache: '1g',
    onLog: (l) => console.log(`[neo4j] ${l}`),
  });
  return {
    uri: local.boltUri,
    user: 'neo4j',
    password,
    local,
    pid: local.pid,
    cleanup: async () => {
      await local.stop();
      if (!keep) await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}

async function ensureCorpus(
  db: GraphDb,
  file: string,
): Promise<{ papers: number; ingestSeconds: number | null }> {
  const collected = await collectPapers(readPapers(file));
  const [row] = await db.read(
    statement(
      'bench.state',
      `CALL () { MATCH (p:Paper) RETURN count(p) AS papers }
CALL () { OPTIONAL MATCH (m:TopicModel {current: true}) RETURN m.version AS version }
RETURN papers, version`,
    ),
  );
  if (row?.version && Number(row.papers) >= collected.papers.length) {
    console.log(
      `The graph already holds ${String(row.papers)} papers (model ${String(row.version)}); not ingesting again.`,
    );
    return { papers: Number(row.papers), ingestSeconds: null };
  }
  console.log(
    `Ingesting ${collected.papers.length} papers from ${path.basename(file)} (takes a few minutes)...`,
  );
  const started = performance.now();
  let last = 0;
  const service = createIngestService({
    store: createIngestStore({ db, schemaDir: path.join(REPO, 'schema/neo4j') }),
    batchSize: 1000,
    onProgress: (p) => {
      const now = performance.now();
      if (now - last > 10_000 || p.done === p.total) {
        last = now;
        console.log(`  ${p.stage}: ${p.done}/${p.total}`);
      }
    },
  });
  const outcome = await service.ingest(collected.papers);
  const ingestSeconds = Math.round((performance.now() - started) / 100) / 10;
  console.log(`Ingested ${outcome.written} papers into ${outcome.topics} topics in ${ingestSeconds} s.`);
  return { papers: collected.papers.length, ingestSeconds };
}

/** Real ids to rotate through: papers with 10 related papers and named authors, every topic. */
async function pickInputs(db: GraphDb): Promise<Inputs> {
  const [row] = await db.read(
    statement(
      'bench.inputs',
      `CALL () {
  MATCH (p:Paper) WHERE COUNT { (p)-[:SIMILAR_TO]->() } >= 10 AND EXISTS { (:Author)-[:AUTHORED]->(p) }
  WITH p ORDER BY p.id
  WITH collect(p.id) AS ids
  RETURN [i IN range(0, 299) | ids[toInteger(i * size(ids) / 300)]] AS paperIds
}
CALL () {
  MATCH (m:TopicModel {current: true}) MATCH (t:Topic {modelVersion: m.version})
  RETURN collect(t.id) AS topicIds
}
RETURN paperIds, topicIds`,
    ),
  );
  const paperIds = (row?.paperIds as string[] | undefined) ?? [];
  const topicIds = (row?.topicIds as string[] | undefined) ?? [];
  if (paperIds.length === 0 || topicIds.length === 0)
    throw new Error('the graph has no papers or topics to query');
  const [keys] = await db.read(topicKeysConsistent());
  return { paperIds, topicIds, searches: SEARCHES, topicKeyed: keys?.consistent === true };
}

async function startServer(
  target: GraphTarget,
  inputs: Inputs,
): Promise<{ child: ChildProcess; graphql: string; graphqlSolo: string; floor: string }> {
  const profile = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${path.resolve(values.profile)}`] : [];
  const child = spawn(
    process.execPath,
    [...profile, '--import', 'tsx', path.join(import.meta.dirname, 'serve.ts')],
    {
      cwd: REPO,
      env: {
        ...process.env,
        BENCH_BOLT_URI: target.uri,
        BENCH_NEO4J_USER: target.user,
        BENCH_NEO4J_PASSWORD: target.password,
        BENCH_TOPIC_KEYED: String(inputs.topicKeyed),
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`the bench server exited (${code}) before it was ready`)));
    readline.createInterface({ input: child.stdout ?? process.stdin }).on('line', (line) => {
      if (line.startsWith('READY ')) {
        const urls = JSON.parse(line.slice(6)) as { graphql: string; graphqlSolo: string; floor: string };
        resolve({ child, ...urls });
      } else console.log(`[server] ${line}`);
    });
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Every scenario answers without errors, through GraphQL and through the floor. */
async function sanityCheck(
  graphqlUrl: string,
  all: ReturnType<typeof scenarios>,
  driver: ReturnType<typeof floorDriver>,
) {
  for (const s of all) {
    for (let i = 0; i < 20; i++) {
      const res = await fetch(`${graphqlUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: s.graphql, variables: s.variables(i) }),
      });
      const body = (await res.json()) as { data?: unknown; errors?: unknown };
      if (body.errors || !body.data)
        throw new Error(`${s.name} #${i} failed: ${JSON.stringify(body.errors)}`);
      const floor = await driver.executeQuery(s.cypher, s.params(i));
      if (floor.records.length === 0) throw new Error(`floor ${s.name} #${i} returned nothing`);
    }
  }
}

type Variant = 'graphql' | 'graphqlSolo' | 'driver' | 'httpDriver';

interface Measured extends Measure {
  /** CPU ms per request of the API server process, of Neo4j, and of this (load) process. */
  readonly cpuMsPerRequest: { server: number | null; neo4j: number | null; client: number };
}

async function main(): Promise<void> {
  const target = await openTarget();
  const db = GraphDb.connect({ uri: target.uri, user: target.user, password: target.password });
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  const driver = floorDriver(target.uri, target.user, target.password);
  try {
    const corpus = await ensureCorpus(db, values.file);
    // A kept store gets indexes added since it was ingested (idempotent).
    await createIngestStore({ db, schemaDir: path.join(REPO, 'schema/neo4j') }).ensureSchema();
    const inputs = await pickInputs(db);
    const stats = await db.read(
      statement(
        'bench.stats',
        `CALL () { MATCH (p:Paper) RETURN count(p) AS papers }
CALL () { MATCH (a:Author) RETURN count(a) AS authors }
CALL () { MATCH (m:TopicModel {current: true}) MATCH (t:Topic {modelVersion: m.version}) RETURN count(t) AS topics }
CALL () { MATCH ()-[s:SIMILAR_TO]->() RETURN count(s) AS similarityEdges }
RETURN papers, authors, topics, similarityEdges`,
      ),
    );
    server = await startServer(target, inputs);
    const only = values.only?.split(',');
    const all = scenarios(inputs).filter((s) => !only || only.includes(s.name));
    await sanityCheck(server.graphql, all, driver);

    const bodies = new Map(
      all.map((s) => [
        s.name,
        Array.from({ length: 600 }, (_, i) =>
          JSON.stringify({ query: s.graphql, variables: s.variables(i) }),
        ),
      ]),
    );
    const floorBodies = new Map(
      all.map((s) => [s.name, Array.from({ length: 600 }, (_, i) => JSON.stringify(s.params(i)))]),
    );
    const load = async (s: (typeof all)[number], v: Variant, secs: number): Promise<Measure> => {
      const srv = server;
      if (!srv) throw new Error('no server');
      switch (v) {
        case 'graphql':
          return httpLoad(srv.graphql, '/graphql', bodies.get(s.name) ?? [], secs, connections);
        case 'graphqlSolo':
          return httpLoad(srv.graphqlSolo, '/graphql', bodies.get(s.name) ?? [], secs, connections);
        case 'httpDriver':
          return httpLoad(srv.floor, `/floor/${s.name}`, floorBodies.get(s.name) ?? [], secs, connections);
        case 'driver':
          return driverLoad(driver, s, secs, connections);
      }
    };
    const per = (a: number | null, b: number | null, n: number) =>
      a === null || b === null ? null : Math.round(((b - a) / Math.max(1, n)) * 1000) / 1000;
    const run = async (s: (typeof all)[number], v: Variant, secs: number): Promise<Measured> => {
      const serverPid = server?.child.pid;
      const before = {
        server: processCpuMs(serverPid),
        neo4j: processCpuMs(target.pid),
        client: process.cpuUsage(),
      };
      const m = await load(s, v, secs);
      const client = process.cpuUsage(before.client);
      return {
        ...m,
        cpuMsPerRequest: {
          server: v === 'driver' ? 0 : per(before.server, processCpuMs(serverPid), m.requests),
          neo4j: per(before.neo4j, processCpuMs(target.pid), m.requests),
          client: Math.round(((client.user + client.system) / 1000 / Math.max(1, m.requests)) * 1000) / 1000,
        },
      };
    };
    const variants = values.variants.split(',') as Variant[];
    console.log(`Warming up (${warmup} s per scenario and variant)...`);
    for (const s of all) for (const v of variants) await run(s, v, warmup);

    const measured = new Map<string, Measured[]>();
    for (let r = 0; r < repeats; r++) {
      for (const s of all) {
        for (const v of variants) {
          const m = await run(s, v, seconds);
          const key = `${s.name}/${v}`;
          measured.set(key, [...(measured.get(key) ?? []), m]);
          const c = m.cpuMsPerRequest;
          console.log(
            `run ${r + 1}/${repeats} ${s.name.padEnd(13)} ${v.padEnd(11)} ${String(m.rps).padStart(8)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  errors ${m.errors}` +
              `  cpu ms/req server ${c.server ?? '?'} neo4j ${c.neo4j ?? '?'} client ${c.client}`,
          );
        }
      }
    }

    const medianOf = (xs: (number | null)[]) => {
      const known = xs.filter((x): x is number => x !== null);
      return known.length ? median(known) : null;
    };
    const summary = (ms: Measured[]) => ({
      rps: median(ms.map((m) => m.rps)),
      p50: median(ms.map((m) => m.p50)),
      p99: median(ms.map((m) => m.p99)),
      errors: ms.reduce((s, m) => s + m.errors, 0),
      requests: ms.reduce((s, m) => s + m.requests, 0),
      cpuMsPerRequest: {
        server: medianOf(ms.map((m) => m.cpuMsPerRequest.server)),
        neo4j: medianOf(ms.map((m) => m.cpuMsPerRequest.neo4j)),
        client: medianOf(ms.map((m) => m.cpuMsPerRequest.client)),
      },
      runs: ms,
    });
    const results: Record<string, unknown> = {};
    const table: string[] = [];
    for (const s of all) {
      const g = summary(measured.get(`${s.name}/graphql`) ?? []);
      const d = summary(measured.get(`${s.name}/driver`) ?? []);
      const h = summary(measured.get(`${s.name}/httpDriver`) ?? []);
      const solo = summary(measured.get(`${s.name}/graphqlSolo`) ?? []);
      const ratio = Math.round((g.rps / d.rps) * 1000) / 1000;
      const soloRatio = Math.round((solo.rps / d.rps) * 1000) / 1000;
      const httpRatio = Math.round((g.rps / h.rps) * 1000) / 1000;
      const p99Target = s.name === 'paper' || s.name === 'papersByTopic';
      results[s.name] = {
        description: s.description,
        graphql: g,
        graphqlSolo: solo,
        driver: d,
        httpDriver: h,
        ratio,
        ratioToHttpDriver: httpRatio,
        // The server with PAPERGRAPH_COALESCE_READS=false: each request its own queries.
        ratioWithoutCoalescing: soloRatio,
        targets: {
          ratioAtLeast: TARGET_RATIO,
          ratioMet: ratio >= TARGET_RATIO,
          ...(p99Target ? { p99BelowMs: TARGET_P99_MS, p99Met: g.p99 < TARGET_P99_MS } : {}),
          noErrors: g.errors === 0 && d.errors === 0,
        },
        graphqlQuery: s.graphql,
        floorCypher: s.cypher,
      };
      table.push(
        `${s.name.padEnd(14)} GraphQL ${String(g.rps).padStart(7)} req/s p50 ${String(g.p50).padStart(6)} p99 ${String(g.p99).padStart(6)} ms | ` +
          `driver ${String(d.rps).padStart(7)} req/s p99 ${String(d.p99).padStart(6)} ms | http+driver ${String(h.rps).padStart(7)} req/s | ` +
          `ratio ${ratio} (vs http+driver ${httpRatio}) | without coalescing ${String(solo.rps).padStart(7)} req/s p99 ${String(solo.p99).padStart(6)} ms ratio ${soloRatio}`,
      );
    }
    const out = {
      command: `npm run bench:api -- --seconds ${seconds} --repeats ${repeats} --connections ${connections}`,
      date: new Date().toISOString(),
      machine: {
        cpus: os.cpus().length,
        cpuModel: os.cpus()[0]?.model ?? 'unknown',
        memoryGiB: Math.round(os.totalmem() / 2 ** 30),
        node: process.version,
        loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100),
      },
      neo4j: target.local ? { launcher: 'local', heap: '2g', pageCache: '1g' } : { uri: 'NEO4J_URI' },
      corpus: {
        file: path.relative(REPO, values.file),
        ...corpus,
        graph: stats[0],
        // Topic pages in index order need papers to carry topicId (written with IN_TOPIC).
        papersCarryTopicId: inputs.topicKeyed,
      },
      settings: {
        connections,
        secondsPerRun: seconds,
        repeats,
        medians:
          'each figure is the median over the repeats; runs interleave GraphQL, GraphQL without coalescing, driver and http+driver',
        floor:
          'driver: auto-commit queries on one long-lived session per connection (one round trip each); httpDriver: the same Cypher, auto-commit on a session per request, behind node:http',
        graphql:
          'graphql: the server as npm start runs it (concurrent requests with the same shape share one query, PAPERGRAPH_COALESCE_READS=true); graphqlSolo: the same server with coalescing off (one query per request)',
      },
      results,
    };
    console.log('\n' + table.join('\n'));
    if ((!only || only.includes('widget')) && !values.profile) {
      await benchWidget({
        url: server.graphql,
        paperIds: inputs.paperIds,
        seconds,
        warmup,
        repeats,
        connections,
        resultsDir: path.join(REPO, 'bench/results'),
        command: `npm run bench:api -- --only widget --seconds ${seconds} --warmup ${warmup} --repeats ${repeats} --connections ${connections}`,
      });
    }
    if (variants.length === 4 && !only && !values.profile) {
      await mkdir(path.join(REPO, 'bench/results'), { recursive: true });
      await writeFile(path.join(REPO, 'bench/results/api.json'), JSON.stringify(out, null, 2) + '\n');
      console.log('\nWrote bench/results/api.json');
    } else
      console.log(
        '\nA partial run (--only, --variants or --profile): bench/results/api.json left as it was.',
      );
  } finally {
    if (server) await stopServer(server.child);
    await driver.close();
    await db.close();
    await target.cleanup();
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
