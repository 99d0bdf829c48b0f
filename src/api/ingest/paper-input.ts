import type { PaperRecord } from '../../domain/paper.js';
import { normaliseArxivId } from '../../domain/ids.js';
import { buildPaper } from '../../ingest/record.js';
import type { PaperInput } from './ingest.type.js';

export type CheckedInput =
  { readonly ok: true; readonly paper: PaperRecord } | { readonly ok: false; readonly message: string };

/** Earliest publication date accepted; anything before is a typo. */
const EARLIEST = '1900-01-01';

function isHttpUrl(s: string): boolean {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * One `PaperInput` through the same checks as a record read from a file (`buildPaper`:
 * required title and abstract, markup stripped, names deduplicated, id derived), plus what
 * only an API caller gets wrong: an arXiv id or URL that is not one, a date far off.
 */
export function checkPaperInput(input: PaperInput, index: number, today: string): CheckedInput {
  const fail = (message: string): CheckedInput => ({ ok: false, message });
  if (input.arxivId != null && input.arxivId.trim() !== '' && normaliseArxivId(input.arxivId) === undefined) {
    return fail(`arxivId "${input.arxivId}" is not an arXiv id (like 2401.01234 or hep-th/9901001).`);
  }
  if (input.url != null && input.url.trim() !== '' && !isHttpUrl(input.url.trim())) {
    return fail(`url "${input.url}" is not an http(s) URL.`);
  }
  const date = input.publishedAt ? input.publishedAt.toISOString().slice(0, 10) : undefined;
  if (date !== undefined && (date < EARLIEST || date > today)) {
    return fail(`publishedAt ${date} is not between ${EARLIEST} and today (${today}).`);
  }
  if ((input.categories ?? []).some((c) => c.trim() === ''))
    return fail('categories must not contain empty strings.');
  const event = buildPaper(
    {
      title: input.title,
      abstract: input.abstract,
      authors: input.authors ?? [],
      date,
      arxivId: input.arxivId ?? undefined,
      url: input.url ?? undefined,
      categories: input.categories ?? [],
    },
    { source: 'api', ref: { file: 'ingestPapers', line: index } },
  );
  if (event.kind === 'skipped') {
    const { reason, message } = event.skipped;
    const field = reason === 'missing-title' ? 'title' : reason === 'missing-abstract' ? 'abstract' : null;
    return fail(field ? `${field} must not be empty.` : message);
  }
  return { ok: true, paper: event.paper };
}
