import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { UserInputError } from '../domain/errors.js';

/**
 * The files `npm start` loads into an empty graph, from `PAPERGRAPH_DEMO`: a file, or a
 * folder whose files are read in name order (one ingest, so the same paper in two files
 * becomes one Paper), or nothing (`none` or empty: start with an empty graph). Relative
 * paths are relative to the repository root.
 */
export async function demoFiles(root: string, setting: string | undefined): Promise<string[]> {
  if (setting === undefined || setting === 'none') return [];
  const target = path.resolve(root, setting);
  const info = await stat(target).catch(() => null);
  if (info === null)
    throw new UserInputError(
      `PAPERGRAPH_DEMO: ${setting} does not exist (a file, a folder of files, or none)`,
      'DEMO_NOT_FOUND',
    );
  if (!info.isDirectory()) return [target];
  const names = (await readdir(target, { withFileTypes: true }))
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort();
  return names.map((n) => path.join(target, n));
}
