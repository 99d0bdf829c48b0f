import type { PaperRecord, ParseEvent, ParseWarning, SkippedRecord } from '../domain/paper.js';

export interface Collected {
  readonly papers: PaperRecord[];
  readonly skipped: SkippedRecord[];
  readonly warnings: ParseWarning[];
  /** Records seen twice in the input (same id); the first is kept. */
  readonly duplicates: number;
}

/** Drain parse events into papers (deduplicated by id), skips and warnings. */
export async function collectPapers(
  events: AsyncIterable<ParseEvent>,
  onEvent?: (counts: { papers: number; skipped: number }) => void,
): Promise<Collected> {
  const byId = new Map<string, PaperRecord>();
  const skipped: SkippedRecord[] = [];
  const warnings: ParseWarning[] = [];
  let duplicates = 0;
  for await (const e of events) {
    if (e.kind === 'skipped') skipped.push(e.skipped);
    else {
      if (byId.has(e.paper.id)) duplicates++;
      else byId.set(e.paper.id, e.paper);
      if (e.warnings) warnings.push(...e.warnings);
    }
    onEvent?.({ papers: byId.size, skipped: skipped.length });
  }
  return { papers: [...byId.values()], skipped, warnings, duplicates };
}

/** Skip counts by reason, largest first. */
export function countByReason(items: readonly { reason: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const s of items) counts.set(s.reason, (counts.get(s.reason) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1]);
}
