/**
 * One run of PaperGraph's analysis on a prepared corpus (JSON lines: id, title, abstract,
 * label), JSON on stdout. Run as its own process by run.ts so memory is measured per run.
 * usage: tsx bench/text/ours.ts <file> <k|auto> <seed> [topics.json]
 * With topics.json: also writes each topic's terms and each paper's topic there (for
 * topic-quality.ts, run by the caller so its memory is not this run's).
 */
import { createReadStream, writeFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { ari, neighbourAgreement, nmi } from './metrics.js';

process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { analyze } = await import('../../src/analysis/index.js');

const [file = '', kArg = 'auto', seedArg = '42', topicsOut] = process.argv.slice(2);
const docs: { id: string; title: string; abstract: string }[] = [];
const labelNames: string[] = [];
for await (const line of createInterface({ input: createReadStream(file, 'utf8'), crlfDelay: Infinity })) {
  if (line === '') continue;
  const r = JSON.parse(line) as { id: string; title: string; abstract: string; label: string };
  docs.push({ id: r.id, title: r.title, abstract: r.abstract });
  labelNames.push(r.label);
}
const ids = new Map<string, number>();
const labels = Int32Array.from(labelNames, (l) => {
  if (!ids.has(l)) ids.set(l, ids.size);
  return ids.get(l) ?? 0;
});

const t0 = performance.now();
const r = await analyze(docs, { k: kArg === 'auto' ? 'auto' : Number(kArg), seed: Number(seedArg) });
const wall = (performance.now() - t0) / 1000;
if (topicsOut !== undefined)
  writeFileSync(
    topicsOut,
    JSON.stringify({ terms: r.topics.map((t) => t.terms), assignments: Array.from(r.assignments) }),
  );
const s = Object.fromEntries(Object.entries(r.timings).map(([k, v]) => [k, v / 1000])) as Record<
  keyof typeof r.timings,
  number
>;
// The stages scikit-learn's pipeline also has (tokenizing is inside its TfidfVectorizer).
const endToEnd = s.tokenize + s.tfidf + s.reduce + s.chooseK + s.cluster + s.neighbors;
console.log(
  JSON.stringify({
    n: docs.length,
    vocabulary: r.model.terms.length,
    dims: r.model.lsa.dims,
    seconds: s,
    endToEnd,
    wall,
    k: r.kChoice.k,
    kReason: r.kChoice.reason,
    nmi: nmi(labels, r.assignments),
    ari: ari(labels, r.assignments),
    agreement: neighbourAgreement(
      labels,
      r.neighbors.map((l) => l.map((n) => n.index)),
    ),
    topics: r.topics.map((t) => ({ label: t.label, size: t.size })),
  }),
);
