/** Every input format `readPapers` understands; `detectFormat` picks one from a file's first bytes. */
export const SOURCE_FORMATS = [
  'hf-listing',
  'hf-json',
  'arxiv-atom',
  'kaggle-oai',
  'semantic-scholar',
  'openalex',
  'jsonl',
  'csv',
] as const;

export type SourceFormat = (typeof SOURCE_FORMATS)[number];

export function isSourceFormat(s: string): s is SourceFormat {
  return (SOURCE_FORMATS as readonly string[]).includes(s);
}

/** Fields of a generic JSON/CSV record that a `--map` can point at. */
export const MAPPED_FIELDS = [
  'title',
  'abstract',
  'authors',
  'id',
  'date',
  'categories',
  'organizations',
  'labels',
  'doi',
  'url',
] as const;

export type MappedField = (typeof MAPPED_FIELDS)[number];

/**
 * Which source keys feed which PaperRecord field, for the generic `jsonl` and `csv` formats.
 * Each entry lists candidate keys (dotted paths allowed for JSON, e.g. `paper.title`); the
 * first non-empty one wins, except for `labels`, which keeps every listed key that is present.
 */
export type FieldMap = Partial<Record<MappedField, readonly string[]>>;

export interface ReadOptions {
  /** Skip detection and parse as this format. */
  readonly format?: SourceFormat;
  /** Field mapping for `jsonl`/`csv`; merged over the defaults (see `DEFAULT_FIELD_MAP`). */
  readonly map?: FieldMap;
  /** Throw a UserInputError at the first skipped record instead of reporting it. */
  readonly strict?: boolean;
  /**
   * Abstracts longer than this many UTF-16 code units are truncated at a word boundary and
   * the paper event carries a `too-long` warning. Default 20,000: real abstracts stay below
   * ~5,000 (the longest in the 58k labelled corpora is 4,433), so anything longer is almost
   * always a scraped full text that would dominate TF-IDF.
   */
  readonly maxAbstractChars?: number;
}
