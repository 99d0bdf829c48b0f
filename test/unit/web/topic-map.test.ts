import { describe, expect, it } from 'vitest';
import { centreSimilarities, layoutTopics } from '../../../src/analysis/layout.js';
import { createRng, gaussian } from '../../../src/analysis/random.js';
import {
  editorHref,
  paperHref,
  renderMapSvg,
  renderSparkline,
  renderTopicMapPage,
  type MapTopic,
  type TopicMapData,
} from '../../../src/web/topic-map.js';

/** `k` topics placed by the real layout over seeded random centres, with papers and months. */
function mapData(k: number, over: Partial<MapTopic> = {}): TopicMapData {
  const rng = createRng(k);
  const dims = 12;
  const centres = Float32Array.from({ length: k * dims }, () => gaussian(rng));
  for (let t = 0; t < k; t++) {
    const row = centres.subarray(t * dims, (t + 1) * dims);
    const n = Math.hypot(...row);
    for (let i = 0; i < dims; i++) row[i] = (row[i] ?? 0) / n;
  }
  const sizes = Array.from({ length: k }, (_, i) => 200 - 3 * i);
  const placed = layoutTopics(centreSimilarities(centres, k, dims), sizes);
  const topics: MapTopic[] = placed.map((position, i) => ({
    id: `tm-x-${i}`,
    label: `term${i}, other${i}, third${i}`,
    terms: [`term${i}`, `other${i}`, `third${i}`],
    size: sizes[i] ?? 0,
    position,
    papers: [{ id: `2601.0000${i}`, title: `Paper ${i}`, publishedAt: '2026-01-05' }],
    timeline: [
      { period: '2026-01', count: 3 },
      { period: '2026-02', count: 1 },
    ],
    related: i > 0 ? [{ id: 'tm-x-0', label: 'term0, other0, third0', score: 0.5 }] : [],
    ...over,
  }));
  const edges = topics.slice(1).map((t) => ({ from: 'tm-x-0', to: t.id, score: 0.5 }));
  return { modelVersion: 'tm-x', topics, edges, positionsStored: true };
}

const topicIdsOf = (html: string): string[] =>
  [...html.matchAll(/<a class="topic"[^>]* data-topic-id="([^"]*)"/g)].map((m) => m[1] ?? '');

const circlesOf = (svg: string) =>
  [...svg.matchAll(/<circle cx="([-\d.]+)" cy="([-\d.]+)" r="([\d.]+)"/g)].map((m) => ({
    x: Number(m[1]),
    y: Number(m[2]),
    r: Number(m[3]),
  }));

describe('the topic map page', () => {
  it.each([1, 2, 5, 50])(
    'draws %i topics as linked bubbles, one data-topic-id each, none overlapping',
    (k) => {
      const data = mapData(k);
      const html = renderTopicMapPage(data);
      expect(topicIdsOf(html)).toEqual(data.topics.map((t) => t.id));
      // Each bubble links to its topic's section, which the page holds.
      for (const t of data.topics) {
        expect(html).toContain(`href="#topic-${t.id}" data-topic-id="${t.id}"`);
        expect(html).toContain(`<section class="topic-panel" id="topic-${t.id}"`);
      }
      const svg = renderMapSvg(data);
      const circles = circlesOf(svg);
      expect(circles).toHaveLength(k);
      for (let i = 0; i < k; i++) {
        for (let j = i + 1; j < k; j++) {
          const a = circles[i] ?? { x: 0, y: 0, r: 0 };
          const b = circles[j] ?? { x: 0, y: 0, r: 0 };
          expect(Math.hypot(a.x - b.x, a.y - b.y)).toBeGreaterThan(a.r + b.r);
        }
      }
      // The view box holds every bubble.
      const [vx, vy, vw, vh] = (/viewBox="([^"]+)"/.exec(svg)?.[1] ?? '').split(' ').map(Number) as number[];
      for (const c of circles) {
        expect(c.x - c.r).toBeGreaterThanOrEqual(vx ?? 0);
        expect(c.y - c.r).toBeGreaterThanOrEqual(vy ?? 0);
        expect(c.x + c.r).toBeLessThanOrEqual((vx ?? 0) + (vw ?? 0));
        expect(c.y + c.r).toBeLessThanOrEqual((vy ?? 0) + (vh ?? 0));
      }
      expect(svg.match(/<line class="edge"/g) ?? []).toHaveLength(k - 1);
    },
  );

  it('bubbles grow with paper count', () => {
    const data = mapData(5);
    const radii = circlesOf(renderMapSvg(data)).map((c) => c.r);
    expect(radii[0]).toBeGreaterThan(radii[4] ?? Infinity);
  });

  it('escapes labels, terms, titles and ids: no markup from the data gets through', () => {
    const evil = '<script>alert(1)</script>"><img src=x onerror=alert(2)>\'';
    const data = mapData(3, {
      label: evil,
      terms: [evil],
      papers: [{ id: `x"><b>`, title: evil, publishedAt: null }],
      related: [{ id: 'y"<', label: evil, score: 0.3 }],
    });
    const html = renderTopicMapPage(data);
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).not.toMatch(/<script>alert/);
    expect(html).toContain(
      "&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(2)&gt;'",
    );
    // The page's own script is the only one; no inline handlers or style attributes (strict CSP).
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script src="/map/map.js"></script>');
    expect(html).not.toMatch(/\son[a-z]+="/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).toContain(`href="/widget/?paper=x%22%3E%3Cb%3E"`);
  });

  it('links papers to the widget demo and the editor with the paper query filled in', () => {
    expect(paperHref('2601.00001')).toBe('/widget/?paper=2601.00001');
    const hash = new URLSearchParams(editorHref('t-ab"c').slice(2));
    expect(hash.get('query')).toMatch(/paper\(id: \$id\)/);
    expect(JSON.parse(hash.get('variables') ?? '{}')).toEqual({ id: 't-ab"c' });
    const html = renderTopicMapPage(mapData(2));
    expect(html).toContain('href="/widget/?paper=2601.00000"');
  });

  it('says what to do when there is no model, and when positions were not stored', () => {
    const empty = renderTopicMapPage({ modelVersion: null, topics: [], edges: [], positionsStored: true });
    expect(empty).toMatch(/No topic model yet/);
    expect(empty).not.toContain('<svg');
    const old = renderTopicMapPage({ ...mapData(3), positionsStored: false });
    expect(old).toMatch(/npm run recluster/);
  });
});

describe('renderSparkline', () => {
  it('draws one dot for one month, a line for several, scaled to the busiest month', () => {
    expect(renderSparkline([])).toMatch(/No dated papers/);
    const one = renderSparkline([{ period: '2026-02', count: 4 }]);
    expect(one.match(/<circle/g)).toHaveLength(1);
    expect(one).not.toContain('<polyline');
    const three = renderSparkline(
      [
        { period: '2026-01', count: 2 },
        { period: '2026-02', count: 0 },
        { period: '2026-03', count: 4 },
      ],
      { width: 100, height: 40 },
    );
    const points = (/<polyline class="line" points="([^"]+)"/.exec(three)?.[1] ?? '')
      .split(' ')
      .map((p) => p.split(',').map(Number));
    expect(points).toEqual([
      [4, 20],
      [50, 36],
      [96, 4],
    ]);
    expect(three).toContain('aria-label="Papers per month: 2026-01 2, 2026-02 0, 2026-03 4"');
    expect(three).toContain('2026-01 to 2026-03; most in 2026-03 (4)');
  });
});
