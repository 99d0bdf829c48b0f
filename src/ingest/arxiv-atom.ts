/**
 * arXiv API responses (Atom 1.0 with the `arxiv:` extension namespace), streamed with sax:
 * one `<entry>` at a time is held, never the feed. Works for the classic (2016) and the
 * current (2025+) response layouts, which differ only in element order and namespace
 * declarations.
 */
import sax from 'sax';
import type { ParseEvent } from '../domain/paper.js';
import { skippedEvent } from './events.js';
import { emptyFileError, readLines } from './lines.js';
import { buildPaper } from './record.js';

export const ARXIV_ATOM_SOURCE = 'arxiv-atom';

const ATOM = 'http://www.w3.org/2005/Atom';
const ARXIV = 'http://arxiv.org/schemas/atom';

interface EntryDraft {
  line: number;
  id?: string;
  title?: string;
  summary?: string;
  published?: string;
  updated?: string;
  doi?: string;
  comment?: string;
  primary?: string;
  categories: string[];
  authors: string[];
  affiliations: string[];
  links: { href: string; rel?: string; title?: string; type?: string }[];
}

type TextField =
  'id' | 'title' | 'summary' | 'published' | 'updated' | 'doi' | 'comment' | 'name' | 'affiliation';

export interface AtomOptions {
  readonly maxAbstractChars?: number | undefined;
}

/** Stream the entries of an arXiv Atom file as ParseEvents (`bad-xml` stops the file). */
export async function* readArxivAtom(file: string, opts: AtomOptions = {}): AsyncGenerator<ParseEvent> {
  const out: ParseEvent[] = [];
  const parser = sax.parser(true, { xmlns: true, trim: false, normalize: false });
  let entry: EntryDraft | undefined;
  let inAuthor = false;
  let field: TextField | undefined;
  let text = '';
  let failed = false;
  let sawRoot = false;

  parser.onerror = (err) => {
    if (failed) return;
    failed = true;
    const reason = err.message.split('\n')[0] ?? 'malformed XML';
    out.push(
      skippedEvent(
        file,
        parser.line + 1,
        'bad-xml',
        `malformed XML (${reason}); the rest of the file is not read`,
      ),
    );
  };
  parser.ondoctype = (doctype) => {
    // Entity declarations are how XML bombs ("billion laughs") expand; arXiv never sends a
    // DTD. sax does not expand them, but the references would fail one by one: stop here.
    if (/<!ENTITY/i.test(doctype) && !failed) {
      failed = true;
      out.push(
        skippedEvent(
          file,
          parser.line + 1,
          'bad-xml',
          'the XML declares entities in a DTD (<!ENTITY ...>), which an arXiv API response never does; the file is not read',
        ),
      );
    }
  };
  parser.onopentag = (node) => {
    sawRoot = true;
    const tag = node as sax.QualifiedTag;
    const attr = (name: string): string | undefined => tag.attributes[name]?.value;
    const isAtom = tag.uri === ATOM || tag.uri === '';
    const isArxiv = tag.uri === ARXIV || tag.prefix === 'arxiv';
    if (isAtom && tag.local === 'entry') {
      entry = { line: parser.line + 1, categories: [], authors: [], affiliations: [], links: [] };
      return;
    }
    if (entry === undefined) return;
    field = undefined;
    if (isAtom && tag.local === 'author') inAuthor = true;
    else if (isAtom && tag.local === 'name' && inAuthor) field = 'name';
    else if (isArxiv && tag.local === 'affiliation' && inAuthor) field = 'affiliation';
    else if (isAtom && ['id', 'title', 'summary', 'published', 'updated'].includes(tag.local)) {
      field = tag.local as TextField;
    } else if (isArxiv && (tag.local === 'doi' || tag.local === 'comment')) field = tag.local;
    else if (isArxiv && tag.local === 'primary_category') entry.primary = attr('term');
    else if (isAtom && tag.local === 'category') {
      const term = attr('term');
      if (term) entry.categories.push(term);
    } else if (isAtom && tag.local === 'link') {
      const href = attr('href');
      if (href) entry.links.push({ href, rel: attr('rel'), title: attr('title'), type: attr('type') });
    }
    text = '';
  };
  parser.ontext = (t) => {
    if (field !== undefined) text += t;
  };
  parser.oncdata = (t) => {
    if (field !== undefined) text += t;
  };
  parser.onclosetag = () => {
    const tag = (parser as unknown as { tag: sax.QualifiedTag | undefined }).tag;
    if (entry === undefined) return;
    if (field !== undefined) {
      if (field === 'name') entry.authors.push(text);
      else if (field === 'affiliation') entry.affiliations.push(text);
      else entry[field] = (entry[field] ?? '') + text;
      field = undefined;
      text = '';
      return;
    }
    if (tag?.local === 'author') inAuthor = false;
    else if (tag?.local === 'entry') {
      out.push(entryEvent(entry, file, opts));
      entry = undefined;
    }
  };

  let sawText = false;
  for await (const line of readLines(file)) {
    if (!sawText && line.text.trim() !== '') sawText = true;
    if (!failed) parser.write(line.text + '\n');
    yield* out.splice(0);
  }
  if (!sawText) throw emptyFileError(file);
  if (!failed) {
    parser.close();
    if (!sawRoot && !failed) out.push(skippedEvent(file, 1, 'bad-xml', 'no XML element found'));
  }
  yield* out.splice(0);
}

function entryEvent(e: EntryDraft, file: string, opts: AtomOptions): ParseEvent {
  const ref = { file, line: e.line };
  const id = e.id?.trim() ?? '';
  // The API reports query errors as an entry whose id points at /api/errors.
  if (/\/api\/errors/.test(id)) {
    return skippedEvent(file, e.line, 'bad-record', `arXiv API error entry: ${(e.summary ?? '').trim()}`);
  }
  const alternate = e.links.find((l) => l.rel === 'alternate')?.href;
  const doiLink = e.links.find((l) => l.title === 'doi')?.href;
  const categories = e.primary ? [e.primary, ...e.categories] : e.categories;
  return buildPaper(
    {
      title: e.title,
      abstract: e.summary,
      authors: e.authors,
      organizations: e.affiliations,
      arxivId: id,
      doi: e.doi ?? doiLink,
      date: e.published ?? e.updated,
      url: alternate ?? (id === '' ? undefined : id),
      categories,
      codeText: e.comment,
      labels: categories[0] === undefined ? undefined : { primary_category: categories[0] },
    },
    { source: ARXIV_ATOM_SOURCE, ref, maxAbstractChars: opts.maxAbstractChars },
  );
}
