import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { CHUNK_BYTES, useLargeBoltChunks } from '../../../src/graph/bolt-chunks.js';

interface Chunker {
  putUInt8(position: number, value: number): void;
  messageBoundary(): void;
  flush(): void;
}
type ChunkerClass = new (channel: { write(buffer: { _buffer: Buffer }): void }) => Chunker;

const fromDriver = createRequire(createRequire(import.meta.url).resolve('neo4j-driver'));
const { Chunker } = fromDriver('neo4j-driver-bolt-connection/lib/channel/chunking.js') as {
  Chunker: ChunkerClass;
};

/** One message of `size` bytes through a chunker: the socket writes it made, and its chunks. */
function send(chunker: Chunker, writes: Buffer[], size: number) {
  const before = writes.length;
  for (let i = 0; i < size; i++) chunker.putUInt8(0, i % 251);
  chunker.messageBoundary();
  chunker.flush();
  const bytes = Buffer.concat(writes.slice(before));
  const chunks: Buffer[] = [];
  for (let at = 0; at < bytes.length;) {
    const n = bytes.readUInt16BE(at);
    chunks.push(bytes.subarray(at + 2, at + 2 + n));
    at += 2 + n;
  }
  return { socketWrites: writes.length - before, chunks };
}

describe('large Bolt chunks', () => {
  it('sends a big message in few chunks of at most 65,535 bytes, byte for byte', () => {
    useLargeBoltChunks();
    useLargeBoltChunks(); // idempotent: the patch is not stacked
    const writes: Buffer[] = [];
    const chunker = new Chunker({ write: (b) => writes.push(Buffer.from(b._buffer)) });
    send(chunker, writes, 10); // the first message uses the driver's initial buffer
    const size = 300_000;
    const { socketWrites, chunks } = send(chunker, writes, size);
    const payload = chunks.filter((c) => c.length > 0);
    expect(Buffer.concat(payload)).toEqual(Buffer.from(Array.from({ length: size }, (_, i) => i % 251)));
    // Message boundary: the last chunk is empty.
    expect(chunks.at(-1)?.length).toBe(0);
    expect(Math.max(...payload.map((c) => c.length))).toBeLessThanOrEqual(65_535);
    expect(socketWrites).toBeLessThanOrEqual(Math.ceil(size / (CHUNK_BYTES - 2)) + 1);
  });
});
