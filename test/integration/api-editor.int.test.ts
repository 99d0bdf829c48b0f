import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/api/server.js';
import type { GraphDb } from '../../src/graph/db.js';
import { startTestApp } from './api-test-kit.js';
import { launchChromium } from './chromium.js';
import { connectTestGraph, LISTING_FILE, ingestFile, wipe } from './graph-test-kit.js';

describe('the query editor in a real browser', () => {
  let db: GraphDb;
  let app: RunningApp;
  let browser: Browser;

  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    await ingestFile(db, LISTING_FILE);
    app = await startTestApp(db);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app.stop();
    await db.close();
  });

  it('runs an example query by clicking and shows the papers', async () => {
    const page = await browser.newPage();
    const offsite: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(app.url)) offsite.push(r.url());
    });
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));

    await page.goto(`${app.url}/`);
    await expect.poll(() => page.locator('#examples button').count()).toBeGreaterThan(3);
    // The schema panel loads by introspection.
    await page.locator('#docs a', { hasText: 'Query' }).waitFor();

    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('button', { name: 'Latest papers' }).click();
    expect(await page.locator('#query').inputValue()).toContain('papers(first: $first');
    await page.locator('#run').click();
    await page.locator('#result', { hasText: '"totalCount": 34' }).waitFor();

    const result = JSON.parse(await page.locator('#result').innerText()) as {
      data: { papers: { edges: { node: { title: string; topic: { label: string } } }[] } };
    };
    expect(result.data.papers.edges).toHaveLength(5);
    for (const e of result.data.papers.edges) {
      expect(e.node.title).toMatch(/\w/);
      expect(e.node.topic.label).toMatch(/\w/);
    }
    expect(await page.locator('#status').innerText()).toMatch(/HTTP 200/);
    expect(offsite).toEqual([]);
    expect(consoleErrors).toEqual([]);
  });

  it('shows GraphQL errors, and is what a browser gets at /graphql', async () => {
    const page = await browser.newPage();
    await page.goto(`${app.url}/graphql`);
    await page.locator('#query').fill('{ search(query: "   ") { totalCount } }');
    await page.locator('#query').press('Control+Enter');
    await page.locator('#result.error', { hasText: 'BAD_USER_INPUT' }).waitFor();
    expect(await page.locator('#result').innerText()).toContain('"query"');
  });

  it('still answers API clients at /graphql with JSON', async () => {
    const res = await fetch(`${app.url}/graphql?query=${encodeURIComponent('{ stats { papers } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { stats: { papers: 34 } } });
  });
});
