import { describe, expect, it } from 'vitest';
import type { GuideSample } from '../../../src/domain/guide.js';
import { guideSample } from '../../../src/graph/cypher/guide-reads.js';
import { guideParams, guideQueries, renderEmptyGuide, renderGuide } from '../../../src/web/browser-guide.js';

const URLS = { style: 'http://127.0.0.1:4000/browser/style.grass', graphql: 'http://127.0.0.1:4000/graphql' };

function aSample(over: Partial<GuideSample> = {}): GuideSample {
  return {
    modelVersion: 'tm-abc',
    k: 3,
    papers: 12,
    topic: { id: 'tm-abc-0', label: 'graphs, <nodes> & edges', terms: ['graphs', 'nodes'], size: 6 },
    neighbour: { id: 'tm-abc-1', label: 'attention, transformers' },
    paper: { id: "2501.0001'; DROP", title: 'On "graphs" <b>bold</b>' },
    author: null,
    bridge: null,
    previousVersion: null,
    ...over,
  };
}

const preBlocks = (html: string): string[] =>
  [...html.matchAll(/<pre class="runnable">([\s\S]*?)<\/pre>/g)].map((m) => m[1] ?? '');

describe('the Neo4j Browser guide', () => {
  it('has one slide per subject, each block a pre.runnable, and nothing the Browser strips or blocks', () => {
    const html = renderGuide(aSample(), URLS);
    expect(html).toContain('<title>PaperGraph: topic clusters</title>');
    expect(html.match(/<slide /g)?.length).toBeGreaterThanOrEqual(11);
    expect(html).not.toMatch(/<img|<script|\son\w+=|url\(/i);
    expect(preBlocks(html).length).toBe(guideQueries(aSample(), URLS).length);
  });

  it('escapes data as HTML and ids as Cypher strings', () => {
    const html = renderGuide(aSample(), URLS);
    expect(html).toContain('graphs, &lt;nodes&gt; &amp; edges');
    expect(html).toContain('On &quot;graphs&quot; &lt;b&gt;bold&lt;/b&gt;');
    expect(html).not.toContain('<b>bold</b>');
    const paramLine = guideQueries(aSample(), URLS).find((q) => q.text.startsWith(':param paperId'));
    expect(paramLine?.text).toBe(":param paperId => '2501.0001\\'; DROP'");
  });

  it('applies the style first, then sets every parameter the queries use', () => {
    const queries = guideQueries(aSample({ author: { id: 'a-1', name: 'Ada' } }), URLS);
    expect(queries[0]).toEqual({ text: `:style ${URLS.style}`, command: true });
    const set = new Set(queries.filter((q) => q.text.startsWith(':param')).map((q) => q.text.split(' ')[1]));
    const used = new Set(queries.flatMap((q) => [...q.text.matchAll(/\$(\w+)/g)].map((m) => m[1])));
    for (const name of used) expect(set, `$${name}`).toContain(name);
  });

  it('draws co-author circles and bridges only when the graph has them, and still gives a query', () => {
    const bare = guideQueries(aSample(), URLS).map((q) => q.text);
    expect(bare.some((q) => q.includes('$authorId'))).toBe(false);
    expect(bare.some((q) => q.includes('namedAuthors'))).toBe(true);
    const rich = guideQueries(
      aSample({
        author: { id: 'a-1', name: 'Ada' },
        bridge: { from: { id: 'tm-abc-0', label: 'x' }, to: { id: 'tm-abc-2', label: 'y' }, authors: 2 },
      }),
      URLS,
    ).map((q) => q.text);
    expect(rich).toContain(":param authorId => 'a-1'");
    expect(rich).toContain(":param otherTopicId => 'tm-abc-2'");
    expect(rich.some((q) => q.includes('(u:Topic {id: $otherTopicId})'))).toBe(true);
  });

  it('leaves out the paper slides when no paper has related papers', () => {
    const queries = guideQueries(aSample({ paper: null }), URLS).map((q) => q.text);
    expect(queries.some((q) => q.includes('$paperId'))).toBe(false);
  });

  it('guides an empty graph to an ingest', () => {
    expect(renderEmptyGuide()).toContain('nothing ingested yet');
  });

  it('reads its sample with one parameterless query', () => {
    const s = guideSample();
    expect(s.params).toEqual({});
    expect(s.text).toMatchSnapshot();
  });

  it('chooses parameters from the sample', () => {
    expect(guideParams(aSample())).toEqual({
      topicId: 'tm-abc-0',
      otherTopicId: 'tm-abc-1',
      searchText: 'graphs',
      paperId: "2501.0001'; DROP",
    });
  });
});
