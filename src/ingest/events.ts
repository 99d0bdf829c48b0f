import { UserInputError } from '../domain/errors.js';
import type { PaperRecord, ParseEvent, ParseWarning } from '../domain/paper.js';

/**
 * Why a record was skipped. Stable codes: pipelines count them and tests assert them, so
 * add new ones rather than reword old ones.
 */
export type SkipReason =
  | 'bad-json'
  | 'bad-xml'
  | 'bad-csv'
  | 'bad-record'
  | 'bad-date'
  | 'missing-title'
  | 'missing-abstract'
  | 'missing-date'
  | 'too-long'
  | 'unexpected-line';

export function skippedEvent(file: string, line: number, reason: SkipReason, message: string): ParseEvent {
  return { kind: 'skipped', skipped: { ref: { file, line }, reason, message } };
}

export function paperEvent(paper: PaperRecord, warnings: readonly ParseWarning[] = []): ParseEvent {
  return warnings.length > 0 ? { kind: 'paper', paper, warnings } : { kind: 'paper', paper };
}

/** The error strict mode raises for the first skipped record: `file:line: message (reason)`. */
export function skippedToError(event: Extract<ParseEvent, { kind: 'skipped' }>): UserInputError {
  const { ref, reason, message } = event.skipped;
  return new UserInputError(
    `${ref.file}:${ref.line}: ${message} (${reason}); fix the record or run without --strict to skip it`,
    'BAD_RECORD',
  );
}

/** Pass events through; in strict mode the first skipped record becomes a UserInputError. */
export async function* applyStrict(
  events: AsyncIterable<ParseEvent>,
  strict: boolean,
): AsyncGenerator<ParseEvent> {
  for await (const event of events) {
    if (strict && event.kind === 'skipped') throw skippedToError(event);
    yield event;
  }
}
