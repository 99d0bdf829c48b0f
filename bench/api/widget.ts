/**
 * The widget's read (`GET /widget/related?paper=<id>&count=<n>`) under load, as pages
 * embedding `<papergraph-related>` send it, in three variants on the same server:
 * - `miss`: every request a question not asked within the answer cache's reach (each paper
 *   with each count from 1 to 20, more questions than the cache holds): the fixed query runs;
 * - `hit`: the same 300 questions again and again without a validator (many first visits to
 *   the same pages): answered from the kept answers;
 * - `revalidate`: the same, each with the ETag it got before (browsers after max-age): 304.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { DEFAULT_WIDGET_CACHE } from '../../src/api/widget-cache.js';
import { WIDGET_MAX_COUNT } from '../../src/api/widget-read.js';
import { machineInfo, median } from '../lib/machine.js';
import { httpGetLoad, type GetMeasure } from './measure.js';

export interface WidgetBenchOptions {
  readonly url: string;
  readonly paperIds: readonly string[];
  readonly seconds: number;
  readonly warmup: number;
  readonly repeats: number;
  readonly connections: number;
  readonly resultsDir: string;
  /** The command line, for the record. */
  readonly command: string;
}

type Variant = 'miss' | 'hit' | 'revalidate';

const pathOf = (id: string, count: number) =>
  `/widget/related?paper=${encodeURIComponent(id)}&count=${count}`;

export async function benchWidget(o: WidgetBenchOptions): Promise<void> {
  const machine = machineInfo();
  const tagged: { path: string; etag: string }[] = [];
  for (const id of o.paperIds) {
    const p = pathOf(id, 5);
    const res = await fetch(o.url + p);
    const body = (await res.json()) as { items?: unknown[] };
    const etag = res.headers.get('etag');
    if (res.status !== 200 || !etag || !body.items?.length)
      throw new Error(`widget read ${p}: HTTP ${res.status}, etag ${etag}, ${body.items?.length ?? 0} items`);
    tagged.push({ path: p, etag });
  }
  // Counts other than 5 first: the questions `hit` and `revalidate` ask are not among them.
  const misses = Array.from({ length: WIDGET_MAX_COUNT - 1 }, (_, c) =>
    c + 6 > WIDGET_MAX_COUNT ? c - 14 : c + 6,
  ).flatMap((count) => o.paperIds.map((id) => ({ path: pathOf(id, count) })));
  if (misses.length <= DEFAULT_WIDGET_CACHE.maxEntries)
    throw new Error(`${misses.length} questions would fit the answer cache: use more papers`);
  const lists: Record<Variant, readonly { path: string; etag?: string }[]> = {
    miss: misses,
    hit: tagged.map((t) => ({ path: t.path })),
    revalidate: tagged,
  };
  const variants: Variant[] = ['miss', 'hit', 'revalidate'];
  console.log(`Widget read: warming up (${o.warmup} s per variant)...`);
  for (const v of variants) await httpGetLoad(o.url, lists[v], o.warmup, o.connections);
  const runs: Record<Variant, GetMeasure[]> = { miss: [], hit: [], revalidate: [] };
  for (let r = 0; r < o.repeats; r++) {
    for (const v of variants) {
      const m = await httpGetLoad(o.url, lists[v], o.seconds, o.connections);
      runs[v].push(m);
      console.log(
        `run ${r + 1}/${o.repeats} widget ${v.padEnd(10)} ${String(m.rps).padStart(8)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  304 ${(m.notModifiedRate * 100).toFixed(1)}%  errors ${m.errors}`,
      );
    }
  }
  const summary = (ms: GetMeasure[]) => ({
    rps: median(ms.map((m) => m.rps)),
    p50: median(ms.map((m) => m.p50)),
    p99: median(ms.map((m) => m.p99)),
    notModifiedRate: median(ms.map((m) => m.notModifiedRate)),
    errors: ms.reduce((s, m) => s + m.errors, 0),
    requests: ms.reduce((s, m) => s + m.requests, 0),
    runs: ms,
  });
  const results = Object.fromEntries(variants.map((v) => [v, summary(runs[v])])) as Record<
    Variant,
    ReturnType<typeof summary>
  >;
  const out = {
    command: o.command,
    date: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: machineInfo().loadAverageAtStart },
    request: 'GET /widget/related?paper=<id>&count=<n> (see bench/api/widget.ts for the variants)',
    papers: o.paperIds.length,
    answerCache: DEFAULT_WIDGET_CACHE,
    settings: {
      connections: o.connections,
      secondsPerRun: o.seconds,
      repeats: o.repeats,
      medians: 'over the repeats; runs interleave miss, hit, revalidate',
    },
    results,
  };
  console.log(
    `\nwidget read: ${variants.map((v) => `${v} ${results[v].rps} req/s p99 ${results[v].p99} ms, ${(results[v].notModifiedRate * 100).toFixed(1)}% 304`).join(' | ')}`,
  );
  await mkdir(o.resultsDir, { recursive: true });
  await writeFile(path.join(o.resultsDir, 'api-widget.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('Wrote bench/results/api-widget.json');
}
