import { sharedTerms, TermPicker } from './keywords.js';
import type { TopicModelSnapshot } from './model.js';
import { weighDocuments } from './project.js';

/**
 * Shared terms for many pairs of documents under a saved model: each document is tokenized
 * and weighed once (not once per pair), then each pair costs a merge of two sparse rows.
 * `pairs` index into `docs`; the result is in the same order.
 */
export function sharedTermsForPairs(
  model: TopicModelSnapshot,
  docs: readonly { title: string; abstract: string }[],
  pairs: readonly (readonly [number, number])[],
  max = 5,
): string[][] {
  const x = weighDocuments(model, docs);
  const surfaceOf = (col: number) => model.surfaces[col] ?? '';
  const picker = new TermPicker(surfaceOf);
  return pairs.map(([a, b]) => sharedTerms(x, a, x, b, max, picker));
}
