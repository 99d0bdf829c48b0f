/**
 * npm run neo4j:start | neo4j:stop: run the project's local Neo4j on its own, detached from any
 * terminal (for Neo4j Browser sessions, or to keep it up across `npm run dev` restarts: the app
 * finds a Neo4j already listening on NEO4J_BOLT_PORT and uses it).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AppConfig } from '../src/config/env.js';
import { browserLinks } from '../src/config/browser.js';
import { UserInputError } from '../src/domain/errors.js';
import { LocalNeo4jError, startLocalNeo4j, stopLocalNeo4jByPid } from '../src/runtime/local-neo4j.js';
import { localPassword, PASSWORD_FILE } from '../src/runtime/local-password.js';
import { config, repoRoot, runCli } from './lib/cli.js';

const MAIN_CLASS = 'dev.papergraph.launcher.Neo4jLauncher';
const USAGE = 'usage: tsx pipelines/neo4j.ts start|stop';

/**
 * The settings this CLI needs. Parsing and validation (with every bad variable reported at once)
 * live in src/config/env.ts: NEO4J_DATA_DIR, NEO4J_BOLT_PORT, NEO4J_HTTP_PORT, NEO4J_PASSWORD,
 * NEO4J_HEAP (default 1g), NEO4J_PAGECACHE (default 512m).
 */
function neo4jSettings(cfg: AppConfig) {
  return {
    dataDir: cfg.NEO4J_DATA_DIR,
    boltPort: cfg.NEO4J_BOLT_PORT,
    httpPort: cfg.NEO4J_HTTP_PORT,
    user: cfg.NEO4J_USER,
    password: localPassword(path.resolve(repoRoot(), cfg.NEO4J_DATA_DIR), cfg.NEO4J_PASSWORD),
    passwordFrom:
      cfg.NEO4J_PASSWORD === undefined
        ? `kept in ${path.join(cfg.NEO4J_DATA_DIR, PASSWORD_FILE)}`
        : 'the one in NEO4J_PASSWORD',
    heap: cfg.NEO4J_HEAP,
    pageCache: cfg.NEO4J_PAGECACHE,
    externalUri: cfg.NEO4J_URI,
  };
}

async function start(root: string, pidFile: string): Promise<void> {
  const cfg = config();
  const settings = neo4jSettings(cfg);
  const links = browserLinks(cfg);
  const running = runningLauncher(pidFile);
  if (running !== null) {
    console.log(`Neo4j is already running (pid ${running}); stop it with npm run neo4j:stop.`);
    return;
  }
  const neo4j = await startLocalNeo4j({
    repoRoot: root,
    dataDir: path.resolve(root, settings.dataDir),
    boltPort: settings.boltPort,
    httpPort: settings.httpPort,
    password: settings.password,
    heap: settings.heap,
    pageCache: settings.pageCache,
    // The Browser opens PaperGraph's guide after login once the app (npm run dev) is up.
    browser: { postConnectCmd: links.postConnectCmd, allowlist: links.allowlist },
    detached: true,
    onLog: (line) => console.log(line),
  });
  mkdirSync(path.dirname(pidFile), { recursive: true });
  writeFileSync(pidFile, `${neo4j.pid}\n`);
  console.log('');
  console.log(`Neo4j is running in the background (pid ${neo4j.pid}, data ${settings.dataDir}).`);
  console.log(`  Bolt:           ${neo4j.boltUri}`);
  console.log(`  Neo4j Browser:  ${neo4j.httpUrl}/browser/`);
  console.log(`  User:           ${settings.user} (password ${settings.passwordFrom})`);
  console.log(`  Logs:           ${path.join(settings.dataDir, 'logs', 'neo4j.log')}`);
  console.log('Stop it with npm run neo4j:stop.');
  if (settings.externalUri) {
    console.log(
      `Note: NEO4J_URI is set (${settings.externalUri}), so the app uses that server, not this one.`,
    );
  }
}

async function stop(pidFile: string): Promise<void> {
  const pid = runningLauncher(pidFile);
  if (pid === null) {
    console.log(`No Neo4j started by npm run neo4j:start is running (nothing in ${pidFile}).`);
    return;
  }
  console.log(`Stopping Neo4j (pid ${pid})...`);
  await stopLocalNeo4jByPid(pid);
  rmSync(pidFile, { force: true });
  console.log('Stopped.');
}

/**
 * The pid in the pid file if that process is still our launcher; removes a stale file (the
 * launcher died, or the machine rebooted and the pid now belongs to something else).
 */
function runningLauncher(pidFile: string): number | null {
  let text: string;
  try {
    text = readFileSync(pidFile, 'utf8').trim();
  } catch {
    return null;
  }
  const pid = Number(text);
  if (Number.isInteger(pid) && pid > 0 && commandOf(pid).includes(MAIN_CLASS)) return pid;
  rmSync(pidFile, { force: true });
  return null;
}

function commandOf(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'command=', '-p', String(pid)], { encoding: 'utf8' });
  } catch {
    return ''; // ps exits 1 when there is no such process
  }
}

async function main(argv: string[]): Promise<void> {
  const root = repoRoot();
  const pidFile = path.join(root, 'var', 'neo4j.pid');
  const [command, ...rest] = argv;
  if (rest.length > 0)
    throw new UserInputError(`unexpected arguments ${rest.join(' ')}; ${USAGE}`, 'BAD_ARGUMENT');
  switch (command) {
    case 'start':
      return start(root, pidFile);
    case 'stop':
      return stop(pidFile);
    default:
      throw new UserInputError(`unknown command '${command ?? ''}'; ${USAGE}`, 'BAD_ARGUMENT');
  }
}

runCli(() =>
  main(process.argv.slice(2)).catch((e: unknown) => {
    if (e instanceof LocalNeo4jError) {
      console.error(`error: ${e.message}`);
      process.exit(1);
    }
    throw e;
  }),
);
