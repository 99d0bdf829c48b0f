import 'reflect-metadata';
import { describe, expect, it } from 'vitest';
import { toCitationKeys } from '../../../src/api/paper/paper.args.js';
import { parseWidgetRead } from '../../../src/api/widget-read.js';
import { paperIdByCitation } from '../../../src/graph/cypher/reads.js';

describe('citation keys (paperByCitation)', () => {
  it('normalises what scholarly pages write in their meta tags', () => {
    expect(
      toCitationKeys({
        arxivId: 'https://arxiv.org/abs/2501.00001v3',
        doi: 'https://doi.org/10.1234/ABC.5',
        title: '  Attention Is   All You Need!  ',
      }),
    ).toEqual({ arxivId: '2501.00001', doi: '10.1234/abc.5', titleKey: 'attention is all you need' });
    expect(toCitationKeys({ title: 'Only a title' })).toEqual({
      arxivId: null,
      doi: null,
      titleKey: 'only a title',
    });
  });

  it('refuses nothing given and values that are not what they claim, naming the argument', () => {
    expect(() => toCitationKeys({ arxivId: ' ', doi: null })).toThrow(/"arxivId": give at least one/);
    expect(() => toCitationKeys({ arxivId: 'not an id' })).toThrow(/"arxivId".*not an arXiv id/);
    expect(() => toCitationKeys({ doi: '11.1/x' })).toThrow(/"doi".*not a DOI/);
    expect(() => toCitationKeys({ title: 'x'.repeat(1001) })).toThrow(/"title": at most 1000/);
  });

  it('sends the keys as parameters, never in the Cypher text', () => {
    const s = paperIdByCitation({ arxivId: "2501.00001' OR 1=1", doi: null, titleKey: 'a title' });
    expect(s.params).toEqual({ arxivId: "2501.00001' OR 1=1", doi: null, titleKey: 'a title' });
    expect(s.text).not.toContain('OR 1=1');
    expect(s.text).not.toContain('a title');
  });
});

describe('parseWidgetRead', () => {
  it('reads a paper id, citation keys with a text to fall back on, or a text alone', () => {
    expect(parseWidgetRead('?paper=2501.00001&count=3&minScore=0.2')).toEqual({
      kind: 'paper',
      id: '2501.00001',
      count: 3,
      minScore: 0.2,
    });
    expect(parseWidgetRead('doi=10.1/x&text=some+words')).toMatchObject({
      kind: 'citation',
      arxivId: null,
      doi: '10.1/x',
      text: 'some words',
      count: 5,
      minScore: 0,
    });
    expect(parseWidgetRead('text=%20words%20')).toEqual({
      kind: 'text',
      text: 'words',
      count: 5,
      minScore: 0,
    });
  });

  it('asks the same question for the same parameters in any order (one kept answer)', () => {
    expect(JSON.stringify(parseWidgetRead('count=4&paper=a'))).toBe(
      JSON.stringify(parseWidgetRead('paper=a&count=4')),
    );
  });

  it('names the parameter of every mistake', () => {
    expect(() => parseWidgetRead('paper=a&paper=b')).toThrow(/"paper": given twice/);
    expect(() => parseWidgetRead('paper=a&count=1.5')).toThrow(/"count"/);
    expect(() => parseWidgetRead('paper=a&minScore=-1')).toThrow(/"minScore"/);
    expect(() => parseWidgetRead('operationName=x')).toThrow(/"operationName": unknown/);
  });
});
