import { weighDocuments, type TopicModelSnapshot } from '../../analysis/index.js';
import { sharedTerms } from '../../analysis/keywords.js';

interface Doc {
  readonly title: string;
  readonly abstract: string;
}

/**
 * For each hit, the words it and the inputs (all input texts as one document) both weigh
 * highly under the model, best first: the same measure as `RelatedPaper.sharedTerms`.
 * Inputs and hits are weighed in one pass.
 */
export function sharedTermsWithInputs(
  model: TopicModelSnapshot,
  inputs: readonly Doc[],
  hits: readonly Doc[],
  max = 5,
): string[][] {
  if (inputs.length === 0 || hits.length === 0) return hits.map(() => []);
  const combined: Doc = { title: '', abstract: inputs.map((d) => `${d.title}. ${d.abstract}`).join('\n') };
  const x = weighDocuments(model, [combined, ...hits]);
  const surfaceOf = (col: number): string => model.surfaces[col] ?? '';
  return hits.map((_, i) => sharedTerms(x, 0, x, i + 1, surfaceOf, max));
}
