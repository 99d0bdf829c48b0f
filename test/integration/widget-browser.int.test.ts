/**
 * `<papergraph-related>` in real headless Chromium, embedded on pages of another origin (a
 * tiny http server on another port) the way a site embeds it: CORS allowed and refused, lazy
 * loading, both themes, the loading / empty / error states, the events, a strict CSP, axe-core,
 * and what its shadow root holds against what the API says.
 */
import { mkdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/api/server.js';
import type { GraphDb } from '../../src/graph/db.js';
import { integrityOf, WIDGET_PATH } from '../../scripts/widget-sri.js';
import { CITED_PAPER, client, demoApi, ingestServiceFor, startTestApp } from './api-test-kit.js';
import { launchChromium } from './chromium.js';
import { REPO } from './graph-test-kit.js';

const SCREENSHOT_DIR =
  process.env.UPDATE_SCREENSHOTS === 'true' ? path.join(REPO, 'docs') : path.join(REPO, 'var', 'screenshots');

const CITED_TITLE = CITED_PAPER.title;

/** Events and CSP violations, recorded from before any page script runs. */
const RECORDER = `
window.__pg = { events: [], violations: [], cancelSelect: false };
for (const name of ['load', 'error', 'select']) {
  document.addEventListener('papergraph-related:' + name, (e) => {
    window.__pg.events.push({ type: e.type, target: e.target.id, detail: e.detail, composed: e.composed });
    if (name === 'select' && window.__pg.cancelSelect) e.preventDefault();
  });
}
document.addEventListener('securitypolicyviolation', (e) => {
  window.__pg.violations.push(e.violatedDirective + ' ' + e.blockedURI);
});`;

interface Recorded {
  events: { type: string; target: string; detail: Record<string, unknown>; composed: boolean }[];
  violations: string[];
}

interface Snapshot {
  busy: string | null;
  status: string;
  shown: boolean;
  heading: string | null;
  height: number;
  background: string;
  items: {
    id: string;
    title: string;
    href: string;
    score: number;
    terms: string[];
    topic: string;
    parts: string[];
  }[];
}

/** What a reader sees in the widget `id`, read from its open shadow root. */
function snapshot(page: Page, id: string): Promise<Snapshot> {
  return page.evaluate((id) => {
    const el = document.getElementById(id);
    const root = el?.shadowRoot;
    if (!el || !root) throw new Error(`no widget #${id} with an open shadow root`);
    const base = root.querySelector('[part=base]');
    const text = (n: Element | null | undefined) => n?.textContent ?? '';
    return {
      busy: base?.getAttribute('aria-busy') ?? null,
      status: text(root.querySelector('[part=status]')),
      shown: base !== null && getComputedStyle(base).display !== 'none',
      heading: root.querySelector('[part=heading]')?.textContent ?? null,
      height: el.getBoundingClientRect().height,
      background: base ? getComputedStyle(base).backgroundColor : '',
      items: Array.from(root.querySelectorAll('[part=item]')).map((li) => ({
        id: li.getAttribute('data-paper-id') ?? '',
        title: text(li.querySelector('[part=title]')),
        href: li.querySelector('[part=title]')?.getAttribute('href') ?? '',
        score: Number(li.querySelector('[part=score]')?.getAttribute('value')),
        terms: Array.from(li.querySelectorAll('[part=term]')).map((t) => t.textContent ?? ''),
        topic: text(li.querySelector('[part=topic]')),
        parts: [
          ...new Set(
            [li, ...Array.from(li.querySelectorAll('[part]'))].flatMap((n) =>
              (n.getAttribute('part') ?? '').split(' '),
            ),
          ),
        ].sort(),
      })),
    };
  }, id);
}

/** Waits as long as a loaded machine may need (expect.poll gives up after 1 s by default). */
const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 30_000 });

const recorded = (page: Page) => page.evaluate(() => (window as unknown as { __pg: Recorded }).__pg);

const loadedOf = async (page: Page, id: string) => {
  await poll(
    async () =>
      (await recorded(page)).events.filter((e) => e.target === id && e.type.endsWith(':load')).length,
  ).toBeGreaterThan(0);
  return snapshot(page, id);
};

describe('the related-papers widget on another origin, in Chromium', () => {
  let db: GraphDb;
  let app: RunningApp;
  let refusing: RunningApp;
  let host: Server;
  let hostUrl = '';
  let browser: Browser;
  let paperId = '';
  let related: {
    score: number;
    sharedTerms: string[];
    paper: { id: string; title: string; topic: { label: string } };
  }[] = [];
  const pages = new Map<string, { html: string; headers?: Record<string, string> }>();

  const page = (
    name: string,
    body: string,
    opts: { head?: string; headers?: Record<string, string> } = {},
  ) => {
    pages.set(`/${name}`, {
      html: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>${opts.head ?? ''}</head><body>${body}</body></html>`,
      ...(opts.headers ? { headers: opts.headers } : {}),
    });
    return `${hostUrl}/${name}`;
  };
  const script = (server: RunningApp, extra = '') =>
    `<script type="module" src="${server.url}/widget.js"${extra}></script>`;

  let context: BrowserContext;
  const open = async (url: string): Promise<{ page: Page; requests: string[]; errors: string[] }> => {
    const p = await context.newPage();
    const requests: string[] = [];
    const errors: string[] = [];
    p.on('request', (r) => requests.push(r.url()));
    p.on('pageerror', (e) => errors.push(e.message));
    await p.goto(url);
    return { page: p, requests, errors };
  };

  beforeAll(async () => {
    host = createServer((req, res) => {
      const url = req.url ?? '/';
      if (url.startsWith('/broken/')) {
        // What a failing server might say: the widget must not show any of it.
        res.writeHead(500, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
        res.end('{"errors":[{"message":"Neo4jError: connection refused at bolt://db:7687","stack":"at x"}]}');
        return;
      }
      const found = pages.get(url.split('?')[0] ?? '');
      if (!found) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', ...found.headers });
      res.end(found.html);
    });
    await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
    hostUrl = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;

    let gql: ReturnType<typeof client>;
    ({ db, app, gql } = await demoApi((g) => ingestServiceFor(g).ingest([CITED_PAPER])));
    await app.stop();
    // The pages' origin is allowed; a second server allows another origin only.
    app = await startTestApp(db, { corsOrigins: [hostUrl] });
    refusing = await startTestApp(db, { corsOrigins: ['http://elsewhere.test'] });
    gql = client(app);
    const { data } = await gql<{ papers: { edges: { node: { id: string } }[] } }>(
      '{ papers(first: 1, orderBy: TITLE_ASC) { edges { node { id } } } }',
    );
    paperId = data?.papers.edges[0]?.node.id ?? '';
    const rel = await gql<{ paper: { related: typeof related } }>(
      'query($id: ID!) { paper(id: $id) { related(first: 5) { score sharedTerms paper { id title topic { label } } } } }',
      { id: paperId },
    );
    related = rel.data?.paper.related ?? [];
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 900, height: 700 } });
    await context.addInitScript({ content: RECORDER });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await refusing?.stop();
    await new Promise((r) => host?.close(r));
    await db?.close();
  });

  it('renders related papers from the API on a page of another allowed origin, with parts, scores and shared terms', async () => {
    // A cookie the browser holds for the server's host must not travel with the widget's read.
    await context.addCookies([{ name: 'session', value: 'secret', url: app.url }]);
    const url = page(
      'allowed',
      `<main><h1>A paper page</h1><papergraph-related id="w" paper-id="${paperId}"></papergraph-related></main>`,
      {
        head: script(app),
      },
    );
    const p = await open(url);
    const cookies: (string | undefined)[] = [];
    p.page.on('request', (r) => {
      if (r.url().includes('/widget/related')) void r.allHeaders().then((h) => cookies.push(h.cookie));
    });
    const shot = await loadedOf(p.page, 'w');
    expect(shot.busy).toBe('false');
    expect(shot.heading).toBe('Related papers');
    expect(shot.items.map((i) => i.id)).toEqual(related.map((r) => r.paper.id));
    for (const [i, item] of shot.items.entries()) {
      const want = related[i];
      expect(item.title).toBe(want?.paper.title);
      expect(item.terms).toEqual(want?.sharedTerms);
      expect(item.score).toBeCloseTo(want?.score ?? -1, 6);
      expect(item.topic).toBe(`Topic: ${want?.paper.topic.label}`);
      expect(item.href).toMatch(/^https?:\/\//);
      expect(item.parts).toEqual(expect.arrayContaining(['item', 'title', 'score', 'terms', 'topic']));
    }
    expect(shot.items.some((i) => i.terms.length > 0)).toBe(true);
    // Only the page's own origin and the configured server were contacted.
    expect(p.requests.filter((r) => !r.startsWith(hostUrl) && !r.startsWith(app.url))).toEqual([]);
    // The read went out once the element was re-checked: reload to see a request with the cookie jar set.
    await p.page.reload();
    await loadedOf(p.page, 'w');
    expect(cookies.length).toBeGreaterThan(0);
    expect(cookies.every((c) => c === undefined)).toBe(true);
    const storage = await p.page.evaluate(() => [
      localStorage.length,
      sessionStorage.length,
      document.cookie,
    ]);
    // Nothing stored, and the page's own cookie untouched.
    expect(storage).toEqual([0, 0, 'session=secret']);
    expect(p.errors).toEqual([]);

    // Properties are live: fewer items, another language, another theme.
    await p.page.evaluate(() => {
      const w = document.getElementById('w') as HTMLElement & { count: number; theme: string };
      w.count = 2;
      w.lang = 'de';
      w.theme = 'dark';
    });
    await poll(async () => (await snapshot(p.page, 'w')).items.length).toBe(2);
    const changed = await snapshot(p.page, 'w');
    expect(changed.heading).toBe('Ähnliche Arbeiten');
    expect(changed.items[0]?.topic).toMatch(/^Thema: /);
    expect(changed.background).toBe('rgb(13, 17, 23)');
    await context.clearCookies();
    await p.page.close();
  });

  it('shows a short error and emits papergraph-related:error when the server refuses the origin by CORS', async () => {
    const url = page(
      'refused',
      `<main><h1>Elsewhere</h1><papergraph-related id="w" paper-id="${paperId}"></papergraph-related></main>`,
      {
        head: script(refusing),
      },
    );
    const p = await open(url);
    await poll(async () => (await recorded(p.page)).events.map((e) => e.type)).toContain(
      'papergraph-related:error',
    );
    const shot = await snapshot(p.page, 'w');
    expect(shot.status).toBe('Related papers are unavailable right now.');
    expect(shot.items).toEqual([]);
    expect(shot.busy).toBe('false');
    const error = (await recorded(p.page)).events.find((e) => e.type === 'papergraph-related:error');
    expect(error?.detail).toEqual({ paperId, reason: 'network', status: 0 });
    expect(error?.composed).toBe(true);
    await p.page.close();
  });

  it('reserves its height while loading (aria-busy), with no jump when the items arrive', async () => {
    const url = page(
      'busy',
      `<main><h1>Busy</h1><papergraph-related id="w" paper-id="${paperId}" count="3"></papergraph-related><p id="after">after</p></main>`,
      {
        head: script(app),
      },
    );
    const p = await context.newPage();
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    await p.route(`${app.url}/widget/related**`, async (route) => {
      await gate;
      await route.continue();
    });
    await p.goto(url);
    await poll(async () => (await snapshot(p, 'w')).busy).toBe('true');
    const loading = await snapshot(p, 'w');
    expect(loading.status).toBe('Loading related papers…');
    expect(loading.height).toBeGreaterThan(150);
    const afterBefore = await p.locator('#after').boundingBox();
    release();
    const loaded = await loadedOf(p, 'w');
    expect(loaded.items).toHaveLength(3);
    expect(loaded.busy).toBe('false');
    expect(Math.abs(loaded.height - loading.height)).toBeLessThanOrEqual(1);
    expect(
      Math.abs(((await p.locator('#after').boundingBox())?.y ?? 0) - (afterBefore?.y ?? -99)),
    ).toBeLessThanOrEqual(1);
    await p.close();
  });

  it('loads lazily only when scrolled near, and honours reduced motion', async () => {
    const url = page(
      'lazy',
      `<main><h1>Long page</h1><div id="spacer"></div><papergraph-related id="w" paper-id="${paperId}" loading="lazy"></papergraph-related></main>`,
      { head: `${script(app)}<style>#spacer{height:3000px}</style>` },
    );
    const p = await open(url);
    await p.page.waitForFunction(() => document.getElementById('w')?.shadowRoot?.querySelector('.sk'));
    const reads = () => p.requests.filter((r) => r.includes('/widget/related')).length;
    const pulse = () =>
      p.page.evaluate(() => {
        const sk = document.getElementById('w')?.shadowRoot?.querySelector('.sk .title');
        return sk ? getComputedStyle(sk).animationName : 'no skeleton';
      });
    expect(await pulse()).toBe('pulse');
    await p.page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await pulse()).toBe('none');
    // Well below the fold: nothing is asked yet.
    await new Promise((r) => setTimeout(r, 300));
    expect(reads()).toBe(0);
    await p.page.locator('#w').scrollIntoViewIfNeeded();
    const shot = await loadedOf(p.page, 'w');
    expect(reads()).toBe(1);
    expect(shot.items.length).toBe(5);
    await p.page.close();
  });

  it('follows theme="light" / "dark", and auto follows prefers-color-scheme', async () => {
    const url = page(
      'themes',
      `<main><h1>Themes</h1>${['light', 'dark', 'auto']
        .map(
          (t) =>
            `<papergraph-related id="${t}" theme="${t}" paper-id="${paperId}" count="2"></papergraph-related>`,
        )
        .join('')}</main>`,
      { head: script(app) },
    );
    const p = await open(url);
    for (const t of ['light', 'dark', 'auto']) await loadedOf(p.page, t);
    const bg = async (id: string) => (await snapshot(p.page, id)).background;
    await p.page.emulateMedia({ colorScheme: 'light' });
    expect([await bg('light'), await bg('dark'), await bg('auto')]).toEqual([
      'rgb(255, 255, 255)',
      'rgb(13, 17, 23)',
      'rgb(255, 255, 255)',
    ]);
    await p.page.emulateMedia({ colorScheme: 'dark' });
    expect([await bg('light'), await bg('dark'), await bg('auto')]).toEqual([
      'rgb(255, 255, 255)',
      'rgb(13, 17, 23)',
      'rgb(13, 17, 23)',
    ]);
    // --pg-* custom properties restyle it from the page, and ::part reaches inside.
    await p.page.addStyleTag({
      content: '#light { --pg-background: rgb(1, 2, 3); } #light::part(title) { color: rgb(200, 0, 0); }',
    });
    expect(await bg('light')).toBe('rgb(1, 2, 3)');
    const titleColour = await p.page.evaluate(() => {
      const a = document.getElementById('light')?.shadowRoot?.querySelector('[part=title]');
      return a ? getComputedStyle(a).color : '';
    });
    expect(titleColour).toBe('rgb(200, 0, 0)');
    await p.page.close();
  });

  it('says when there is nothing (or hides itself), and never shows a raw server error', async () => {
    const url = page(
      'states',
      `<main><h1>States</h1>
<papergraph-related id="empty" paper-id="no-such-paper"></papergraph-related>
<papergraph-related id="hidden" paper-id="no-such-paper" empty="hide"></papergraph-related>
<papergraph-related id="broken" paper-id="${paperId}" endpoint="${hostUrl}/broken"></papergraph-related>
<papergraph-related id="fr" paper-id="no-such-paper" lang="fr" heading="Voir aussi" heading-level="3"></papergraph-related></main>`,
      { head: script(app) },
    );
    const p = await open(url);
    const empty = await loadedOf(p.page, 'empty');
    expect(empty.status).toBe('No related papers yet.');
    expect(empty.shown).toBe(true);
    const hidden = await loadedOf(p.page, 'hidden');
    expect(hidden.shown).toBe(false);
    expect(hidden.height).toBe(0);
    await poll(async () =>
      (await recorded(p.page)).events.some((e) => e.target === 'broken' && e.type.endsWith(':error')),
    ).toBe(true);
    const broken = await snapshot(p.page, 'broken');
    expect(broken.status).toBe('Related papers are unavailable right now.');
    const brokenText = await p.page.evaluate(
      () => document.getElementById('broken')?.shadowRoot?.textContent ?? '',
    );
    expect(brokenText).not.toMatch(/Neo4j|bolt|stack|500/);
    expect((await recorded(p.page)).events.find((e) => e.target === 'broken')?.detail).toEqual({
      paperId,
      reason: 'http',
      status: 500,
    });
    const fr = await loadedOf(p.page, 'fr');
    expect([fr.heading, fr.status]).toEqual(['Voir aussi', 'Pas encore d’articles similaires.']);
    expect(
      await p.page.evaluate(
        () => document.getElementById('fr')?.shadowRoot?.querySelector('h3')?.textContent,
      ),
    ).toBe('Voir aussi');
    await p.page.close();
  });

  it('emits load and a cancelable, composed select with the paper id; links are keyboard-focusable with a visible ring', async () => {
    const url = page(
      'events',
      `<main><h1>Events</h1><papergraph-related id="w" paper-id="${paperId}" count="3"></papergraph-related></main>`,
      {
        head: script(app),
      },
    );
    const p = await open(url);
    const shot = await loadedOf(p.page, 'w');
    const load = (await recorded(p.page)).events.find((e) => e.type === 'papergraph-related:load');
    expect(load?.detail).toEqual({ paperId, basis: 'paper', count: 3, items: shot.items.map((i) => i.id) });
    expect(load?.composed).toBe(true);

    await p.page.evaluate(
      () => ((window as unknown as { __pg: { cancelSelect: boolean } }).__pg.cancelSelect = true),
    );
    await p.page.keyboard.press('Tab');
    const focus = await p.page.evaluate(() => {
      const a = document.getElementById('w')?.shadowRoot?.activeElement;
      return a ? { part: a.getAttribute('part'), outline: getComputedStyle(a).outlineStyle } : null;
    });
    expect(focus).toEqual({ part: 'title', outline: 'solid' });
    await p.page.keyboard.press('Enter');
    await poll(
      async () => (await recorded(p.page)).events.filter((e) => e.type.endsWith(':select')).length,
    ).toBe(1);
    const select = (await recorded(p.page)).events.find((e) => e.type === 'papergraph-related:select');
    expect(select?.detail).toMatchObject({
      paperId: shot.items[0]?.id,
      title: shot.items[0]?.title,
      url: shot.items[0]?.href,
    });
    expect(select?.composed).toBe(true);
    // The page cancelled it: no navigation.
    expect(p.page.url()).toBe(url);
    await p.page.close();
  });

  it('works under a strict CSP (script-src and connect-src for the server only), with SRI, finding the paper from meta tags', async () => {
    const sri = integrityOf(await readFile(WIDGET_PATH));
    const csp = `default-src 'none'; script-src ${app.url}; connect-src ${app.url}`;
    const url = page(
      'csp',
      `<main><h1>${CITED_TITLE}</h1><papergraph-related id="w"></papergraph-related></main>`,
      {
        head: `<meta name="citation_title" content="${CITED_TITLE}">${script(app, ` integrity="${sri}" crossorigin="anonymous"`)}`,
        headers: { 'content-security-policy': csp },
      },
    );
    const p = await open(url);
    const consoleErrors: string[] = [];
    p.page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    const shot = await loadedOf(p.page, 'w');
    expect(shot.items.length).toBeGreaterThan(0);
    const load = (await recorded(p.page)).events.find((e) => e.type === 'papergraph-related:load');
    expect(load?.detail).toMatchObject({ paperId: CITED_PAPER.id, basis: 'paper' });
    // Styled by its constructed stylesheet, which the CSP does not block.
    expect(shot.background).toBe('rgb(255, 255, 255)');
    expect((await recorded(p.page)).violations).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(p.errors).toEqual([]);
    await p.page.close();
  });

  it('has no axe-core violations, in both themes and every state', async () => {
    const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
    const url = page(
      'axe',
      `<main><h1>Accessibility</h1>
<papergraph-related id="light" theme="light" paper-id="${paperId}"></papergraph-related>
<papergraph-related id="dark" theme="dark" paper-id="${paperId}"></papergraph-related>
<papergraph-related id="empty" paper-id="no-such-paper"></papergraph-related>
<papergraph-related id="broken" paper-id="${paperId}" endpoint="${hostUrl}/broken"></papergraph-related>
<div id="spacer"></div>
<papergraph-related id="lazy" paper-id="${paperId}" loading="lazy"></papergraph-related></main>`,
      { head: `${script(app)}<style>#spacer{height:3000px}</style>` },
    );
    const p = await open(url);
    for (const id of ['light', 'dark', 'empty']) await loadedOf(p.page, id);
    await poll(async () => (await recorded(p.page)).events.some((e) => e.target === 'broken')).toBe(true);
    expect((await snapshot(p.page, 'lazy')).busy).toBe('true');
    await p.page.addScriptTag({ content: axeSource });
    const violations = await p.page.evaluate(async () => {
      const axe = (
        window as unknown as {
          axe: {
            run: (ctx: Document) => Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }>;
          };
        }
      ).axe;
      const result = await axe.run(document);
      return result.violations.map((v) => ({ id: v.id, targets: v.nodes.map((n) => n.target) }));
    });
    expect(violations).toEqual([]);
    await p.page.close();
  });

  it('the demo page preselects ?paper=, shows both themes and copies a snippet with the SRI hash', async () => {
    const p = await context.newPage();
    await p.setViewportSize({ width: 1100, height: 760 });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.url });
    await p.goto(`${app.url}/widget/?paper=${encodeURIComponent(paperId)}`);
    await poll(() => p.locator('#paper').inputValue()).toBe(paperId);
    for (const id of ['light', 'dark']) {
      const shot = await loadedOf(p, id);
      expect(shot.items.map((i) => i.id)).toEqual(related.map((r) => r.paper.id));
    }
    expect((await snapshot(p, 'dark')).background).toBe('rgb(13, 17, 23)');
    const sri = integrityOf(await readFile(WIDGET_PATH));
    await poll(() => p.locator('#snippet').textContent()).toContain(`integrity="${sri}"`);
    const snippet = (await p.locator('#snippet').textContent()) ?? '';
    expect(snippet).toContain(`<papergraph-related paper-id="${paperId}"></papergraph-related>`);
    expect(snippet).toContain(`src="${app.url}/widget.js"`);
    await p.getByRole('button', { name: 'Copy snippet' }).click();
    await p.locator('#copied', { hasText: 'Copied.' }).waitFor();
    expect(await p.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    // Picking another paper changes the widgets and the address.
    const other = related[0]?.paper.id ?? '';
    await p.locator('#paper').selectOption(other);
    await poll(() => p.url()).toContain(`paper=${encodeURIComponent(other)}`);
    await poll(async () =>
      (await recorded(p)).events.some((e) => e.target === 'dark' && e.detail.paperId === other),
    ).toBe(true);
    await p.locator('#paper').selectOption(paperId);
    await poll(async () => (await snapshot(p, 'dark')).items.map((i) => i.id)).toEqual(
      related.map((r) => r.paper.id),
    );
    await mkdir(SCREENSHOT_DIR, { recursive: true });
    await p.locator('.panes').screenshot({ path: path.join(SCREENSHOT_DIR, 'widget-themes.png') });
    await p.close();
  });
});
