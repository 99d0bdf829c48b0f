/**
 * Topic-term quality measured the same way for any system's topics (PaperGraph's or
 * scikit-learn NMF's): the terms are surface text ("gaussian process"), matched against the
 * corpus by Porter stems of every word (no stop list, so no system's own stop words decide),
 * a two-word term where its words' stems are adjacent within a clause.
 *
 * - NPMI@10: Bouma's normalised PMI of every pair of a topic's first 10 terms, probabilities
 *   from document co-occurrence in the corpus, mean over pairs then topics; a pair that never
 *   co-occurs scores -1.
 * - TD@10 (Dieng et al. 2020): distinct terms among all topics' first 10, over 10 x topics.
 * - Lift: share of the topic's papers containing one of its 3 label terms, over that share
 *   among the other papers.
 *
 * Before any measure a topic's ranked terms are cut to the first 10 that share no stem with a
 * better one ("models" after "model", "language model" after "language").
 */
import stemmers from 'natural/lib/natural/stemmers/index.js';

const COMBINING = /[\u0300-\u036f]/g;
const APOSTROPHE = /['’`]/g;
const SEGMENT = /[.,;:!?()[\]{}"“”]+|\s-\s/;
const WORD = /[a-z0-9]+/g;

export interface TopicQuality {
  /** Mean NPMI over topics. */
  readonly npmi: number;
  readonly td: number;
  /** Arithmetic mean, median and minimum of the topics' label lifts. */
  readonly liftMean: number;
  readonly liftMedian: number;
  readonly liftMin: number;
  readonly perTopic: readonly {
    readonly terms: readonly string[];
    readonly size: number;
    readonly npmi: number;
    readonly lift: number;
    /** Share of the topic's papers containing a label term. */
    readonly coverage: number;
  }[];
}

/** Porter stems of the words of a surface term. */
function stemsOf(term: string, stem: (w: string) => string): string[] {
  return (fold(term).match(WORD) ?? []).map(stem);
}

function fold(text: string): string {
  return text.normalize('NFKD').replace(COMBINING, '').toLowerCase().replace(APOSTROPHE, '');
}

/**
 * A ranked list cut to the first `max` terms that share no stem with an earlier kept term
 * (terms without any word are dropped).
 */
export function distinctByStem(terms: readonly string[], max: number, stem = cachedStemmer()): string[] {
  const used = new Set<string>();
  const out: string[] = [];
  for (const t of terms) {
    if (out.length >= max) break;
    const s = stemsOf(t, stem);
    if (s.length === 0 || s.some((x) => used.has(x))) continue;
    for (const x of s) used.add(x);
    out.push(t);
  }
  return out;
}

function cachedStemmer(): (w: string) => string {
  const cache = new Map<string, string>();
  return (w) => {
    let s = cache.get(w);
    if (s === undefined) cache.set(w, (s = stemmers.PorterStemmer.stem(w)));
    return s;
  };
}

/** Which documents contain a term: stem sequences per document, postings built on demand. */
export class Occurrence {
  readonly n: number;
  private readonly stem = cachedStemmer();
  private readonly ids = new Map<string, number>();
  /** Per doc: stem ids in reading order, -1 between clauses. */
  private readonly seqs: Int32Array[];
  private readonly postings = new Map<number, Int32Array>();
  private readonly cache = new Map<string, Int32Array>();

  constructor(texts: readonly string[]) {
    this.n = texts.length;
    this.seqs = texts.map((t) => {
      const out: number[] = [];
      for (const seg of fold(t).split(SEGMENT)) {
        for (const w of seg.match(WORD) ?? []) out.push(this.idOf(this.stem(w)));
        out.push(-1);
      }
      return Int32Array.from(out);
    });
    const lists = new Map<number, number[]>();
    this.seqs.forEach((seq, d) => {
      for (const id of seq) {
        if (id < 0) continue;
        let l = lists.get(id);
        if (l === undefined) lists.set(id, (l = []));
        if (l[l.length - 1] !== d) l.push(d);
      }
    });
    for (const [id, l] of lists) this.postings.set(id, Int32Array.from(l));
  }

  private idOf(stem: string): number {
    let id = this.ids.get(stem);
    if (id === undefined) this.ids.set(stem, (id = this.ids.size));
    return id;
  }

  /** Sorted ids of the documents containing the term (its words' stems adjacent, in order). */
  docs(term: string): Int32Array {
    const hit = this.cache.get(term);
    if (hit !== undefined) return hit;
    const stems = stemsOf(term, this.stem).map((s) => this.ids.get(s) ?? -1);
    let out: Int32Array;
    if (stems.length === 0 || stems.some((s) => s < 0)) out = new Int32Array(0);
    else if (stems.length === 1) out = this.postings.get(stems[0] ?? -1) ?? new Int32Array(0);
    else {
      const first = this.postings.get(stems[0] ?? -1) ?? new Int32Array(0);
      const found: number[] = [];
      for (const d of first) if (this.hasRun(this.seqs[d] ?? new Int32Array(0), stems)) found.push(d);
      out = Int32Array.from(found);
    }
    this.cache.set(term, out);
    return out;
  }

  private hasRun(seq: Int32Array, stems: number[]): boolean {
    outer: for (let i = 0; i + stems.length <= seq.length; i++) {
      for (let j = 0; j < stems.length; j++) if (seq[i + j] !== stems[j]) continue outer;
      return true;
    }
    return false;
  }

  /** Stem key of a term (its words' stems, space-joined): how TD tells terms apart. */
  key(term: string): string {
    return stemsOf(term, this.stem).join(' ');
  }

  distinct(terms: readonly string[], max: number): string[] {
    return distinctByStem(terms, max, this.stem);
  }
}

function intersectSize(a: Int32Array, b: Int32Array): number {
  let i = 0;
  let j = 0;
  let c = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] ?? 0;
    const y = b[j] ?? 0;
    if (x === y) {
      c++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return c;
}

/** Bouma's NPMI from document counts: -1 when the two never co-occur, 1 when always together. */
export function npmiOf(nA: number, nB: number, nAB: number, n: number): number {
  if (nAB === 0) return -1;
  const pab = nAB / n;
  const pmi = Math.log(pab / ((nA / n) * (nB / n)));
  const h = -Math.log(pab);
  return h === 0 ? 1 : pmi / h;
}

/** Mean NPMI of all pairs of `terms` (0 terms or 1 term: 0). */
export function meanNpmi(terms: readonly string[], occ: Occurrence): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < terms.length; i++) {
    const a = occ.docs(terms[i] ?? '');
    for (let j = i + 1; j < terms.length; j++) {
      const b = occ.docs(terms[j] ?? '');
      sum += npmiOf(a.length, b.length, intersectSize(a, b), occ.n);
      pairs++;
    }
  }
  return pairs > 0 ? sum / pairs : 0;
}

/** Topic diversity: distinct stem keys over all terms listed (Dieng et al.'s TD@|list|). */
export function topicDiversity(lists: readonly (readonly string[])[], occ: Occurrence): number {
  const keys = new Set<string>();
  let total = 0;
  for (const l of lists)
    for (const t of l) {
      keys.add(occ.key(t));
      total++;
    }
  return total > 0 ? keys.size / total : 0;
}

/**
 * Lift of a label: share of the topic's papers containing any label term over the share of
 * the other papers. No other paper containing one counts as one (the lift stays finite).
 */
export function labelLift(
  label: readonly string[],
  topic: number,
  assignments: ArrayLike<number>,
  occ: Occurrence,
): { lift: number; coverage: number; size: number } {
  const hit = new Uint8Array(occ.n);
  for (const t of label) for (const d of occ.docs(t)) hit[d] = 1;
  let size = 0;
  let inside = 0;
  let outside = 0;
  for (let d = 0; d < occ.n; d++) {
    if (assignments[d] === topic) {
      size++;
      inside += hit[d] ?? 0;
    } else outside += hit[d] ?? 0;
  }
  const rest = occ.n - size;
  if (size === 0) return { lift: 0, coverage: 0, size };
  const coverage = inside / size;
  if (rest === 0) return { lift: 1, coverage, size };
  return { lift: coverage / (Math.max(outside, 1) / rest), coverage, size };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length === 0 ? 0 : s.length % 2 === 1 ? (s[m] ?? 0) : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2;
}

/**
 * All three measures for topics given as ranked surface terms (best first, any length) and a
 * topic per document. Empty topics (no document) are left out of the lift.
 */
export function topicQuality(
  occ: Occurrence,
  ranked: readonly (readonly string[])[],
  assignments: ArrayLike<number>,
  top = 10,
  labelTerms = 3,
): TopicQuality {
  const lists = ranked.map((r) => occ.distinct(r, top));
  const perTopic = lists.map((terms, c) => {
    const { lift, coverage, size } = labelLift(terms.slice(0, labelTerms), c, assignments, occ);
    return { terms, size, npmi: meanNpmi(terms, occ), lift, coverage };
  });
  const used = perTopic.filter((t) => t.size > 0);
  const lifts = used.map((t) => t.lift);
  return {
    npmi: perTopic.reduce((s, t) => s + t.npmi, 0) / Math.max(1, perTopic.length),
    td: topicDiversity(lists, occ),
    liftMean: lifts.reduce((s, x) => s + x, 0) / Math.max(1, lifts.length),
    liftMedian: median(lifts),
    liftMin: lifts.length > 0 ? Math.min(...lifts) : 0,
    perTopic,
  };
}
