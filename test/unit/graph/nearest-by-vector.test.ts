import { describe, expect, it } from 'vitest';
import { nearestByVector } from '../../../src/graph/cypher/ingest.js';

describe('nearestByVector', () => {
  it('leaves out zero vectors, which the vector index refuses, and asks for k + 1 (the paper itself)', () => {
    const s = nearestByVector(
      [
        { id: 'known-words', embedding: [0.6, 0.8] },
        { id: 'no-known-word', embedding: [0, 0] },
      ],
      5,
    );
    expect(s.params).toEqual({ rows: [{ id: 'known-words', embedding: [0.6, 0.8] }], k: 6 });
  });
});
