import { describe, expect, it } from 'vitest';
import { JsonSplitter, readJsonRecords, type JsonRecord } from '../../../src/ingest/json-records.js';
import { splitLines } from '../../../src/ingest/lines.js';
import { tempFile } from './helpers.js';

function split(text: string): JsonRecord[] {
  const s = new JsonSplitter();
  return [...[...splitLines(text)].flatMap((l) => [...s.push(l)]), ...s.end()];
}

async function read(text: string): Promise<JsonRecord[]> {
  const out: JsonRecord[] = [];
  for await (const r of readJsonRecords(tempFile('x.json', text))) out.push(r);
  return out;
}

describe('JsonSplitter', () => {
  it('yields the elements of a top-level array with the line each starts on', () => {
    expect(split('[\n  {"a": 1},\n  {"a": [2, {"b": "]"}]}\n]\n')).toEqual([
      { kind: 'value', value: { a: 1 }, line: 2 },
      { kind: 'value', value: { a: [2, { b: ']' }] }, line: 3 },
    ]);
  });

  it('yields the records of a { meta, results } or { data } envelope, not the envelope', () => {
    const doc =
      '{\n "meta": {"count": 2, "results": "no"},\n "results": [\n  {"t": "a,b"},\n  {"t": "c\\"}"}\n ],\n "x": 1\n}';
    expect(split(doc)).toEqual([
      { kind: 'value', value: { t: 'a,b' }, line: 4 },
      { kind: 'value', value: { t: 'c"}' }, line: 5 },
    ]);
    expect(split('{"total": 1, "data": [{"t": 1}]}').map((r) => r.kind === 'value' && r.value)).toEqual([
      { t: 1 },
    ]);
  });

  it('yields a top-level object without an envelope array as one record, even with nested arrays', () => {
    expect(split('{\n "title": "T",\n "citations": [{"title": "C"}]\n}\n')).toEqual([
      { kind: 'value', value: { title: 'T', citations: [{ title: 'C' }] }, line: 1 },
    ]);
  });

  it('reports a bad element and continues with the next', () => {
    const records = split('[\n {"a": 1},\n {"a": nope},\n {"a": 3}\n]');
    expect(records.map((r) => [r.kind, r.line])).toEqual([
      ['value', 2],
      ['error', 3],
      ['value', 4],
    ]);
  });

  it('reports text outside any value and an unterminated document', () => {
    expect(split('hello\n').map((r) => [r.kind, r.line])).toEqual([['error', 1]]);
    expect(split('[\n {"a": 1},\n {"a": ').map((r) => [r.kind, r.line])).toEqual([
      ['value', 2],
      ['error', 3],
    ]);
    expect(split(']').map((r) => r.kind)).toEqual(['error']);
  });
});

describe('readJsonRecords', () => {
  it('reads JSON Lines, skipping blank lines, expanding an envelope on a line', async () => {
    const records = await read('{"a": 1}\n\n[{"b": 2}, {"b": 3}]\n{"data": [{"c": 4}]}\n');
    expect(records).toEqual([
      { kind: 'value', value: { a: 1 }, line: 1 },
      { kind: 'value', value: { b: 2 }, line: 3 },
      { kind: 'value', value: { b: 3 }, line: 3 },
      { kind: 'value', value: { c: 4 }, line: 4 },
    ]);
  });

  it('treats a file whose first line is broken but second is whole as JSON Lines', async () => {
    const records = await read('{"a": \n{"a": 2}\n{"a": 3}\n');
    expect(records.map((r) => [r.kind, r.line])).toEqual([
      ['error', 1],
      ['value', 2],
      ['value', 3],
    ]);
  });

  it('reads a pretty-printed array as a document', async () => {
    const records = await read('[\n  {\n    "a": 1\n  },\n  {\n    "a": 2\n  }\n]\n');
    expect(records).toEqual([
      { kind: 'value', value: { a: 1 }, line: 2 },
      { kind: 'value', value: { a: 2 }, line: 5 },
    ]);
  });
});
