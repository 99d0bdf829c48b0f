/**
 * The topic map page (`/map`): the current model's topics as bubbles placed by their stored
 * positions, the RELATED_TOPIC edges between them, and one section per topic with its
 * representative papers, terms and papers per month. Pure: data in, HTML out.
 *
 * Everything is in the HTML the server sends: without JavaScript the map is an SVG whose
 * bubbles are links to the topic sections listed under it. `/map/map.js` turns the sections
 * into a side panel that a click (or Enter) on a bubble opens. Every piece of data is escaped;
 * no inline script or style attribute, so the page runs under `default-src 'self'`.
 */
import type { TopicPosition } from '../domain/views.js';
import { escapeHtml } from './html.js';

export interface MapPaper {
  readonly id: string;
  readonly title: string;
  /** `YYYY-MM-DD` or null. */
  readonly publishedAt: string | null;
}

export interface MapTopic {
  readonly id: string;
  readonly label: string;
  readonly terms: readonly string[];
  readonly size: number;
  readonly position: TopicPosition;
  /** Closest to the centre first. */
  readonly papers: readonly MapPaper[];
  /** Papers per month, oldest first, every month from the first to the last. */
  readonly timeline: readonly { readonly period: string; readonly count: number }[];
  readonly related: readonly { readonly id: string; readonly label: string; readonly score: number }[];
}

export interface TopicMapData {
  readonly modelVersion: string | null;
  readonly topics: readonly MapTopic[];
  /** RELATED_TOPIC pairs, each once. */
  readonly edges: readonly { readonly from: string; readonly to: string; readonly score: number }[];
  /**
   * False when the model was built before positions were stored: the page then places the
   * topics from their related-topic scores and says so.
   */
  readonly positionsStored: boolean;
}

/** SVG units per map unit: the map's square [-1, 1]² is 1000 units wide. */
const SCALE = 500;
/** Room around the bubbles for strokes and labels that overhang small bubbles. */
const MARGIN = 32;
/** Fill colours by rank (largest topic first); light enough for dark text. */
const PALETTE = [
  '#8ecae6',
  '#ffb703',
  '#90be6d',
  '#f4a3a8',
  '#b8a1e3',
  '#f9c74f',
  '#76c8b4',
  '#fcbf8b',
  '#a3b8d8',
  '#d4e09b',
];

const fmt = (v: number): string => String(Math.round(v * 10) / 10);

/** The fragment that names a topic's section (`#topic-<id>`). */
export const topicAnchor = (id: string): string => `topic-${id}`;

/** Where a paper links: the related-papers widget demo for that paper. */
export const paperHref = (id: string): string => `/widget/?paper=${encodeURIComponent(id)}`;

/** The query editor with a query of the paper already filled in. */
export function editorHref(id: string): string {
  const query = `query Paper($id: ID!) {
  paper(id: $id) {
    title
    publishedAt
    authors { name }
    topic { label }
    related(first: 5) { score sharedTerms paper { id title } }
  }
}`;
  return `/#${new URLSearchParams({ query, variables: JSON.stringify({ id }) }).toString()}`;
}

/** Up to `lines` lines of a label "a, b, c" for inside a bubble (its terms, one per line). */
function labelLines(label: string, lines: number): string[] {
  const parts = label
    .split(/,\s*/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const out = parts.slice(0, lines).map((p) => (p.length > 18 ? `${p.slice(0, 17)}…` : p));
  return out.length > 0 ? out : [label.slice(0, 18)];
}

const papersText = (n: number): string => `${n} ${n === 1 ? 'paper' : 'papers'}`;

/** Bubbles smaller than this (SVG units) are labelled under the bubble, not inside. */
const LABEL_INSIDE_FROM = 30;

function bubbleText(t: MapTopic, cx: number, cy: number, r: number): string {
  if (r < LABEL_INSIDE_FROM) {
    const [line = ''] = labelLines(t.label, 1);
    return `<text class="outside" text-anchor="middle" x="${fmt(cx)}" y="${fmt(cy + r + 14)}" font-size="13">${escapeHtml(line)}</text>`;
  }
  const font = Math.max(12, Math.min(22, r * 0.3));
  const lines = labelLines(t.label, r >= 40 ? 2 : 1);
  const rows = [
    ...lines.map((l) => ({ text: escapeHtml(l), attrs: '' })),
    { text: papersText(t.size), attrs: ` class="count" font-size="${fmt(font * 0.8)}"` },
  ];
  const first = cy - ((rows.length - 1) * font * 1.15) / 2;
  const spans = rows
    .map(
      (row, i) => `<tspan${row.attrs} x="${fmt(cx)}" y="${fmt(first + i * font * 1.15)}">${row.text}</tspan>`,
    )
    .join('');
  return `<text text-anchor="middle" dominant-baseline="central" font-size="${fmt(font)}">${spans}</text>`;
}

function bubble(t: MapTopic, rank: number): string {
  const cx = t.position.x * SCALE;
  const cy = t.position.y * SCALE;
  const r = t.position.radius * SCALE;
  const name = `${t.label}: ${papersText(t.size)}`;
  return (
    `<a class="topic" href="#${escapeHtml(topicAnchor(t.id))}" data-topic-id="${escapeHtml(t.id)}" aria-label="${escapeHtml(name)}">` +
    `<title>${escapeHtml(name)}</title>` +
    `<circle cx="${fmt(cx)}" cy="${fmt(cy)}" r="${fmt(r)}" fill="${PALETTE[rank % PALETTE.length] ?? '#ccc'}"/>` +
    bubbleText(t, cx, cy, r) +
    `</a>`
  );
}

/** The map itself: edges under bubbles, one `<a data-topic-id>` per topic. */
export function renderMapSvg(data: Pick<TopicMapData, 'topics' | 'edges'>): string {
  const byId = new Map(data.topics.map((t) => [t.id, t]));
  let minX = -SCALE;
  let minY = -SCALE;
  let maxX = SCALE;
  let maxY = SCALE;
  if (data.topics.length > 0) {
    [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const t of data.topics) {
      const { x, y, radius } = t.position;
      minX = Math.min(minX, (x - radius) * SCALE);
      maxX = Math.max(maxX, (x + radius) * SCALE);
      minY = Math.min(minY, (y - radius) * SCALE);
      maxY = Math.max(maxY, (y + radius) * SCALE);
    }
  }
  const view = [minX - MARGIN, minY - MARGIN, maxX - minX + 2 * MARGIN, maxY - minY + 2 * MARGIN].map(fmt);
  const edges = data.edges
    .map((e) => {
      const a = byId.get(e.from);
      const b = byId.get(e.to);
      if (!a || !b) return '';
      return (
        `<line class="edge" data-from="${escapeHtml(e.from)}" data-to="${escapeHtml(e.to)}" ` +
        `x1="${fmt(a.position.x * SCALE)}" y1="${fmt(a.position.y * SCALE)}" x2="${fmt(b.position.x * SCALE)}" y2="${fmt(b.position.y * SCALE)}" ` +
        `stroke-width="${fmt(1 + 5 * Math.max(0, Math.min(1, e.score)))}"><title>${escapeHtml(`${a.label} – ${b.label}: ${e.score.toFixed(2)}`)}</title></line>`
      );
    })
    .join('');
  const bubbles = data.topics.map((t, i) => bubble(t, i)).join('');
  return (
    `<svg id="topic-map" xmlns="http://www.w3.org/2000/svg" viewBox="${view.join(' ')}" role="group" aria-label="Topic map: ${data.topics.length} topics">` +
    `<g class="edges" stroke="#8a8f98" stroke-opacity="0.55">${edges}</g>` +
    `<g class="topics" stroke="#3b3f45" stroke-width="1.5" fill="#1b1d21">${bubbles}</g>` +
    `</svg>`
  );
}

/**
 * Papers per month as a small line chart with a dot per month (one month: one dot). Labelled
 * for screen readers with every month's count.
 */
export function renderSparkline(
  timeline: readonly { readonly period: string; readonly count: number }[],
  size: { width: number; height: number } = { width: 240, height: 48 },
): string {
  if (timeline.length === 0) return '<p class="muted sparkline-none">No dated papers.</p>';
  const { width, height } = size;
  const pad = 4;
  const max = Math.max(1, ...timeline.map((p) => p.count));
  const step = timeline.length === 1 ? 0 : (width - 2 * pad) / (timeline.length - 1);
  const pts = timeline.map((p, i) => ({
    x: timeline.length === 1 ? width / 2 : pad + i * step,
    y: height - pad - ((height - 2 * pad) * p.count) / max,
    p,
  }));
  const line = pts.map((q) => `${fmt(q.x)},${fmt(q.y)}`).join(' ');
  const area =
    pts.length > 1
      ? `<polygon class="area" points="${fmt(pts[0]?.x ?? 0)},${height - pad} ${line} ${fmt(pts.at(-1)?.x ?? 0)},${height - pad}"/>`
      : '';
  const dots =
    pts.length <= 36
      ? pts
          .map(
            (q) =>
              `<circle cx="${fmt(q.x)}" cy="${fmt(q.y)}" r="2.5"><title>${escapeHtml(`${q.p.period}: ${papersText(q.p.count)}`)}</title></circle>`,
          )
          .join('')
      : '';
  const label = `Papers per month: ${timeline.map((p) => `${p.period} ${p.count}`).join(', ')}`;
  const peak = timeline.reduce((a, b) => (b.count > a.count ? b : a));
  const first = timeline[0]?.period ?? '';
  const last = timeline.at(-1)?.period ?? '';
  return (
    `<figure class="sparkline">` +
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="${escapeHtml(label)}">` +
    `<title>${escapeHtml(label)}</title>${area}` +
    (pts.length > 1 ? `<polyline class="line" points="${line}"/>` : '') +
    `<g class="dots">${dots}</g></svg>` +
    `<figcaption>${escapeHtml(first === last ? first : `${first} to ${last}`)}; most in ${escapeHtml(peak.period)} (${peak.count})</figcaption>` +
    `</figure>`
  );
}

function section(t: MapTopic): string {
  const anchor = topicAnchor(t.id);
  const papers = t.papers
    .map(
      (p) =>
        `<li><a class="paper" href="${escapeHtml(paperHref(p.id))}" data-paper-id="${escapeHtml(p.id)}">${escapeHtml(p.title)}</a>` +
        (p.publishedAt ? ` <span class="muted">${escapeHtml(p.publishedAt)}</span>` : '') +
        ` <a class="query muted" href="${escapeHtml(editorHref(p.id))}" aria-label="${escapeHtml(`Query ${p.title} in the editor`)}">query</a></li>`,
    )
    .join('');
  const related = t.related
    .map(
      (r) =>
        `<li><a href="#${escapeHtml(topicAnchor(r.id))}">${escapeHtml(r.label)}</a> <span class="muted">${r.score.toFixed(2)}</span></li>`,
    )
    .join('');
  return (
    `<section class="topic-panel" id="${escapeHtml(anchor)}" data-panel-for="${escapeHtml(t.id)}" aria-labelledby="${escapeHtml(anchor)}-h">` +
    `<a class="close" href="#topic-map" aria-label="Close ${escapeHtml(t.label)}">×</a>` +
    `<h2 id="${escapeHtml(anchor)}-h" tabindex="-1">${escapeHtml(t.label)}</h2>` +
    `<p class="muted">${papersText(t.size)} · <code>${escapeHtml(t.id)}</code></p>` +
    `<h3>Terms</h3><ul class="terms">${t.terms.map((x) => `<li>${escapeHtml(x)}</li>`).join('')}</ul>` +
    `<h3>Papers per month</h3>${renderSparkline(t.timeline)}` +
    `<h3>Representative papers</h3>` +
    (papers ? `<ol class="papers">${papers}</ol>` : '<p class="muted">No papers.</p>') +
    (related ? `<h3>Related topics</h3><ul class="related">${related}</ul>` : '') +
    `</section>`
  );
}

/** The whole page. */
export function renderTopicMapPage(data: TopicMapData): string {
  const intro =
    data.topics.length === 0
      ? '<p>No topic model yet: ingest papers (<code>npm run ingest -- papers.jsonl</code>) and reload.</p>'
      : `<p>${data.topics.length} topics of model <code>${escapeHtml(data.modelVersion ?? '')}</code>, sized by papers, ` +
        `near each other when their centres are similar; lines join related topics. Select a topic for its papers.</p>` +
        (data.positionsStored
          ? ''
          : '<p class="note">This model was built before topic positions were stored: placed here from related-topic scores. Rebuild it (<code>npm run recluster</code>) for positions served by the API.</p>');
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>PaperGraph topic map</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/editor/base.css" />
    <link rel="stylesheet" href="/map/map.css" />
    <script src="/map/map.js"></script>
  </head>
  <body>
    <header>
      <h1>PaperGraph <span>topic map</span></h1>
      <nav><a href="/">query editor</a> <a href="/widget/">widget</a></nav>
    </header>
    <main>
      <div id="map-pane">
        ${intro}
        ${data.topics.length === 0 ? '' : renderMapSvg(data)}
      </div>
      <div id="topics">
        ${data.topics.map(section).join('\n        ')}
      </div>
    </main>
  </body>
</html>
`;
}
