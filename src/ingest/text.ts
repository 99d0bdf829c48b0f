/** Small text helpers shared by the parsers. Pure; no I/O. */

/**
 * Undo UTF-8 that was decoded as Latin-1 somewhere upstream ("AzaÃ¯s" -> "Azaïs"; the 2026
 * arXiv API fixture has 18 such lines). Only applied when every character fits in one byte,
 * the text has the tell-tale `Ã`/`Â` + continuation-byte pairs, and the bytes are valid
 * UTF-8, so correct Latin-1 text ("Ãlvaro") is left alone.
 */
export function repairMojibake(s: string): string {
  if (!/[\u00c2-\u00f4][\u0080-\u00bf]/.test(s) || [...s].some((ch) => ch.charCodeAt(0) > 0xff)) return s;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(s, 'latin1'));
  } catch {
    return s;
  }
}

/**
 * Runs of whitespace become one space; control characters (NUL and the other C0 codes, DEL)
 * count as whitespace: they are never text, and Neo4j's full-text analyzer and the
 * tokenizer would otherwise see a "word" made of them.
 */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const SPACE_RUN = /[\s\u0000-\u001f\u007f]{2,}|[^\S ]|[\u0000-\u001f\u007f]/g;

export function collapseWhitespace(s: string): string {
  // Only runs and single non-space characters need replacing (hot path: every field).
  return s.replace(SPACE_RUN, ' ').trim();
}

const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X'))
      return safeCodePoint(parseInt(body.slice(2), 16), whole);
    if (body.startsWith('#')) return safeCodePoint(parseInt(body.slice(1), 10), whole);
    return ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function safeCodePoint(cp: number, fallback: string): string {
  return Number.isInteger(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : fallback;
}

/**
 * Tags that appear in scraped abstracts (HTML, JATS from Crossref, MathML). Named explicitly
 * so that comparisons such as "n<k and k>m" are not mistaken for a tag.
 */
const HTML_TAG =
  /<\/?(?:jats:[a-z-]+|mml:[a-z]+|p|i|b|u|em|strong|sub|sup|br|hr|span|div|a|tt|code|math|italic|bold|sc|title|sec|list|list-item|inline-formula)(?:\s[^<>]*)?\/?>/gi;

const LATEX_TEXT_MACRO =
  /\\(?:emph|textbf|textit|texttt|textsc|textrm|mathrm|mathbf|mathit|underline)\{([^{}]*)\}/g;

/**
 * Light markup removal for titles and abstracts: HTML/JATS tags (`<jats:p>`, `<i>`), entities,
 * and the common LaTeX text macros (`\emph{x}` -> `x`, `$O(n)$` -> `O(n)`). Deliberately not a
 * LaTeX renderer: maths keeps its symbols so TF-IDF still sees the words around it.
 */
export function stripMarkup(s: string): string {
  // Each pass only runs when its marker character is present (hot path: every abstract).
  let out = repairMojibake(s);
  if (out.includes('<')) out = out.replace(HTML_TAG, ' ');
  if (out.includes('\\')) out = out.replace(LATEX_TEXT_MACRO, '$1');
  // Inline maths `$...$`, but not escaped dollars (`\$5`).
  if (out.includes('$')) out = out.replace(/(?<!\\)\$([^$\n]{1,200}?)(?<!\\)\$/g, '$1');
  if (out.includes('\\')) out = out.replace(/\\([&%_#$])/g, '$1');
  if (out.includes('&')) out = decodeEntities(out);
  return collapseWhitespace(out);
}

const CODE_URL = /\b(?:https?:\/\/)?(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)\/[^\s<>"'`]+/gi;

/**
 * Code-hosting URLs (github.com, gitlab.com, bitbucket.org) in free text, `https://`-prefixed,
 * trailing sentence punctuation and unbalanced closing brackets stripped, deduplicated in order.
 */
export function extractCodeUrls(text: string): string[] {
  const out: string[] = [];
  if (!/git(?:hub|lab)\.com|bitbucket\.org/i.test(text)) return out;
  for (const match of text.matchAll(CODE_URL)) {
    let url = match[0].replace(/[.,;:!?)\]}]+$/, '');
    if (!/^https?:\/\//i.test(url)) url = 'https://' + url;
    const path = url.replace(/^https?:\/\/[^/]+\/?/, '');
    if (path.length === 0 || out.includes(url)) continue;
    out.push(url);
  }
  return out;
}

/**
 * Cut `text` to at most `maxChars` UTF-16 code units, at the last whitespace when there is
 * one in the final fifth (so a word is never split), and mark the cut with an ellipsis.
 */
export function truncateAtWord(text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  const limit = Math.max(0, maxChars - 1);
  const hard = text.slice(0, limit);
  const space = hard.lastIndexOf(' ');
  const cut = space >= limit * 0.8 ? hard.slice(0, space) : hard;
  return { text: cut.trimEnd() + '…', truncated: true };
}

/** Trimmed, whitespace-collapsed names; the second spelling of the same name (case-insensitive) is dropped. */
export function dedupeNames(names: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = collapseWhitespace(raw);
    const key = name.toLowerCase();
    if (name.length === 0 || seen.has(key)) continue;
    seen.add(key);
    out.push(name);
  }
  return out;
}
