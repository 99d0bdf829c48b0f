import { createHash } from 'node:crypto';

/** Lower-case, strip accents and punctuation, collapse whitespace: the dedupe key for titles. */
export function normaliseTitle(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** arXiv ids without version suffix or URL prefix: `2508.12345`, `hep-th/9901001`. */
export function normaliseArxivId(raw: string): string | undefined {
  const s = raw
    .trim()
    .replace(/^https?:\/\/(www\.)?arxiv\.org\/(abs|pdf)\//i, '')
    .replace(/^arxiv:/i, '');
  const m = /^(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(v\d+)?(\.pdf)?$/i.exec(s);
  return m?.[1];
}

/** Stable paper id: the arXiv id when known, else `t-` + 16 hex chars of the normalised title's SHA-1. */
export function paperIdFor(title: string, arxivId?: string): string {
  if (arxivId) return arxivId;
  return 't-' + createHash('sha1').update(normaliseTitle(title)).digest('hex').slice(0, 16);
}

/** Author id from a normalised name: `Jane  Doe` and `jane doe` are one author. */
export function authorIdFor(name: string): string {
  return normaliseTitle(name).replace(/ /g, '-');
}
