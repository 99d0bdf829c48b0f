import { writeFileSync } from 'node:fs';
import { readCsv } from './src/ingest/csv.js';
const f = '/tmp/bomb.csv';
const rows = ['title,abstract', '"Unclosed title,some abstract'];
for (let i = 0; i < 1_000_000; i++) rows.push(`Paper ${i},Abstract number ${i} about models`);
writeFileSync(f, rows.join('\n'));
const t = Date.now();
let n = 0, skipped = 0; const msgs: string[] = [];
try {
  for await (const e of readCsv(f, { map: { title: ['title'], abstract: ['abstract'], authors: [], date: [], id: [], labels: [], arxivId: [], url: [], doi: [], categories: [], organizations: [], upvotes: [] } as never })) {
    if (e.kind === 'paper') n++; else { skipped++; if (msgs.length < 3) msgs.push(JSON.stringify(e).slice(0, 300)); }
  }
} catch (e) { console.log('threw', (e as Error).message.slice(0, 300)); }
console.log({ n, skipped, ms: Date.now() - t, rss: process.memoryUsage().rss / 1e6 }, msgs);
