/**
 * The Chromium every browser test runs. `npm test` on a fresh clone must find one without
 * anything installed by hand, so it is looked for in this order:
 *
 * 1. `PAPERGRAPH_CHROMIUM`, `CHROME_PATH` or `CHROMIUM_PATH`: an executable you name (an
 *    error if it does not exist, rather than a silent fallback to another browser);
 * 2. the system's `chromium`, `chromium-browser`, `google-chrome` (common install paths);
 * 3. the headless Chromium shipped inside the `@sparticuz/chromium` devDependency: its npm
 *    tarball carries the binary brotli-compressed (67 MB), so `npm ci` from the npm registry
 *    is the only download. It is inflated once (about 2 s) into
 *    `node_modules/.cache/papergraph-chromium/<version>/`, with the NSS, NSPR and expat
 *    libraries the package ships beside it, and reused after that.
 *
 * The package's own `executablePath()` is not used: it inflates into the shared `/tmp/chromium`
 * and changes `process.env` for AWS Lambda. With its own libraries on LD_LIBRARY_PATH (set for
 * the browser process only) the headless shell needs nothing from the system but glibc; it
 * renders with the system's fonts.
 */
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';
import { execFile } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { chmod, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createBrotliDecompress } from 'node:zlib';

const ENV_NAMES = ['PAPERGRAPH_CHROMIUM', 'CHROME_PATH', 'CHROMIUM_PATH'] as const;

const SYSTEM_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/opt/google/chrome/chrome',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

const PACKAGE = '@sparticuz/chromium';
const REPO = path.resolve(import.meta.dirname, '../..');

export interface ResolvedChromium {
  readonly executablePath: string;
  /** Where it came from, for the test log: `env PAPERGRAPH_CHROMIUM`, `system`, `npm @sparticuz/chromium@153.0.0`. */
  readonly source: string;
  /** Environment the browser needs on top of this process's (the packaged one's libraries). */
  readonly env?: Readonly<Record<string, string>>;
}

let resolved: Promise<ResolvedChromium> | undefined;

/** The browser to launch (see the module comment for the order); cached per process. */
export function resolveChromium(env: NodeJS.ProcessEnv = process.env): Promise<ResolvedChromium> {
  resolved ??= find(env);
  return resolved;
}

async function find(env: NodeJS.ProcessEnv): Promise<ResolvedChromium> {
  for (const name of ENV_NAMES) {
    const value = env[name]?.trim();
    if (!value) continue;
    if (!existsSync(value))
      throw new Error(`${name}=${value}: no such file; unset it or point it at a Chromium`);
    return { executablePath: value, source: `env ${name}` };
  }
  const system = SYSTEM_PATHS.find((p) => existsSync(p));
  if (system) return { executablePath: system, source: 'system' };
  return inflatePackaged();
}

async function inflatePackaged(): Promise<ResolvedChromium> {
  const require = createRequire(path.join(REPO, 'package.json'));
  let entry: string;
  try {
    entry = require.resolve(PACKAGE);
  } catch {
    throw new Error(
      `No Chromium found: set PAPERGRAPH_CHROMIUM to a Chromium or Chrome executable, install one ` +
        `(e.g. apt-get install chromium), or run npm ci to get the devDependency ${PACKAGE}.`,
    );
  }
  // build/index.js -> the package root, which holds bin/*.br and package.json.
  const root = path.resolve(path.dirname(entry), '..');
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as {
    version: string;
  };
  const dir = path.join(REPO, 'node_modules', '.cache', 'papergraph-chromium', version);
  const executablePath = path.join(dir, 'chromium');
  const libDir = path.join(dir, 'lib');
  if (!existsSync(executablePath) || !existsSync(path.join(libDir, 'libnss3.so'))) {
    // Inflate into a directory of our own and rename it into place: a run killed half-way
    // never leaves a broken browser, and two test processes inflating at once both end
    // with a whole one.
    const partial = `${dir}.${process.pid}.partial`;
    try {
      await mkdir(partial, { recursive: true });
      await pipeline(
        createReadStream(path.join(root, 'bin', 'chromium.br')),
        createBrotliDecompress(),
        createWriteStream(path.join(partial, 'chromium')),
      );
      await chmod(path.join(partial, 'chromium'), 0o755);
      // NSS, NSPR and expat built for the same Chromium (lib/*.so): with them the browser
      // needs nothing from the system but glibc.
      await untar(path.join(root, 'bin', 'al2023.tar.br'), partial);
      await rm(dir, { recursive: true, force: true });
      await rename(partial, dir);
    } finally {
      await rm(partial, { recursive: true, force: true });
    }
  }
  const inherited = process.env.LD_LIBRARY_PATH;
  return {
    executablePath,
    source: `npm ${PACKAGE}@${version}`,
    env: { LD_LIBRARY_PATH: inherited ? `${libDir}:${inherited}` : libDir },
  };
}

/** Extracts a brotli-compressed tarball with the system's tar (every Linux has one). */
async function untar(archive: string, into: string): Promise<void> {
  const plain = path.join(into, '.archive.tar');
  await pipeline(createReadStream(archive), createBrotliDecompress(), createWriteStream(plain));
  try {
    await promisify(execFile)('tar', ['-x', '-f', plain, '-C', into]);
  } finally {
    await rm(plain, { force: true });
  }
}

/** Flags every browser test uses: headless, no sandbox (CI runs as root), nothing phoning home. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

let announced = false;

/** Launches the resolved Chromium with the shared flags. */
export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const { executablePath, env, source } = await resolveChromium();
  if (!announced) console.log(`[chromium] ${executablePath} (${source})`);
  announced = true;
  return chromium.launch({
    ...options,
    executablePath,
    ...(env ? { env: { ...process.env, ...env } } : {}),
    args: [...CHROMIUM_ARGS, ...(options.args ?? [])],
  });
}
