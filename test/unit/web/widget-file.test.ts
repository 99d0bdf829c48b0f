import { readFile } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { integrityOf, README_PATH, SRI_PATTERN, WIDGET_PATH } from '../../../scripts/widget-sri.js';

/** The budget of the file a page downloads for the widget, gzipped as servers and CDNs send it. */
const BUDGET_GZIP_BYTES = 10 * 1024;

describe('the widget file (/widget.js)', () => {
  it(`stays within ${BUDGET_GZIP_BYTES} bytes gzipped`, async () => {
    const gzipped = gzipSync(await readFile(WIDGET_PATH), { level: 9 }).length;
    expect(gzipped).toBeLessThanOrEqual(BUDGET_GZIP_BYTES);
  });

  it('has the SRI hash the README gives (npm run widget:sri -- --write updates it)', async () => {
    const readme = await readFile(README_PATH, 'utf8');
    const hashes = [...readme.matchAll(SRI_PATTERN)].map((m) => m[0]);
    expect(hashes.length).toBeGreaterThan(0);
    expect(new Set(hashes)).toEqual(new Set([integrityOf(await readFile(WIDGET_PATH))]));
  });

  it('depends on nothing and never writes markup, inline styles, cookies or storage', async () => {
    const source = await readFile(WIDGET_PATH, 'utf8');
    expect(source).not.toMatch(/^\s*import\s/m);
    for (const banned of [
      'innerHTML',
      'outerHTML',
      'insertAdjacentHTML',
      'document.write',
      '.style.',
      "'style'",
      'cssText',
      'document.cookie',
      'localStorage',
      'sessionStorage',
      'indexedDB',
      'eval(',
    ]) {
      expect(source, banned).not.toContain(banned);
    }
    expect(source).toContain("credentials: 'omit'");
    expect(source).toContain("attachShadow({ mode: 'open' })");
  });
});
