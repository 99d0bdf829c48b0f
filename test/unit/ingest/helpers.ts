import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PaperRecord, ParseEvent, SkippedRecord } from '../../../src/domain/paper.js';

export const FIXTURES = 'test/fixtures';

export async function collect(events: AsyncIterable<ParseEvent>): Promise<ParseEvent[]> {
  const out: ParseEvent[] = [];
  for await (const e of events) out.push(e);
  return out;
}

export const papersOf = (events: readonly ParseEvent[]): PaperRecord[] =>
  events.flatMap((e) => (e.kind === 'paper' ? [e.paper] : []));

export const skippedOf = (events: readonly ParseEvent[]): SkippedRecord[] =>
  events.flatMap((e) => (e.kind === 'skipped' ? [e.skipped] : []));

/** Write `content` to a fresh temp directory and return the file path. */
export function tempFile(name: string, content: string | Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'papergraph-ingest-'));
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
}
