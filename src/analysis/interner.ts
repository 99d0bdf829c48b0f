/** Separator between the two stems of a bigram term key. */
export const BIGRAM_JOIN = ' ';

/**
 * Maps terms to dense ids while documents stream in. Bigrams are keyed by their two stem ids,
 * so no string is built for a pair until its text is asked for.
 */
export class TermInterner {
  private readonly unigrams = new Map<string, number>();
  /**
   * Bigram ids in an open-addressing hash over typed arrays: a Map keyed by first * 2^21 +
   * second hashes heap numbers (the keys leave the small-integer range) and was a hot spot.
   */
  private pairFirst = new Int32Array(1 << 16).fill(-1);
  private pairSecond = new Int32Array(1 << 16);
  private pairId = new Int32Array(1 << 16);
  private pairCount = 0;
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
    const mask = this.pairFirst.length - 1;
    let slot = (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & mask;
    for (;;) {
      const f = this.pairFirst[slot] ?? -1;
      if (f === -1) break;
      if (f === first && this.pairSecond[slot] === second) return this.pairId[slot] ?? 0;
      slot = (slot + 1) & mask;
    }
    const id = this.entries.length;
    this.entries.push([first, second]);
    this.pairFirst[slot] = first;
    this.pairSecond[slot] = second;
    this.pairId[slot] = id;
    if (++this.pairCount * 2 > this.pairFirst.length) this.growPairs();
    return id;
  }

  private growPairs(): void {
    const oldFirst = this.pairFirst;
    const oldSecond = this.pairSecond;
    const oldId = this.pairId;
    const size = oldFirst.length * 2;
    this.pairFirst = new Int32Array(size).fill(-1);
    this.pairSecond = new Int32Array(size);
    this.pairId = new Int32Array(size);
    const mask = size - 1;
    for (let i = 0; i < oldFirst.length; i++) {
      const first = oldFirst[i] ?? -1;
      if (first === -1) continue;
      const second = oldSecond[i] ?? 0;
      let slot = (Math.imul(first, 0x9e3779b1) ^ Math.imul(second, 0x85ebca6b)) & mask;
      while ((this.pairFirst[slot] ?? -1) !== -1) slot = (slot + 1) & mask;
      this.pairFirst[slot] = first;
      this.pairSecond[slot] = second;
      this.pairId[slot] = oldId[i] ?? 0;
    }
  }

  /** The two unigram ids of a bigram id; undefined for a unigram. */
  pairOf(id: number): readonly [number, number] | undefined {
    const e = this.entries[id];
    return typeof e === 'string' ? undefined : e;
  }

  /** Term key of an id: the stem, or the two stems joined by `BIGRAM_JOIN`. */
  termOf(id: number): string {
    const e = this.entries[id];
    if (e === undefined) return '';
    return typeof e === 'string' ? e : this.termOf(e[0]) + BIGRAM_JOIN + this.termOf(e[1]);
  }

  /**
   * Every term by id: a unigram's stem with pairs [-1, -1], or '' with the two unigram ids of
   * a bigram at pairs[2 id], pairs[2 id + 1]. Unigrams always precede the bigrams using them.
   */
  exportTerms(): { stems: string[]; pairs: Int32Array } {
    const pairs = new Int32Array(this.entries.length * 2).fill(-1);
    const stems = this.entries.map((e, id) => {
      if (typeof e === 'string') return e;
      pairs[2 * id] = e[0];
      pairs[2 * id + 1] = e[1];
      return '';
    });
    return { stems, pairs };
  }

  /** Ids of already-split terms (each string taken as one term). */
  intern(terms: readonly string[]): Int32Array {
    return Int32Array.from(terms, (t) => this.unigram(t));
  }
}
