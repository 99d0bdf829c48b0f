import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { freePort, startLocalNeo4j } from '../../src/runtime/local-neo4j.js';

const REPO = path.resolve(import.meta.dirname, '../..');
/** Password of the benchmark's own Neo4j (no secret: a throwaway server on loopback). */
export const BENCH_PASSWORD = 'bench-password';

/**
 * A throwaway Neo4j for a benchmark: its own data directory and free ports, a 6g heap (a
 * 38k-paper load churns through large transactions: with 2g, G1 spent about twice the CPU on
 * this machine), connected. `stop` closes, stops and deletes it.
 */
export async function startBenchNeo4j(name: string, heap = '6g') {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `papergraph-bench-${name}-`));
  const neo4j = await startLocalNeo4j({
    repoRoot: REPO,
    dataDir,
    boltPort: await freePort(),
    httpPort: await freePort(),
    password: BENCH_PASSWORD,
    heap,
    pageCache: '1g',
    onLog: (l) => console.error(`[neo4j] ${l}`),
  });
  const db = GraphDb.connect({ uri: neo4j.boltUri, user: 'neo4j', password: BENCH_PASSWORD });
  return {
    neo4j,
    db,
    async stop(): Promise<void> {
      await db.close();
      await neo4j.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** Empty the graph in batches (each transaction small). */
export async function wipe(db: GraphDb): Promise<void> {
  for (;;) {
    const [row] = await db
      .write([statement('bench.wipe', 'MATCH (n) WITH n LIMIT 20000 DETACH DELETE n RETURN count(*) AS n')])
      .then((r) => r[0] ?? []);
    if (!row || row.n === 0) break;
  }
}
