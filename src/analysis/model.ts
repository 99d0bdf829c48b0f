import { UserInputError } from '../domain/errors.js';
import type { LsaModel } from './reduce.js';
import type { TokenizeOptions } from './tokenize.js';

export interface TopicSummary {
  readonly index: number;
  readonly label: string;
  /** Surface words, best first. */
  readonly terms: string[];
  readonly size: number;
}

/** Everything needed to weigh, reduce and assign new documents like the training ones. */
export interface TopicModelSnapshot {
  readonly version: 1;
  readonly params: {
    readonly seed: number;
    readonly k: number;
    readonly dims: number;
    readonly minDf: number;
    readonly maxDf: number;
    readonly keywordsPerPaper: number;
    readonly tokenize: TokenizeOptions;
  };
  /** Term keys (stems, "stem stem" for bigrams), sorted; position = TF-IDF column. */
  readonly terms: string[];
  /** Display text of each column. */
  readonly surfaces: string[];
  readonly idf: Float32Array;
  readonly lsa: LsaModel;
  /** k x lsa.dims, row-major, unit rows. */
  readonly centroids: Float32Array;
  readonly topics: TopicSummary[];
}

const F32 = '$f32';

/** JSON text of a model; typed arrays travel as base64 of their little-endian bytes. */
export function serializeModel(m: TopicModelSnapshot): string {
  return JSON.stringify(m, (_key, value: unknown) =>
    value instanceof Float32Array
      ? { [F32]: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') }
      : value,
  );
}

function bad(what: string): never {
  throw new UserInputError(
    `stored topic model is not valid: ${what}; re-run the analysis to rebuild it`,
    'BAD_MODEL',
  );
}

/** Parses `serializeModel` output; throws UserInputError (code BAD_MODEL) on anything else. */
export function deserializeModel(s: string): TopicModelSnapshot {
  let parsed: unknown;
  try {
    parsed = JSON.parse(s, (_key, value: unknown) => {
      if (typeof value === 'object' && value !== null && F32 in value) {
        const b64 = (value as Record<string, unknown>)[F32];
        if (typeof b64 !== 'string') bad('typed array is not base64');
        const bytes = Buffer.from(b64, 'base64');
        const copy = new Uint8Array(bytes.byteLength);
        copy.set(bytes);
        return new Float32Array(copy.buffer, 0, Math.floor(copy.byteLength / 4));
      }
      return value;
    });
  } catch (e) {
    if (e instanceof UserInputError) throw e;
    bad('not JSON');
  }
  if (typeof parsed !== 'object' || parsed === null) bad('not an object');
  const m = parsed as Partial<TopicModelSnapshot>;
  if (m.version !== 1) bad(`unknown version ${String(m.version)}`);
  if (!Array.isArray(m.terms) || !Array.isArray(m.surfaces) || m.surfaces.length !== m.terms.length)
    bad('terms');
  if (!(m.idf instanceof Float32Array) || m.idf.length !== m.terms.length) bad('idf');
  const lsa = m.lsa;
  if (
    lsa === undefined ||
    !(lsa.components instanceof Float32Array) ||
    lsa.nTerms !== m.terms.length ||
    lsa.components.length !== lsa.dims * lsa.nTerms
  ) {
    bad('lsa');
  }
  if (!(m.centroids instanceof Float32Array) || m.centroids.length % lsa.dims !== 0) bad('centroids');
  if (!Array.isArray(m.topics) || m.topics.length * lsa.dims !== m.centroids.length) bad('topics');
  if (m.params === undefined) bad('params');
  return m as TopicModelSnapshot;
}
