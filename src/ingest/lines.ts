import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UserInputError } from '../domain/errors.js';

/** One decoded line without its line terminator; `line` is 1-based. */
export interface Line {
  readonly text: string;
  readonly line: number;
}

/** Throws a UserInputError unless `file` is an existing, non-empty regular file. */
export async function assertReadableFile(file: string): Promise<void> {
  let info;
  try {
    info = await stat(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new UserInputError(`${file}: no such file; check the path`, 'INPUT_NOT_FOUND');
    }
    throw new UserInputError(
      `${file}: cannot read (${code ?? 'unknown error'}); check permissions`,
      'INPUT_UNREADABLE',
    );
  }
  if (info.isDirectory()) {
    throw new UserInputError(
      `${file} is a directory; pass one file (e.g. ${file}/papers.jsonl)`,
      'INPUT_IS_DIRECTORY',
    );
  }
  if (info.size === 0) throw emptyFileError(file);
}

export function emptyFileError(file: string): UserInputError {
  return new UserInputError(`${file} is empty: there are no papers to read`, 'INPUT_EMPTY');
}

export function notUtf8Error(file: string, line: number): UserInputError {
  return new UserInputError(
    `${file}:${line}: bytes that are not valid UTF-8; re-encode the file as UTF-8 (e.g. iconv -f latin1 -t utf-8)`,
    'INPUT_NOT_UTF8',
  );
}

const NEWLINE = 0x0a;

/**
 * Longest line read (bytes). A whole minified API response fits many times over; a file that
 * is one 100 MB line (a dump without newlines, or not text at all) is refused at this point,
 * so memory stays bounded by it.
 */
export const MAX_LINE_BYTES = 32 * 1024 * 1024;

export function lineTooLongError(file: string, line: number, maxBytes: number): UserInputError {
  return new UserInputError(
    `${file}:${line}: a line longer than ${Math.round(maxBytes / 1024 / 1024)} MiB; ` +
      'this is not a paper listing (split the file into lines, e.g. one JSON record per line)',
    'INPUT_LINE_TOO_LONG',
  );
}

/**
 * Stream a file as lines. Bytes are split on `\n` before decoding and every line is decoded
 * with a fatal UTF-8 decoder, so invalid bytes are reported with their exact line (a lenient
 * decoder would silently turn them into U+FFFD, which real scraped text also contains). A
 * leading BOM and a trailing `\r` are removed. Memory: one chunk plus the current line.
 */
export async function* readLines(file: string, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<Line> {
  await assertReadableFile(file);
  let pendingBytes = 0;
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
  let pending: Buffer[] = [];
  let lineNo = 0;
  const decode = (bytes: Buffer): string => {
    lineNo += 1;
    const end = bytes.length > 0 && bytes[bytes.length - 1] === 0x0d ? bytes.length - 1 : bytes.length;
    try {
      return decoder.decode(bytes.subarray(0, end));
    } catch {
      throw notUtf8Error(file, lineNo);
    }
  };
  const stream = createReadStream(file);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let start = 0;
      let nl = chunk.indexOf(NEWLINE, start);
      while (nl !== -1) {
        const piece = chunk.subarray(start, nl);
        const bytes = pending.length > 0 ? Buffer.concat([...pending, piece]) : piece;
        pending = [];
        pendingBytes = 0;
        if (bytes.length > maxLineBytes) throw lineTooLongError(file, lineNo + 1, maxLineBytes);
        yield { text: decode(bytes), line: lineNo };
        start = nl + 1;
        nl = chunk.indexOf(NEWLINE, start);
      }
      if (start < chunk.length) {
        pending.push(chunk.subarray(start));
        pendingBytes += chunk.length - start;
        if (pendingBytes > maxLineBytes) throw lineTooLongError(file, lineNo + 1, maxLineBytes);
      }
    }
    if (pending.length > 0) yield { text: decode(Buffer.concat(pending)), line: lineNo };
  } finally {
    stream.destroy();
  }
}

/** Split in-memory text the way `readLines` splits a file (for the pure `parse*` functions). */
export function* splitLines(text: string): Generator<Line> {
  const parts = text.replace(/^\uFEFF/, '').split('\n');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  for (let i = 0; i < parts.length; i++) {
    yield { text: (parts[i] ?? '').replace(/\r$/, ''), line: i + 1 };
  }
}
