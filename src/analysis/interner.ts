/** Separator between the two stems of a bigram term key. */
export const BIGRAM_JOIN = ' ';

/**
 * Maps terms to dense ids while documents stream in. Bigrams are keyed by their two stem ids,
 * so no string is built for a pair until its text is asked for.
 */
export class TermInterner {
  private readonly unigrams = new Map<string, number>();
  private readonly pairs = new Map<number, number>();
  /** Per id: the string of a unigram, or the [first, second] unigram ids of a bigram. */
  private readonly entries: (string | [number, number])[] = [];

  get size(): number {
    return this.entries.length;
  }

  unigram(term: string): number {
    let id = this.unigrams.get(term);
    if (id === undefined) {
      id = this.entries.length;
      this.unigrams.set(term, id);
      this.entries.push(term);
    }
    return id;
  }

  bigram(first: number, second: number): number {
    const key = first * 0x200000 + second;
    let id = this.pairs.get(key);
    if (id === undefined) {
      id = this.entries.length;
      this.pairs.set(key, id);
      this.entries.push([first, second]);
    }
    return id;
  }

  /** Term key of an id: the stem, or the two stems joined by `BIGRAM_JOIN`. */
  termOf(id: number): string {
    const e = this.entries[id];
    if (e === undefined) return '';
    return typeof e === 'string' ? e : this.termOf(e[0]) + BIGRAM_JOIN + this.termOf(e[1]);
  }

  /** Ids of already-split terms (each string taken as one term). */
  intern(terms: readonly string[]): Int32Array {
    return Int32Array.from(terms, (t) => this.unigram(t));
  }
}
