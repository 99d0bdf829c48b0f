import { createRequire } from 'node:module';
import type { TermInterner } from './interner.js';
import type { Csr } from './sparse.js';
import type { TermStats } from './tfidf.js';
import type { Surface } from './tokenize.js';

/** A term chosen for display: its surface text and weight. */
export interface WeightedTerm {
  readonly term: string;
  readonly weight: number;
}

export interface TopicTermOptions {
  /** Terms per topic. */
  readonly terms: number;
  /** Best-scoring candidates per topic that the coherence re-rank chooses from. */
  readonly pool: number;
  /** Weight of coherence (mean NPMI with the terms already chosen) against the score. */
  readonly coherence: number;
  /** A phrase replaces its word when it is in at least this share of the word's topic papers. */
  readonly phraseShare: number;
  /** Two adjacent words are a phrase when their NPMI as neighbours is at least this. */
  readonly collocation: number;
  /** Fewest papers of a topic a term is in to be its candidate (at most all of them). */
  readonly minDf: number;
  /** Exponent of a term's occurrences per paper containing it, as a factor of its score. */
  readonly burst: number;
  /** Score factor 1 + titles x (share of the topic's papers with the term in the title). */
  readonly titles: number;
  /** Label terms (the first `labelTerms`) need at least this lift. */
  readonly labelLift: number;
  readonly labelTerms: number;
}

export const DEFAULT_TOPIC_TERMS: TopicTermOptions = {
  terms: 10,
  pool: 30,
  coherence: 1,
  phraseShare: 0.5,
  collocation: 0.25,
  minDf: 3,
  burst: 1,
  titles: 1,
  labelLift: 5,
  labelTerms: 3,
};

/**
 * A label word: three letters or more, letters only (no digits or markup remnants; "person re"
 * from "re-identification" is no phrase), or a dimension ("3d").
 */
const LABEL_WORD = /^(?:[a-z]{3,}|[1-9]d)$/;

let lexicon: Readonly<Record<string, readonly string[] | undefined>> | undefined;
/**
 * False for a word that English uses only as a verb, adverb or function word (natural's
 * part-of-speech lexicon knows it, with no noun or adjective tag: "contain", "notably",
 * "exploiting"). Such a word can be part of a phrase but does not name a subject alone.
 */
function canNameAlone(word: string): boolean {
  lexicon ??= createRequire(import.meta.url)(
    'natural/lib/natural/brill_pos_tagger/data/English/lexicon_from_posjs.json',
  ) as Record<string, readonly string[] | undefined>;
  const tags = Object.hasOwn(lexicon, word) ? lexicon[word] : undefined;
  return tags === undefined || tags.some((t) => t.startsWith('NN') || t.startsWith('JJ'));
}
/**
 * Words that never name a subject on their own (they may still be part of a phrase): verbs,
 * adverbs and adjectives of any abstract, and remnants of split expressions ("state of the art").
 */
const NOT_A_SUBJECT = new Set([
  'able',
  'according',
  'achieved',
  'achieving',
  'against',
  'aim',
  'aims',
  'allow',
  'allows',
  'art',
  'better',
  'best',
  'called',
  'consider',
  'considered',
  'enable',
  'enables',
  'enhance',
  'enhanced',
  'enhancing',
  'even',
  'far',
  'find',
  'findings',
  'found',
  'further',
  'give',
  'gives',
  'good',
  'great',
  'help',
  'high',
  'highly',
  'improve',
  'improved',
  'improves',
  'improving',
  'key',
  'known',
  'large',
  'less',
  'let',
  'low',
  'lower',
  'make',
  'makes',
  'much',
  'multi',
  'need',
  'needs',
  'obtain',
  'obtained',
  'order',
  'perform',
  'performs',
  'possible',
  'real',
  'report',
  'reported',
  'require',
  'requires',
  'round',
  'small',
  'still',
  'strong',
  'suggest',
  'take',
  'thereby',
  'towards',
  'way',
  'whose',
  'yet',
]);

/**
 * The words of an abstract's claims rather than its subject: how good, new or thorough the
 * work says it is ("consistently outperforms strong baselines", "simple yet effective",
 * "achieving superior performance", "extensive experiments"), and the generic nouns of every
 * method section. They name no subject alone, and a phrase needs a word outside this set and
 * `NOT_A_SUBJECT` ("state space" and "performance computing" stay phrases). Claim words the
 * tokenizer already drops ("novel", "propose", "significantly": its scientific stop words)
 * are not repeated here.
 */
const CLAIM_WORDS = new Set([
  'baseline',
  'baselines',
  'competitive',
  'compelling',
  'comprehensive',
  'consistently',
  'continued',
  'effective',
  'effectively',
  'effectiveness',
  'efficacy',
  'excellent',
  'experiment',
  'experimental',
  'experiments',
  'extensive',
  'framework',
  'frameworks',
  'gains',
  'impressive',
  'improvement',
  'improvements',
  'notable',
  'notably',
  'outperform',
  'outperforming',
  'outperforms',
  'performance',
  'previous',
  'promise',
  'promising',
  'remarkable',
  'simple',
  'state',
  'substantial',
  'substantially',
  'superior',
  'superiority',
  'surpass',
  'surpasses',
  'surpassing',
]);

/**
 * What the labels are chosen from: the vectors' terms (document x column counts, one entry per
 * term a document contains) and the terms too frequent for the vectors.
 */
export interface LabelCorpus {
  readonly counts: Csr;
  readonly columns: TermStats;
  readonly frequent: TermStats & { readonly docs: readonly Int32Array[] };
  readonly interner: TermInterner;
  /** Display text of a term (by interner id) when no paper says better. */
  readonly surfaceOf: (id: number) => string;
  /** Surface text as written in the given papers (see `SurfacesIn`). */
  readonly surfacesIn?: SurfacesIn;
  /** True for a word that is markup (mostly written as a TeX command): never in a label. */
  readonly isMarkup?: (word: string) => boolean;
  /**
   * Term ids (interner) of paper d's title: a term in its topic's titles scores higher. Read
   * for at most `TITLE_SAMPLE` papers per topic (the first ones).
   */
  readonly titleOf?: (d: number) => Int32Array;
}

/**
 * Per topic, its best terms as surface text, best first.
 *
 * Terms above `maxDf` compete too: a word in most papers can still name the topics it is most
 * typical of.
 * 1. Score of term t in topic c, from document counts: p(t|c) x ln(lift), lift the (smoothed)
 *    share of c's papers containing t over the share of the other papers (the term's part in
 *    the divergence of c from the rest): frequent in the topic and rare elsewhere.
 * 2. A term is a candidate only in the topic where it scores best, so topics do not share terms.
 * 3. Phrases: two adjacent words that go together (their NPMI as neighbours is high) stand in
 *    for a word when they cover most of the word's papers in the topic ("reinforcement
 *    learning" for "reinforcement").
 * 4. From the best `pool` candidates, terms are taken one at a time by score (relative to the
 *    topic's best) plus `coherence` x their mean NPMI (document co-occurrence) with the terms
 *    already taken; a term sharing a stem with a taken one is skipped.
 * 5. Each chosen term is shown as most often written in a few of the topic's papers.
 */
export function topicTerms(
  corpus: LabelCorpus,
  assignments: Int32Array,
  k: number,
  options: Partial<TopicTermOptions> = {},
): WeightedTerm[][] {
  const o = { ...DEFAULT_TOPIC_TERMS, ...options };
  const { counts, columns, frequent, interner } = corpus;
  const n = counts.nRows;
  const nCols = columns.ids.length;
  const nCand = nCols + frequent.ids.length;
  const idOf = (j: number): number => (j < nCols ? columns.ids[j] : frequent.ids[j - nCols]) ?? 0;
  const dfOf = (j: number): number => (j < nCols ? columns.df[j] : frequent.df[j - nCols]) ?? 0;
  const topicSize = new Int32Array(k);
  for (let d = 0; d < n; d++) {
    const c = assignments[d] ?? 0;
    topicSize[c] = (topicSize[c] ?? 0) + 1;
  }
  const minDf = Math.min(2, n);
  const allowed = candidateTerms(corpus, nCand, idOf, dfOf, minDf, o.collocation);
  // Papers of each topic containing each term.
  const topicDf = new Int32Array(k * nCand);
  for (let d = 0; d < n; d++) {
    const base = (assignments[d] ?? 0) * nCand;
    const end = counts.indptr[d + 1] ?? 0;
    for (let p = counts.indptr[d] ?? 0; p < end; p++) {
      const q = base + (counts.indices[p] ?? 0);
      topicDf[q] = (topicDf[q] ?? 0) + 1;
    }
  }
  frequent.docs.forEach((list, f) => {
    for (const d of list) {
      const q = (assignments[d] ?? 0) * nCand + nCols + f;
      topicDf[q] = (topicDf[q] ?? 0) + 1;
    }
  });
  const inTitles = titleShares(corpus, assignments, k, nCand, idOf);
  const score = new Float64Array(k * nCand);
  const owner = new Int32Array(nCand).fill(-1);
  const tfOf = (j: number): number => (j < nCols ? columns.tf[j] : frequent.tf[j - nCols]) ?? 0;
  for (let j = 0; j < nCand; j++) {
    if (allowed[j] !== 1) continue;
    const all = dfOf(j);
    const burst = o.burst === 0 ? 1 : (tfOf(j) / Math.max(1, all)) ** o.burst;
    let best = 0;
    for (let c = 0; c < k; c++) {
      const nc = topicSize[c] ?? 0;
      const a = topicDf[c * nCand + j] ?? 0;
      // Small topics (a handful of papers) take terms two of their papers share.
      if (a < Math.min(o.minDf, nc, Math.max(2, Math.ceil(nc / 2)))) continue;
      const title = inTitles?.[c * nCand + j] ?? 0;
      const s = specificity(a, all - a, nc, n - nc) * burst * (1 + o.titles * title);
      score[c * nCand + j] = s;
      if (s > best) {
        best = s;
        owner[j] = c;
      }
    }
  }
  const pools = Array.from({ length: k }, (_, c) =>
    phrasePool(c, idOf, owner, score, topicDf, nCand, interner, o),
  );
  const sets = new DocSets(counts, frequent.docs, pools, nCand);
  const chosen = pools.map((pool, c) => {
    const nc = topicSize[c] ?? 0;
    const liftOf = (j: number): number => {
      const a = topicDf[c * nCand + j] ?? 0;
      return (a + 0.5) / (nc + 1) / ((dfOf(j) - a + 0.5) / (n - nc + 1));
    };
    return coherentTerms(pool, (j) => score[c * nCand + j] ?? 0, liftOf, sets, idOf, interner, o);
  });
  const requests = chosen.flatMap((terms, c) =>
    terms.map(({ j }) => ({ id: idOf(j), docs: sets.examples(j, c, assignments, SURFACE_EXAMPLES) })),
  );
  const found = corpus.surfacesIn?.(requests) ?? [];
  let r = 0;
  return chosen.map((terms) => {
    // Stems the topic's terms already use: a phrase is not extended by one of them.
    const used = new Set(
      terms.flatMap(({ j }) => (interner.pairOf(idOf(j)) ?? [idOf(j)]).map((id) => interner.termOf(id))),
    );
    return terms.map(({ j, weight }) => {
      const surface = found[r++];
      return {
        term: surface ? phraseText(surface, used, corpus.isMarkup) : corpus.surfaceOf(idOf(j)),
        weight,
      };
    });
  });
}

/**
 * A two-word term shown as the phrase it is mostly part of ("supervised fine tuning", "attack
 * success rate", "multi agent reinforcement learning"): the word mostly written before or after
 * it is added when it is a plain word, no claim word, no markup, and no stem the topic's terms
 * already use.
 */
function phraseText(
  surface: Surface,
  used: ReadonlySet<string>,
  isMarkup: ((word: string) => boolean) | undefined,
): string {
  const fits = (side: Surface['before']): side is { word: string; stem: string } =>
    side !== undefined &&
    /^[a-z]{2,}$/.test(side.word) &&
    !CLAIM_WORDS.has(side.word) &&
    isMarkup?.(side.word) !== true &&
    !used.has(side.stem);
  const before = fits(surface.before) ? surface.before.word + ' ' : '';
  const after =
    fits(surface.after) && surface.after.stem !== surface.before?.stem ? ' ' + surface.after.word : '';
  return before + surface.text + after;
}

/** Titles read per topic for the title bonus: a share, estimated well from a few hundred. */
const TITLE_SAMPLE = 200;

/**
 * Per topic and term, the share of the topic's (sampled) papers with the term in their title;
 * undefined when no titles are given.
 */
function titleShares(
  corpus: LabelCorpus,
  assignments: Int32Array,
  k: number,
  nCand: number,
  idOf: (j: number) => number,
): Float64Array | undefined {
  const { titleOf } = corpus;
  if (titleOf === undefined) return undefined;
  const column = new Map<number, number>();
  for (let j = 0; j < nCand; j++) column.set(idOf(j), j);
  const out = new Float64Array(k * nCand);
  const read = new Int32Array(k);
  for (let d = 0; d < assignments.length; d++) {
    const c = assignments[d] ?? 0;
    if ((read[c] ?? 0) >= TITLE_SAMPLE) continue;
    read[c] = (read[c] ?? 0) + 1;
    const ids = titleOf(d);
    for (let i = 0; i < ids.length; i++) {
      const j = column.get(ids[i] ?? 0);
      if (j === undefined || ids.indexOf(ids[i] ?? 0) < i) continue;
      out[c * nCand + j] = (out[c * nCand + j] ?? 0) + 1;
    }
  }
  for (let c = 0; c < k; c++) {
    const r = read[c] ?? 0;
    if (r > 0) for (let j = 0; j < nCand; j++) out[c * nCand + j] = (out[c * nCand + j] ?? 0) / r;
  }
  return out;
}

/** Papers of the topic read for a chosen term's surface text. */
const SURFACE_EXAMPLES = 5;

/**
 * Surface text of terms as written in some papers that contain them (undefined: not found
 * there), in the order asked.
 */
export type SurfacesIn = (
  requests: readonly { readonly id: number; readonly docs: readonly number[] }[],
) => readonly (Surface | undefined)[];

/** p(t|c) x ln(lift), lift with half a paper added to both counts; 0 when t is not typical of c. */
export function specificity(inTopic: number, outside: number, topicSize: number, restSize: number): number {
  if (topicSize === 0) return 0;
  const pin = inTopic / topicSize;
  const lift = (inTopic + 0.5) / (topicSize + 1) / ((outside + 0.5) / (restSize + 1));
  return lift > 1 ? pin * Math.log(lift) : 0;
}

/** What a word may be in a label (candidateTerms). */
const enum WordUse {
  None = 0,
  /** A label on its own or part of a phrase. */
  Any = 1,
  /** Only part of a phrase (NOT_A_SUBJECT, CLAIM_WORDS, or only a verb or adverb). */
  InPhrase = 2,
}

/**
 * 1 for the terms that may name a topic: in at least `minDf` papers, made of letter-only
 * words, and for two-word terms a collocation (NPMI of the pair as neighbours, from the
 * occurrences of the kept words, at least `collocation`).
 */
function candidateTerms(
  corpus: LabelCorpus,
  nCand: number,
  idOf: (j: number) => number,
  dfOf: (j: number) => number,
  minDf: number,
  collocation: number,
): Uint8Array {
  const { interner, columns, frequent } = corpus;
  const nCols = columns.ids.length;
  const tfOf = (j: number): number => (j < nCols ? columns.tf[j] : frequent.tf[j - nCols]) ?? 0;
  const use = new Map<number, { use: WordUse; tf: number }>();
  let tokens = 0;
  for (let j = 0; j < nCand; j++) {
    const id = idOf(j);
    if (interner.pairOf(id) !== undefined) continue;
    const tf = tfOf(j);
    tokens += tf;
    const w = corpus.surfaceOf(id);
    const u =
      !LABEL_WORD.test(w) || corpus.isMarkup?.(w) === true
        ? WordUse.None
        : NOT_A_SUBJECT.has(w) || CLAIM_WORDS.has(w) || (dfOf(j) >= minDf && !canNameAlone(w))
          ? WordUse.InPhrase
          : WordUse.Any;
    use.set(id, { use: u, tf });
  }
  const out = new Uint8Array(nCand);
  for (let j = 0; j < nCand; j++) {
    if (dfOf(j) < minDf) continue;
    const id = idOf(j);
    const pair = interner.pairOf(id);
    if (pair === undefined) {
      const u = use.get(id)?.use;
      if (u === WordUse.Any) out[j] = 1;
      continue;
    }
    const a = use.get(pair[0]);
    const b = use.get(pair[1]);
    if (a === undefined || b === undefined) continue;
    if (a.use === WordUse.None || b.use === WordUse.None) continue;
    // One of the two words must name something ("simple yet", "strong baselines" do not).
    if (a.use !== WordUse.Any && b.use !== WordUse.Any) continue;
    const pab = tfOf(j) / tokens;
    const npmi = Math.log(pab / ((a.tf / tokens) * (b.tf / tokens))) / -Math.log(pab);
    if (npmi >= collocation) out[j] = 1;
  }
  return out;
}

/**
 * Topic c's best candidates (columns), phrases standing in for their words: the `pool` best by
 * score among the terms c owns.
 */
function phrasePool(
  c: number,
  idOf: (j: number) => number,
  owner: Int32Array,
  score: Float64Array,
  topicDf: Int32Array,
  nCand: number,
  interner: TermInterner,
  o: TopicTermOptions,
): number[] {
  const own: number[] = [];
  for (let j = 0; j < nCand; j++) if (owner[j] === c) own.push(j);
  const s = (j: number): number => score[c * nCand + j] ?? 0;
  own.sort((a, b) => s(b) - s(a) || a - b);
  const wide = own.slice(0, o.pool * 3);
  const at = new Map<number, number>();
  wide.forEach((j, i) => at.set(idOf(j), i));
  // For each word in the wide list, its most frequent phrase there (ties: the better scored).
  const phraseOf = new Map<number, number>();
  for (const j of wide) {
    const pair = interner.pairOf(idOf(j));
    if (pair === undefined) continue;
    const a = topicDf[c * nCand + j] ?? 0;
    for (const w of pair) {
      const wi = at.get(w);
      if (wi === undefined) continue;
      const wj = wide[wi] ?? 0;
      if (a < o.phraseShare * (topicDf[c * nCand + wj] ?? 0)) continue;
      const cur = phraseOf.get(wj);
      const ac = cur === undefined ? -1 : (topicDf[c * nCand + cur] ?? 0);
      if (cur === undefined || a > ac || (a === ac && s(j) > s(cur))) phraseOf.set(wj, j);
    }
  }
  const out: number[] = [];
  const taken = new Set<number>();
  for (const j of wide) {
    const pick = phraseOf.get(j) ?? j;
    if (taken.has(pick)) continue;
    taken.add(pick);
    if (pick !== j) score[c * nCand + pick] = Math.max(s(pick), s(j));
    out.push(pick);
    if (out.length >= o.pool) break;
  }
  return out;
}

/** Which papers contain each pooled candidate, as bit sets (one pass over the counts). */
class DocSets {
  private readonly words: number;
  private readonly rowOf = new Map<number, number>();
  private readonly bits: Uint32Array;
  private readonly counts: Int32Array;
  readonly n: number;

  constructor(counts: Csr, frequentDocs: readonly Int32Array[], pools: readonly number[][], nCand: number) {
    this.n = counts.nRows;
    this.words = (this.n + 31) >>> 5;
    const row = new Int32Array(nCand).fill(-1);
    for (const pool of pools)
      for (const j of pool)
        if (row[j] === -1) {
          row[j] = this.rowOf.size;
          this.rowOf.set(j, this.rowOf.size);
        }
    this.bits = new Uint32Array(this.rowOf.size * this.words);
    this.counts = new Int32Array(this.rowOf.size);
    const set = (r: number, d: number): void => {
      const q = r * this.words + (d >>> 5);
      this.bits[q] = (this.bits[q] ?? 0) | (1 << (d & 31));
      this.counts[r] = (this.counts[r] ?? 0) + 1;
    };
    for (let d = 0; d < this.n; d++) {
      const end = counts.indptr[d + 1] ?? 0;
      for (let p = counts.indptr[d] ?? 0; p < end; p++) {
        const r = row[counts.indices[p] ?? 0] ?? -1;
        if (r >= 0) set(r, d);
      }
    }
    const nCols = counts.nCols;
    frequentDocs.forEach((list, f) => {
      const r = row[nCols + f] ?? -1;
      if (r >= 0) for (const d of list) set(r, d);
    });
  }

  /** Up to `max` papers of topic c containing pooled candidate j, in input order. */
  examples(j: number, c: number, assignments: Int32Array, max: number): number[] {
    const r = this.rowOf.get(j);
    const out: number[] = [];
    if (r === undefined) return out;
    for (let w = 0; w < this.words && out.length < max; w++) {
      let bits = this.bits[r * this.words + w] ?? 0;
      while (bits !== 0 && out.length < max) {
        const low = bits & -bits;
        const d = (w << 5) + (31 - Math.clz32(low));
        if (assignments[d] === c) out.push(d);
        bits ^= low;
      }
    }
    return out;
  }

  /** Bouma's NPMI of two pooled candidates over the documents (-1 if they never meet). */
  npmi(a: number, b: number): number {
    const ra = this.rowOf.get(a) ?? 0;
    const rb = this.rowOf.get(b) ?? 0;
    let both = 0;
    const oa = ra * this.words;
    const ob = rb * this.words;
    for (let i = 0; i < this.words; i++)
      both += popcount((this.bits[oa + i] ?? 0) & (this.bits[ob + i] ?? 0));
    if (both === 0) return -1;
    const n = this.n;
    const pab = both / n;
    const h = -Math.log(pab);
    if (h === 0) return 1;
    return Math.log(pab / (((this.counts[ra] ?? 0) / n) * ((this.counts[rb] ?? 0) / n))) / h;
  }
}

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/**
 * Up to `max` of the pool, one at a time: score relative to the pool's best plus `weight` x
 * mean NPMI with those already taken; a candidate sharing a stem with a taken term is skipped.
 */
function coherentTerms(
  pool: readonly number[],
  scoreOf: (j: number) => number,
  liftOf: (j: number) => number,
  sets: DocSets,
  idOf: (j: number) => number,
  interner: TermInterner,
  o: TopicTermOptions,
): { j: number; weight: number }[] {
  const max = o.terms;
  const weight = o.coherence;
  const left = pool.filter((j) => scoreOf(j) > 0);
  const top = Math.max(...left.map(scoreOf), 0);
  const coh = new Float64Array(left.length);
  const out: { j: number; weight: number }[] = [];
  const stems = new Set<number>();
  const stemsOf = (j: number): readonly number[] => {
    const id = idOf(j);
    return interner.pairOf(id) ?? [id];
  };
  const alive = left.map(() => true);
  while (out.length < max) {
    let b = -1;
    let bv = -Infinity;
    // A label term must be specific enough (if any candidate is); later terms need not.
    let lifted = false;
    for (let i = 0; i < left.length; i++) {
      if (alive[i] !== true) continue;
      const j = left[i] ?? 0;
      if (stemsOf(j).some((s) => stems.has(s))) {
        alive[i] = false;
        continue;
      }
      const ok = out.length >= o.labelTerms || liftOf(j) >= o.labelLift;
      if (lifted && !ok) continue;
      const v = scoreOf(j) / top + (out.length > 0 ? (weight * (coh[i] ?? 0)) / out.length : 0);
      if (v > bv || (ok && !lifted)) {
        bv = v;
        b = i;
        lifted = ok;
      }
    }
    if (b < 0) break;
    alive[b] = false;
    const j = left[b] ?? 0;
    out.push({ j, weight: scoreOf(j) });
    for (const s of stemsOf(j)) stems.add(s);
    for (let i = 0; i < left.length; i++)
      if (alive[i] === true) coh[i] = (coh[i] ?? 0) + sets.npmi(left[i] ?? 0, j);
  }
  return out;
}

/** A short label from a topic's top terms. */
export function labelFromTerms(terms: readonly WeightedTerm[], words = 3): string {
  return terms.length === 0
    ? 'miscellaneous'
    : terms
        .slice(0, words)
        .map((t) => t.term)
        .join(', ');
}
