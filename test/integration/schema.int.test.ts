import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { createIngestStore } from '../../src/graph/stores/ingest.store.js';
import { connectTestGraph, SCHEMA_DIR, wipe } from './graph-test-kit.js';

async function vectorIndex(
  db: GraphDb,
): Promise<{ id: number; config: Record<string, unknown> } | undefined> {
  const [r] = await db.read(
    statement(
      'test.vectorIndex',
      "SHOW INDEXES YIELD id, name, options WHERE name = 'paper_embedding' RETURN id, options.indexConfig AS config",
    ),
  );
  return r as { id: number; config: Record<string, unknown> } | undefined;
}

describe('schema setup', () => {
  let db: GraphDb;
  const store = () => createIngestStore({ db, schemaDir: SCHEMA_DIR });

  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    await db.schema(statement('test.dropVector', 'DROP INDEX paper_embedding IF EXISTS'));
  });
  afterAll(async () => db.close());

  it('builds again a vector index made with older settings, and keeps one that matches', async () => {
    // As earlier versions created it: Neo4j's defaults (quantized, ef_construction 100).
    await db.schema(
      statement(
        'test.oldVector',
        `CREATE VECTOR INDEX paper_embedding FOR (p:Paper) ON (p.embedding)
OPTIONS { indexConfig: { \`vector.dimensions\`: 3, \`vector.similarity_function\`: 'cosine' } }`,
      ),
    );
    expect((await vectorIndex(db))?.config['vector.quantization.enabled']).toBe(true);

    await store().ensureSchema(3);
    const rebuilt = await vectorIndex(db);
    expect(rebuilt?.config).toMatchObject({
      'vector.dimensions': 3,
      'vector.quantization.enabled': false,
      'vector.hnsw.ef_construction': 50,
    });

    await store().ensureSchema(3);
    expect((await vectorIndex(db))?.id).toBe(rebuilt?.id);

    // Another model's dimension.
    await store().ensureSchema(5);
    expect((await vectorIndex(db))?.config['vector.dimensions']).toBe(5);
  });
});
