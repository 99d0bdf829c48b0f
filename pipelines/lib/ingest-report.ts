import type { Collected } from '../../src/services/collect.js';
import { countByReason } from '../../src/services/collect.js';
import type { IngestOutcome } from '../../src/services/ingest.service.js';
import type { TopicMove } from '../../src/services/topic-moves.js';

/** The summary every ingest prints: what was read, written, skipped and why, and how long it took. */
export function formatIngestSummary(
  collected: Collected,
  outcome: IngestOutcome,
  ms: number,
  maxListed = 10,
): string {
  const lines = [
    `papers read:       ${collected.papers.length + collected.duplicates}`,
    `  duplicates:      ${collected.duplicates}`,
    `papers written:    ${outcome.written} (${outcome.mode})`,
    `already in graph:  ${outcome.unchanged}`,
    `records skipped:   ${collected.skipped.length}`,
  ];
  for (const [reason, n] of countByReason(collected.skipped)) lines.push(`  ${reason}: ${n}`);
  for (const s of collected.skipped.slice(0, maxListed))
    lines.push(`    ${s.ref.file}:${s.ref.line}: ${s.message}`);
  if (collected.skipped.length > maxListed)
    lines.push(`    ... and ${collected.skipped.length - maxListed} more`);
  if (collected.warnings.length > 0) {
    lines.push(`warnings:          ${collected.warnings.length}`);
    for (const [reason, n] of countByReason(collected.warnings)) lines.push(`  ${reason}: ${n}`);
  }
  lines.push(
    `topic model:       ${outcome.modelVersion ?? '-'} (${outcome.topics} topics)`,
    `refresh:           ${outcome.refresh.action}: ${outcome.refresh.reason}`,
    ...(outcome.moves.length > 0 ? [`topic moves:       ${tallyMoves(outcome.moves)}`] : []),
    ...(outcome.unplaced > 0
      ? [
          `unplaced papers:   ${outcome.unplaced} (no word the model knows: in the largest topic, ` +
            'no related papers until the next rebuild)',
        ]
      : []),
    `similarity edges:  ${outcome.similarityEdges} written`,
    `time:              ${(ms / 1000).toFixed(1)} s`,
  );
  if (outcome.kReason) lines.push(`k:                 ${outcome.kReason}`);
  return lines.join('\n');
}

/** "3 kept, 1 split, 2 new": how many moves of each kind. */
export function tallyMoves(moves: readonly TopicMove[]): string {
  const tally = new Map<string, number>();
  for (const m of moves) tally.set(m.kind, (tally.get(m.kind) ?? 0) + 1);
  return [...tally].map(([kind, n]) => `${n} ${kind}`).join(', ') || 'none';
}
