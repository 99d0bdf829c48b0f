/* global process, console */
// Compile src/ and pipelines/ to dist/ only when a source is newer than the last build, so
// `npm start` and the CLIs run compiled JavaScript without paying for tsc on every run (a
// check of file times: milliseconds). Where there is nothing to compile (the Docker image
// ships dist/ without the TypeScript sources or the compiler), it does nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const stamp = path.join(root, 'dist', '.build-stamp');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
const config = path.join(root, 'tsconfig.build.json');

/** Newest modification time (ms) of the .ts files under dir, and of the given files. */
function newest(dirs, files) {
  let t = 0;
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts')) t = Math.max(t, statSync(p).mtimeMs);
    }
  };
  for (const d of dirs) if (existsSync(d)) walk(d);
  for (const f of files) if (existsSync(f)) t = Math.max(t, statSync(f).mtimeMs);
  return t;
}

if (existsSync(config) && existsSync(tsc)) {
  const sources = newest(
    [path.join(root, 'src'), path.join(root, 'pipelines')],
    [config, path.join(root, 'tsconfig.json'), path.join(root, 'package-lock.json')],
  );
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  if (sources >= built) {
    const started = Date.now();
    execFileSync(process.execPath, [tsc, '-p', config], { cwd: root, stdio: 'inherit' });
    writeFileSync(stamp, `${new Date().toISOString()}\n`);
    console.error(`compiled src/ and pipelines/ to dist/ in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
