/**
 * Starts the project's own Neo4j (launcher/, Neo4j 5.26 Community in one JVM with Bolt, HTTP and
 * Neo4j Browser) and stops it again. The launcher's contract: one ready line on stdout, one error
 * line on stderr and a non-zero exit on failure, a clean stop on SIGTERM, and (unless detached)
 * exit when its stdin closes, so it never outlives this process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import readline from 'node:readline';

export interface LocalNeo4jOptions {
  /** Repository root: holds `launcher/` and `package.json` (whose `neo4j:build` builds it). */
  repoRoot: string;
  /** Neo4j home: store, logs (`<dataDir>/logs/neo4j.log`), pid file. Created if missing. */
  dataDir: string;
  boltPort: number;
  httpPort: number;
  /** Password of user `neo4j`, at least 8 characters; set on every start, no change required. */
  password: string;
  /** JVM max heap, e.g. `1g` (becomes `-Xmx1g`). */
  heap: string;
  /** Neo4j page cache (`server.memory.pagecache.size`), e.g. `512m`. */
  pageCache: string;
  /**
   * Neo4j Browser settings: `postConnectCmd` becomes `browser.post_connect_cmd` (commands the
   * Browser runs after login, `;`-separated, without the leading `:`), `allowlist`
   * `browser.remote_content_hostname_whitelist` (host names guides and styles may come from).
   */
  browser?: { postConnectCmd: string; allowlist: string };
  /** Keep running after this process exits: no stdin watch, own process group, unref'd. */
  detached?: boolean;
  /** Progress lines for a human (build notice, start, stop). */
  onLog?: (line: string) => void;
}

export interface LocalNeo4j {
  /** e.g. `bolt://127.0.0.1:7687` */
  readonly boltUri: string;
  /** e.g. `http://127.0.0.1:7474` (Browser at `${httpUrl}/browser/`), no trailing slash. */
  readonly httpUrl: string;
  readonly pid: number;
  /** Resolves when the launcher exits, with how (`SIGKILL`, `code 1`). */
  readonly exited: Promise<string>;
  /** SIGTERM, then wait for the launcher to exit; resolves at once if it already has. */
  stop(): Promise<void>;
}

export type LocalNeo4jErrorCode =
  | 'NEO4J_BAD_OPTION'
  | 'NEO4J_JAVA_MISSING'
  | 'NEO4J_LAUNCHER_BUILD_FAILED'
  | 'NEO4J_START_FAILED'
  | 'NEO4J_START_TIMEOUT'
  | 'NEO4J_STOP_TIMEOUT';

export class LocalNeo4jError extends Error {
  override readonly name = 'LocalNeo4jError';
  constructor(
    message: string,
    readonly code: LocalNeo4jErrorCode,
  ) {
    super(message);
  }
}

const MAIN_CLASS = 'dev.papergraph.launcher.Neo4jLauncher';
const READY_LINE = /^PAPERGRAPH_NEO4J_READY bolt=(\S+) http=(\S+)$/;
/** A cold start takes 10-20 s; the first start after a fresh build also warms the OS caches. */
const START_TIMEOUT_MS = 180_000;
/** Neo4j checkpoints every database on the way down; on a big store that takes a while. */
const STOP_TIMEOUT_MS = 120_000;
const SIZE = /^\d+[kmg]$/i;
/** The password reaches the launcher through its environment, not argv (visible in `ps`). */
const PASSWORD_ENV = 'PAPERGRAPH_NEO4J_PASSWORD';

/**
 * JVM flags from the `server.jvm.additional` defaults of the Neo4j 5.26 distribution, minus
 * `-XX:+AlwaysPreTouch` (touching the whole heap up front slows every start for no gain here).
 */
const JVM_FLAGS = [
  '-XX:+UseG1GC',
  '-XX:-OmitStackTraceInFastThrow',
  '-XX:+UnlockExperimentalVMOptions',
  '-XX:+TrustFinalNonStaticFields',
  '-XX:+DisableExplicitGC',
  '-XX:+ExitOnOutOfMemoryError',
  '-Djdk.nio.maxCachedBufferSize=1024',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-Dlog4j2.disable.jmx=true',
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
];

export async function startLocalNeo4j(opts: LocalNeo4jOptions): Promise<LocalNeo4j> {
  const log = opts.onLog ?? (() => {});
  if (!SIZE.test(opts.heap)) {
    throw new LocalNeo4jError(`heap must be a size like 1g or 512m, got '${opts.heap}'`, 'NEO4J_BAD_OPTION');
  }
  await ensureLauncherBuilt(opts.repoRoot, log);

  const launcher = path.join(opts.repoRoot, 'launcher', 'target');
  const classpath = [path.join(launcher, 'classes'), path.join(launcher, 'lib', '*')].join(path.delimiter);
  const args = [
    `-Xmx${opts.heap}`,
    ...JVM_FLAGS,
    '-cp',
    classpath,
    MAIN_CLASS,
    '--data-dir',
    path.resolve(opts.repoRoot, opts.dataDir),
    '--listen-address',
    '127.0.0.1',
    '--bolt-port',
    String(opts.boltPort),
    '--http-port',
    String(opts.httpPort),
    '--pagecache',
    opts.pageCache,
    ...(opts.browser
      ? [
          '--browser-post-connect-cmd',
          opts.browser.postConnectCmd,
          '--browser-allowlist',
          opts.browser.allowlist,
        ]
      : []),
    ...(opts.detached ? ['--detached'] : []),
  ];
  log(
    `Starting Neo4j 5.26 (data ${opts.dataDir}, bolt ${opts.boltPort}, http ${opts.httpPort}, heap ${opts.heap})...`,
  );
  const child = spawn('java', args, {
    cwd: opts.repoRoot,
    env: { ...process.env, [PASSWORD_ENV]: opts.password },
    // Detached: stdin is /dev/null (no watch), and a process group of its own so Ctrl-C in this
    // terminal does not reach it. Attached: the stdin pipe is the lifeline.
    stdio: [opts.detached ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    detached: opts.detached ?? false,
  });
  const started = Date.now();
  const { boltUri, httpUrl } = await waitForReady(child, opts.dataDir, log);
  const pid = child.pid;
  if (pid === undefined) throw new LocalNeo4jError('the launcher has no pid', 'NEO4J_START_FAILED');
  log(
    `Neo4j is ready in ${((Date.now() - started) / 1000).toFixed(1)} s: ${boltUri}, Browser ${httpUrl}/browser/`,
  );

  if (opts.detached) {
    // Let this process exit; the launcher writes nothing more to these pipes once ready.
    child.stdout?.destroy();
    child.stderr?.destroy();
    child.unref();
  }
  let stopping = false;
  const exited = new Promise<string>((resolve) => {
    const done = (code: number | null, sig: NodeJS.Signals | null) => {
      const how = sig ?? `code ${code}`;
      if (!stopping) log(`Neo4j (pid ${pid}) exited unexpectedly (${how}); see ${opts.dataDir}/logs`);
      resolve(how);
    };
    if (child.exitCode !== null || child.signalCode !== null) done(child.exitCode, child.signalCode);
    else child.once('exit', done);
  });
  return {
    boltUri,
    httpUrl,
    pid,
    exited,
    stop: () => {
      stopping = true;
      return stopChild(child, log);
    },
  };
}

/** A TCP port that was free a moment ago on 127.0.0.1 (the OS picks it). */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('listen(0) gave no port'));
      });
    });
  });
}

/**
 * Stops a launcher this process did not spawn (e.g. one `npm run neo4j:start` detached): SIGTERM,
 * then wait until the pid is gone. Resolves false when no such process exists.
 */
export async function stopLocalNeo4jByPid(pid: number, timeoutMs = STOP_TIMEOUT_MS): Promise<boolean> {
  if (!signal(pid, 'SIGTERM')) return false;
  const deadline = Date.now() + timeoutMs;
  while (signal(pid, 0)) {
    if (Date.now() > deadline) {
      throw new LocalNeo4jError(
        `Neo4j (pid ${pid}) did not stop within ${timeoutMs / 1000} s`,
        'NEO4J_STOP_TIMEOUT',
      );
    }
    await sleep(100);
  }
  return true;
}

function waitForReady(
  child: ChildProcess,
  dataDir: string,
  log: (line: string) => void,
): Promise<{ boltUri: string; httpUrl: string }> {
  return new Promise((resolve, reject) => {
    const stderr: string[] = [];
    let settled = false;
    const finish = (error: LocalNeo4jError | null, value?: { boltUri: string; httpUrl: string }) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.off('exit', onExit);
      child.off('error', onError);
      if (error) reject(error);
      else if (value) resolve(value);
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      finish(
        new LocalNeo4jError(
          `Neo4j was not ready within ${START_TIMEOUT_MS / 1000} s; see ${path.join(dataDir, 'logs', 'neo4j.log')}`,
          'NEO4J_START_TIMEOUT',
        ),
      );
    }, START_TIMEOUT_MS);
    const onExit = (code: number | null, sig: NodeJS.Signals | null) => {
      const why = stderr.join('\n').trim() || `no message; see ${path.join(dataDir, 'logs', 'neo4j.log')}`;
      finish(
        new LocalNeo4jError(
          `Neo4j launcher exited before it was ready (${sig ?? `code ${code}`}): ${why}`,
          'NEO4J_START_FAILED',
        ),
      );
    };
    const onError = (e: NodeJS.ErrnoException) => {
      finish(
        e.code === 'ENOENT'
          ? new LocalNeo4jError(
              'java was not found on PATH; install a Java 17+ JDK or JRE',
              'NEO4J_JAVA_MISSING',
            )
          : new LocalNeo4jError(`could not start java: ${e.message}`, 'NEO4J_START_FAILED'),
      );
    };
    child.once('exit', onExit);
    child.once('error', onError);

    if (child.stdout) {
      readline.createInterface({ input: child.stdout }).on('line', (line) => {
        const ready = READY_LINE.exec(line);
        if (ready?.[1] && ready[2]) finish(null, { boltUri: ready[1], httpUrl: ready[2] });
        else if (line.trim()) log(`neo4j: ${line}`);
      });
    }
    if (child.stderr) {
      readline.createInterface({ input: child.stderr }).on('line', (line) => {
        if (stderr.length < 50) stderr.push(line);
        if (settled) log(`neo4j: ${line}`);
      });
    }
  });
}

function stopChild(child: ChildProcess, log: (line: string) => void): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new LocalNeo4jError(
          `Neo4j (pid ${child.pid}) did not stop within ${STOP_TIMEOUT_MS / 1000} s and was killed`,
          'NEO4J_STOP_TIMEOUT',
        ),
      );
    }, STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      log('Neo4j stopped.');
      resolve();
    });
    log('Stopping Neo4j...');
    // Already gone (e.g. Ctrl-C reached its process group first): 'exit' fires anyway.
    child.kill('SIGTERM');
  });
}

/**
 * Builds launcher/ with the `neo4j:build` npm script when its classes or dependency jars are
 * missing or older than its sources (e.g. after a pull that changed the launcher).
 */
async function ensureLauncherBuilt(repoRoot: string, log: (line: string) => void): Promise<void> {
  const launcher = path.join(repoRoot, 'launcher');
  const mainClass = path.join(launcher, 'target', 'classes', ...MAIN_CLASS.split('.')) + '.class';
  const lib = path.join(launcher, 'target', 'lib');
  const sources = [
    path.join(launcher, 'pom.xml'),
    path.join(launcher, 'src', 'main', 'java', ...MAIN_CLASS.split('.')) + '.java',
  ];
  const built = existsSync(mainClass) && existsSync(lib) && readdirSync(lib).some((f) => f.endsWith('.jar'));
  const builtAt = built ? statSync(mainClass).mtimeMs : 0;
  if (built && sources.every((s) => !existsSync(s) || statSync(s).mtimeMs <= builtAt)) return;

  log(
    built
      ? 'The Neo4j launcher changed: rebuilding it with Maven...'
      : 'Building the Neo4j launcher with Maven; the first build downloads Neo4j and its dependencies ' +
          '(about 150 MB) from Maven Central and can take a few minutes...',
  );
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve, reject) => {
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const build = spawn(npm, ['run', '--silent', 'neo4j:build'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    for (const stream of [build.stdout, build.stderr]) {
      readline.createInterface({ input: stream }).on('line', (line) => {
        output.push(line);
        if (output.length > 40) output.shift();
      });
    }
    build.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        new LocalNeo4jError(
          `could not run npm to build the launcher: ${e.message}`,
          'NEO4J_LAUNCHER_BUILD_FAILED',
        ),
      ),
    );
    build.once('exit', resolve);
  });
  if (code !== 0) {
    throw new LocalNeo4jError(
      `building the Neo4j launcher failed (npm run neo4j:build exited with ${code}; it needs mvn and a JDK 17+ on PATH ` +
        `and access to Maven Central):\n${output.join('\n')}`,
      'NEO4J_LAUNCHER_BUILD_FAILED',
    );
  }
  log('Built the Neo4j launcher.');
}

/** process.kill that answers "did the process exist?" instead of throwing ESRCH. */
function signal(pid: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(pid, sig);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ESRCH') return false;
    throw e;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
