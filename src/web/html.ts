/**
 * Text for HTML and SVG, in content or in a double-quoted attribute (every attribute the pages
 * write is double-quoted, so `'` needs no escape).
 */
export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
