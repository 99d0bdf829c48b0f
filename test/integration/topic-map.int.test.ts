/**
 * The topic map on a real graph: stored positions on the Topic nodes, the same through GraphQL
 * and on `/map`, and the page in real headless Chromium (click-through, keyboard, no JavaScript).
 */
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/api/server.js';
import type { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { createIngestStore } from '../../src/graph/stores/ingest.store.js';
import { collectPapers } from '../../src/services/collect.js';
import { readPapers } from '../../src/ingest/index.js';
import { createIngestService } from '../../src/services/ingest.service.js';
import { client, startTestApp } from './api-test-kit.js';
import { launchChromium } from './chromium.js';
import { connectTestGraph, REPO, SCHEMA_DIR, ingestFile, wipe } from './graph-test-kit.js';

interface MapTopic {
  id: string;
  label: string;
  size: number;
  position: { x: number; y: number; radius: number } | null;
  representativePapers: { id: string; title: string }[];
}

/** The demo's Daily Papers (110 papers of February 2026, dated): what `npm start` shows. */
const DEMO = path.join(REPO, 'data/demo/hf-daily-papers-2026-02.jsonl');

const TOPICS = `{ topics { id label size position { x y radius } representativePapers(first: 5) { id title } } }`;

const topicIdsOnPage = (html: string): string[] =>
  [...html.matchAll(/<a class="topic"[^>]* data-topic-id="([^"]*)"/g)].map((m) => m[1] ?? '');

function expectApart(topics: readonly MapTopic[]): void {
  for (const [i, a] of topics.entries()) {
    for (const b of topics.slice(i + 1)) {
      const p = a.position;
      const q = b.position;
      if (!p || !q) throw new Error(`topic ${p ? b.id : a.id} has no position`);
      expect(Math.hypot(p.x - q.x, p.y - q.y), `${a.id} and ${b.id} overlap`).toBeGreaterThan(
        p.radius + q.radius,
      );
    }
  }
}

describe('the topic map on a real graph', () => {
  let db: GraphDb;
  let app: RunningApp;
  let browser: Browser;
  let topics: MapTopic[] = [];

  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    await ingestFile(db, DEMO);
    app = await startTestApp(db);
    browser = await launchChromium();
    const r = await client(app)<{ topics: MapTopic[] }>(TOPICS);
    topics = r.data?.topics ?? [];
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await db?.close();
  });

  it('stores every topic position on its Topic node, as GraphQL serves it', async () => {
    expect(topics.length).toBeGreaterThanOrEqual(3);
    const rows = await db.read(
      statement(
        'test.topicPositions',
        `MATCH (m:TopicModel {current: true}) MATCH (t:Topic {modelVersion: m.version})
RETURN t.id AS id, t.x AS x, t.y AS y, t.radius AS radius`,
      ),
    );
    const stored = new Map(rows.map((r) => [r.id, { x: r.x, y: r.y, radius: r.radius }]));
    for (const t of topics) expect(stored.get(t.id)).toEqual(t.position);
    expectApart(topics);
  });

  it("/map draws one data-topic-id per topic of `topics`, in the API's order and places", async () => {
    const res = await fetch(`${app.url}/map`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const html = await res.text();
    expect(topicIdsOnPage(html)).toEqual(topics.map((t) => t.id));
    for (const t of topics) {
      const p = t.position ?? { x: NaN, y: NaN, radius: NaN };
      const circle = new RegExp(
        `data-topic-id="${t.id}"[^>]*>(?:<title>[^<]*</title>)<circle cx="([-\\d.]+)" cy="([-\\d.]+)" r="([\\d.]+)"`,
      ).exec(html);
      expect(Number(circle?.[1])).toBeCloseTo(p.x * 500, 0);
      expect(Number(circle?.[2])).toBeCloseTo(p.y * 500, 0);
      expect(Number(circle?.[3])).toBeCloseTo(p.radius * 500, 0);
    }
    for (const file of ['map.js', 'map.css'])
      expect((await fetch(`${app.url}/map/${file}`)).status).toBe(200);
    const missing = await fetch(`${app.url}/map/nope.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'The topic map has no file nope.js.' });
  });

  it('gives the same positions when the same papers are clustered again', async () => {
    await ingestFile(db, DEMO, { rebuild: true });
    const again = await client(app)<{ topics: MapTopic[] }>(TOPICS);
    expect(again.data?.topics.map((t) => [t.id, t.position])).toEqual(topics.map((t) => [t.id, t.position]));
  });

  async function openMap(page: Page): Promise<void> {
    const res = await page.goto(`${app.url}/map`);
    expect(res?.status()).toBe(200);
  }

  it('opens a topic on click: its papers, terms and sparkline; a paper link leads to the widget demo', async () => {
    const page = await browser.newPage();
    const offsite: string[] = [];
    const errors: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(app.url)) offsite.push(r.url());
    });
    page.on('pageerror', (e) => errors.push(e.message));
    await openMap(page);
    const topic = topics[1] ?? topics[0];
    if (!topic) throw new Error('no topics');
    // With the script, sections are hidden until a topic is chosen.
    expect(await page.locator('.topic-panel:visible').count()).toBe(0);
    await page.locator(`#topic-map a[data-topic-id="${topic.id}"]`).click();
    const panel = page.locator('.topic-panel.open');
    await panel.waitFor();
    expect(await page.locator('.topic-panel:visible').count()).toBe(1);
    expect(await panel.locator('h2').innerText()).toBe(topic.label);
    expect(await panel.locator('a.paper').allInnerTexts()).toEqual(
      topic.representativePapers.map((p) => p.title),
    );
    expect(await panel.locator('.terms li').count()).toBeGreaterThan(0);
    expect(await panel.locator('.sparkline svg circle').count()).toBeGreaterThan(0);
    expect(await page.locator(`a[data-topic-id="${topic.id}"]`).getAttribute('aria-current')).toBe('true');
    expect(new URL(page.url()).hash).toBe(`#topic-${topic.id}`);

    const paper = topic.representativePapers[0];
    if (!paper) throw new Error('no paper');
    await panel.locator('a.paper').first().click();
    await page.waitForURL((u) => u.pathname === '/widget/');
    expect(new URL(page.url()).searchParams.get('paper')).toBe(paper.id);
    expect(offsite).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('links a paper to the editor with its query, which runs there', async () => {
    const page = await browser.newPage();
    const topic = topics[0];
    const paper = topic?.representativePapers[0];
    if (!topic || !paper) throw new Error('no paper');
    await page.goto(`${app.url}/map#topic-${topic.id}`);
    // Opened from the address: a shared link shows the same topic.
    const panel = page.locator('.topic-panel.open');
    await panel.waitFor();
    await panel.locator('a.query').first().click();
    await page.waitForURL((u) => u.pathname === '/');
    expect(await page.locator('#query').inputValue()).toContain('paper(id: $id)');
    expect(JSON.parse(await page.locator('#variables').inputValue())).toEqual({ id: paper.id });
    await page.locator('#run').click();
    await page.locator('#result', { hasText: paper.title.slice(0, 20) }).waitFor();
  });

  it('works from the keyboard: Tab to a topic, Enter opens it, Escape closes it', async () => {
    const page = await browser.newPage();
    await openMap(page);
    const first = topics[0];
    if (!first) throw new Error('no topics');
    // Header links first (editor, widget), then the bubbles in size order.
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(
        () => document.activeElement?.getAttribute('data-topic-id') ?? null,
      );
      if (focused !== null) break;
    }
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-topic-id'))).toBe(first.id);
    await page.keyboard.press('Enter');
    await page.locator(`.topic-panel.open[data-panel-for="${first.id}"]`).waitFor();
    // Focus moves to the panel's heading, for screen readers and the next Tab.
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('H2');
    await page.keyboard.press('Escape');
    expect(await page.locator('.topic-panel:visible').count()).toBe(0);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-topic-id'))).toBe(first.id);
  });

  it('is readable without JavaScript: the SVG, and every topic section a bubble links to', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await openMap(page);
    const bubbles = page.locator('#topic-map a[data-topic-id]');
    expect(await bubbles.evaluateAll((els) => els.map((e) => e.getAttribute('data-topic-id')))).toEqual(
      topics.map((t) => t.id),
    );
    expect(await page.locator('#topic-map').isVisible()).toBe(true);
    expect(await page.locator('.topic-panel:visible').count()).toBe(topics.length);
    const topic = topics.at(-1);
    if (!topic) throw new Error('no topics');
    await bubbles.last().click();
    await page.waitForURL((u) => u.hash === `#topic-${topic.id}`);
    expect(await page.locator(':target h2').innerText()).toBe(topic.label);
    await context.close();
  });
});

describe('the topic map with 50 topics', () => {
  let db: GraphDb;
  let app: RunningApp;

  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    const collected = await collectPapers(readPapers(DEMO));
    await createIngestService({
      store: createIngestStore({ db, schemaDir: SCHEMA_DIR }),
      batchSize: 100,
      analysis: { k: 50 },
    }).ingest(collected.papers);
    app = await startTestApp(db);
  });
  afterAll(async () => {
    await app?.stop();
    await db?.close();
  });

  it('places all 50 apart and draws each once', async () => {
    const r = await client(app)<{ topics: MapTopic[] }>(TOPICS);
    const topics = r.data?.topics ?? [];
    expect(topics).toHaveLength(50);
    expectApart(topics);
    for (const t of topics) {
      const p = t.position ?? { x: 2, y: 2, radius: 0 };
      expect(Math.abs(p.x) + p.radius).toBeLessThanOrEqual(1);
      expect(Math.abs(p.y) + p.radius).toBeLessThanOrEqual(1);
    }
    const html = await (await fetch(`${app.url}/map`)).text();
    expect(topicIdsOnPage(html)).toEqual(topics.map((t) => t.id));
  });
});
