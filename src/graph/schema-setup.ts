import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { GraphDb } from './db.js';
import { statement, type Statement } from './statement.js';

/** Split a .cypher file into statements: `;` ends a statement, `//` lines are comments. */
export function splitCypher(source: string): string[] {
  const body = source
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n');
  return body
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Statements from `schema/neo4j/*.cypher`, in file-name order. `$dimensions` (the vector
 * index size, known once a topic model exists) is substituted as an integer literal because
 * index OPTIONS take no parameters; without `dimensions` those statements are left out.
 */
export async function loadSchemaStatements(dir: string, dimensions?: number): Promise<Statement[]> {
  if (dimensions !== undefined && (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 4096)) {
    throw new RangeError(`vector dimensions must be an integer in 1..4096, got ${dimensions}`);
  }
  const files = (await readdir(dir)).filter((f) => f.endsWith('.cypher')).sort();
  const out: Statement[] = [];
  for (const file of files) {
    const text = await readFile(path.join(dir, file), 'utf8');
    splitCypher(text).forEach((s, i) => {
      const needsDims = s.includes('$dimensions');
      if (needsDims && dimensions === undefined) return;
      out.push(
        statement(`${file}#${i + 1}`, needsDims ? s.replaceAll('$dimensions', String(dimensions)) : s),
      );
    });
  }
  return out;
}

/** Apply constraints and indexes (idempotent: every statement says IF NOT EXISTS). */
export async function applySchema(db: GraphDb, dir: string, dimensions?: number): Promise<void> {
  for (const s of await loadSchemaStatements(dir, dimensions)) await db.schema(s);
}
