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

const INDEX = /^CREATE\s+(?:RANGE\s+|TEXT\s+|POINT\s+|FULLTEXT\s+|VECTOR\s+)?INDEX\s+(\w+)/i;

/** The index a schema statement creates (not a constraint's), or null. */
export function indexCreatedBy(cypher: string): string | null {
  return INDEX.exec(cypher.trim())?.[1] ?? null;
}

const CONFIG_ENTRY = /`([\w.]+)`\s*:\s*('[^']*'|true|false|-?\d+(?:\.\d+)?)/g;

/**
 * The `indexConfig` settings a schema statement asks for (keys as Neo4j names them), or an
 * empty object. Strings are upper-cased: Neo4j reports `'cosine'` as `COSINE`.
 */
export function indexConfigOf(cypher: string): Record<string, string | number | boolean> {
  const at = cypher.search(/indexConfig\s*:/);
  if (at < 0) return {};
  const out: Record<string, string | number | boolean> = {};
  for (const [, key = '', raw = ''] of cypher.slice(at).matchAll(CONFIG_ENTRY)) {
    if (raw.startsWith("'")) out[key] = raw.slice(1, -1).toUpperCase();
    else if (raw === 'true' || raw === 'false') out[key] = raw === 'true';
    else out[key] = Number(raw);
  }
  return out;
}

/**
 * Apply constraints and indexes (idempotent: every statement says IF NOT EXISTS).
 * `indexes: false` applies the constraints only; a bulk load creates the other indexes
 * once the data is in, which populates them in one pass instead of per transaction.
 */
export async function applySchema(
  db: GraphDb,
  dir: string,
  dimensions?: number,
  opts: { indexes?: boolean } = {},
): Promise<void> {
  await applySchemaStatements(db, await loadSchemaStatements(dir, dimensions), opts);
}

/** `applySchema` for statements already loaded (`loadSchemaStatements`). */
export async function applySchemaStatements(
  db: GraphDb,
  statements: readonly Statement[],
  { indexes = true }: { indexes?: boolean } = {},
): Promise<void> {
  for (const s of statements) {
    if (indexes || indexCreatedBy(s.text) === null) await db.schema(s);
  }
}

/** Names of the (non-constraint) indexes the schema files create. */
export async function schemaIndexNames(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const s of await loadSchemaStatements(dir, 1)) {
    const name = indexCreatedBy(s.text);
    if (name !== null) out.push(name);
  }
  return out;
}
