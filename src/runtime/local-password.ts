/**
 * The password of a local Neo4j: NEO4J_PASSWORD when set, else one generated at random on
 * the first start and kept next to the store (`<dataDir>/papergraph-password`, mode 0600), so
 * every later start, `npm run ingest` and Neo4j Browser use the same one.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const PASSWORD_FILE = 'papergraph-password';

export function passwordFile(dataDir: string): string {
  return path.join(dataDir, PASSWORD_FILE);
}

export function localPassword(dataDir: string, configured: string | undefined): string {
  if (configured !== undefined) return configured;
  const file = passwordFile(dataDir);
  if (existsSync(file)) {
    const kept = readFileSync(file, 'utf8').trim();
    if (kept.length >= 8) return kept;
  }
  mkdirSync(dataDir, { recursive: true });
  const fresh = randomBytes(18).toString('base64url');
  // `wx`: two processes starting at once do not overwrite each other's password.
  try {
    writeFileSync(file, `${fresh}\n`, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readFileSync(file, 'utf8').trim();
  }
  chmodSync(file, 0o600);
  return fresh;
}
