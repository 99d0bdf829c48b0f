import { assign } from './cluster.js';
import { keywords as rowsKeywords, sharedTerms, TermPicker } from './keywords.js';
import type { TopicModelSnapshot } from './model.js';
import { projectRows } from './reduce.js';
import type { Csr } from './sparse.js';
import { clamp01 } from './similarity.js';
import { mapColumns, weighRows } from './tfidf.js';
import { TermInterner } from './interner.js';
import { TermProcessor } from './tokenize.js';

const columnIndex = new WeakMap<TopicModelSnapshot, Map<string, number>>();

function columnsOf(model: TopicModelSnapshot): Map<string, number> {
  let m = columnIndex.get(model);
  if (m === undefined) {
    m = new Map(model.terms.map((t, i) => [t, i]));
    columnIndex.set(model, m);
  }
  return m;
}

/** TF-IDF rows of new documents under a saved model's vocabulary (unknown terms dropped). */
export function weighDocuments(
  model: TopicModelSnapshot,
  docs: readonly { title: string; abstract: string }[],
): Csr {
  return weighWithCoverage(model, docs).weights;
}

/**
 * TF-IDF rows under the saved vocabulary, and per document how many of its terms (tokens
 * after stop words and stemming, bigrams included) the vocabulary has (`known`) out of all
 * (`terms`): what the model cannot see of a new paper.
 */
function weighWithCoverage(
  model: TopicModelSnapshot,
  docs: readonly { title: string; abstract: string }[],
): { weights: Csr; known: Int32Array; terms: Int32Array } {
  const proc = new TermProcessor(model.params.tokenize);
  const cols = columnsOf(model);
  const known = new Int32Array(docs.length);
  const total = new Int32Array(docs.length);
  // One interner for the whole call, its ids mapped to the model's columns once each (an
  // interner per document cost 768 KB of hash tables each: seconds of GC per 1,000 papers).
  const interner = new TermInterner();
  const columnOf: number[] = [];
  const column = (id: number): number => {
    let c = columnOf[id];
    if (c === undefined) {
      c = cols.get(interner.termOf(id)) ?? -1;
      columnOf[id] = c;
    }
    return c;
  };
  const rows = docs.map((d, r) => {
    const ids = proc.termIds(`${d.title}. ${d.abstract}`, interner);
    let hits = 0;
    for (const id of ids) if (column(id) >= 0) hits++;
    known[r] = hits;
    total[r] = ids.length;
    return mapColumns(ids, column);
  });
  return { weights: weighRows(rows, { terms: model.terms, idf: model.idf }).weights, known, terms: total };
}

/**
 * Places new documents in a saved model without re-clustering: TF-IDF with the stored
 * vocabulary and idf, LSA projection, nearest topic centre, keywords. A document none of whose
 * terms the model knows gets an all-zero vector and score 0 (`placed` false): it has no
 * direction to search from, and the caller must not send it to a vector index.
 */
export function projectDocuments(
  model: TopicModelSnapshot,
  docs: { title: string; abstract: string }[],
): {
  vectors: Float32Array[];
  assignments: Int32Array;
  topicScores: Float32Array;
  keywords: { term: string; weight: number }[][];
  /** Per document: the vocabulary's terms among its own (see `weighWithCoverage`). */
  knownTerms: Int32Array;
  terms: Int32Array;
  /** Per document: whether its vector is non-zero. */
  placed: Uint8Array;
} {
  const { weights: x, known, terms } = weighWithCoverage(model, docs);
  const dims = model.lsa.dims;
  const flat = projectRows(x, model.lsa);
  const k = model.centroids.length / dims;
  const assignments = new Int32Array(docs.length);
  const sim = new Float32Array(docs.length);
  assign(flat, dims, model.centroids, k, assignments, sim);
  const placed = new Uint8Array(docs.length);
  for (let r = 0; r < docs.length; r++) {
    placed[r] = hasDirection(flat.subarray(r * dims, (r + 1) * dims)) ? 1 : 0;
    if (placed[r] === 0) sim[r] = 0;
  }
  const surfaceOf = (col: number): string => model.surfaces[col] ?? '';
  return {
    vectors: Array.from({ length: docs.length }, (_, r) => flat.slice(r * dims, (r + 1) * dims)),
    assignments,
    topicScores: sim.map(clamp01),
    keywords: rowsKeywords(x, surfaceOf, model.params.keywordsPerPaper),
    knownTerms: known,
    terms,
    placed,
  };
}

/** Whether a vector can be searched from (a vector index refuses zero and non-finite vectors). */
export function hasDirection(v: Float32Array): boolean {
  let norm = 0;
  for (const x of v) norm += x * x;
  return norm > 1e-12 && Number.isFinite(norm);
}

/** Surface words two documents both weigh highly under a saved model, best first. */
export function sharedTermsBetween(
  model: TopicModelSnapshot,
  a: { title: string; abstract: string },
  b: { title: string; abstract: string },
  max = 5,
): string[] {
  const x = weighDocuments(model, [a, b]);
  return sharedTerms(x, 0, x, 1, max, new TermPicker((col) => model.surfaces[col] ?? ''));
}
