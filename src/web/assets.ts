import { existsSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';

export interface StaticAsset {
  readonly type: string;
  readonly body: Buffer;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

/**
 * The editor's files live in `src/web/editor` (plain HTML/JS/CSS, not compiled). Found from
 * this module whether it runs from `src/api` (tsx) or `dist/src/api` (npm start): the
 * nearest ancestor with a package.json is the repository.
 */
function editorDir(): string | null {
  let dir = import.meta.dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) {
      const candidate = path.join(dir, 'src', 'web', 'editor');
      return existsSync(candidate) ? candidate : null;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Read once at start: a handful of small files, served from memory by name. */
export async function loadEditorAssets(): Promise<Map<string, StaticAsset>> {
  const out = new Map<string, StaticAsset>();
  const dir = editorDir();
  if (dir === null) return out;
  for (const name of await readdir(dir)) {
    const type = TYPES[path.extname(name)];
    if (type) out.set(name, { type, body: await readFile(path.join(dir, name)) });
  }
  return out;
}
