/**
 * Offline analysis, no Neo4j: `npm run analyze -- <input.jsonl> [--k N | --k auto]
 * [--out results.jsonl] [--topics topics.jsonl] [--seed N] [--neighbors N]`.
 * Writes one JSON line per paper ({ id, topic, topicLabel, neighbors: [{ id, score }] }) and
 * one per topic ({ id, label, terms, size }). Input: JSON lines with `title` and `abstract` (or
 * `summary`), optional `id` (kept when present, else a stable hash of the title).
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { UserInputError } from '../src/domain/errors.js';
import { paperIdFor } from '../src/domain/ids.js';
import type { AnalysisDoc, AnalysisOptions } from '../src/analysis/index.js';

// natural pulls in dotenv, which prints a banner on import unless told not to.
process.env.DOTENV_CONFIG_QUIET ??= 'true';
const { analyze } = await import('../src/analysis/index.js');

const USAGE =
  'usage: npm run analyze -- <input.jsonl> [--k N | --k auto] [--out results.jsonl] [--topics topics.jsonl] [--seed N] [--neighbors N]';

interface Cli {
  input: string;
  out: string;
  topics: string;
  options: AnalysisOptions;
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
  };
}

interface Skip {
  line: number;
  reason: string;
}

/** Reads JSON lines; bad lines are skipped and reported with their line number. */
async function readDocs(file: string): Promise<{ docs: AnalysisDoc[]; skipped: Skip[] }> {
  const docs: AnalysisDoc[] = [];
  const skipped: Skip[] = [];
  const seen = new Set<string>();
  const stream = createReadStream(file, 'utf8');
  const opened = new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', (e) =>
      reject(new UserInputError(`cannot read ${file}: ${e.message}`, 'FILE_NOT_READABLE')),
    );
  });
  await opened;
  let line = 0;
  for await (const text of createInterface({ input: stream, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    let rec: unknown;
    try {
      rec = JSON.parse(text);
    } catch (e) {
      skipped.push({ line, reason: `not valid JSON (${(e as Error).message})` });
      continue;
    }
    if (typeof rec !== 'object' || rec === null || Array.isArray(rec)) {
      skipped.push({ line, reason: 'not a JSON object' });
      continue;
    }
    const r = rec as Record<string, unknown>;
    const title = typeof r.title === 'string' ? r.title.trim() : '';
    const abs = typeof r.abstract === 'string' ? r.abstract : typeof r.summary === 'string' ? r.summary : '';
    if (title === '') {
      skipped.push({ line, reason: 'no "title" string' });
      continue;
    }
    if (abs.trim() === '') {
      skipped.push({ line, reason: 'no "abstract" (or "summary") string' });
      continue;
    }
    const rawId = typeof r.id === 'string' || typeof r.id === 'number' ? String(r.id).trim() : '';
    const id = rawId !== '' ? rawId : paperIdFor(title);
    if (seen.has(id)) {
      skipped.push({ line, reason: `duplicate id "${id}"` });
      continue;
    }
    seen.add(id);
    docs.push({ id, title, abstract: abs.trim() });
  }
  return { docs, skipped };
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

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  const { docs, skipped } = await readDocs(cli.input);
  for (const s of skipped.slice(0, 20)) console.error(`${cli.input}:${s.line}: skipped: ${s.reason}`);
  if (skipped.length > 20) console.error(`... and ${skipped.length - 20} more skipped lines`);
  if (docs.length === 0)
    throw new UserInputError(`${cli.input}: no usable papers (need "title" and "abstract")`);
  console.error(`analysing ${docs.length} papers from ${cli.input} (${skipped.length} lines skipped)`);
  const r = await analyze(docs, cli.options);
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
