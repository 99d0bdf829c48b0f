/**
 * Offline analysis, no Neo4j: `npm run analyze -- <input> [--k N | --k auto]
 * [--out results.jsonl] [--topics topics.jsonl] [--seed N] [--neighbors N]
 * [--format F] [--map title=..,abstract=..] [--strict]`.
 * Reads any format `npm run ingest` reads (detected from the content, or `--format`).
 * Writes one JSON line per paper ({ id, topic, topicLabel, neighbors: [{ id, score }] }) and
 * one per topic ({ id, label, terms, size }). Ids are the input's own (`id` field of JSON
 * lines / CSV rows) when it has them, else the paper id ingest would give (arXiv id or a
 * stable hash of the title).
 */
import { createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { UserInputError } from '../src/domain/errors.js';
import { collectPapers, type Collected } from '../src/services/collect.js';
import { noPapersMessage, readLines } from './lib/ingest-report.js';
import {
  parseFieldMap,
  readPapers,
  SOURCE_FORMATS,
  type ReadOptions,
  type SourceFormat,
} from '../src/ingest/index.js';
import type { AnalysisDoc, AnalysisHelpers, AnalysisOptions } from '../src/analysis/index.js';

// natural pulls in dotenv, which prints a banner on import unless told not to.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { analyze, startAnalysisHelpers } = await import('../src/analysis/index.js');

const USAGE =
  'usage: npm run analyze -- <input> [--k N | --k auto] [--out results.jsonl] [--topics topics.jsonl] [--seed N] [--neighbors N] [--format F] [--map title=..,abstract=..] [--strict]';

/** About 2,000 abstracts: below this, helper threads are not worth starting before the count is known. */
const EARLY_HELPERS_FROM_BYTES = 2_000_000;

interface Cli {
  input: string;
  out: string;
  topics: string;
  options: AnalysisOptions;
  read: ReadOptions;
}

function intArg(name: string, raw: string | undefined, min: number): number | undefined {
  if (raw === undefined) return undefined;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < min)
    throw new UserInputError(`--${name} must be an integer >= ${min}, got "${raw}"`);
  return v;
}

function parseCli(argv: string[]): Cli {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      k: { type: 'string' },
      out: { type: 'string' },
      topics: { type: 'string' },
      seed: { type: 'string' },
      neighbors: { type: 'string' },
      format: { type: 'string' },
      map: { type: 'string' },
      strict: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help === true) {
    console.log(USAGE);
    process.exit(0);
  }
  const input = positionals[0];
  if (input === undefined || positionals.length > 1)
    throw new UserInputError(`expected one input file\n${USAGE}`);
  if (values.format !== undefined && !(SOURCE_FORMATS as readonly string[]).includes(values.format))
    throw new UserInputError(`--format must be one of ${SOURCE_FORMATS.join(', ')}, got "${values.format}"`);
  const out = values.out ?? 'results.jsonl';
  const topics =
    values.topics ?? join(dirname(out), basename(out).replace(/\.jsonl?$/, '') + '.topics.jsonl');
  const k = values.k === undefined || values.k === 'auto' ? 'auto' : intArg('k', values.k, 1);
  return {
    input,
    out,
    topics,
    options: {
      k,
      seed: intArg('seed', values.seed, 0),
      neighbors: intArg('neighbors', values.neighbors, 0) ?? 10,
    },
    read: {
      ...(values.format === undefined ? {} : { format: values.format as SourceFormat }),
      ...(values.map === undefined ? {} : { map: parseFieldMap(values.map) }),
      strict: values.strict,
    },
  };
}

/**
 * Papers in input order, keyed by the input's own id, read as ingest reads them: the same
 * paper seen twice (arXiv id, DOI or title) is one paper and counts as a duplicate. Two
 * different papers that share an input id are both kept under ids made unique.
 */
async function readDocs(
  file: string,
  read: ReadOptions,
): Promise<{ docs: AnalysisDoc[]; collected: Collected }> {
  const collected = await collectPapers(readPapers(resolve(file), read));
  const seen = new Map<string, number>();
  const docs = collected.papers.map((p) => {
    const own = p.sourceId ?? p.id;
    const n = seen.get(own) ?? 0;
    seen.set(own, n + 1);
    return { id: n === 0 ? own : `${own}#${n + 1}`, title: p.title, abstract: p.abstract };
  });
  return { docs, collected };
}

async function writeLines(file: string, rows: Iterable<unknown>): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const out = createWriteStream(file, 'utf8');
  for (const row of rows) {
    if (!out.write(JSON.stringify(row) + '\n')) await new Promise<void>((r) => out.once('drain', () => r()));
  }
  out.end();
  await finished(out);
}

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

async function readAndAnalyze(cli: Cli, helpers: AnalysisHelpers | undefined) {
  const { docs, collected } = await readDocs(cli.input, cli.read);
  if (docs.length === 0) throw new UserInputError(noPapersMessage([cli.input], collected));
  console.error(readLines(collected).join('\n'));
  console.error(`analysing ${docs.length} papers from ${cli.input}`);
  return { docs, r: await analyze(docs, cli.options, helpers) };
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  // For an input of some size, helper threads load while it is read, so they share tokenizing
  // from its start; a small one is analysed without them.
  // (A file that cannot be read is reported by the reader, with its name.)
  const size = (await stat(cli.input).catch(() => undefined))?.size ?? 0;
  const helpers = size >= EARLY_HELPERS_FROM_BYTES ? startAnalysisHelpers(cli.options) : undefined;
  const { docs, r } = await readAndAnalyze(cli, helpers).finally(() => helpers?.close());
  await writeLines(
    cli.out,
    docs.map((d, i) => {
      const topic = r.assignments[i] ?? 0;
      return {
        id: d.id,
        topic,
        topicLabel: r.topics[topic]?.label ?? '',
        neighbors: (r.neighbors[i] ?? []).map((n) => ({
          id: docs[n.index]?.id ?? '',
          score: round(n.score),
        })),
      };
    }),
  );
  await writeLines(
    cli.topics,
    r.topics.map((t) => ({ id: t.index, label: t.label, terms: t.terms, size: t.size })),
  );
  const ms = Object.entries(r.timings)
    .map(([k, v]) => `${k} ${Math.round(v)}`)
    .join(', ');
  console.error(`k=${r.kChoice.k}: ${r.kChoice.reason}`);
  console.error(`stage times (ms): ${ms}`);
  console.error(`wrote ${cli.out} (${docs.length} papers) and ${cli.topics} (${r.topics.length} topics)`);
}

main().catch((e: unknown) => {
  if (e instanceof UserInputError) {
    console.error(`error [${e.code}]: ${e.message}`);
    process.exit(2);
  }
  throw e;
});
