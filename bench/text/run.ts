/**
 * Text-analysis benchmark: PaperGraph's pipeline vs scikit-learn 1.2 on the same corpora in
 * the same run, each run in its own process (peak RSS from /usr/bin/time -v), runs
 * interleaved so both see the same machine load; medians reported.
 * Then the commands as users run them, whole processes timed on the wall clock:
 * `npm run analyze -- <file> --k K --out ...` against `python sklearn_pipeline.py <file> K`.
 * usage: npm run bench:text [-- --repeats 3] [--skip-scale] [--commands-only]
 * Writes bench/results/text.json (with --commands-only: bench/results/text-commands.json).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { labelIds, readLabelled, withFrequentLabels, type LabelledDoc } from './data.js';
import { nmi } from './metrics.js';
import { Occurrence, topicQuality, type TopicQuality } from './topic-quality.js';

const ROOT = new URL('../..', import.meta.url).pathname;
const VENV = join(ROOT, 'bench/.venv');
const PY = join(VENV, 'bin/python');
const RESULTS = join(ROOT, 'bench/results');
const DATA = process.env.PAPERGRAPH_SHARED_DATA ?? join(ROOT, '../shared/data');
const ARXIV = join(DATA, 'arxiv_labelled/arxiv_daily_labelled.jsonl');
const VENUE = join(DATA, 'venue_labelled/papercopilot_venues.jsonl');
const SEED = 42;

const { values } = parseArgs({
  options: {
    repeats: { type: 'string', default: '3' },
    'skip-scale': { type: 'boolean', default: false },
    'commands-only': { type: 'boolean', default: false },
  },
});
const repeats = Math.max(1, Number(values.repeats));

function ensureVenv(): string {
  const ok = (): boolean => {
    try {
      execFileSync(PY, ['-c', 'import sklearn, scipy, numpy; assert sklearn.__version__.startswith("1.2")'], {
        stdio: 'ignore',
      });
      return true;
    } catch {
      return false;
    }
  };
  if (!existsSync(PY)) {
    console.log('creating bench/.venv (python3.11)');
    execFileSync('python3.11', ['-m', 'venv', VENV], { stdio: 'inherit' });
  }
  if (!ok()) {
    console.log('installing scikit-learn 1.2 into bench/.venv');
    execFileSync(
      PY,
      ['-m', 'pip', 'install', '-q', 'scikit-learn==1.2.2', 'numpy<2', 'scipy<1.14', 'threadpoolctl'],
      {
        stdio: 'inherit',
      },
    );
  }
  return execFileSync(PY, ['-c', 'import sklearn, numpy; print(sklearn.__version__, numpy.__version__)'])
    .toString()
    .trim();
}

interface Measured {
  json: Record<string, unknown>;
  rssMB: number;
  wallSeconds: number;
}

/** Runs a command under /usr/bin/time -v; returns its JSON stdout and peak RSS. */
function measure(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn('/usr/bin/time', ['-v', cmd, ...args], { env, cwd: ROOT });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      if (code !== 0 || rss === null) {
        reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${err.slice(-3000)}`));
        return;
      }
      const line = out.trim().split('\n').pop() ?? '{}';
      resolve({
        json: JSON.parse(line) as Record<string, unknown>,
        rssMB: Number(rss[1]) / 1024,
        wallSeconds: (performance.now() - t0) / 1000,
      });
    });
  });
}

function pythonEnv(): NodeJS.ProcessEnv {
  // These are set on some processors for old OpenBLAS builds and slow a current numpy down;
  // unset both (together) for the reference run only, so scikit-learn gets its best kernel.
  const env = { ...process.env };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

const runOurs = (file: string, k: string, topicsOut?: string): Promise<Measured> =>
  measure(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/text/ours.ts',
      file,
      k,
      String(SEED),
      ...(topicsOut === undefined ? [] : [topicsOut]),
    ],
    {
      ...process.env,
      DOTENV_CONFIG_QUIET: 'true',
    },
  );
const runSklearn = (file: string, k: number): Promise<Measured> =>
  measure(PY, ['bench/text/sklearn_pipeline.py', file, String(k), String(SEED)], pythonEnv());

/** Wall seconds of one whole command, start to exit (no /usr/bin/time: nothing added). */
function wallOf(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, args, { env, cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => {
      if (code === 0) resolve((performance.now() - t0) / 1000);
      else reject(new Error(`${cmd} ${args.join(' ')} failed (${code}):\n${err.slice(-3000)}`));
    });
  });
}

/**
 * `npm run analyze` as a user runs it (npm, the build check, Node start-up, reading the file,
 * the analysis, writing both output files) against scikit-learn's script run the same way,
 * interleaved, `repeats` times each.
 */
async function compareCommands(
  name: string,
  docs: LabelledDoc[],
  k: number,
): Promise<Record<string, unknown>> {
  const file = write(`cmd-${name}`, docs);
  const out = join(RESULTS, `cmd-${name}.out.jsonl.tmp`);
  const topics = join(RESULTS, `cmd-${name}.topics.jsonl.tmp`);
  const ours: number[] = [];
  const sk: number[] = [];
  // Untimed: makes sure dist/ is current, so no run pays for a compile.
  execFileSync('node', ['scripts/build-if-stale.mjs'], { cwd: ROOT, stdio: 'inherit' });
  for (let i = 0; i < repeats; i++) {
    ours.push(
      await wallOf(
        'npm',
        [
          'run',
          '-s',
          'analyze',
          '--',
          file,
          '--k',
          String(k),
          '--seed',
          String(SEED),
          '--out',
          out,
          '--topics',
          topics,
        ],
        {
          ...process.env,
          DOTENV_CONFIG_QUIET: 'true',
        },
      ),
    );
    sk.push(await wallOf(PY, ['bench/text/sklearn_pipeline.py', file, String(k), String(SEED)], pythonEnv()));
    console.log(
      `  ${name} n=${docs.length}: npm run analyze ${ours[i]?.toFixed(2)} s | sklearn script ${sk[i]?.toFixed(2)} s`,
    );
  }
  rmSync(file);
  rmSync(out, { force: true });
  rmSync(topics, { force: true });
  return {
    n: docs.length,
    k,
    oursCommand: `npm run analyze -- <file> --k ${k} --seed ${SEED} --out <out>`,
    sklearnCommand: `bench/.venv/bin/python bench/text/sklearn_pipeline.py <file> ${k} ${SEED}`,
    oursSeconds: ours,
    sklearnSeconds: sk,
    ratio: median(ours) / median(sk),
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

function num(o: Record<string, unknown>, path: string): number {
  let cur: unknown = o;
  for (const p of path.split('.')) cur = (cur as Record<string, unknown> | undefined)?.[p];
  return typeof cur === 'number' ? cur : NaN;
}

function medians(runs: Measured[], paths: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of paths) out[p] = median(runs.map((r) => num(r.json, p)));
  out.rssMB = median(runs.map((r) => r.rssMB));
  out.processWallSeconds = median(runs.map((r) => r.wallSeconds));
  return out;
}

function write(name: string, docs: LabelledDoc[]): string {
  mkdirSync(RESULTS, { recursive: true });
  const file = join(RESULTS, `${name}.jsonl.tmp`);
  writeFileSync(file, docs.map((d) => JSON.stringify(d)).join('\n') + '\n');
  return file;
}

const OUR_PATHS = [
  'seconds.tokenize',
  'seconds.tfidf',
  'seconds.reduce',
  'seconds.chooseK',
  'seconds.cluster',
  'seconds.neighbors',
  'seconds.label',
  'seconds.keywords',
  'endToEnd',
  'wall',
  'nmi',
  'ari',
  'agreement',
  'vocabulary',
];
const SK_PATHS = [
  'seconds.tfidf',
  'seconds.reduce',
  'seconds.cluster',
  'seconds.neighbors',
  'total',
  'nmi',
  'ari',
  'agreement',
  'vocabulary',
];

interface TopicsFile {
  terms: string[][];
  assignments: number[];
}

/** Topic quality in one record: the measures, NMI of the topics, and each topic's terms. */
function qualityRecord(q: TopicQuality, nmiValue: number, extra: Record<string, unknown> = {}) {
  return {
    npmi: q.npmi,
    td: q.td,
    liftMean: q.liftMean,
    liftMedian: q.liftMedian,
    liftMin: q.liftMin,
    topicsUnderLift3: q.perTopic.filter((t) => t.size > 0 && t.lift < 3).length,
    nmi: nmiValue,
    ...extra,
    topics: q.perTopic.map((t) => ({
      label: t.terms.slice(0, 3).join(', '),
      terms: t.terms,
      size: t.size,
      npmi: t.npmi,
      lift: t.lift,
    })),
  };
}

/**
 * PaperGraph's topic terms (from the first run) and scikit-learn NMF's on the same corpus,
 * measured by the same code (topic-quality.ts): NPMI@10, TD@10, lift of the 3 label terms.
 */
async function topicQualities(
  name: string,
  file: string,
  docs: LabelledDoc[],
  k: number,
  oursFile: string,
): Promise<Record<string, unknown>> {
  console.log(`${name}: scikit-learn NMF (k=${k}) and topic quality`);
  const nmfRun = await measure(PY, ['bench/text/sklearn_nmf.py', file, String(k), String(SEED)], pythonEnv());
  const nmf = nmfRun.json as unknown as TopicsFile & { seconds: number };
  const ours = JSON.parse(readFileSync(oursFile, 'utf8')) as TopicsFile;
  rmSync(oursFile);
  const occ = new Occurrence(docs.map((d) => `${d.title}. ${d.abstract}`));
  const labels = labelIds(docs);
  const q = {
    ours: qualityRecord(topicQuality(occ, ours.terms, ours.assignments), nmi(labels, ours.assignments)),
    nmf: qualityRecord(topicQuality(occ, nmf.terms, nmf.assignments), nmi(labels, nmf.assignments), {
      seconds: nmf.seconds,
      rssMB: nmfRun.rssMB,
    }),
  };
  const line = (r: typeof q.ours): string =>
    `NPMI ${r.npmi.toFixed(3)} TD ${r.td.toFixed(3)} lift ${r.liftMean.toFixed(1)} (min ${r.liftMin.toFixed(1)}) NMI ${r.nmi.toFixed(3)}`;
  console.log(`  ours ${line(q.ours)} | NMF ${line(q.nmf)}`);
  return q;
}

async function compare(name: string, docs: LabelledDoc[], k: number): Promise<Record<string, unknown>> {
  const file = write(name, docs);
  const ours: Measured[] = [];
  const sk: Measured[] = [];
  const topicsFile = join(RESULTS, `${name}.topics.json.tmp`);
  for (let i = 0; i < repeats; i++) {
    console.log(`${name}: run ${i + 1}/${repeats} (n=${docs.length}, k=${k})`);
    ours.push(await runOurs(file, String(k), i === 0 ? topicsFile : undefined));
    sk.push(await runSklearn(file, k));
    const o = ours[ours.length - 1]?.json ?? {};
    const s = sk[sk.length - 1]?.json ?? {};
    console.log(
      `  ours ${num(o, 'endToEnd').toFixed(2)} s NMI ${num(o, 'nmi').toFixed(3)} agree ${num(o, 'agreement').toFixed(3)} | ` +
        `sklearn ${num(s, 'total').toFixed(2)} s NMI ${num(s, 'nmi').toFixed(3)} agree ${num(s, 'agreement').toFixed(3)}`,
    );
  }
  const topicQuality = await topicQualities(name, file, docs, k, topicsFile);
  rmSync(file);
  const om = medians(ours, OUR_PATHS);
  const sm = medians(sk, SK_PATHS);
  const ratio = (a: string, b: string): number => (om[a] ?? NaN) / (sm[b] ?? NaN);
  return {
    n: docs.length,
    labels: new Set(docs.map((d) => d.label)).size,
    k,
    ours: { median: om, runs: ours.map((r) => ({ ...r.json, rssMB: r.rssMB, topics: undefined })) },
    sklearn: { median: sm, runs: sk.map((r) => ({ ...r.json, rssMB: r.rssMB })) },
    ratios: {
      endToEnd: ratio('endToEnd', 'total'),
      tokenizeAndTfidf:
        ((om['seconds.tokenize'] ?? 0) + (om['seconds.tfidf'] ?? 0)) / (sm['seconds.tfidf'] ?? NaN),
      reduce: ratio('seconds.reduce', 'seconds.reduce'),
      cluster: ratio('seconds.cluster', 'seconds.cluster'),
      neighbors: ratio('seconds.neighbors', 'seconds.neighbors'),
    },
    topics: ours[0]?.json.topics,
    topicQuality,
  };
}

type Quality = ReturnType<typeof qualityRecord>;

/** The label targets of one corpus: NPMI@10 >= NMF's, TD@10 >= 0.9, mean lift >= 10, no topic under 3. */
function labelTargets(name: string, result: Record<string, unknown>): Record<string, boolean> {
  const q = result.topicQuality as { ours: Quality; nmf: Quality };
  return {
    [`${name} NPMI@10 >= NMF`]: q.ours.npmi >= q.nmf.npmi,
    [`${name} TD@10 >= 0.90`]: q.ours.td >= 0.9,
    [`${name} mean label lift >= 10`]: q.ours.liftMean >= 10,
    [`${name} no topic under lift 3`]: q.ours.topicsUnderLift3 === 0,
  };
}

/** Both commands on 8,000 arXiv papers (a seeded sample) and on all of them, k = their label count. */
async function commandRuns(arxiv: LabelledDoc[]): Promise<Record<string, unknown>[]> {
  const order = arxiv.map((d, i) => ({ d, key: (Math.sin(i * 12.9898 + SEED) * 43758.5453) % 1 }));
  order.sort((a, b) => a.key - b.key);
  const small = order.slice(0, 8000).map((o) => o.d);
  const labels = (docs: LabelledDoc[]) => new Set(docs.map((d) => d.label)).size;
  return [
    await compareCommands('arxiv-8k', small, labels(small)),
    await compareCommands('arxiv', arxiv, labels(arxiv)),
  ];
}

/** The command comparison alone. */
/** What a text benchmark ran on: `load` is the load average taken when it started. */
function machineOf(sklearnAndNumpy: string, load: number[]) {
  return { cpus: availableParallelism(), node: process.version, sklearnAndNumpy, loadAverageAtStart: load };
}

async function commandsOnly(): Promise<void> {
  const sklearnVersion = ensureVenv();
  const started = new Date().toISOString();
  const load = loadavg();
  const commands = await commandRuns(withFrequentLabels(await readLabelled(ARXIV, 'primary_category'), 500));
  const report = {
    command: `npm run bench:text -- --commands-only --repeats ${repeats}`,
    started,
    machine: machineOf(sklearnVersion, load),
    notes: ['Wall seconds of whole processes, runs interleaved; ratio = median ours / median sklearn.'],
    commands,
  };
  writeFileSync(join(RESULTS, 'text-commands.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(
    JSON.stringify(
      commands.map((c) => ({ n: c.n, ratio: c.ratio })),
      null,
      2,
    ),
  );
  console.log('wrote bench/results/text-commands.json');
}

async function main(): Promise<void> {
  const sklearnVersion = ensureVenv();
  const started = new Date().toISOString();
  const load = loadavg();
  const arxivAll = await readLabelled(ARXIV, 'primary_category');
  const arxiv = withFrequentLabels(arxivAll, 500);
  const venue = await readLabelled(VENUE, 'venue');

  const arxivResult = await compare('arxiv', arxiv, new Set(arxiv.map((d) => d.label)).size);
  const venueResult = await compare('venue', venue, new Set(venue.map((d) => d.label)).size);

  console.log('arxiv: k auto');
  const autoFile = write('arxiv-auto', arxiv);
  const auto = await runOurs(autoFile, 'auto');
  rmSync(autoFile);

  const scale: Record<string, unknown>[] = [];
  if (values['skip-scale'] !== true) {
    // Seeded shuffle of every arXiv paper, then prefixes: 5k, 10k, 20k, all (38k).
    const order = arxivAll.map((d, i) => ({ d, key: (Math.sin(i * 12.9898 + SEED) * 43758.5453) % 1 }));
    order.sort((a, b) => a.key - b.key);
    const shuffled = order.map((o) => o.d);
    for (const size of [5000, 10000, 20000, shuffled.length]) {
      const docs = shuffled.slice(0, size);
      const file = write(`scale-${size}`, docs);
      console.log(`scale: n=${size}`);
      const o = await runOurs(file, '19');
      const s = await runSklearn(file, 19);
      rmSync(file);
      scale.push({
        n: size,
        ours: {
          endToEnd: num(o.json, 'endToEnd'),
          wall: num(o.json, 'wall'),
          rssMB: o.rssMB,
          seconds: o.json.seconds,
        },
        sklearn: { total: num(s.json, 'total'), rssMB: s.rssMB, seconds: s.json.seconds },
      });
    }
  }

  console.log('commands as users run them');
  const commands = await commandRuns(arxiv);

  const am = arxivResult.ours as { median: Record<string, number> };
  const asm = arxivResult.sklearn as { median: Record<string, number> };
  const vm = venueResult.ours as { median: Record<string, number> };
  const vsm = venueResult.sklearn as { median: Record<string, number> };
  const biggest = scale[scale.length - 1] as { ours?: { rssMB?: number } } | undefined;
  const targets = {
    'arxiv end-to-end <= 0.5 x sklearn': (arxivResult.ratios as { endToEnd: number }).endToEnd <= 0.5,
    'arxiv NMI >= 0.55': (am.median.nmi ?? 0) >= 0.55,
    'arxiv neighbour agreement >= 0.63': (am.median.agreement ?? 0) >= 0.63,
    'venue NMI >= sklearn': (vm.median.nmi ?? 0) >= (vsm.median.nmi ?? 1),
    'venue agreement >= sklearn': (vm.median.agreement ?? 0) >= (vsm.median.agreement ?? 1),
    'arxiv k auto in [12, 30]': num(auto.json, 'k') >= 12 && num(auto.json, 'k') <= 30,
    'npm run analyze <= 0.5 x the sklearn script, both corpora': commands.every(
      (c) => Number(c.ratio) <= 0.5,
    ),
    'peak memory < 1.5 GB at 38k': biggest?.ours?.rssMB !== undefined ? biggest.ours.rssMB < 1536 : null,
    ...labelTargets('arxiv', arxivResult),
    ...labelTargets('venue', venueResult),
  };
  const report = {
    command: 'npm run bench:text' + (repeats !== 3 ? ` -- --repeats ${repeats}` : ''),
    started,
    machine: machineOf(sklearnVersion, load),
    repeats,
    notes: [
      'Times in seconds, medians over repeats; each run is a fresh process; ours and sklearn interleaved.',
      'ours.endToEnd = tokenize + tfidf + reduce + chooseK + cluster + neighbors (incl. shared terms); ' +
        'sklearn.total = TfidfVectorizer + TruncatedSVD(100) + KMeans(n_init=1) + exact brute-force cosine top-10.',
      'rssMB = peak resident set size of the whole process (data loading included), from /usr/bin/time -v.',
      'topicQuality: bench/text/topic-quality.ts on PaperGraph (first run) and on scikit-learn NMF (bench/text/sklearn_nmf.py, ' +
        'same TF-IDF as sklearn_pipeline.py, topic = largest weight): NPMI@10 (Bouma, document co-occurrence), TD@10, ' +
        'lift of the 3 label terms; terms matched by Porter stems, a term sharing a stem with a better one skipped.',
    ],
    targets,
    arxiv: arxivResult,
    venue: venueResult,
    kAuto: {
      n: arxiv.length,
      k: auto.json.k,
      reason: auto.json.kReason,
      nmi: auto.json.nmi,
      agreement: auto.json.agreement,
      rssMB: auto.rssMB,
    },
    scale,
    commands,
  };
  writeFileSync(join(RESULTS, 'text.json'), JSON.stringify(report, null, 2) + '\n');
  console.log(
    JSON.stringify(
      { targets, ratios: arxivResult.ratios, arxiv: { ours: am.median, sklearn: asm.median } },
      null,
      2,
    ),
  );
  console.log('wrote bench/results/text.json');
}

await (values['commands-only'] === true ? commandsOnly() : main());
