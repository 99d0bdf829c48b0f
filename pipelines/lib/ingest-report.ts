import type { Collected } from '../../src/services/collect.js';
import { countByReason } from '../../src/services/collect.js';
import type { IngestOutcome } from '../../src/services/ingest.service.js';

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
    `similarity edges:  ${outcome.similarityEdges} written`,
    `time:              ${(ms / 1000).toFixed(1)} s`,
  );
  if (outcome.kReason) lines.push(`k:                 ${outcome.kReason}`);
  return lines.join('\n');
}
