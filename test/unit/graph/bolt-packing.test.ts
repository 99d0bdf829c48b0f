import fc from 'fast-check';
import neo4j from 'neo4j-driver';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { useLargeBoltChunks } from '../../../src/graph/bolt-chunks.js';
import { installFastPacking, useFastBoltPacking } from '../../../src/graph/bolt-packing.js';

type Dehydrate = (x: unknown) => unknown;
interface Chunker {
  messageBoundary(): void;
  flush(): void;
}
interface Packer {
  packable(x: unknown, dehydrate: Dehydrate): () => void;
}
type PackerClass = (new (chunker: Chunker) => Packer) & { prototype: Packer };

const fromDriver = createRequire(createRequire(import.meta.url).resolve('neo4j-driver'));
const V1 = 'neo4j-driver-bolt-connection/lib/packstream/packstream-v1.js';
const { Chunker } = fromDriver('neo4j-driver-bolt-connection/lib/channel/chunking.js') as {
  Chunker: new (channel: { write(b: { _buffer: Buffer }): void }, size?: number) => Chunker;
};
const BoltProtocol = (
  fromDriver('neo4j-driver-bolt-connection/lib/bolt/bolt-protocol-v5x8.js') as {
    default: new (server: null, chunker: null, config: object) => { transformer: { toStructure: Dehydrate } };
  }
).default;
// The driver's own hydration of temporal, spatial and graph values, as a query uses it.
const dehydrate = new BoltProtocol(null, null, {}).transformer.toStructure;

/** A copy of the driver's Packer class that no other test or module has patched. */
function pristinePacker(): PackerClass {
  const file = fromDriver.resolve(V1);
  const cached = fromDriver.cache[file];
  delete fromDriver.cache[file];
  try {
    return (fromDriver(V1) as { Packer: PackerClass }).Packer;
  } finally {
    if (cached) fromDriver.cache[file] = cached;
  }
}

/** The bytes a packer writes for `value` as one message. */
function bytes(Packer: PackerClass, value: unknown, chunkBytes?: number): Buffer {
  const out: Buffer[] = [];
  const chunker = new Chunker({ write: (b) => out.push(Buffer.from(b._buffer)) }, chunkBytes);
  const packer = new Packer(chunker);
  packer.packable(value, dehydrate)();
  chunker.messageBoundary();
  chunker.flush();
  return Buffer.concat(out);
}

const driverValue = fc.oneof(
  fc.integer().map((n) => neo4j.int(n)),
  fc.date({ noInvalidDate: true }).map((d) => neo4j.types.Date.fromStandardDate(d)),
  fc
    .tuple(fc.double({ noNaN: true }), fc.double({ noNaN: true }))
    .map(([x, y]) => new neo4j.types.Point(7203, x, y)),
);
const { param } = fc.letrec((tie) => ({
  param: fc.oneof(
    { maxDepth: 3, withCrossShrink: true },
    fc.constantFrom(null, true, false, undefined),
    fc.double(),
    fc.string({ unit: 'binary', maxLength: 40 }), // multi-byte UTF-8 too
    fc.string({ minLength: 240, maxLength: 270 }), // either side of 256 bytes
    driverValue,
    fc.array(tie('param'), { maxLength: 5 }),
    fc.dictionary(fc.string({ maxLength: 8 }), tie('param'), { maxKeys: 4 }),
  ),
}));

describe('fast parameter packing', () => {
  const Original = pristinePacker();
  const Fast = pristinePacker();
  installFastPacking(Fast);

  it('writes the same bytes as the driver for any parameter map', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ maxLength: 8 }), param, { maxKeys: 6 }), (params) => {
        expect(bytes(Fast, params)).toEqual(bytes(Original, params));
      }),
      { numRuns: 500 },
    );
  });

  it('writes the same bytes when strings fall across chunk boundaries', () => {
    // Small chunks: many strings meet a full chunk and take the driver's own path; the chunk
    // boundaries fall in the same places.
    const rows = Array.from({ length: 200 }, (_, i) => ({
      id: `paper-${i}`,
      terms: ['graph', 'nœud', '网络', 'x'.repeat(i % 40)],
      score: i / 7,
    }));
    expect(bytes(Fast, { rows }, 64)).toEqual(bytes(Original, { rows }, 64));
    expect(bytes(Fast, { rows }, 1400)).toEqual(bytes(Original, { rows }, 1400));
  });

  it('reports a value the driver cannot pack, as the driver does', () => {
    const bad = { rows: [{ f: () => 1 }] };
    expect(() => bytes(Fast, bad)).toThrow(/Unable to pack/);
    expect(() => bytes(Original, bad)).toThrow(/Unable to pack/);
  });

  it('patches the driver’s own packer once', () => {
    useLargeBoltChunks();
    useFastBoltPacking();
    useFastBoltPacking();
    const Driver = (fromDriver(V1) as { Packer: PackerClass }).Packer;
    expect(installFastPacking(Driver)).toBe(true);
    const value = { rows: [{ id: 'p', ids: ['q', 'r'], scores: [0.5, 0.25] }] };
    expect(bytes(Driver, value)).toEqual(bytes(Original, value));
  });
});
