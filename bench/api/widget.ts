/**
 * The widget's read (`GET /widget/related?paper=<id>&count=5`) under load, as pages embedding
 * `<papergraph-related>` send it: `fresh`, each request without a validator (a first visit;
 * the server runs the fixed query), and `revalidate`, each with the ETag it got before
 * (a browser revalidating after max-age: 304, no body). Same server, same rotation of papers.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
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

export async function benchWidget(o: WidgetBenchOptions): Promise<void> {
  const machine = machineInfo();
  const paths = o.paperIds.map((id) => `/widget/related?paper=${encodeURIComponent(id)}&count=5`);
  const tagged: { path: string; etag: string }[] = [];
  for (const p of paths) {
    const res = await fetch(o.url + p);
    const body = (await res.json()) as { items?: unknown[] };
    const etag = res.headers.get('etag');
    if (res.status !== 200 || !etag || !body.items?.length)
      throw new Error(`widget read ${p}: HTTP ${res.status}, etag ${etag}, ${body.items?.length ?? 0} items`);
    tagged.push({ path: p, etag });
  }
  const fresh = paths.map((p) => ({ path: p }));
  console.log(`Widget read: warming up (${o.warmup} s per variant)...`);
  await httpGetLoad(o.url, fresh, o.warmup, o.connections);
  await httpGetLoad(o.url, tagged, o.warmup, o.connections);
  const runs: Record<'fresh' | 'revalidate', GetMeasure[]> = { fresh: [], revalidate: [] };
  for (let r = 0; r < o.repeats; r++) {
    for (const [name, list] of [
      ['fresh', fresh],
      ['revalidate', tagged],
    ] as const) {
      const m = await httpGetLoad(o.url, list, o.seconds, o.connections);
      runs[name].push(m);
      console.log(
        `run ${r + 1}/${o.repeats} widget ${name.padEnd(10)} ${String(m.rps).padStart(8)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  304 ${(m.notModifiedRate * 100).toFixed(1)}%  errors ${m.errors}`,
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
  const fr = summary(runs.fresh);
  const rv = summary(runs.revalidate);
  const out = {
    command: o.command,
    date: new Date().toISOString(),
    machine: { ...machine, loadAverageAtEnd: machineInfo().loadAverageAtStart },
    request: 'GET /widget/related?paper=<id>&count=5, rotating through the papers below',
    papers: o.paperIds.length,
    settings: {
      connections: o.connections,
      secondsPerRun: o.seconds,
      repeats: o.repeats,
      medians: 'over the repeats',
    },
    results: {
      fresh: fr,
      revalidate: rv,
      revalidateSpeedup: Math.round((rv.rps / fr.rps) * 100) / 100,
    },
  };
  console.log(
    `\nwidget read: fresh ${fr.rps} req/s p99 ${fr.p99} ms | revalidate ${rv.rps} req/s p99 ${rv.p99} ms, ${(rv.notModifiedRate * 100).toFixed(1)}% 304`,
  );
  await mkdir(o.resultsDir, { recursive: true });
  await writeFile(path.join(o.resultsDir, 'api-widget.json'), JSON.stringify(out, null, 2) + '\n');
  console.log('Wrote bench/results/api-widget.json');
}
