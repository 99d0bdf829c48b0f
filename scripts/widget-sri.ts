/**
 * npm run widget:sri [-- --write]
 *
 * The Subresource Integrity hash of the widget file the server sends at /widget.js, for
 * `<script integrity="...">`. With --write, README.md's hash is replaced by it
 * (test/unit/web/widget-file.test.ts fails while the README's hash is not the file's).
 */
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const REPO = path.resolve(import.meta.dirname, '..');
export const WIDGET_PATH = path.join(REPO, 'src', 'web', 'widget', 'papergraph-related.js');
export const README_PATH = path.join(REPO, 'README.md');
/** A SHA-384 SRI value, as the README writes it. */
export const SRI_PATTERN = /sha384-[A-Za-z0-9+/]{64}/g;

export function integrityOf(body: Buffer): string {
  return `sha384-${createHash('sha384').update(body).digest('base64')}`;
}

async function main(): Promise<void> {
  const sri = integrityOf(await readFile(WIDGET_PATH));
  console.log(sri);
  if (!process.argv.includes('--write')) return;
  const readme = await readFile(README_PATH, 'utf8');
  const updated = readme.replace(SRI_PATTERN, sri);
  if (updated === readme && !readme.includes(sri)) {
    throw new Error('README.md holds no sha384- hash to replace: add the widget snippet first.');
  }
  await writeFile(README_PATH, updated);
  console.log('README.md updated.');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
