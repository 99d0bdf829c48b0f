import stemmers from 'natural/lib/natural/stemmers/index.js';
import tokenizers from 'natural/lib/natural/tokenizers/index.js';
import { words as naturalStopWords } from 'natural/lib/natural/util/stopwords.js';
import { BIGRAM_JOIN, TermInterner } from './interner.js';

/**
 * Boilerplate of scientific abstracts: words that say "this is a paper" rather than what it is
 * about. They carry no topic signal, crowd topic labels and inflate similarity between unrelated
 * abstracts. Chosen by reading abstracts, independent of any labelled benchmark.
 */
const SCIENTIFIC_STOP_WORDS = [
  'paper',
  'propose',
  'proposed',
  'proposes',
  'present',
  'presents',
  'presented',
  'show',
  'shows',
  'shown',
  'demonstrate',
  'demonstrates',
  'introduce',
  'introduces',
  'approach',
  'approaches',
  'method',
  'methods',
  'result',
  'results',
  'novel',
  'new',
  'based',
  'using',
  'use',
  'used',
  'uses',
  'also',
  'however',
  'furthermore',
  'moreover',
  'work',
  'study',
  'studies',
  'existing',
  'via',
  'well',
  'significantly',
  'significant',
  'various',
  'different',
  'first',
  'two',
  'one',
  'three',
  'within',
  'across',
  'without',
  'often',
  'thus',
  'therefore',
  'may',
  'can',
  'could',
  'would',
  'us',
  'et',
  'al',
  'eg',
  'ie',
  'etc',
  'respectively',
  'including',
  'among',
  'whether',
  'given',
  'like',
  'many',
  'several',
  'provide',
  'provides',
  'recent',
  'recently',
  'address',
  'achieve',
  'achieves',
  'code',
  'available',
  'not',
  'per',
  'github',
  'com',
  'https',
  'http',
  'www',
  'org',
];

export interface TokenizeOptions {
  /** Also emit adjacent-word pairs ("language model") as terms. */
  readonly bigrams: boolean;
  /** Shortest word kept, in characters. */
  readonly minWordLength: number;
  /** Reduce words to Porter stems (false: match exact lower-cased words). */
  readonly stem?: boolean;
}

export const DEFAULT_TOKENIZE_OPTIONS: TokenizeOptions = { bigrams: true, minWordLength: 2 };

const STOP = new Set<string>([...naturalStopWords, ...SCIENTIFIC_STOP_WORDS]);
/** Sentence and clause punctuation: a bigram never spans one. */
const SEGMENT = /[.,;:!?()[\]{}"“”]+|\s-\s/;
const APOSTROPHE = /['’`]/g;
const COMBINING = /[\u0300-\u036f]/g;
const HAS_LETTER = /[a-z]/;

export { BIGRAM_JOIN };

/** Lower case without accents or apostrophes. */
function fold(text: string): string {
  return text.normalize('NFKD').replace(COMBINING, '').toLowerCase().replace(APOSTROPHE, '');
}

/**
 * Turns text into term keys: Porter stems of non-stop words, plus (optionally) bigrams of
 * adjacent kept words within a clause. Stems are cached per word; the most frequent surface
 * word of every stem is tracked so labels can show words people read, not stems.
 * Wraps natural's tokenizer and stemmer (no global state is touched).
 */
/** What the processor remembers about one word (one Map lookup per token). */
interface WordEntry {
  /** Porter stem, or '' for a dropped word. */
  readonly stem: string;
  /** Occurrences of the word as a kept token. */
  count: number;
  /** Unigram id of the stem in `owner`. */
  id: number;
  owner: TermInterner | undefined;
  /** Id of the word in the `WordStream` being written, -1 if not in it yet. */
  local: number;
}

/**
 * Kept words of a run of documents as ids into the stream's own word table (no term ids), so
 * another thread can tokenize and stem while the owner of the interner replays them in order.
 */
export interface WordStream {
  /** Kept words by local id, and their stems. */
  readonly words: string[];
  readonly stems: string[];
  /** Document i of the run is tokens[docPtr[i] .. docPtr[i + 1]); -1 marks a break no bigram spans. */
  readonly tokens: Int32Array;
  readonly docPtr: Int32Array;
}

export class TermProcessor {
  readonly options: TokenizeOptions;
  private readonly tokenizer = new tokenizers.WordTokenizer();
  private readonly words = new Map<string, WordEntry>();
  /** Reused output buffer (grows as needed). */
  private buffer = new Int32Array(1024);

  constructor(options: Partial<TokenizeOptions> = {}) {
    this.options = { ...DEFAULT_TOKENIZE_OPTIONS, ...options };
  }

  /** Term keys of `text` in reading order (bigrams follow the word they end with). */
  terms(text: string): string[] {
    const local = new TermInterner();
    return Array.from(this.termIds(text, local), (id) => local.termOf(id));
  }

  /** Term ids of `text` in `interner`, in reading order (bigrams follow the word they end with). */
  termIds(text: string, interner: TermInterner): Int32Array {
    let out = this.buffer;
    let m = 0;
    const clean = fold(text);
    for (const segment of clean.split(SEGMENT)) {
      let prev = -1;
      for (const word of this.tokenizer.tokenize(segment)) {
        const e = this.entry(word);
        if (e.stem === '') {
          prev = -1;
          continue;
        }
        e.count++;
        if (e.owner !== interner) {
          e.id = interner.unigram(e.stem);
          e.owner = interner;
        }
        const id = e.id;
        if (m + 2 > out.length) {
          const grown = new Int32Array(out.length * 2);
          grown.set(out);
          out = this.buffer = grown;
        }
        out[m++] = id;
        if (this.options.bigrams && prev >= 0 && prev !== id) out[m++] = interner.bigram(prev, id);
        prev = id;
      }
    }
    return out.slice(0, m);
  }

  /**
   * Kept words of the document ranges `next()` hands out (until it returns undefined) as one
   * `WordStream` over their union, in document order; the ranges must tile it. Tokenizing and
   * stemming only: counts and term ids are left to the processor that replays the stream.
   */
  wordStream(
    texts: readonly string[],
    next: () => [number, number] | undefined,
  ): WordStream & { from: number } {
    const words: string[] = [];
    const stems: string[] = [];
    const runs: { from: number; tokens: Int32Array; lengths: Int32Array }[] = [];
    let tokens = new Int32Array(1 << 16);
    for (let range = next(); range !== undefined; range = next()) {
      const [from, to] = range;
      const lengths = new Int32Array(Math.max(0, to - from));
      let m = 0;
      for (let d = from; d < to; d++) {
        const start = m;
        const clean = fold(texts[d] ?? '');
        for (const segment of clean.split(SEGMENT)) {
          const list = this.tokenizer.tokenize(segment);
          if (m + list.length + 1 > tokens.length) {
            const grown = new Int32Array(Math.max(tokens.length * 2, m + list.length + 1));
            grown.set(tokens.subarray(0, m));
            tokens = grown;
          }
          tokens[m++] = -1;
          for (const word of list) {
            const e = this.entry(word);
            if (e.stem === '') {
              tokens[m++] = -1;
              continue;
            }
            if (e.local < 0) {
              e.local = words.length;
              words.push(word);
              stems.push(e.stem);
            }
            tokens[m++] = e.local;
          }
        }
        lengths[d - from] = m - start;
      }
      runs.push({ from, tokens: tokens.slice(0, m), lengths });
    }
    for (const e of this.words.values()) e.local = -1;
    runs.sort((x, y) => x.from - y.from);
    const nDocs = runs.reduce((t, r) => t + r.lengths.length, 0);
    const all = new Int32Array(runs.reduce((t, r) => t + r.tokens.length, 0));
    const docPtr = new Int32Array(nDocs + 1);
    let d = 0;
    let m = 0;
    for (const r of runs) {
      all.set(r.tokens, m);
      m += r.tokens.length;
      for (const len of r.lengths) {
        docPtr[d + 1] = (docPtr[d] ?? 0) + len;
        d++;
      }
    }
    return { from: runs[0]?.from ?? texts.length, words, stems, tokens: all, docPtr };
  }

  /**
   * Term ids of every document of a `WordStream` in `interner`, exactly as `termIds` would
   * give for the same texts (counts of surface words included).
   */
  replay(stream: WordStream, interner: TermInterner): Int32Array[] {
    const entries = stream.words.map((w, i) => {
      const cached = this.words.get(w);
      if (cached !== undefined) return cached;
      const e: WordEntry = { stem: stream.stems[i] ?? '', count: 0, id: -1, owner: undefined, local: -1 };
      this.words.set(w, e);
      return e;
    });
    const { tokens, docPtr } = stream;
    const docs: Int32Array[] = [];
    let out = this.buffer;
    for (let d = 0; d + 1 < docPtr.length; d++) {
      let m = 0;
      let prev = -1;
      const end = docPtr[d + 1] ?? 0;
      for (let p = docPtr[d] ?? 0; p < end; p++) {
        const t = tokens[p] ?? -1;
        if (t < 0) {
          prev = -1;
          continue;
        }
        const e = entries[t];
        if (e === undefined) continue;
        e.count++;
        if (e.owner !== interner) {
          e.id = interner.unigram(e.stem);
          e.owner = interner;
        }
        const id = e.id;
        if (m + 2 > out.length) {
          const grown = new Int32Array(out.length * 2);
          grown.set(out);
          out = this.buffer = grown;
        }
        out[m++] = id;
        if (this.options.bigrams && prev >= 0 && prev !== id) out[m++] = interner.bigram(prev, id);
        prev = id;
      }
      docs.push(out.slice(0, m));
    }
    return docs;
  }

  private entry(word: string): WordEntry {
    const cached = this.words.get(word);
    if (cached !== undefined) return cached;
    const keep =
      word.length >= this.options.minWordLength &&
      !STOP.has(word) &&
      HAS_LETTER.test(word) &&
      !word.includes('_');
    const e: WordEntry = {
      stem: keep ? (this.options.stem === false ? word : stemmers.PorterStemmer.stem(word)) : '',
      count: 0,
      id: -1,
      owner: undefined,
      local: -1,
    };
    this.words.set(word, e);
    return e;
  }

  /**
   * Surface form of every stem seen so far: its most frequent word (ties: alphabetical first).
   * Bigram keys map to the pair of their stems' surface words.
   */
  surfaceForms(): Map<string, string> {
    const best = new Map<string, { word: string; count: number }>();
    for (const [word, { stem, count }] of this.words) {
      if (stem === '' || count === 0) continue;
      const cur = best.get(stem);
      if (cur === undefined || count > cur.count || (count === cur.count && word < cur.word)) {
        best.set(stem, { word, count });
      }
    }
    const out = new Map<string, string>();
    for (const [stem, { word }] of best) out.set(stem, word);
    return out;
  }
}

/** Surface text of a term key given the stem -> word map (bigrams: both words). */
export function surfaceOfTerm(term: string, surfaces: ReadonlyMap<string, string>): string {
  const sep = term.indexOf(BIGRAM_JOIN);
  if (sep < 0) return surfaces.get(term) ?? term;
  const a = term.slice(0, sep);
  const b = term.slice(sep + 1);
  return (surfaces.get(a) ?? a) + ' ' + (surfaces.get(b) ?? b);
}
