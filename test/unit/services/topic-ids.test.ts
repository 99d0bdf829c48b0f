import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { carryTopicIds } from '../../../src/services/topic-ids.js';

const fresh = (i: number) => `v2-${i}`;

describe('carryTopicIds', () => {
  it('keeps the id of a topic that persists, grown or trimmed', () => {
    const before = [
      { paperId: 'a', topicId: 'v1-0' },
      { paperId: 'b', topicId: 'v1-0' },
      { paperId: 'c', topicId: 'v1-1' },
      { paperId: 'd', topicId: 'v1-1' },
    ];
    // Topic indexes swap in the new model; a new paper joins topic 0.
    expect(carryTopicIds(before, ['a', 'b', 'c', 'd', 'e'], [1, 1, 0, 0, 0], 2, fresh)).toEqual([
      'v1-1',
      'v1-0',
    ]);
  });

  it('gives a split the old id on its larger part and a fresh id on the other; a new subject gets a fresh id', () => {
    const before = ['a', 'b', 'c', 'd', 'e'].map((paperId) => ({ paperId, topicId: 'v1-0' }));
    const ids = carryTopicIds(before, ['a', 'b', 'c', 'd', 'e', 'x', 'y'], [0, 0, 0, 1, 1, 2, 2], 3, fresh);
    expect(ids).toEqual(['v1-0', 'v2-1', 'v2-2']);
  });

  it('lets a topic that absorbed most of an old one keep its id', () => {
    const before = [
      { paperId: 'a', topicId: 'v1-0' },
      { paperId: 'b', topicId: 'v1-0' },
      { paperId: 'c', topicId: 'v1-0' },
    ];
    // Topic 0 holds the old topic's 3 papers among 8 (under half of its own), still its successor.
    const ids = carryTopicIds(
      before,
      ['a', 'b', 'c', 'n1', 'n2', 'n3', 'n4', 'n5'],
      [0, 0, 0, 0, 0, 0, 0, 0],
      1,
      fresh,
    );
    expect(ids).toEqual(['v1-0']);
  });

  it('never gives one old id to two topics, and every topic an id', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })), { maxLength: 60 }),
        (rows) => {
          const before = rows.map(([o], i) => ({ paperId: `p${i}`, topicId: `v1-${o}` }));
          const ids = carryTopicIds(
            before,
            rows.map((_, i) => `p${i}`),
            rows.map(([, n]) => n),
            5,
            fresh,
          );
          expect(ids).toHaveLength(5);
          expect(new Set(ids).size).toBe(5);
        },
      ),
    );
  });
});
