import { createHash } from 'node:crypto';
import path from 'node:path';
import { inject } from 'vitest';
import { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { createIngestStore } from '../../src/graph/stores/ingest.store.js';
import { createIngestService, type IngestOptions } from '../../src/services/ingest.service.js';
import { collectPapers } from '../../src/services/collect.js';
import { readPapers } from '../../src/ingest/index.js';

export const REPO = path.resolve(import.meta.dirname, '../..');
export const SCHEMA_DIR = path.join(REPO, 'schema/neo4j');
/** The 34-paper Daily Papers listing (no author names or ids); the tests' small real corpus. */
export const LISTING_FILE = path.join(REPO, 'test/fixtures/hf-listing/hf-daily-papers-listing.txt');

export function connectTestGraph(): GraphDb {
  const { uri, user, password } = inject('neo4j');
  return GraphDb.connect({ uri, user, password });
}

/**
 * Empty the database between test files. The global setup gives each run a throwaway
 * Neo4j; against an external server (NEO4J_URI) this refuses unless NEO4J_TEST_WIPE=true.
 */
export async function wipe(db: GraphDb): Promise<void> {
  if (inject('neo4j').external && process.env.NEO4J_TEST_WIPE !== 'true') {
    throw new Error(
      'Refusing to wipe the external Neo4j at NEO4J_URI; set NEO4J_TEST_WIPE=true to allow it.',
    );
  }
  await db.write([statement('test.wipe', 'MATCH (n) DETACH DELETE n')]);
}

export async function counts(db: GraphDb): Promise<Record<string, number>> {
  const [row] = await db.read(
    statement(
      'test.counts',
      `CALL () { MATCH (n) RETURN count(n) AS nodes }
CALL () { MATCH ()-[r]->() RETURN count(r) AS rels }
CALL () { MATCH (p:Paper) RETURN count(p) AS papers }
CALL () { MATCH (t:Topic) RETURN count(t) AS topics }
CALL () { MATCH ()-[s:SIMILAR_TO]->() RETURN count(s) AS similar }
CALL () { MATCH ()-[s:IN_TOPIC]->() RETURN count(s) AS inTopic }
CALL () { MATCH ()-[s:HAS_KEYWORD]->() RETURN count(s) AS keywords }
RETURN nodes, rels, papers, topics, similar, inTopic, keywords`,
    ),
  );
  return row as Record<string, number>;
}

/** Papers whose `topicId` is not the id of the topic their IN_TOPIC reaches (the topic-page index relies on it). */
export async function staleTopicIds(db: GraphDb): Promise<number> {
  const [row] = await db.read(
    statement(
      'test.staleTopicIds',
      `MATCH (p:Paper)
OPTIONAL MATCH (p)-[:IN_TOPIC]->(t:Topic)
WITH p, t WHERE p.topicId IS NULL OR t IS NULL OR p.topicId <> t.id
RETURN count(p) AS stale`,
    ),
  );
  return Number(row?.stale ?? -1);
}

export async function ingestFile(db: GraphDb, file: string, opts: IngestOptions = {}) {
  const collected = await collectPapers(readPapers(file));
  const service = createIngestService({
    store: createIngestStore({ db, schemaDir: SCHEMA_DIR }),
    batchSize: 10,
  });
  return { collected, outcome: await service.ingest(collected.papers, opts) };
}

/** Properties that say when, not what (a model's build and switch times): a re-run may differ there. */
export const VOLATILE = ['createdAt', 'activatedAt'];

/**
 * Hash over every node (labels, properties) and relationship (ends, type, properties), and
 * the sorted lines it hashes (one per node or relationship, so duplicates show).
 */
export async function graphHash(
  db: GraphDb,
): Promise<{ hash: string; nodes: number; rels: number; lines: string[] }> {
  const nodes = await db.read(
    statement(
      'test.graphNodes',
      `MATCH (n) WHERE NOT n:PapergraphLock
RETURN labels(n) AS labels, properties(n) AS props`,
    ),
  );
  const rels = await db.read(
    statement(
      'test.graphRels',
      `MATCH (a)-[r]->(b) WHERE NOT a:PapergraphLock
RETURN labels(a) AS al, coalesce(a.id, a.name, a.term, a.url, a.code, a.version) AS a, type(r) AS type,
       properties(r) AS props, labels(b) AS bl, coalesce(b.id, b.name, b.term, b.url, b.code, b.version) AS b`,
    ),
  );
  const canon = (v: unknown): string => {
    if (Array.isArray(v)) return `[${v.map(canon).join(',')}]`;
    if (v !== null && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      return `{${Object.keys(o)
        .filter((k) => !VOLATILE.includes(k))
        .sort()
        .map((k) => `${k}:${canon(o[k])}`)
        .join(',')}}`;
    }
    // Scores are floats computed again on a re-run: equal to 12 significant digits.
    if (typeof v === 'number' && !Number.isInteger(v)) return v.toPrecision(12);
    return JSON.stringify(v);
  };
  const lines = [...nodes.map((r) => `n ${canon(r)}`), ...rels.map((r) => `r ${canon(r)}`)].sort();
  return {
    hash: createHash('sha256').update(lines.join('\n')).digest('hex'),
    nodes: nodes.length,
    rels: rels.length,
    lines,
  };
}
