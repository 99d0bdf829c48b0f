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
    ...readLines(collected).slice(0, 2),
    `papers written:    ${outcome.written} (${outcome.mode})`,
    `already in graph:  ${outcome.unchanged}`,
    ...readLines(collected, maxListed).slice(2),
  ];
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

/**
 * What reading the input gave: records that were papers (duplicates included), the
 * duplicates merged into another record of the same paper, the records skipped, by reason and
 * the first `maxListed` with file and line, and the warnings. `npm run ingest` and
 * `npm run analyze` print these lines alike, so the same file gives the same counts.
 */
export function readLines(collected: Collected, maxListed = 10): string[] {
  const lines = [
    `papers read:       ${collected.papers.length + collected.duplicates}`,
    `  duplicates:      ${collected.duplicates}`,
    `records skipped:   ${collected.skipped.length}`,
  ];
  for (const [reason, n] of countByReason(collected.skipped)) lines.push(`  ${reason}: ${n}`);
  for (const s of collected.skipped.slice(0, maxListed))
    lines.push(`    ${s.ref.file}:${s.ref.line}: skipped (${s.reason}): ${s.message}`);
  if (collected.skipped.length > maxListed)
    lines.push(`    ... and ${collected.skipped.length - maxListed} more`);
  if (collected.warnings.length > 0) {
    lines.push(`warnings:          ${collected.warnings.length}`);
    for (const [reason, n] of countByReason(collected.warnings)) lines.push(`  ${reason}: ${n}`);
  }
  return lines;
}

/** The error for an input without one usable paper: what was skipped, counted and listed. */
export function noPapersMessage(inputs: readonly string[], collected: Collected, maxListed = 10): string {
  const n = collected.skipped.length;
  const head =
    n === 0
      ? `no papers in ${inputs.join(', ')}: nothing to do.`
      : `no usable papers in ${inputs.join(', ')}: all ${n} record${n === 1 ? ' was' : 's were'} skipped ` +
        '(each paper needs a title and an abstract):';
  return [head, ...readLines(collected, maxListed).slice(2)].join('\n');
}
