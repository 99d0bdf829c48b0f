/**
 * Integration tests run against a real Neo4j: the one at NEO4J_URI when it is set (started by
 * someone else, left alone), otherwise a throwaway launcher on random free ports with a fresh
 * temporary data directory (never the dev server's var/neo4j: Neo4j locks its store), deleted
 * at the end of the run.
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { loadConfig } from '../../src/config/env.js';
import { freePort, startLocalNeo4j } from '../../src/runtime/local-neo4j.js';

const REPO = path.resolve(import.meta.dirname, '../..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const config = loadConfig(process.env);
  if (config.NEO4J_URI) {
    project.provide('neo4j', {
      uri: config.NEO4J_URI,
      user: config.NEO4J_USER,
      password: config.NEO4J_PASSWORD ?? '',
      httpUrl: null,
      external: true,
    });
    return async () => {};
  }

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'papergraph-neo4j-test-'));
  const boltPort = await freePort();
  let httpPort = await freePort();
  while (httpPort === boltPort) httpPort = await freePort();
  // A fresh password per run: a test can never talk to some other Neo4j by accident.
  const password = `test-${randomBytes(9).toString('hex')}`;
  try {
    const neo4j = await startLocalNeo4j({
      repoRoot: REPO,
      dataDir,
      boltPort,
      httpPort,
      password,
      heap: '1g',
      // Test graphs are tiny; the page cache only has to hold them.
      pageCache: '256m',
      onLog: (line) => console.log(`[neo4j] ${line}`),
    });
    project.provide('neo4j', {
      uri: neo4j.boltUri,
      user: 'neo4j',
      password,
      httpUrl: neo4j.httpUrl,
      external: false,
    });
    return async () => {
      try {
        await neo4j.stop();
      } finally {
        await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
      }
    };
  } catch (e) {
    await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
    throw e;
  }
}
