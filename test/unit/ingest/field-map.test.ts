import { describe, expect, it } from 'vitest';
import { UserInputError } from '../../../src/domain/errors.js';
import { mapGeneric, resolveFieldMap } from '../../../src/ingest/field-map.js';
import { DEFAULT_FIELD_MAP, parseFieldMap, readPapers } from '../../../src/ingest/index.js';
import { splitAuthors } from '../../../src/ingest/json-formats.js';
import { collect, papersOf, tempFile } from './helpers.js';

describe('parseFieldMap', () => {
  it('parses key=value pairs, | alternatives and dotted paths', () => {
    expect(
      parseFieldMap('title=name, abstract=summary|description,authors=meta.creators,labels=venue|track'),
    ).toEqual({
      title: ['name'],
      abstract: ['summary', 'description'],
      authors: ['meta.creators'],
      labels: ['venue', 'track'],
    });
  });

  it.each([
    ['titel=name', /unknown field "titel".*title, abstract/],
    ['title=', /names no source key/],
    ['title', /names no source key/],
    ['', /is empty/],
  ])('rejects %j with a UserInputError that says what to write', (spec, message) => {
    expect(() => parseFieldMap(spec)).toThrow(UserInputError);
    expect(() => parseFieldMap(spec)).toThrow(message);
  });
});

describe('mapGeneric', () => {
  it('uses the defaults for fields the map leaves out', () => {
    const map = resolveFieldMap({ title: ['name'] });
    expect(map.abstract).toBe(DEFAULT_FIELD_MAP.abstract);
    const raw = mapGeneric(
      { name: 'N', summary: 'S', author: 'A; B', categories: 'cs.CL cs.LG', venue: 'acl' },
      map,
    );
    expect(raw).toMatchObject({
      title: 'N',
      abstract: 'S',
      authors: ['A', 'B'],
      categories: ['cs.CL', 'cs.LG'],
      labels: { venue: 'acl' },
    });
  });

  it('accepts author lists as JSON lists of strings or { name } objects', () => {
    const map = resolveFieldMap(undefined);
    expect(mapGeneric({ authors: ['A', ' B '] }, map)?.authors).toEqual(['A', ' B ']);
    expect(mapGeneric({ authors: [{ name: 'A' }, { display_name: 'B' }] }, map)?.authors).toEqual(['A', 'B']);
  });

  it('returns undefined for a non-object', () => {
    expect(mapGeneric([1, 2], resolveFieldMap(undefined))).toBeUndefined();
  });
});

describe('splitAuthors', () => {
  it('splits on ; first, then , and "and"', () => {
    expect(splitAuthors('Doe, Jane; Roe, Rich')).toEqual(['Doe, Jane', 'Roe, Rich']);
    expect(splitAuthors('Jane Doe, Rich Roe and Ann Lee')).toEqual(['Jane Doe', 'Rich Roe', 'Ann Lee']);
    expect(splitAuthors('Ileana Streinu and Louis Theran')).toEqual(['Ileana Streinu', 'Louis Theran']);
    expect(splitAuthors('Anand Kumar')).toEqual(['Anand Kumar']);
  });
});

describe('readPapers with --map', () => {
  it('reads a JSON source with custom keys; a map makes a detected JSON format generic', async () => {
    const line = JSON.stringify({
      paper: { name: 'Mapped', text: 'Body.' },
      who: 'X Y;Z W',
      when: '2024-02-29',
      area: 'ml',
    });
    const file = tempFile('custom.jsonl', line + '\n');
    const map = parseFieldMap('title=paper.name,abstract=paper.text,authors=who,date=when,labels=area');
    const [p] = papersOf(await collect(readPapers(file, { map })));
    expect(p).toMatchObject({
      title: 'Mapped',
      abstract: 'Body.',
      authors: ['X Y', 'Z W'],
      publishedAt: '2024-02-29',
      labels: { area: 'ml' },
      source: 'jsonl',
    });
  });

  it('maps CSV columns', async () => {
    const file = tempFile('c.csv', 'Name;Summary;Who\nT;An abstract, with a comma.;A, B\n');
    const [p] = papersOf(
      await collect(
        readPapers(file, { format: 'csv', map: parseFieldMap('title=Name,abstract=Summary,authors=Who') }),
      ),
    );
    expect(p).toMatchObject({ title: 'T', abstract: 'An abstract, with a comma.', authors: ['A', 'B'] });
  });
});
