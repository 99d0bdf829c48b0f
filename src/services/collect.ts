import type { PaperRecord, ParseEvent, ParseWarning, SkippedRecord } from '../domain/paper.js';
import { dedupePapers } from '../ingest/dedupe.js';

export interface Collected {
  readonly papers: PaperRecord[];
  readonly skipped: SkippedRecord[];
  readonly warnings: ParseWarning[];
  /** Records that were the same paper as another in the input (arXiv id, DOI or title); merged. */
  readonly duplicates: number;
}

/** Drain parse events into papers (the same paper seen twice merged), skips and warnings. */
export async function collectPapers(
  events: AsyncIterable<ParseEvent>,
  onEvent?: (counts: { papers: number; skipped: number }) => void,
): Promise<Collected> {
  const all: PaperRecord[] = [];
  const skipped: SkippedRecord[] = [];
  const warnings: ParseWarning[] = [];
  for await (const e of events) {
    if (e.kind === 'skipped') skipped.push(e.skipped);
    else {
      all.push(e.paper);
      if (e.warnings) warnings.push(...e.warnings);
    }
    onEvent?.({ papers: all.length, skipped: skipped.length });
  }
  const papers = dedupePapers(all);
  return { papers, skipped, warnings, duplicates: all.length - papers.length };
}

/** Skip counts by reason, largest first. */
export function countByReason(items: readonly { reason: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of items) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}
