import { describe, expect, it } from 'vitest';
import { topicMoves, type Assignment } from '../../../src/services/topic-moves.js';

const t = (id: string) => ({ id, label: id });
const assign = (spec: Record<string, string[]>): Assignment[] =>
  Object.entries(spec).flatMap(([topic, papers]) => papers.map((paperId) => ({ paperId, topic: t(topic) })));

describe('topicMoves', () => {
  it('recognises kept, split, merged, new and dissolved topics', () => {
    const before = assign({
      A: ['1', '2', '3', '4'],
      B: ['5', '6', '7', '8'],
      C: ['9', '10'],
      D: ['11', '12'],
      E: ['13'],
    });
    const after = assign({
      A2: ['1', '2', '3', '4'], // kept
      B1: ['5', '6'], // B split
      B2: ['7', '8'],
      CD: ['9', '10', '11', '12'], // C and D merged
      N: ['20', '21', '22'], // only new papers
    });
    const moves = topicMoves(before, after);
    expect(moves).toContainEqual({ kind: 'kept', from: t('A'), to: t('A2'), overlap: 1 });
    expect(moves).toContainEqual({ kind: 'split', from: t('B'), to: [t('B1'), t('B2')] });
    expect(moves).toContainEqual({ kind: 'merged', from: [t('C'), t('D')], to: t('CD') });
    expect(moves).toContainEqual({ kind: 'new', to: t('N') });
    expect(moves).toContainEqual({ kind: 'dissolved', from: t('E') });
    expect(moves).toHaveLength(5);
  });

  it('reports every topic as kept when nothing moved', () => {
    const same = assign({ A: ['1', '2'], B: ['3'] });
    expect(topicMoves(same, same).map((m) => m.kind)).toEqual(['kept', 'kept']);
  });

  it('names a small topic absorbed into a big one as a parent of the merge', () => {
    const before = assign({ Big: ['1', '2', '3', '4', '5', '6', '7', '8', '9'], Small: ['10'] });
    const after = assign({ All: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'] });
    expect(topicMoves(before, after)).toEqual([
      { kind: 'merged', from: [t('Big'), t('Small')], to: t('All') },
    ]);
  });
});
