/**
 * npm run bench:abuse [-- --soak-seconds 60] [--extra <papers file>]
 *
 * Starts PaperGraph as `npm run dev` does (its own local Neo4j on a throwaway data directory
 * and free ports, random password, demo corpus), then sends it the hostile requests and
 * faults of the "limits and faults" design: abusive queries (with a plain query sent
 * meanwhile), slow and excess connections, Neo4j killed under it, and a soak of 32 clients
 * with an ingest every minute. Writes bench/results/abuse.json: probe, expected, measured.
 */
process.env.DOTENV_CONFIG_QUIET ??= 'true';
import autocannon from 'autocannon';
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { freePort } from '../../src/runtime/local-neo4j.js';
import { PASSWORD_FILE } from '../../src/runtime/local-password.js';
import { machineInfo } from '../lib/machine.js';

const REPO = path.resolve(import.meta.dirname, '../..');
const API_KEY = 'bench-abuse-key-0123456789';

interface Row {
  probe: string;
  expected: string;
  measured: string;
  ok: boolean;
}
const rows: Row[] = [];
function record(probe: string, expected: string, measured: string, ok: boolean): void {
  rows.push({ probe, expected, measured, ok });
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${probe}\n     expected: ${expected}\n     measured: ${measured}`);
}

interface Gql {
  status: number;
  ms: number;
  code: string | null;
  text: string;
}

async function gql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  key?: string,
): Promise<Gql> {
  const started = performance.now();
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  let code: string | null = null;
  try {
    const body = JSON.parse(text) as { errors?: { extensions?: { code?: string } }[] };
    code = body.errors?.[0]?.extensions?.code ?? null;
  } catch {
    code = 'NOT_JSON';
  }
  return { status: res.status, ms, code, text };
}

const PLAIN = '{ stats { papers } }';

/** The abusive request, and a plain query sent 20 ms after it started. */
async function withPlain(url: string, query: string, variables: Record<string, unknown> = {}) {
  const abusive = gql(url, query, variables);
  await new Promise((r) => setTimeout(r, 20));
  const plain = await gql(url, PLAIN);
  return { abusive: await abusive, plain };
}

function fragmentBomb(levels: number): string {
  let q = `query { ...F0 } fragment F${levels} on Query { stats { papers } }`;
  for (let i = 0; i < levels; i++) q += ` fragment F${i} on Query { ...F${i + 1} ...F${i + 1} }`;
  return q;
}
function aliased(n: number, field: string): string {
  const vars = field.includes('$t') ? '($t: String)' : '';
  return `query${vars} { ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
}

const ms = (x: number) => `${x.toFixed(0)} ms`;

async function abuseProbes(url: string): Promise<void> {
  const text18k = 'language model training data '.repeat(620).slice(0, 18_000);
  const cases: { probe: string; query: string; variables?: Record<string, unknown>; code: string }[] = [
    {
      probe: 'fragments spreading the next twice, 30 levels',
      query: fragmentBomb(30),
      code: 'BAD_USER_INPUT',
    },
    {
      probe: 'fragments spreading the next twice, 300 levels',
      query: fragmentBomb(300),
      code: 'BAD_USER_INPUT',
    },
    {
      probe: '10,000 aliased stats { papers } (199 KB)',
      query: aliased(10_000, 'stats { papers }'),
      code: 'GRAPHQL_PARSE_FAILED',
    },
    {
      probe: '101 aliased stats { papers }',
      query: aliased(101, 'stats { papers }'),
      code: 'BAD_USER_INPUT',
    },
    {
      probe: '2,000 aliased recommend(text: $t), 18k-character $t',
      query: aliased(2_000, 'recommend(text: $t) { score }'),
      variables: { t: text18k },
      code: 'GRAPHQL_PARSE_FAILED',
    },
    {
      probe: '100 aliased recommend(text: $t), 18k-character $t',
      query: aliased(100, 'recommend(text: $t) { score }'),
      variables: { t: text18k },
      code: 'BAD_USER_INPUT',
    },
    {
      probe: '100 aliased __schema',
      query: aliased(100, '__schema { types { name fields { name } } }'),
      code: 'BAD_USER_INPUT',
    },
    {
      probe: '20,000 aliased __schema',
      query: aliased(20_000, '__schema { queryType { name } }'),
      code: 'GRAPHQL_PARSE_FAILED',
    },
    {
      probe: 'variable default priced: query($n: Int = 100) nested pages',
      query: `query($n: Int = 100) { papers(first: $n) { edges { node { related(first: $n) { paper { related(first: $n) { score } } } } } } }`,
      code: 'BAD_USER_INPUT',
    },
    {
      probe: '@include(if: $yes) on a huge subtree',
      query: `query($yes: Boolean!) { stats { papers } papers(first: 100) @include(if: $yes) { edges { node { related(first: 100) { paper { related(first: 100) { score } } } } } } }`,
      variables: { yes: true },
      code: 'BAD_USER_INPUT',
    },
    {
      probe: 'unpaged lists priced (authors under 100x100 papers)',
      query: `{ topics(first: 100) { papers(first: 100) { edges { node { authors { papers(first: 100) { totalCount } } } } } } }`,
      code: 'BAD_USER_INPUT',
    },
    {
      probe: 'recommend(text: "...", first: 0)',
      query: `{ recommend(text: "language models", first: 0) { score } }`,
      code: 'BAD_USER_INPUT',
    },
  ];
  // Warm up (JIT, schema caches), as a real server would be.
  for (let i = 0; i < 5; i++) await gql(url, PLAIN);
  for (const c of cases) {
    const { abusive, plain } = await withPlain(url, c.query, c.variables);
    const ok = abusive.code === c.code && abusive.ms < 100 && plain.ms < 200;
    record(
      c.probe,
      `${c.code}, refused in < 100 ms; a plain query meanwhile < 200 ms`,
      `HTTP ${abusive.status} ${abusive.code ?? 'no error'} in ${ms(abusive.ms)}; plain query ${ms(plain.ms)}`,
      ok,
    );
  }
}

/** A client that sends half a request and stops: the server must close it at the headers timeout. */
async function slowloris(port: number, headersTimeoutMs: number): Promise<void> {
  const started = performance.now();
  const closedAfter = await new Promise<number>((resolve) => {
    const s = net.connect(port, '127.0.0.1', () => s.write('POST /graphql HTTP/1.1\r\nHost: x\r\n'));
    s.on('data', () => {});
    s.on('error', () => {});
    s.on('close', () => resolve(performance.now() - started));
    setTimeout(() => {
      s.destroy();
      resolve(Infinity);
    }, headersTimeoutMs * 4);
  });
  record(
    'slow client: half the headers, then silence',
    `connection closed after the headers timeout (${headersTimeoutMs} ms, checked every second by Node)`,
    Number.isFinite(closedAfter) ? `closed after ${ms(closedAfter)}` : 'still open',
    Number.isFinite(closedAfter) && closedAfter < headersTimeoutMs + 2_500,
  );
}

async function connectionCap(port: number, url: string, cap: number): Promise<void> {
  const sockets: net.Socket[] = [];
  let closedEarly = 0;
  for (let i = 0; i < cap + 20; i++) {
    const s = net.connect(port, '127.0.0.1');
    s.on('error', () => {});
    s.on('close', () => closedEarly++);
    sockets.push(s);
  }
  await new Promise((r) => setTimeout(r, 500));
  const refused = closedEarly;
  for (const s of sockets) s.destroy();
  await new Promise((r) => setTimeout(r, 200));
  const after = await gql(url, PLAIN);
  record(
    `${cap + 20} idle connections against a cap of ${cap}`,
    `about 20 closed at once; the server answers afterwards`,
    `${refused} of ${sockets.length} closed by the server at once; then HTTP ${after.status} in ${ms(after.ms)}`,
    after.status === 200 && refused >= 20,
  );
}

function launcherPid(dataDir: string): number | null {
  // The Java launcher this bench's server started: the one whose arguments name our data dir.
  const out = execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' });
  for (const line of out.split('\n')) {
    if (line.includes('dev.papergraph.launcher.Neo4jLauncher') && line.includes(dataDir)) {
      const pid = Number(line.trim().split(/\s+/)[0]);
      if (Number.isInteger(pid)) return pid;
    }
  }
  return null;
}

async function neo4jKilled(
  url: string,
  dataDir: string,
  boltPort: number,
  password: string,
  serverOutput: () => string,
): Promise<void> {
  const readyLines = () => serverOutput().split('Neo4j is ready in').length - 1;
  const readyBefore = readyLines();
  const pid = launcherPid(dataDir);
  if (pid === null) {
    record('Neo4j killed under the running server', 'the launcher found', 'no launcher pid', false);
    return;
  }
  process.kill(pid, 'SIGKILL');
  const killedAt = performance.now();
  await new Promise((r) => setTimeout(r, 200));
  const res = await gql(url, PLAIN);
  const leaks = ['127.0.0.1', String(boltPort), 'bolt:', 'ServiceUnavailable', password].filter((l) =>
    res.text.includes(l),
  );
  record(
    'Neo4j killed (SIGKILL) under the running server: GraphQL',
    'HTTP 503 SERVICE_UNAVAILABLE within 1 s, no host, port or driver text',
    `HTTP ${res.status} ${res.code ?? '-'} in ${ms(res.ms)}; leaks: ${leaks.length === 0 ? 'none' : leaks.join(', ')}`,
    res.status === 503 && res.code === 'SERVICE_UNAVAILABLE' && res.ms < 1000 && leaks.length === 0,
  );
  const health = await fetch(`${url}/health`);
  const healthText = await health.text();
  record(
    'Neo4j killed: /health',
    '503, says a restart is under way, no driver text',
    `HTTP ${health.status} ${healthText}`,
    health.status === 503 && healthText.includes('restarting') && !healthText.includes(String(boltPort)),
  );
  let backAt = Infinity;
  let readyAt = Infinity;
  const deadline = performance.now() + 180_000;
  while (performance.now() < deadline) {
    if (!Number.isFinite(readyAt) && readyLines() > readyBefore) readyAt = performance.now();
    const r = await gql(url, PLAIN).catch(() => null);
    if (r && r.status === 200 && r.code === null) {
      backAt = performance.now();
      if (!Number.isFinite(readyAt) && readyLines() > readyBefore) readyAt = backAt;
      break;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const sinceReady = Number.isFinite(readyAt) ? Math.max(0, backAt - readyAt) : NaN;
  const h2 = await fetch(`${url}/health`).then((r) => r.text());
  record(
    'Neo4j killed: recovery',
    'the local Neo4j is restarted (back-off from 1 s); GraphQL answers again without a server restart, within 10 s of Neo4j being ready',
    Number.isFinite(backAt)
      ? `GraphQL answered ${((backAt - killedAt) / 1000).toFixed(1)} s after the kill, ` +
          `${Number.isNaN(sinceReady) ? '?' : (sinceReady / 1000).toFixed(1)} s after the restarted Neo4j said it was ready; /health ${h2}`
      : 'not back within 180 s',
    Number.isFinite(backAt) && !(sinceReady > 10_000),
  );
}

function rssMiB(pid: number): number {
  const kib = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  return Math.round(kib / 1024);
}

async function soak(url: string, serverPid: number, seconds: number): Promise<void> {
  const requests = [
    { query: '{ papers(first: 20) { edges { node { id title topic { label } } } } }' },
    { query: '{ topics { id label size } }' },
    { query: '{ search(query: "language models", first: 10) { totalCount edges { node { id } } } }' },
    { query: '{ recommend(text: "reinforcement learning for reasoning", first: 5) { score paper { id } } }' },
    { query: '{ stats { papers authors topics } }' },
  ].map((b) => ({ method: 'POST' as const, body: JSON.stringify(b) }));
  const ingest = async (n: number): Promise<boolean> => {
    const papers = Array.from({ length: 10 }, (_, i) => ({
      title: `Soak paper ${n}-${i} on robust graph servers`,
      abstract: `A paper written during the soak, number ${n}-${i}, about language models, retrieval and graph databases under load.`,
    }));
    const r = await gql(
      url,
      'mutation($p: [PaperInput!]!) { ingestPapers(papers: $p) { ingested } }',
      { p: papers },
      API_KEY,
    ).catch(() => null);
    return r !== null && r.code === null;
  };
  // Warm-up: the read mix, and one ingest (it loads the analysis code and the model cache).
  const warm = Math.min(15, Math.max(5, Math.floor(seconds / 4)));
  const warming = autocannon({
    url: `${url}/graphql`,
    connections: 32,
    duration: warm,
    headers: { 'content-type': 'application/json' },
    requests,
  });
  const warmIngestOk = await ingest(0);
  await warming;
  const rssStart = rssMiB(serverPid);
  let ingests = 0;
  let ingestErrors = warmIngestOk ? 0 : 1;
  const pending: Promise<void>[] = [];
  const ingestTimer = setInterval(() => {
    const n = ++ingests;
    pending.push(
      ingest(n).then((ok) => {
        if (!ok) ingestErrors++;
      }),
    );
  }, 60_000);
  // Also one at the start of the measured run (a run shorter than a minute still has one).
  ingests++;
  pending.push(
    ingest(ingests).then((ok) => {
      if (!ok) ingestErrors++;
    }),
  );
  const result = await autocannon({
    url: `${url}/graphql`,
    connections: 32,
    duration: seconds,
    headers: { 'content-type': 'application/json' },
    requests,
  });
  clearInterval(ingestTimer);
  await Promise.all(pending);
  const rssEnd = rssMiB(serverPid);
  const errors = result.errors + result.timeouts + result.non2xx;
  const growth = ((rssEnd - rssStart) / rssStart) * 100;
  record(
    `soak: 32 clients, mixed reads, ${seconds} s (the full target is 600 s), ingest every minute`,
    '0 errors; p99 reported; RSS growth under 10% after warm-up',
    `${result.requests.total} requests (${result.requests.average.toFixed(0)}/s), ${errors} errors, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms; ` +
      `${ingests} ingests of 10 papers (+1 in warm-up), ${ingestErrors} failed; server RSS after ${warm} s warm-up ${rssStart} -> ${rssEnd} MiB (${growth.toFixed(1)}%)`,
    errors === 0 && ingestErrors === 0 && growth < 10,
  );
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { 'soak-seconds': { type: 'string', default: '60' }, extra: { type: 'string' } },
  });
  const soakSeconds = Number(values['soak-seconds']);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'papergraph-abuse-'));
  const [boltPort, httpPort, port] = [await freePort(), await freePort(), await freePort()];
  const headersTimeoutMs = 2_000;
  const maxConnections = 200;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NEO4J_DATA_DIR: dataDir,
    NEO4J_BOLT_PORT: String(boltPort),
    NEO4J_HTTP_PORT: String(httpPort),
    PORT: String(port),
    PAPERGRAPH_API_KEY: API_KEY,
    PAPERGRAPH_HEADERS_TIMEOUT_MS: String(headersTimeoutMs),
    PAPERGRAPH_MAX_CONNECTIONS: String(maxConnections),
    LOG_LEVEL: 'warn',
  };
  // Its own local Neo4j, with the password it generates on first start.
  delete env.NEO4J_URI;
  delete env.NEO4J_PASSWORD;
  console.log(`Starting PaperGraph (local Neo4j in ${dataDir}) ...`);
  const server: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'pipelines/start.ts'], {
    cwd: REPO,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  server.stdout?.on('data', (b: Buffer) => (output += b.toString()));
  server.stderr?.on('data', (b: Buffer) => (output += b.toString()));
  const url = `http://127.0.0.1:${port}`;
  try {
    const upBy = Date.now() + 300_000;
    while (!output.includes('PaperGraph is up.')) {
      if (Date.now() > upBy || server.exitCode !== null) throw new Error(`server did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 250));
    }
    if (values.extra) {
      console.log(`Ingesting ${values.extra} ...`);
      execFileSync(process.execPath, ['--import', 'tsx', 'pipelines/ingest.ts', values.extra], {
        cwd: REPO,
        env,
        stdio: 'inherit',
      });
    }
    const password = readFileSync(path.join(dataDir, PASSWORD_FILE), 'utf8').trim();
    record(
      'first start without NEO4J_PASSWORD',
      `a random password kept in <NEO4J_DATA_DIR>/${PASSWORD_FILE}, printed nowhere`,
      `${password.length}-character password in the file; in the server's output: ${output.includes(password) ? 'YES' : 'no'}`,
      password.length >= 16 && password !== 'papergraph' && !output.includes(password),
    );

    await abuseProbes(url);
    await slowloris(port, headersTimeoutMs);
    await connectionCap(port, url, maxConnections);
    if (soakSeconds > 0 && server.pid !== undefined) await soak(url, server.pid, soakSeconds);
    await neo4jKilled(url, dataDir, boltPort, password, () => output);
    record(
      'log after the kill',
      'the detail (host, port, driver text) is in the server log',
      output.includes('neo4j fault') || output.includes('not reachable') ? 'present' : 'absent',
      output.includes('neo4j fault') || output.includes('not reachable'),
    );
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => {
      if (server.exitCode !== null) r(null);
      else server.once('exit', r);
    });
    rmSync(dataDir, { recursive: true, force: true, maxRetries: 3 });
  }
  mkdirSync(path.join(REPO, 'bench/results'), { recursive: true });
  const out = {
    command: `npm run bench:abuse -- --soak-seconds ${soakSeconds}`,
    measuredAt: new Date().toISOString(),
    machine: machineInfo(),
    graph: values.extra ? `demo corpus + ${values.extra}` : 'demo corpus (34 papers)',
    rows,
  };
  writeFileSync(path.join(REPO, 'bench/results/abuse.json'), `${JSON.stringify(out, null, 2)}\n`);
  console.log(
    `\n${rows.filter((r) => r.ok).length}/${rows.length} probes as expected; wrote bench/results/abuse.json`,
  );
}

await main();
