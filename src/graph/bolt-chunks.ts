import { createRequire } from 'node:module';

/**
 * The JavaScript driver cuts every outgoing Bolt message into 1,400-byte chunks and hands
 * each chunk to the socket on its own. A batch of a thousand papers (abstracts, vectors,
 * neighbour lists) is megabytes: thousands of socket writes here and as many chunk reads on
 * the server. Bolt allows chunks of up to 65,535 bytes; after its first message each
 * connection uses chunks of `CHUNK_BYTES`. Small messages are unaffected (a message is sent
 * as soon as it is complete, whatever the buffer size).
 */
export const CHUNK_BYTES = 65_535;

interface ChunkerLike {
  _bufferSize: number;
}

let applied = false;

/** Larger outgoing Bolt chunks for every connection of this process (idempotent). */
export function useLargeBoltChunks(): void {
  if (applied) return;
  applied = true;
  // The driver's own copy of its connection package (the one its connections are made with).
  const fromDriver = createRequire(createRequire(import.meta.url).resolve('neo4j-driver'));
  let chunking: { Chunker?: { prototype: { flush: (this: ChunkerLike) => unknown } } };
  try {
    chunking = fromDriver('neo4j-driver-bolt-connection/lib/channel/chunking.js') as typeof chunking;
  } catch {
    return; // another driver layout: keep its defaults
  }
  const proto = chunking.Chunker?.prototype;
  if (!proto || typeof proto.flush !== 'function') return;
  const flush = proto.flush;
  proto.flush = function (this: ChunkerLike) {
    // The buffer allocated by this flush (for the next message) has the larger size; a chunk's
    // payload is the buffer less its 2-byte header, within Bolt's 65,535.
    this._bufferSize = CHUNK_BYTES;
    return flush.call(this);
  };
}
