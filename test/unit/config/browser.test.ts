import { describe, expect, it } from 'vitest';
import { browserGuideLink, browserLinks } from '../../../src/config/browser.js';
import { loadConfig } from '../../../src/config/env.js';

describe('Neo4j Browser links', () => {
  it('by default: the app on 127.0.0.1, style then guide after login, Browser origins on 7474', () => {
    const links = browserLinks(loadConfig({}));
    expect(links.guideUrl).toBe('http://127.0.0.1:4000/browser/guide');
    expect(links.postConnectCmd).toBe(
      'style http://127.0.0.1:4000/browser/style.grass; guide http://127.0.0.1:4000/browser/guide',
    );
    expect(links.allowlist).toBe('localhost,127.0.0.1');
    expect(links.origins).toEqual(['http://127.0.0.1:7474', 'http://localhost:7474']);
  });

  it('follows PORT, NEO4J_HTTP_PORT, PAPERGRAPH_PUBLIC_URL and extra origins; the allowlist has host names only', () => {
    const links = browserLinks(
      loadConfig({
        HOST: '0.0.0.0',
        PORT: '4100',
        NEO4J_HTTP_PORT: '17474',
        PAPERGRAPH_PUBLIC_URL: 'http://papers.internal:8080/',
        PAPERGRAPH_BROWSER_ORIGINS: 'https://browser.example.org',
      }),
    );
    expect(links.guideUrl).toBe('http://papers.internal:8080/browser/guide');
    expect(links.allowlist.split(',')).toEqual(['localhost', '127.0.0.1', 'papers.internal']);
    expect(links.origins).toContain('http://localhost:17474');
    expect(links.origins).toContain('https://browser.example.org');
    expect(browserLinks(loadConfig({ HOST: '0.0.0.0' })).publicUrl).toBe('http://127.0.0.1:4000');
  });

  it('opens the guide from a Browser URL for a Neo4j PaperGraph did not configure', () => {
    expect(browserGuideLink('http://db:7474/browser/', 'http://127.0.0.1:4000/browser/guide')).toBe(
      'http://db:7474/browser/?cmd=guide&arg=http%3A%2F%2Flocalhost%3A4000%2Fbrowser%2Fguide',
    );
  });

  it('refuses a public URL that is not one', () => {
    expect(() => loadConfig({ PAPERGRAPH_PUBLIC_URL: 'papers.internal' })).toThrow(/PAPERGRAPH_PUBLIC_URL/);
  });
});
