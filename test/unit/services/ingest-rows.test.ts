import { describe, expect, it } from 'vitest';
import { distinctKeywords, modelVersionFor, toNodeRow } from '../../../src/services/ingest.service.js';

describe('ingest rows', () => {
  it('keeps one keyword per term, the heaviest', () => {
    expect(
      distinctKeywords([
        { term: 'model', weight: 0.5 },
        { term: 'graph', weight: 0.4 },
        { term: 'model', weight: 0.3 },
      ]),
    ).toEqual([
      { term: 'model', weight: 0.5 },
      { term: 'graph', weight: 0.4 },
    ]);
  });

  it('gives authors ids from their normalised names, once each, and counts at least the named ones', () => {
    const row = toNodeRow({
      id: 'p',
      title: 'T',
      abstract: 'A',
      authors: ['Jane Doe', 'jane  doe', 'Ola Nordmann'],
      authorCount: 0,
      organizations: [],
      categories: [],
      codeUrls: [],
      source: 'test',
    });
    expect(row.authors).toEqual([
      { id: 'jane-doe', name: 'Jane Doe' },
      { id: 'ola-nordmann', name: 'Ola Nordmann' },
    ]);
    expect(row.authorCount).toBe(2);
    expect(row.sources).toEqual(['test']);
  });

  it('derives the model version from the papers and options, not their order', () => {
    expect(modelVersionFor(['b', 'a'], { k: 5 })).toBe(modelVersionFor(['a', 'b'], { k: 5 }));
    expect(modelVersionFor(['a', 'b'], { k: 5 })).not.toBe(modelVersionFor(['a', 'b'], { k: 6 }));
  });
});
