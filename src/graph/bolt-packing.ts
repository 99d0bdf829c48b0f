import { createRequire } from 'node:module';

/**
 * The JavaScript driver packs query parameters value by value: for every value it asks each
 * of its type transformers whether the value is theirs, then builds a closure that writes it;
 * every string becomes a Buffer of its own before it is copied into the outgoing chunk. An
 * ingest sends millions of values (neighbour lists, keywords, vectors), and packing them
 * took more main-thread CPU than anything but the analysis.
 *
 * This packs lists and plain objects in one loop, without a closure per value, and writes
 * short strings straight into the chunk. The bytes are the driver's own, byte for byte:
 * primitives are written by the driver's own `packFloat`/`packString` encodings; anything
 * else (integers, temporal and spatial values, structures, iterables) goes through the
 * driver's `packable` as before.
 */

type Dehydrate = (x: unknown) => unknown;

interface ChannelBufferLike {
  _buffer: Buffer;
  position: number;
  length: number;
}

interface ChunkerLike {
  writeUInt8(value: number): void;
  _ensure?: (size: number) => void;
  _chunkOpen?: boolean;
  _buffer?: ChannelBufferLike;
}

interface PackerLike {
  _ch: ChunkerLike;
  packable(x: unknown, dehydrate?: Dehydrate): () => void;
  packFloat(x: number): void;
  packString(x: string): void;
  packListHeader(size: number): void;
  packMapHeader(size: number): void;
}

interface PackerClass {
  prototype: PackerLike;
}

const NULL = 0xc0;
const TRUE = 0xc3;
const FALSE = 0xc2;
const TINY_STRING = 0x80;
const STRING_8 = 0xd0;
const CHUNK_HEADER_BYTES = 2;

const identity: Dehydrate = (x) => x;

const PATCHED = Symbol.for('papergraph.fastPacking');

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && Object.getPrototypeOf(x) === Object.prototype;
}

/** Patch a Packer class (the driver's, or a copy in tests). Returns false if its shape is unknown. */
export function installFastPacking(Packer: PackerClass): boolean {
  const proto = Packer.prototype as PackerLike & { [PATCHED]?: true };
  if (proto[PATCHED]) return true;
  const { packable, packString } = proto;
  if (typeof packable !== 'function' || typeof packString !== 'function') return false;

  function value(packer: PackerLike, v: unknown, dehydrate: Dehydrate): void {
    switch (typeof v) {
      case 'number':
        packer.packFloat(v);
        return;
      case 'string':
        packer.packString(v);
        return;
      case 'boolean':
        packer._ch.writeUInt8(v ? TRUE : FALSE);
        return;
      case 'object':
        if (v === null) {
          packer._ch.writeUInt8(NULL);
          return;
        }
        if (Array.isArray(v)) {
          list(packer, v, dehydrate);
          return;
        }
        if (isPlainObject(v) && dehydrate(v) === v) {
          map(packer, v, dehydrate);
          return;
        }
    }
    packable.call(packer, v, dehydrate)();
  }

  function list(packer: PackerLike, items: readonly unknown[], dehydrate: Dehydrate): void {
    packer.packListHeader(items.length);
    // A list's undefined entries are sent as null, as the driver does.
    for (const item of items) value(packer, item ?? null, dehydrate);
  }

  function map(packer: PackerLike, o: Record<string, unknown>, dehydrate: Dehydrate): void {
    const keys = Object.keys(o);
    let count = 0;
    for (const k of keys) if (o[k] !== undefined) count++;
    packer.packMapHeader(count);
    // A map's undefined entries are left out, as the driver does.
    for (const k of keys) {
      const v = o[k];
      if (v === undefined) continue;
      packer.packString(k);
      value(packer, v, dehydrate);
    }
  }

  // A list or map is packed when the driver invokes the returned function, as its own are.
  proto.packable = function (this: PackerLike, x: unknown, dehydrate: Dehydrate = identity) {
    if (Array.isArray(x) || isPlainObject(x)) return () => value(this, x, dehydrate);
    return packable.call(this, x, dehydrate);
  };

  // Strings under 256 UTF-8 bytes (ids, terms, names, titles) are encoded into the open chunk
  // when they fit in it; longer ones, and any that would cross into the next chunk, take the
  // driver's path (so even the chunk boundaries fall where the driver puts them).
  proto.packString = function (this: PackerLike, x: string) {
    const ch = this._ch;
    const out = ch._buffer;
    if (
      typeof ch._ensure !== 'function' ||
      out === undefined ||
      !Buffer.isBuffer(out._buffer) ||
      x.length >= 0x100
    )
      return packString.call(this, x);
    const size = Buffer.byteLength(x, 'utf8');
    const header = size < 0x10 ? 1 : 2;
    const needed = header + size + (ch._chunkOpen === true ? 0 : CHUNK_HEADER_BYTES);
    if (size >= 0x100 || out.length - out.position < needed) return packString.call(this, x);
    if (size < 0x10) ch.writeUInt8(TINY_STRING | size);
    else {
      ch.writeUInt8(STRING_8);
      ch.writeUInt8(size);
    }
    out._buffer.write(x, out.position, 'utf8');
    out.position += size;
  };
  proto[PATCHED] = true;
  return true;
}

let applied = false;

/** Faster parameter packing for every connection of this process (idempotent). */
export function useFastBoltPacking(): void {
  if (applied) return;
  applied = true;
  const fromDriver = createRequire(createRequire(import.meta.url).resolve('neo4j-driver'));
  let v1: { Packer?: PackerClass };
  try {
    v1 = fromDriver('neo4j-driver-bolt-connection/lib/packstream/packstream-v1.js') as typeof v1;
  } catch {
    return; // another driver layout: keep its packing
  }
  // Later packstream versions extend this Packer; those that override `packable` keep theirs.
  if (v1.Packer) installFastPacking(v1.Packer);
}
