/** Field mapping for the generic `jsonl` and `csv` formats (the CLI's `--map`). */
import { UserInputError } from '../domain/errors.js';
import { splitAuthors } from './json-formats.js';
import { isObject, str, strings, type JsonObject, type RawPaper } from './record.js';
import { MAPPED_FIELDS, type FieldMap, type MappedField } from './types.js';

/**
 * Used for every field the caller's map leaves out. Covers the labelled corpora as they are:
 * arxiv_daily_labelled (`summary`, `listing_date`, `primary_category`) and papercopilot
 * (`author`/`aff` `;`-separated, `venue`, `primary_area`).
 */
export const DEFAULT_FIELD_MAP: Readonly<Required<FieldMap>> = {
  title: ['title'],
  abstract: ['abstract', 'summary', 'description'],
  authors: ['authors', 'author'],
  id: ['arxiv_id', 'arxivId', 'id'],
  date: ['date', 'published', 'publishedAt', 'publication_date', 'listing_date', 'year'],
  categories: ['categories'],
  organizations: ['organizations', 'affiliations', 'aff'],
  labels: ['primary_category', 'venue', 'primary_area'],
  doi: ['doi'],
  url: ['url', 'abs', 'site'],
};

/**
 * `"title=name,abstract=summary|description,labels=venue|track"` -> FieldMap. Alternatives
 * are separated by `|`; JSON keys may be dotted paths (`paper.title`).
 */
export function parseFieldMap(spec: string): FieldMap {
  const map: Partial<Record<MappedField, string[]>> = {};
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue;
    const eq = part.indexOf('=');
    const field = (eq < 0 ? part : part.slice(0, eq)).trim();
    const keys = (eq < 0 ? '' : part.slice(eq + 1))
      .split('|')
      .map((k) => k.trim())
      .filter((k) => k !== '');
    if (!(MAPPED_FIELDS as readonly string[]).includes(field)) {
      throw new UserInputError(
        `--map: unknown field "${field}"; use some of ${MAPPED_FIELDS.join(', ')} (e.g. --map title=name,abstract=summary)`,
        'BAD_FIELD_MAP',
      );
    }
    if (keys.length === 0) {
      throw new UserInputError(
        `--map: "${part.trim()}" names no source key; write ${field}=<key>`,
        'BAD_FIELD_MAP',
      );
    }
    map[field as MappedField] = keys;
  }
  if (Object.keys(map).length === 0) {
    throw new UserInputError('--map is empty; write e.g. --map title=name,abstract=summary', 'BAD_FIELD_MAP');
  }
  return map;
}

/** The caller's map over the defaults. */
export function resolveFieldMap(map: FieldMap | undefined): Readonly<Required<FieldMap>> {
  return { ...DEFAULT_FIELD_MAP, ...map };
}

function lookup(record: JsonObject, path: string): unknown {
  if (path in record) return record[path];
  let cur: unknown = record;
  for (const part of path.split('.')) {
    if (!isObject(cur)) return undefined;
    cur = cur[part];
  }
  return cur;
}

function first(record: JsonObject, keys: readonly string[]): unknown {
  for (const k of keys) {
    const v = lookup(record, k);
    if (v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')) return v;
  }
  return undefined;
}

function nameList(v: unknown): string[] {
  if (Array.isArray(v)) {
    return v.flatMap((x) => (isObject(x) ? strings([x['name'] ?? x['display_name']]) : strings([x])));
  }
  const s = str(v);
  return s === undefined ? [] : splitAuthors(s);
}

function list(v: unknown, sep: RegExp): string[] {
  if (Array.isArray(v)) return strings(v);
  const s = str(v);
  return s === undefined
    ? []
    : s
        .split(sep)
        .map((x) => x.trim())
        .filter((x) => x !== '');
}

/** One generic record (a JSON object, or a CSV row keyed by header) through a field map. */
export function mapGeneric(record: unknown, map: Readonly<Required<FieldMap>>): RawPaper | undefined {
  if (!isObject(record)) return undefined;
  const labels: Record<string, string> = {};
  for (const key of map.labels) {
    const v = str(lookup(record, key));
    if (v !== undefined) labels[key] = v.trim();
  }
  const date = first(record, map.date);
  const id = first(record, map.id);
  return {
    title: str(first(record, map.title)),
    abstract: str(first(record, map.abstract)),
    authors: nameList(first(record, map.authors)),
    arxivId: str(id),
    sourceId: typeof id === 'number' ? String(id) : str(id),
    date: typeof date === 'number' ? date : str(date),
    categories: list(first(record, map.categories), /[\s,;]+/),
    organizations: list(first(record, map.organizations), /;/),
    doi: str(first(record, map.doi)),
    url: str(first(record, map.url)),
    labels,
  };
}
