import { assign } from './cluster.js';
import { keywords as rowsKeywords, sharedTerms, TermPicker } from './keywords.js';
import type { TopicModelSnapshot } from './model.js';
import { projectRows } from './reduce.js';
import type { Csr } from './sparse.js';
import { clamp01 } from './similarity.js';
import { mapColumns, weighRows } from './tfidf.js';
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
  const proc = new TermProcessor(model.params.tokenize);
  const cols = columnsOf(model);
  const rows = docs.map((d) => {
    const terms = proc.terms(`${d.title}. ${d.abstract}`);
    const ids = Int32Array.from(terms, (t) => cols.get(t) ?? -1);
    return mapColumns(ids, (id) => id);
  });
  return weighRows(rows, { terms: model.terms, idf: model.idf }).weights;
}

/**
 * Places new documents in a saved model without re-clustering: TF-IDF with the stored
 * vocabulary and idf, LSA projection, nearest topic centre, keywords.
 */
export function projectDocuments(
  model: TopicModelSnapshot,
  docs: { title: string; abstract: string }[],
): {
  vectors: Float32Array[];
  assignments: Int32Array;
  topicScores: Float32Array;
  keywords: { term: string; weight: number }[][];
} {
  const x = weighDocuments(model, docs);
  const dims = model.lsa.dims;
  const flat = projectRows(x, model.lsa);
  const k = model.centroids.length / dims;
  const assignments = new Int32Array(docs.length);
  const sim = new Float32Array(docs.length);
  assign(flat, dims, model.centroids, k, assignments, sim);
  const surfaceOf = (col: number): string => model.surfaces[col] ?? '';
  return {
    vectors: Array.from({ length: docs.length }, (_, r) => flat.slice(r * dims, (r + 1) * dims)),
    assignments,
    topicScores: sim.map(clamp01),
    keywords: rowsKeywords(x, surfaceOf, model.params.keywordsPerPaper),
  };
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
