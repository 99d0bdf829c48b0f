import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LocalNeo4j, LocalNeo4jOptions } from '../../../src/runtime/local-neo4j.js';
import { localPassword, passwordFile } from '../../../src/runtime/local-password.js';
import { backOffDelay, superviseLocalNeo4j } from '../../../src/runtime/neo4j-supervisor.js';

describe('backOffDelay', () => {
  it('starts at the initial wait, doubles, and stops at the cap', () => {
    const b = { initialMs: 1_000, maxMs: 30_000 };
    expect([1, 2, 3, 4, 5, 6, 7].map((n) => backOffDelay(n, b))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000,
    ]);
  });
});

describe('superviseLocalNeo4j', () => {
  // The launcher is stood in for by a fake here (its exit is the only thing the supervisor
  // watches); the real kill-and-restart runs in test/integration/neo4j-faults.int.test.ts.
  function fakeLauncher(failFirstRestarts: number) {
    const exits: ((how: string) => void)[] = [];
    let starts = 0;
    const start = async (_o: LocalNeo4jOptions): Promise<LocalNeo4j> => {
      starts++;
      if (starts > 1 && starts <= 1 + failFirstRestarts) throw new Error('port still in use');
      let exit = (_how: string) => {};
      const exited = new Promise<string>((r) => (exit = r));
      exits.push(exit);
      return {
        boltUri: 'bolt://x',
        httpUrl: 'http://x',
        pid: starts,
        exited,
        stop: async () => exit('stopped'),
      };
    };
    return { start, exits, starts: () => starts };
  }

  it('restarts a Neo4j that died, retrying with back-off, and reports it', async () => {
    const fake = fakeLauncher(2);
    const logs: string[] = [];
    const opts = { onLog: (l: string) => logs.push(l) } as unknown as LocalNeo4jOptions;
    const sup = await superviseLocalNeo4j(opts, { initialMs: 10, maxMs: 40 }, fake.start);
    expect(sup.state()).toMatchObject({ state: 'running', restarts: 0 });
    fake.exits[0]?.('SIGKILL');
    await new Promise((r) => setTimeout(r, 5));
    expect(sup.state()).toMatchObject({ state: 'restarting', lastExit: 'SIGKILL' });
    for (let i = 0; i < 100 && sup.state().state !== 'running'; i++)
      await new Promise((r) => setTimeout(r, 10));
    expect(sup.state()).toMatchObject({ state: 'running', restarts: 1 });
    expect(fake.starts()).toBe(4);
    expect(logs.filter((l) => l.startsWith('Restarting Neo4j in'))).toHaveLength(3);
    await sup.stop();
    expect(sup.state().state).toBe('stopped');
  });
});

describe('localPassword', () => {
  it('generates one on first use, keeps it (mode 0600), and yields to NEO4J_PASSWORD', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'papergraph-pw-'));
    const first = localPassword(dir, undefined);
    expect(first.length).toBeGreaterThanOrEqual(16);
    expect(localPassword(dir, undefined)).toBe(first);
    expect(readFileSync(passwordFile(dir), 'utf8').trim()).toBe(first);
    expect(statSync(passwordFile(dir)).mode & 0o777).toBe(0o600);
    expect(localPassword(dir, 'chosen-password')).toBe('chosen-password');
  });
});
