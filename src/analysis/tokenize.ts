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

const TEX_COMMAND = /\\([a-zA-Z]+)/g;

/**
 * How often each word is written as a TeX command (\mathbb, \odot) in `texts`: such words
 * stay in the vectors (they tell algebra and astronomy papers apart) but are markup, not
 * names of topics.
 */
export function texCommandCounts(texts: readonly string[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const t of texts) {
    if (!t.includes('\\')) continue;
    for (const m of t.matchAll(TEX_COMMAND)) {
      const w = (m[1] ?? '').toLowerCase();
      out.set(w, (out.get(w) ?? 0) + 1);
    }
  }
  return out;
}
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
/** Share of a two-word phrase's occurrences a neighbouring word needs to extend it. */
const EXTEND_SHARE = 2 / 3;

/** How a term is written in some papers (see `TermProcessor.surfacesIn`). */
export interface Surface {
  readonly text: string;
  /** For a two-word term: the word mostly written right before it, and its stem. */
  readonly before?: { readonly word: string; readonly stem: string } | undefined;
  /** For a two-word term: the word mostly written right after it, and its stem. */
  readonly after?: { readonly word: string; readonly stem: string } | undefined;
}

/** A term's occurrences counted by `countSurfaces`. */
export interface Occurrences {
  readonly surfaces: Map<string, number>;
  /** For a two-word term: the kept words right before and after its occurrences. */
  readonly before: Map<string, number>;
  readonly after: Map<string, number>;
  /** Texts with the two-word term, and with each word before and after it. */
  docs: number;
  readonly beforeDocs: Map<string, number>;
  readonly afterDocs: Map<string, number>;
}

/** The key counted most often (ties: alphabetical first). */
function mostFrequent(counts: ReadonlyMap<string, number>): string | undefined {
  let best: string | undefined;
  let most = 0;
  for (const [key, count] of counts) {
    if (count > most || (count === most && best !== undefined && key < best)) {
      best = key;
      most = count;
    }
  }
  return best;
}

/** What the processor remembers about one word (one Map lookup per token). */
interface WordEntry {
  /** Porter stem, or '' for a dropped word. */
  readonly stem: string;
  /** Occurrences of the word as a kept token. */
  count: number;
  /** Unigram id of the stem in `owner`. */
  id: number;
  owner: TermInterner | undefined;
}

/**
 * Term ids of a run of documents in another processor's own interner, with what is needed to
 * bring them into the caller's (see `TermProcessor.adopt`): that interner's terms and the
 * counts of surface words.
 */
export interface TokenizedRun {
  /** First document of the run. */
  readonly from: number;
  /** Document i of the run is tokens[docPtr[i] .. docPtr[i + 1]) (ids of the run's interner). */
  readonly tokens: Int32Array;
  readonly docPtr: Int32Array;
  /** The run's interner (see `TermInterner.exportTerms`). */
  readonly terms: { stems: string[]; pairs: Int32Array };
  /** Kept surface words, their stems and occurrences. */
  readonly words: string[];
  readonly wordStems: string[];
  readonly counts: Int32Array;
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

  /**
   * Term ids of `text` in `interner`, in reading order (bigrams follow the word they end with).
   * `count` false: the words do not count towards surface forms (text read a second time).
   */
  termIds(text: string, interner: TermInterner, count = true): Int32Array {
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
        if (count) e.count++;
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
   * The most frequent surface text of each term key in the given documents of `texts` (ties:
   * alphabetical first); undefined where a key does not occur in them. For a two-word key, also
   * the kept word that stands right before (after) it in at least `EXTEND_SHARE` of its
   * occurrences there (and twice at least): the phrase it is part of ("supervised fine" is
   * mostly "supervised fine tuning").
   */
  surfacesIn(
    texts: readonly string[],
    requests: readonly { readonly key: string; readonly docs: readonly number[] }[],
  ): (Surface | undefined)[] {
    const wanted = new Map<string, Occurrences>();
    const docs = new Set<number>();
    for (const q of requests) {
      wanted.set(q.key, {
        surfaces: new Map(),
        before: new Map(),
        after: new Map(),
        docs: 0,
        beforeDocs: new Map(),
        afterDocs: new Map(),
      });
      for (const d of q.docs) docs.add(d);
    }
    for (const d of [...docs].sort((a, b) => a - b)) this.countSurfaces(texts[d] ?? '', wanted);
    return requests.map((q) => {
      const o = wanted.get(q.key);
      const text = o === undefined ? undefined : mostFrequent(o.surfaces);
      if (o === undefined || text === undefined) return undefined;
      let n = 0;
      for (const count of o.surfaces.values()) n += count;
      const side = (m: Map<string, number>, inDocs: Map<string, number>) => {
        const word = mostFrequent(m);
        if (word === undefined) return undefined;
        const count = m.get(word) ?? 0;
        // Mostly so in every text, not in one paper that repeats its own name for a thing.
        if (count < 2 || count < EXTEND_SHARE * n || (inDocs.get(word) ?? 0) < EXTEND_SHARE * o.docs)
          return undefined;
        return { word, stem: this.entry(word).stem };
      };
      return { text, before: side(o.before, o.beforeDocs), after: side(o.after, o.afterDocs) };
    });
  }

  /**
   * Counts, for the term keys in `wanted`, the surface text of each occurrence in `text` (the
   * words as written, lower-cased: "sample complexity" for the key "sampl complex"), and for
   * two-word keys the kept words right before and after.
   */
  countSurfaces(text: string, wanted: ReadonlyMap<string, Occurrences>): void {
    const inText = new Map<Occurrences, { before: Set<string>; after: Set<string> }>();
    for (const segment of fold(text).split(SEGMENT)) {
      const words = this.tokenizer.tokenize(segment);
      const stems = words.map((w) => this.entry(w).stem);
      for (let i = 0; i < words.length; i++) {
        const stem = stems[i] ?? '';
        if (stem === '') continue;
        const word = words[i] ?? '';
        const one = wanted.get(stem);
        if (one !== undefined) one.surfaces.set(word, (one.surfaces.get(word) ?? 0) + 1);
        const prevStem = i > 0 ? (stems[i - 1] ?? '') : '';
        if (prevStem === '' || prevStem === stem) continue;
        const two = wanted.get(prevStem + BIGRAM_JOIN + stem);
        if (two === undefined) continue;
        const surface = (words[i - 1] ?? '') + ' ' + word;
        two.surfaces.set(surface, (two.surfaces.get(surface) ?? 0) + 1);
        const before =
          i > 1 && (stems[i - 2] ?? '') !== '' && stems[i - 2] !== prevStem ? words[i - 2] : undefined;
        const after =
          i + 1 < words.length && (stems[i + 1] ?? '') !== '' && stems[i + 1] !== stem
            ? words[i + 1]
            : undefined;
        const seen = inText.get(two) ?? { before: new Set<string>(), after: new Set<string>() };
        inText.set(two, seen);
        if (before !== undefined) {
          two.before.set(before, (two.before.get(before) ?? 0) + 1);
          seen.before.add(before);
        }
        if (after !== undefined) {
          two.after.set(after, (two.after.get(after) ?? 0) + 1);
          seen.after.add(after);
        }
      }
    }
    for (const [two, seen] of inText) {
      two.docs++;
      for (const w of seen.before) two.beforeDocs.set(w, (two.beforeDocs.get(w) ?? 0) + 1);
      for (const w of seen.after) two.afterDocs.set(w, (two.afterDocs.get(w) ?? 0) + 1);
    }
  }

  /**
   * Term ids of the document ranges `next()` hands out (until it returns undefined) in a fresh
   * interner of this processor's own; the ranges must tile one run. For a helper thread:
   * the owner of the real interner takes the result over with `adopt`.
   */
  tokenizeRun(texts: readonly string[], next: () => [number, number] | undefined): TokenizedRun {
    const interner = new TermInterner();
    const parts: { from: number; docs: Int32Array[] }[] = [];
    for (let range = next(); range !== undefined; range = next()) {
      const docs: Int32Array[] = [];
      for (let d = range[0]; d < range[1]; d++) docs.push(this.termIds(texts[d] ?? '', interner));
      parts.push({ from: range[0], docs });
    }
    parts.sort((a, b) => a.from - b.from);
    const docs = parts.flatMap((p) => p.docs);
    const docPtr = new Int32Array(docs.length + 1);
    docs.forEach((d, i) => (docPtr[i + 1] = (docPtr[i] ?? 0) + d.length));
    const tokens = new Int32Array(docPtr[docs.length] ?? 0);
    docs.forEach((d, i) => tokens.set(d, docPtr[i] ?? 0));
    const words: string[] = [];
    const wordStems: string[] = [];
    const counts: number[] = [];
    for (const [word, e] of this.words) {
      if (e.stem === '' || e.count === 0) continue;
      words.push(word);
      wordStems.push(e.stem);
      counts.push(e.count);
    }
    return {
      from: parts[0]?.from ?? texts.length,
      tokens,
      docPtr,
      terms: interner.exportTerms(),
      words,
      wordStems,
      counts: Int32Array.from(counts),
    };
  }

  /**
   * Takes over a run tokenized by another processor (`tokenizeRun`): its term ids mapped into
   * `interner` and its word counts added to this processor's. Term keys, counts and surface
   * words come out as if this processor had tokenized the run itself.
   */
  adopt(run: TokenizedRun, interner: TermInterner): Int32Array[] {
    const { stems, pairs } = run.terms;
    const remap = new Int32Array(stems.length);
    for (let id = 0; id < stems.length; id++) {
      const first = pairs[2 * id] ?? -1;
      // A bigram's two stems were interned before it, so their new ids are known.
      remap[id] =
        first < 0
          ? interner.unigram(stems[id] ?? '')
          : interner.bigram(remap[first] ?? 0, remap[pairs[2 * id + 1] ?? 0] ?? 0);
    }
    run.words.forEach((word, i) => {
      let e = this.words.get(word);
      if (e === undefined) {
        e = { stem: run.wordStems[i] ?? '', count: 0, id: -1, owner: undefined };
        this.words.set(word, e);
      }
      e.count += run.counts[i] ?? 0;
    });
    const docs: Int32Array[] = [];
    const { tokens, docPtr } = run;
    for (let d = 0; d + 1 < docPtr.length; d++) {
      const doc = tokens.slice(docPtr[d] ?? 0, docPtr[d + 1] ?? 0);
      for (let i = 0; i < doc.length; i++) doc[i] = remap[doc[i] ?? 0] ?? 0;
      docs.push(doc);
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
    };
    this.words.set(word, e);
    return e;
  }

  /** Occurrences of `word` as a kept token so far. */
  wordCount(word: string): number {
    return this.words.get(word)?.count ?? 0;
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
