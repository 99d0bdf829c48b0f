import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, environmentWithDotEnv, loadConfig } from '../../../src/config/env.js';

const REPO = path.resolve(import.meta.dirname, '../../..');

describe('loadConfig', () => {
  it('fills defaults from an empty environment', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ PORT: 4000, NEO4J_BOLT_PORT: 7687, NEO4J_HTTP_PORT: 7474 });
    expect(c.NEO4J_URI).toBeUndefined();
  });

  it('treats an empty NEO4J_URI as unset', () => {
    expect(loadConfig({ NEO4J_URI: '  ' }).NEO4J_URI).toBeUndefined();
  });

  it('reports every bad variable at once, by name', () => {
    try {
      loadConfig({ PORT: 'eighty', NEO4J_HEAP: 'lots', NEO4J_PASSWORD: 'short' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const msg = (e as Error).message;
      expect(msg).toContain('PORT');
      expect(msg).toContain('NEO4J_HEAP');
      expect(msg).toContain('NEO4J_PASSWORD');
    }
  });

  it('never echoes a secret in its message, even a wrong one', () => {
    expect(() => loadConfig({ NEO4J_PASSWORD: 'hunter2', PORT: 'eighty' })).toThrow(ConfigError);
    try {
      loadConfig({ NEO4J_PASSWORD: 'hunter2' });
    } catch (e) {
      expect((e as Error).message).toContain('NEO4J_PASSWORD');
      expect((e as Error).message).not.toContain('hunter2');
    }
  });

  it('leaves NEO4J_PASSWORD unset by default (a local Neo4j generates one)', () => {
    expect(loadConfig({}).NEO4J_PASSWORD).toBeUndefined();
  });
});

describe('PAPERGRAPH_DEMO', () => {
  it('is the demo folder unless set; none or empty means no demo', () => {
    expect(loadConfig({}).PAPERGRAPH_DEMO).toBe('data/demo');
    expect(loadConfig({ PAPERGRAPH_DEMO: 'none' }).PAPERGRAPH_DEMO).toBeUndefined();
    expect(loadConfig({ PAPERGRAPH_DEMO: ' ' }).PAPERGRAPH_DEMO).toBeUndefined();
    expect(loadConfig({ PAPERGRAPH_DEMO: 'mine.jsonl' }).PAPERGRAPH_DEMO).toBe('mine.jsonl');
  });
});

describe('.env', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'papergraph-env-'));
  });
  afterAll(async () => rm(dir, { recursive: true, force: true }));

  it('applies under the environment: a variable set in the environment wins', async () => {
    const file = path.join(dir, '.env');
    await writeFile(file, '# comment\nPAPERGRAPH_API_KEY=from-file\nPORT=4100\nLOG_LEVEL="warn"\n');
    const c = loadConfig(environmentWithDotEnv(file, { PORT: '4200' }));
    expect(c.PAPERGRAPH_API_KEY).toBe('from-file');
    expect(c.LOG_LEVEL).toBe('warn');
    expect(c.PORT).toBe(4200);
  });

  it('adds nothing when there is no file', () => {
    expect(environmentWithDotEnv(path.join(dir, 'missing.env'), { PORT: '1' })).toEqual({ PORT: '1' });
  });

  it('.env.example, the README table and compose cover every variable', async () => {
    const example = await readFile(path.join(REPO, '.env.example'), 'utf8');
    const named = [...example.matchAll(/^#? ?([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect([...new Set(named)].sort()).toEqual([...CONFIG_VARIABLES].sort());
    const readme = await readFile(path.join(REPO, 'README.md'), 'utf8');
    for (const v of CONFIG_VARIABLES) expect(readme).toContain(`| \`${v}\``);
    const compose = await readFile(path.join(REPO, 'docker-compose.yml'), 'utf8');
    // docker-compose 1.29 (Debian's) refuses a top-level name:
    expect(compose).not.toMatch(/^name:/m);
    expect(compose).toMatch(/^ {2}app:\n(?: {4}.*\n)*? {4}env_file: \.env\n/m);
  });
});
