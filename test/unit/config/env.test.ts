import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../../src/config/env.js';

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
