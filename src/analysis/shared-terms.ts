import { sharedTerms, TermPicker } from './keywords.js';
import type { TopicModelSnapshot } from './model.js';
import { weighDocuments } from './project.js';
import type { Csr } from './sparse.js';

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
  const steps = sharedTermsInSteps(model, docs, pairs, max, Math.max(1, docs.length));
  for (;;) {
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/**
 * `sharedTermsForPairs` in steps, for a caller that interleaves it with other work (I/O): it
 * weighs `step` documents, or merges `step` pairs, at a time and yields in between.
 */
export function* sharedTermsInSteps(
  model: TopicModelSnapshot,
  docs: readonly { title: string; abstract: string }[],
  pairs: readonly (readonly [number, number])[],
  max = 5,
  step = 256,
): Generator<void, string[][]> {
  const weighed = new WeighedTexts(model, step);
  yield* weighed.add(docs.map((d, i) => ({ key: String(i), title: d.title, abstract: d.abstract })));
  return yield* weighed.shared(
    pairs.map(([a, b]) => [String(a), String(b)] as const),
    max,
  );
}

/**
 * Documents weighed under a saved model, by key, each weighed once however often it is asked
 * for (papers placed in parts share many neighbours). Rows are weighed independently (the
 * saved idf, each row normalised by itself), so weighing in parts gives the same terms.
 * Work goes `step` documents or pairs at a time, yielding in between.
 */
export class WeighedTexts {
  private readonly rows = new Map<string, readonly [Csr, number]>();
  private readonly picker: TermPicker;

  constructor(
    private readonly model: TopicModelSnapshot,
    private readonly step = 256,
  ) {
    this.picker = new TermPicker((col) => model.surfaces[col] ?? '');
  }

  /** Weighs the documents not weighed yet (the first text given for a key is kept). */
  *add(docs: readonly { key: string; title: string; abstract: string }[]): Generator<void, void> {
    const todo = new Map<string, { title: string; abstract: string }>();
    for (const d of docs) if (!this.rows.has(d.key) && !todo.has(d.key)) todo.set(d.key, d);
    const keys = [...todo.keys()];
    for (let i = 0; i < keys.length; i += this.step) {
      const part = keys.slice(i, i + this.step);
      const x = weighDocuments(
        this.model,
        part.map((k) => todo.get(k) ?? { title: '', abstract: '' }),
      );
      part.forEach((k, r) => this.rows.set(k, [x, r]));
      yield;
    }
  }

  /** Shared terms of each pair of weighed documents, in order. */
  *shared(pairs: readonly (readonly [string, string])[], max = 5): Generator<void, string[][]> {
    const row = (key: string): readonly [Csr, number] => {
      const at = this.rows.get(key);
      if (at === undefined) throw new RangeError(`document ${key} was not weighed`);
      return at;
    };
    const out: string[][] = [];
    for (let i = 0; i < pairs.length; i++) {
      const [a, b] = pairs[i] ?? ['', ''];
      const [xa, ra] = row(a);
      const [xb, rb] = row(b);
      out.push(sharedTerms(xa, ra, xb, rb, max, this.picker));
      if ((i + 1) % this.step === 0) yield;
    }
    return out;
  }
}
