/**
 * Mappers from one parsed JSON record to a RawPaper, one per JSON source format. Pure: the
 * streaming (`readJsonRecords`) and the checking (`buildPaper`) happen around them.
 */
import { normaliseArxivId } from '../domain/ids.js';
import { isObject, num, str, strings, type JsonObject, type RawPaper, type Rejection } from './record.js';

export type Mapped = RawPaper | Rejection;

export function isRejection(m: Mapped): m is Rejection {
  return 'reason' in m && 'message' in m;
}

const notAnObject = (what: string): Rejection => ({
  reason: 'bad-record',
  message: `expected a ${what} object`,
});

/**
 * Hugging Face Daily Papers: the archive's normalised record (`paper_id`, `title`, `authors`,
 * `abstract`, `github_url`, `upvotes`, `date`, `hf_url`) or an item of the raw
 * `/api/daily_papers` response (`{ paper: { id, title, summary, authors: [{ name }], ... } }`).
 */
export function mapHfJson(v: unknown): Mapped {
  if (!isObject(v)) return notAnObject('Daily Papers');
  const paper = v['paper'];
  if (isObject(paper)) {
    const id = str(paper['id']);
    const org = isObject(v['organization'])
      ? v['organization']
      : isObject(paper['organization'])
        ? paper['organization']
        : undefined;
    return {
      title: str(paper['title']) ?? str(v['title']),
      abstract: str(paper['summary']) ?? str(v['summary']),
      authors: Array.isArray(paper['authors'])
        ? paper['authors'].flatMap((a) =>
            isObject(a) && str(a['name']) !== undefined ? [str(a['name']) ?? ''] : [],
          )
        : [],
      organizations: org === undefined ? [] : [str(org['fullname']) ?? str(org['name']) ?? ''],
      arxivId: id,
      date: str(paper['publishedAt']) ?? str(v['publishedAt']),
      upvotes: num(paper['upvotes']),
      codeUrls: strings([paper['githubRepo']]),
      url: id === undefined ? undefined : `https://huggingface.co/papers/${id}`,
    };
  }
  return {
    title: str(v['title']),
    abstract: str(v['abstract']),
    authors: strings(v['authors']),
    arxivId: str(v['paper_id']) ?? str(v['arxiv_url']),
    date: str(v['date']),
    upvotes: num(v['upvotes']),
    codeUrls: strings([v['github_url']]),
    url: str(v['hf_url']) ?? str(v['arxiv_url']),
  };
}

/**
 * Kaggle arXiv OAI snapshot: authors from `authors_parsed` (`[last, first, suffix, ...affiliations]`
 * -> "First Last Suffix"), categories split on spaces (primary first), date of the first version.
 */
export function mapKaggleOai(v: unknown): Mapped {
  if (!isObject(v)) return notAnObject('arXiv OAI');
  const parsed = Array.isArray(v['authors_parsed']) ? v['authors_parsed'] : undefined;
  const authors: string[] = [];
  const organizations: string[] = [];
  if (parsed !== undefined) {
    for (const a of parsed) {
      const parts = Array.isArray(a) ? a.map((x) => (typeof x === 'string' ? x : '')) : [];
      const [last = '', first = '', suffix = '', ...affiliations] = parts;
      const name = [first, last, suffix]
        .map((s) => s.trim())
        .filter((s) => s !== '')
        .join(' ');
      if (name !== '') authors.push(name);
      // The 4th+ elements are affiliations, or footnote marks ("1 and 2") where the
      // author string used numbered affiliations: keep only real names.
      organizations.push(...affiliations.filter((s) => !/^[\d\s,;&]*(?:and[\d\s,;&]+)*$/.test(s)));
    }
  } else {
    authors.push(...splitAuthors(str(v['authors']) ?? ''));
  }
  const categories = (str(v['categories']) ?? '').split(/\s+/).filter((c) => c !== '');
  const versions = Array.isArray(v['versions']) ? v['versions'] : [];
  const first = versions[0];
  const id = str(v['id']);
  return {
    title: str(v['title']),
    abstract: str(v['abstract']),
    authors,
    organizations,
    arxivId: id,
    // A record can list several DOIs separated by spaces; the first is the article's.
    doi: str(v['doi'])?.trim().split(/\s+/)[0],
    date: (isObject(first) ? str(first['created']) : undefined) ?? str(v['update_date']),
    url: id === undefined ? undefined : `https://arxiv.org/abs/${id}`,
    categories,
    codeText: str(v['comments']),
    labels: categories[0] === undefined ? undefined : { primary_category: categories[0] },
  };
}

/** Semantic Scholar Graph API paper object (any subset of fields). */
export function mapSemanticScholar(v: unknown): Mapped {
  if (!isObject(v)) return notAnObject('Semantic Scholar paper');
  const ext: JsonObject = isObject(v['externalIds']) ? v['externalIds'] : {};
  const authors = Array.isArray(v['authors']) ? v['authors'].filter(isObject) : [];
  const fields = strings(v['fieldsOfStudy']);
  const venue = str(v['venue']);
  const labels: Record<string, string> = {};
  if (fields[0] !== undefined) labels['field_of_study'] = fields[0];
  if (venue !== undefined) labels['venue'] = venue;
  const oa = isObject(v['openAccessPdf']) ? str(v['openAccessPdf']['url']) : undefined;
  return {
    title: str(v['title']),
    abstract: str(v['abstract']),
    authors: authors.flatMap((a) => strings([a['name']])),
    organizations: authors.flatMap((a) => strings(a['affiliations'])),
    arxivId: str(ext['ArXiv']),
    doi: str(ext['DOI']),
    date: str(v['publicationDate']) ?? num(v['year']),
    url: str(v['url']) ?? oa,
    labels,
  };
}

/** Largest word position accepted in an inverted index: far above any real abstract. */
const MAX_INVERTED_POSITION = 100_000;

/**
 * OpenAlex stores abstracts as `{ word: [positions] }`; put each word back at its positions.
 * An absent index gives `text: undefined`; a malformed one a Rejection.
 */
export function abstractFromInvertedIndex(index: unknown): { text: string | undefined } | Rejection {
  if (index === null || index === undefined) return { text: undefined };
  if (!isObject(index)) return { reason: 'bad-record', message: 'abstract_inverted_index is not an object' };
  const words: string[] = [];
  for (const [word, positions] of Object.entries(index)) {
    if (!Array.isArray(positions))
      return { reason: 'bad-record', message: `positions of "${word}" are not a list` };
    for (const p of positions) {
      if (typeof p !== 'number' || !Number.isInteger(p) || p < 0 || p > MAX_INVERTED_POSITION) {
        return {
          reason: 'bad-record',
          message: `abstract_inverted_index has an invalid position for "${word}"`,
        };
      }
      if (words[p] === undefined) words[p] = word;
    }
  }
  return { text: words.filter((w) => w !== undefined).join(' ') };
}

const ARXIV_URL = /arxiv\.org\/(?:abs|pdf)\/([^?#\s]+)/i;

/** OpenAlex Work: abstract from the inverted index, authors and institutions from authorships. */
export function mapOpenAlex(v: unknown): Mapped {
  if (!isObject(v)) return notAnObject('OpenAlex work');
  const abstract = abstractFromInvertedIndex(v['abstract_inverted_index']);
  if ('reason' in abstract) return abstract;
  const authorships = Array.isArray(v['authorships']) ? v['authorships'].filter(isObject) : [];
  const authors = authorships.flatMap((a) =>
    isObject(a['author']) ? strings([a['author']['display_name']]) : [],
  );
  const organizations = authorships.flatMap((a) =>
    Array.isArray(a['institutions'])
      ? a['institutions'].filter(isObject).flatMap((i) => strings([i['display_name']]))
      : [],
  );
  const locations = [
    v['primary_location'],
    v['best_oa_location'],
    ...(Array.isArray(v['locations']) ? v['locations'] : []),
  ];
  let arxivId: string | undefined;
  for (const loc of locations) {
    if (!isObject(loc)) continue;
    for (const url of strings([loc['landing_page_url'], loc['pdf_url']])) {
      const m = ARXIV_URL.exec(url);
      arxivId ??= m?.[1] === undefined ? undefined : normaliseArxivId(m[1].replace(/\.pdf$/i, ''));
    }
  }
  const ids: JsonObject = isObject(v['ids']) ? v['ids'] : {};
  const topic = isObject(v['primary_topic']) ? str(v['primary_topic']['display_name']) : undefined;
  return {
    title: str(v['title']) ?? str(v['display_name']),
    abstract: abstract.text,
    authors,
    organizations,
    arxivId,
    doi: str(v['doi']) ?? str(ids['doi']),
    date: str(v['publication_date']) ?? num(v['publication_year']),
    url: str(v['id']) ?? str(ids['openalex']),
    labels: topic === undefined ? undefined : { topic },
  };
}

/**
 * Author lists as one string: `;`-separated when there is a `;`, else `,`-separated, else
 * split on " and ". ("Last, First" lists are ambiguous with commas: use a JSON list or `;`.)
 */
export function splitAuthors(s: string): string[] {
  const sep = s.includes(';') ? ';' : s.includes(',') ? /,|\band\b/ : /\band\b/;
  return s
    .split(sep)
    .map((x) => x.trim())
    .filter((x) => x !== '');
}
