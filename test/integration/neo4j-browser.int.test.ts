/**
 * Neo4j Browser, as the project's launcher serves it (/browser/ on the HTTP port), in real
 * headless Chromium: log in, the PaperGraph style and guide open by themselves
 * (browser.post_connect_cmd), a query run from the guide draws a graph. This test starts a
 * Neo4j of its own: the Browser settings name the app's URL, which has to be known before
 * Neo4j starts. The screenshot goes to var/screenshots/ (docs/ with UPDATE_SCREENSHOTS=true,
 * the one the README shows).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSchema } from '../../src/api/schema.js';
import { startApp, type RunningApp } from '../../src/api/server.js';
import { browserGuideLink, browserLinks } from '../../src/config/browser.js';
import { createLogger } from '../../src/config/logger.js';
import { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/runtime/local-neo4j.js';
import { launchChromium } from './chromium.js';
import { LISTING_FILE, ingestFile, REPO } from './graph-test-kit.js';

const PASSWORD = 'browser-test-password';
const SCREENSHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === 'true' ? path.join(REPO, 'docs') : path.join(REPO, 'var', 'screenshots');

describe('Neo4j Browser opens the PaperGraph guide by itself', () => {
  let dataDir: string;
  let neo4j: LocalNeo4j | undefined;
  let db: GraphDb;
  let app: RunningApp;
  let browser: Browser;
  let links: ReturnType<typeof browserLinks>;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'papergraph-browser-test-'));
    const ports = new Set<number>();
    while (ports.size < 3) ports.add(await freePort());
    const [boltPort, httpPort, appPort] = [...ports] as [number, number, number];
    links = browserLinks({
      HOST: '127.0.0.1',
      PORT: appPort,
      NEO4J_HTTP_PORT: httpPort,
      PAPERGRAPH_PUBLIC_URL: undefined,
      PAPERGRAPH_BROWSER_ORIGINS: [],
    });
    neo4j = await startLocalNeo4j({
      repoRoot: REPO,
      dataDir,
      boltPort,
      httpPort,
      password: PASSWORD,
      heap: '512m',
      pageCache: '64m',
      browser: { postConnectCmd: links.postConnectCmd, allowlist: links.allowlist },
    });
    db = GraphDb.connect({ uri: neo4j.boltUri, user: 'neo4j', password: PASSWORD });
    await ingestFile(db, LISTING_FILE);
    app = await startApp(
      {
        db,
        schema: await createSchema(),
        logger: createLogger('silent'),
        limits: { maxPage: 100, maxDepth: 8 },
        browser: { publicUrl: links.publicUrl, origins: links.origins },
      },
      appPort,
      '127.0.0.1',
    );
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await db?.close();
    try {
      await neo4j?.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true, maxRetries: 3 });
    }
  });

  it('tells the Browser where the guide is (dbms.clientConfig)', async () => {
    const rows = await db.read(
      statement(
        'test.clientConfig',
        `CALL dbms.clientConfig() YIELD name, value WHERE name STARTS WITH 'browser.' RETURN name, value`,
      ),
    );
    const settings = Object.fromEntries(rows.map((r) => [String(r.name), String(r.value)]));
    expect(settings['browser.post_connect_cmd']).toBe(
      `style ${app.url}/browser/style.grass; guide ${app.url}/browser/guide`,
    );
    expect(settings['browser.remote_content_hostname_whitelist']?.split(',')).toContain('127.0.0.1');
  });

  it('logs in, shows the guide, runs a query from it and draws the graph', async () => {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const fromApp: { url: string; method: string; status: number; allowOrigin: string | null }[] = [];
    page.on('response', (r) => {
      if (r.url().startsWith(app.url))
        fromApp.push({
          url: r.url(),
          method: r.request().method(),
          status: r.status(),
          allowOrigin: r.headers()['access-control-allow-origin'] ?? null,
        });
    });
    if (!neo4j) throw new Error('Neo4j did not start');
    await page.goto(`${neo4j.httpUrl}/browser/`);
    // The connect form comes with the server's own Bolt address filled in.
    await page.locator('[data-testid="username"]').fill('neo4j');
    await page.locator('[data-testid="password"]').fill(PASSWORD);
    await page.locator('[data-testid="connect"]').click();

    const drawer = page.locator('[data-testid="guidesDrawer"]');
    await drawer.getByText('PaperGraph: explore the topics').first().waitFor({ timeout: 60_000 });
    // The style was applied too: its frame lists PaperGraph's node captions.
    await page.getByText('caption: "{label}"').first().waitFor();
    // Fetched cross-origin from the Browser's page, answered for that origin.
    const guide = fromApp.find((r) => r.url === `${app.url}/browser/guide` && r.method === 'GET');
    expect(guide?.status).toBe(200);
    expect(guide?.allowOrigin).toBe(new URL(neo4j.httpUrl).origin);

    // Set the parameters from the first slide (each block's play icon runs it).
    const params = drawer.locator('pre.runnable', { hasText: ':param' });
    const count = await params.count();
    expect(count).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < count; i++) {
      const block = params.nth(i);
      const name = /:param (\w+)/.exec(await block.innerText())?.[1] ?? '';
      await block.locator('i').first().click();
      // Its frame echoes the parameter once it is set; a query run before would miss it.
      await page.getByText(`"${name}": "`).first().waitFor({ timeout: 30_000 });
    }

    // Slide 4: one topic, its most central papers and its neighbours.
    const next = page.locator('[data-testid="guideNextSlide"]');
    for (let i = 0; i < 3; i++) await next.click();
    await drawer.getByText('One topic: its most central papers').waitFor();
    await drawer
      .locator('pre.runnable', { hasText: 'collect(u) AS neighbours' })
      .locator('i')
      .first()
      .click();

    try {
      await page.waitForFunction(() => document.querySelectorAll('svg g.node').length >= 6, null, {
        timeout: 60_000,
      });
    } catch (e) {
      // What the Browser showed instead, for whoever reads the failure.
      await mkdir(SCREENSHOT_DIR, { recursive: true });
      await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'neo4j-browser-failure.png') });
      throw e;
    }
    // Let the force layout settle before the picture.
    await page.waitForTimeout(2500);
    const [topic] = await db.read(
      statement(
        'test.largestTopic',
        `MATCH (m:TopicModel {current: true}) MATCH (t:Topic {modelVersion: m.version})
         RETURN t.label AS label, t.size AS size ORDER BY t.size DESC, t.id LIMIT 1`,
      ),
    );
    // Captions by the style: the topic by its label, papers by their titles.
    const captions = (await page.locator('svg g.node text').allTextContents()).join(' ');
    const firstTerm = String(topic?.label).split(',')[0] ?? '';
    expect(captions).toContain(firstTerm);
    expect(await page.locator('svg g.relationship').count()).toBeGreaterThan(0);
    await page.getByText(/Displaying \d+ nodes, \d+ relationships/).waitFor();

    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, 'neo4j-browser-guide.png') });
    await page.close();
  });

  it('opens the guide from the link npm start prints for a Neo4j it did not configure (?cmd=guide)', async () => {
    if (!neo4j) throw new Error('Neo4j did not start');
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(browserGuideLink(`${neo4j.httpUrl}/browser/`, links.guideUrl));
    await page.locator('[data-testid="password"]').fill(PASSWORD);
    await page.locator('[data-testid="username"]').fill('neo4j');
    await page.locator('[data-testid="connect"]').click();
    const drawer = page.locator('[data-testid="guidesDrawer"]');
    await drawer.getByText('PaperGraph: explore the topics').first().waitFor({ timeout: 60_000 });
    expect(await drawer.locator('pre.runnable').count()).toBeGreaterThan(3);
    await page.close();
  });
});
