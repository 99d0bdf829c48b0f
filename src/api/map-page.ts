/**
 * The topic map at `/map` (the page, written from the current model on each request) and its
 * two files at `/map/map.css` and `/map/map.js`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { layoutTopics } from '../analysis/layout.js';
import type { TopicView } from '../domain/views.js';
import type { GraphDb } from '../graph/db.js';
import { createTopicStore, type RelatedTopicView } from '../graph/stores/topic.store.js';
import { loadWebAssets, type StaticAsset } from '../web/assets.js';
import { renderTopicMapPage, type MapTopic, type TopicMapData } from '../web/topic-map.js';
import { fillMonths } from './topic/timeline.js';

/** Topics drawn: the largest 100 (the API's page limit); models have far fewer. */
const MAX_TOPICS = 100;
const PAPERS_PER_TOPIC = 5;
const RELATED_PER_TOPIC = 3;

/** RELATED_TOPIC edges among `topics`, each pair once with the higher of its two scores. */
export function topicEdges(
  topics: readonly TopicView[],
  related: ReadonlyMap<string, readonly RelatedTopicView[]>,
): TopicMapData['edges'] {
  const shown = new Set(topics.map((t) => t.id));
  const pairs = new Map<string, { from: string; to: string; score: number }>();
  for (const t of topics) {
    for (const r of related.get(t.id) ?? []) {
      if (!shown.has(r.topic.id) || r.topic.id === t.id) continue;
      const [from, to] = t.id < r.topic.id ? [t.id, r.topic.id] : [r.topic.id, t.id];
      const key = `${from}\u0000${to}`;
      const known = pairs.get(key);
      if (!known || known.score < r.score) pairs.set(key, { from, to, score: r.score });
    }
  }
  return [...pairs.values()].sort((a, b) => b.score - a.score || (a.from < b.from ? -1 : 1));
}

/**
 * Positions for topics of a model built before positions were stored: laid out from the
 * related-topic scores (pairs without an edge count as unrelated).
 */
function fallbackPositions(topics: readonly TopicView[], edges: TopicMapData['edges']) {
  const k = topics.length;
  const index = new Map(topics.map((t, i) => [t.id, i]));
  const sim = new Float64Array(k * k);
  for (let i = 0; i < k; i++) sim[i * k + i] = 1;
  for (const e of edges) {
    const a = index.get(e.from) ?? 0;
    const b = index.get(e.to) ?? 0;
    sim[a * k + b] = e.score;
    sim[b * k + a] = e.score;
  }
  return layoutTopics(
    sim,
    topics.map((t) => t.size),
  );
}

/** What the page shows, read with four queries whatever the number of topics. */
export async function readTopicMap(db: Pick<GraphDb, 'read'>): Promise<TopicMapData> {
  const store = createTopicStore({ db });
  const topics = await store.current(MAX_TOPICS);
  const ids = topics.map((t) => t.id);
  const [papers, related, timelines] = await Promise.all([
    store.representativePapers(ids, PAPERS_PER_TOPIC),
    store.relatedTopics(ids, RELATED_PER_TOPIC),
    store.timelines(ids),
  ]);
  const edges = topicEdges(topics, related);
  const positionsStored = topics.every((t) => t.position !== null);
  const fallback = positionsStored ? [] : fallbackPositions(topics, edges);
  const mapTopics: MapTopic[] = topics.map((t, i) => ({
    id: t.id,
    label: t.label,
    terms: t.terms,
    size: t.size,
    position: (positionsStored ? t.position : fallback[i]) ?? { x: 0, y: 0, radius: 1 },
    papers: (papers.get(t.id) ?? []).map((p) => ({ id: p.id, title: p.title, publishedAt: p.publishedAt })),
    timeline: fillMonths(timelines.get(t.id) ?? []),
    related: (related.get(t.id) ?? []).map((r) => ({ id: r.topic.id, label: r.topic.label, score: r.score })),
  }));
  return { modelVersion: topics[0]?.modelVersion ?? null, topics: mapTopics, edges, positionsStored };
}

/** Pages and files the server writes itself: nothing comes from elsewhere (works offline). */
const PAGE_HEADERS = {
  'cache-control': 'no-cache',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'",
} as const;

function send(res: ServerResponse, status: number, asset: StaticAsset, head: boolean): void {
  res.writeHead(status, { 'content-type': asset.type, 'content-length': asset.body.length, ...PAGE_HEADERS });
  res.end(head ? undefined : asset.body);
}

export async function createMapPage(db: Pick<GraphDb, 'read'>) {
  const assets = await loadWebAssets('map');
  return {
    /** `file`: '' for the page, else the name of one of its files. */
    async handle(req: IncomingMessage, res: ServerResponse, file: string): Promise<void> {
      const head = req.method === 'HEAD';
      if (file === '') {
        const html = renderTopicMapPage(await readTopicMap(db));
        return send(res, 200, { type: 'text/html; charset=utf-8', body: Buffer.from(html) }, head);
      }
      const asset = assets.get(file);
      if (!asset) {
        const body = Buffer.from(JSON.stringify({ error: `The topic map has no file ${file}.` }));
        return send(res, 404, { type: 'application/json; charset=utf-8', body }, head);
      }
      send(res, 200, asset, head);
    },
  };
}
