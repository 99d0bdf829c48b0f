/** In-memory merge of the same paper seen more than once in one batch. */
import { normaliseTitle, paperIdFor } from '../domain/ids.js';
import type { PaperRecord } from '../domain/paper.js';
import { dedupeNames } from './text.js';

/**
 * Merge records that are the same paper: same arXiv id, same DOI, or same normalised title
 * when their arXiv ids and DOIs do not contradict each other (different papers do share
 * titles: "Introduction", or 19 titles in the arXiv labelled corpus). Matching is transitive
 * (A~B by DOI, B~C by arXiv id -> one paper). Output keeps first-seen order.
 *
 * Merge rule: the longer title/abstract and the longer author list win; every other scalar
 * keeps the first defined value (upvotes: the largest); organisations, categories, code links
 * and `sources` are unions in first-seen order; labels are merged, first value per key wins.
 * The id is recomputed, so a merged record with an arXiv id is keyed by it.
 */
export function dedupePapers(records: Iterable<PaperRecord>): PaperRecord[] {
  const groups: (PaperRecord | undefined)[] = [];
  const byArxiv = new Map<string, number>();
  const byDoi = new Map<string, number>();
  const byTitle = new Map<string, number[]>();

  const register = (g: number, p: PaperRecord): void => {
    if (p.arxivId) byArxiv.set(p.arxivId, g);
    if (p.doi) byDoi.set(p.doi.toLowerCase(), g);
    const t = normaliseTitle(p.title);
    const list = byTitle.get(t) ?? [];
    if (!list.includes(g)) list.push(g);
    byTitle.set(t, list);
  };

  for (const record of records) {
    const candidates = new Set<number>();
    const a = record.arxivId ? byArxiv.get(record.arxivId) : undefined;
    const d = record.doi ? byDoi.get(record.doi.toLowerCase()) : undefined;
    if (a !== undefined) candidates.add(a);
    if (d !== undefined && compatible(groups[d], record)) candidates.add(d);
    for (const g of byTitle.get(normaliseTitle(record.title)) ?? []) {
      if (compatible(groups[g], record)) candidates.add(g);
    }
    // Keep only live groups, and only those that agree with each other once merged.
    let target: number | undefined;
    let merged = record;
    for (const g of [...candidates].sort((x, y) => x - y)) {
      const existing = groups[g];
      if (existing === undefined || !compatible(existing, merged)) continue;
      if (target === undefined) {
        target = g;
        merged = mergeTwo(existing, merged);
      } else {
        merged = mergeTwo(merged, existing);
        groups[g] = undefined;
        redirect(byArxiv, g, target);
        redirect(byDoi, g, target);
        for (const list of byTitle.values()) {
          const i = list.indexOf(g);
          if (i >= 0) list.splice(i, 1, ...(list.includes(target) ? [] : [target]));
        }
      }
    }
    if (target === undefined) {
      target = groups.length;
      groups.push(record);
    } else {
      groups[target] = merged;
    }
    register(target, merged);
  }
  return groups.filter((g): g is PaperRecord => g !== undefined);
}

function redirect(index: Map<string, number>, from: number, to: number): void {
  for (const [k, v] of index) if (v === from) index.set(k, to);
}

/** Two records may be one paper unless they name different arXiv ids or different DOIs. */
function compatible(a: PaperRecord | undefined, b: PaperRecord): boolean {
  if (a === undefined) return false;
  if (a.arxivId && b.arxivId && a.arxivId !== b.arxivId) return false;
  if (a.doi && b.doi && a.doi.toLowerCase() !== b.doi.toLowerCase()) return false;
  return true;
}

const longer = (x: string, y: string): string => (y.length > x.length ? y : x);

function mergeTwo(a: PaperRecord, b: PaperRecord): PaperRecord {
  const arxivId = a.arxivId ?? b.arxivId;
  const title = longer(a.title, b.title);
  const authors = b.authors.length > a.authors.length ? b.authors : a.authors;
  const upvotes =
    a.upvotes === undefined
      ? b.upvotes
      : b.upvotes === undefined
        ? a.upvotes
        : Math.max(a.upvotes, b.upvotes);
  const doi = a.doi ?? b.doi;
  const publishedAt = a.publishedAt ?? b.publishedAt;
  const url = a.url ?? b.url;
  const labels = a.labels || b.labels ? { ...b.labels, ...a.labels } : undefined;
  const sourceRef = a.sourceRef ?? b.sourceRef;
  return {
    id: paperIdFor(title, arxivId),
    ...(arxivId === undefined ? {} : { arxivId }),
    ...(doi === undefined ? {} : { doi }),
    title,
    abstract: longer(a.abstract, b.abstract),
    authors,
    authorCount: Math.max(a.authorCount, b.authorCount, authors.length),
    organizations: dedupeNames([...a.organizations, ...b.organizations]),
    ...(publishedAt === undefined ? {} : { publishedAt }),
    ...(upvotes === undefined ? {} : { upvotes }),
    ...(url === undefined ? {} : { url }),
    categories: dedupeNames([...a.categories, ...b.categories]),
    codeUrls: dedupeNames([...a.codeUrls, ...b.codeUrls]),
    source: a.source,
    sources: dedupeNames([...(a.sources ?? [a.source]), ...(b.sources ?? [b.source])]),
    ...(labels === undefined ? {} : { labels }),
    ...(sourceRef === undefined ? {} : { sourceRef }),
  };
}
