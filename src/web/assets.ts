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
 * The repository root: found from this module whether it runs from `src/web` (tsx) or
 * `dist/src/web` (npm start), as the nearest ancestor with a package.json.
 */
function repoDir(): string | null {
  let dir = import.meta.dirname;
  for (;;) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** A folder of `src/web` (plain HTML/JS/CSS, not compiled); null when not installed. */
function webDir(name: string): string | null {
  const root = repoDir();
  const candidate = root === null ? null : path.join(root, 'src', 'web', name);
  return candidate !== null && existsSync(candidate) ? candidate : null;
}

/** The query editor's files (`src/web/editor`). */
export function loadEditorAssets(): Promise<Map<string, StaticAsset>> {
  return loadWebAssets('editor');
}

/** Read once at start: a handful of small files of `src/web/<name>`, served from memory by name. */
export async function loadWebAssets(name: string): Promise<Map<string, StaticAsset>> {
  const out = new Map<string, StaticAsset>();
  const dir = webDir(name);
  if (dir === null) return out;
  for (const file of await readdir(dir)) {
    const type = TYPES[path.extname(file)];
    if (type) out.set(file, { type, body: await readFile(path.join(dir, file)) });
  }
  return out;
}

/** The file of `<papergraph-related>`, served at `/widget.js`, in `src/web/widget`. */
export const WIDGET_FILE = 'papergraph-related.js';

/** `<papergraph-related>` and its demo page (`src/web/widget`). */
export const loadWidgetAssets = (): Promise<Map<string, StaticAsset>> => loadWebAssets('widget');

/**
 * The project's Neo4j Browser style (`schema/neo4j/browser-style.grass`), served at
 * `/browser/style.grass`; null when the server runs without the repository's schema folder.
 */
export async function loadBrowserStyle(): Promise<StaticAsset | null> {
  const root = repoDir();
  const file = root === null ? null : path.join(root, 'schema', 'neo4j', 'browser-style.grass');
  if (file === null || !existsSync(file)) return null;
  return { type: 'text/plain; charset=utf-8', body: await readFile(file) };
}
