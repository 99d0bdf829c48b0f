/**
 * `npm start` as a user runs it, on the embedded default: the project's own Neo4j in a fresh
 * data directory, the demo corpus ingested, GraphQL up; then Ctrl-C (SIGINT) stops the
 * server and Neo4j, and nothing is left listening.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../src/runtime/local-neo4j.js';
import { REPO } from './graph-test-kit.js';

const HF_40 = path.join(REPO, 'test/integration/fixtures/hf-archive-40.jsonl');

/** Whether something accepts TCP connections on the port. */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function waitForOutput(
  child: ChildProcess,
  pattern: RegExp,
  ms: number,
  output: () => string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${pattern} within ${ms} ms:\n${output()}`)), ms);
    const check = () => {
      if (pattern.test(output())) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout?.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (!pattern.test(output())) reject(new Error(`exited with ${code} before ${pattern}:\n${output()}`));
    });
  });
}

describe('npm start on the embedded Neo4j, then Ctrl-C', () => {
  let dataDir = '';
  let child: ChildProcess | undefined;
  afterAll(async () => {
    if (child?.exitCode === null) child.kill('SIGKILL');
    if (dataDir !== '') await rm(dataDir, { recursive: true, force: true });
  });

  it('starts Neo4j, ingests the demo corpus, serves GraphQL, and stops everything on SIGINT', async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'papergraph-start-'));
    const [port, bolt, http] = [await freePort(), await freePort(), await freePort()];
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      NEO4J_DATA_DIR: dataDir,
      NEO4J_BOLT_PORT: String(bolt),
      NEO4J_HTTP_PORT: String(http),
      NEO4J_PASSWORD: 'start-test-password',
      NEO4J_HEAP: '512m',
      NEO4J_PAGECACHE: '128m',
      PAPERGRAPH_DEMO: HF_40,
      LOG_LEVEL: 'silent',
    };
    delete env.NEO4J_URI;
    let out = '';
    child = spawn(process.execPath, ['--import', 'tsx', 'pipelines/start.ts'], {
      cwd: REPO,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (out += d.toString()));

    await waitForOutput(child, /Press Ctrl-C to stop\./, 240_000, () => out);
    expect(out).toMatch(/Ingested the demo corpus, 40 papers from \S+ into \d+ topics/);
    expect(await listening(bolt)).toBe(true);
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ stats { papers topics } }' }),
    });
    expect(await res.json()).toMatchObject({ data: { stats: { papers: 40 } } });

    const exited = new Promise<number | null>((resolve) => child?.once('exit', (code) => resolve(code)));
    child.kill('SIGINT');
    const code = await Promise.race([
      exited,
      new Promise<string>((resolve) => setTimeout(() => resolve('still running after 90 s'), 90_000)),
    ]);
    expect(code, out).toBe(0);
    expect(out).toMatch(/Stopped the server and the local Neo4j\./);
    expect(await listening(port)).toBe(false);
    expect(await listening(bolt)).toBe(false);
    expect(await listening(http)).toBe(false);
  }, 400_000);
});
