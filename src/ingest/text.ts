/** Small text helpers shared by the parsers. Pure; no I/O. */

export function collapseWhitespace(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
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
 * Light markup removal for titles and abstracts: HTML/JATS tags (`<jats:p>`, `<i>`), entities,
 * and the common LaTeX text macros (`\emph{x}` -> `x`, `$O(n)$` -> `O(n)`). Deliberately not a
 * LaTeX renderer: maths keeps its symbols so TF-IDF still sees the words around it.
 */
export function stripMarkup(s: string): string {
  return collapseWhitespace(
    decodeEntities(
      s
        .replace(/<\/?[a-z][a-z0-9:-]*(?:\s[^<>]*)?\/?>/gi, ' ')
        .replace(
          /\\(?:emph|textbf|textit|texttt|textsc|textrm|mathrm|mathbf|mathit|underline)\{([^{}]*)\}/g,
          '$1',
        )
        .replace(/\$([^$\n]{1,200})\$/g, '$1')
        .replace(/\\([&%_#$])/g, '$1'),
    ),
  );
}

const CODE_URL = /\b(?:https?:\/\/)?(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org)\/[^\s<>"'`]+/gi;

/**
 * Code-hosting URLs (github.com, gitlab.com, bitbucket.org) in free text, `https://`-prefixed,
 * trailing sentence punctuation and unbalanced closing brackets stripped, deduplicated in order.
 */
export function extractCodeUrls(text: string): string[] {
  const out: string[] = [];
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
