import { describe, expect, it } from 'vitest';
import { createLoaders, includeFor } from '../../../src/api/loaders.js';
import type { PaperInclude } from '../../../src/graph/cypher/reads.js';
import type { AuthorStore } from '../../../src/graph/stores/author.store.js';
import type { PaperRelations, PaperStore } from '../../../src/graph/stores/paper.store.js';
import type { TopicStore } from '../../../src/graph/stores/topic.store.js';

const topic = { id: 't1', label: 'graphs', terms: ['graph'], size: 2, modelVersion: 'v', position: null };

/** A paper store that answers `relations` from memory and records every call. */
function fakeStores() {
  const calls: { ids: readonly string[]; include: PaperInclude }[] = [];
  const papers = {
    async relations(ids: readonly string[], include: PaperInclude) {
      calls.push({ ids, include });
      const out = new Map<string, PaperRelations>();
      for (const id of ids) {
        if (id === 'missing') continue;
        out.set(id, {
          ...(include.topic ? { topic } : {}),
          ...(include.authors ? { authors: [{ id: `a-${id}`, name: `A ${id}` }] } : {}),
          ...(include.related
            ? {
                related: include.related.map((r) =>
                  Array.from({ length: r.first }, () => ({
                    paper: {
                      id: 'q',
                      title: 'Q',
                      abstract: '',
                      publishedAt: null,
                      upvotes: null,
                      authorCount: 0,
                      url: null,
                      arxivId: null,
                      doi: null,
                      categories: [],
                    },
                    score: 0.5,
                    sharedTerms: [],
                  })),
                ),
              }
            : {}),
        });
      }
      return out;
    },
  } as unknown as PaperStore;
  return { calls, loaders: createLoaders({ papers, topics: {} as TopicStore, authors: {} as AuthorStore }) };
}

describe('relation loaders', () => {
  it('answer every relation of every paper wanted in one tick with one store call', async () => {
    const { calls, loaders } = fakeStores();
    const ids = Array.from({ length: 20 }, (_, i) => `p${i}`);
    const results = await Promise.all(
      ids.flatMap((id) => [
        loaders.paperTopic(id),
        loaders.paperAuthors(id),
        loaders.paperRelated(id, { first: 3, minScore: 0 }),
        loaders.paperRelated(id, { first: 1, minScore: 0.5 }),
      ]),
    );
    expect(calls).toHaveLength(1);
    expect(calls[0]?.ids).toEqual(ids);
    expect(calls[0]?.include).toEqual({
      topic: true,
      authors: true,
      related: [
        { first: 3, minScore: 0 },
        { first: 1, minScore: 0.5 },
      ],
    });
    expect(results[0]).toEqual(topic);
    expect(results[2]).toHaveLength(3);
    expect(results[3]).toHaveLength(1);
    // The topic came with the paper: the topic loader is primed, no second query needed.
    expect(await loaders.topic.load('t1')).toEqual(topic);
  });

  it('give empty relations for unknown papers and serve primed ones without a call', async () => {
    const { calls, loaders } = fakeStores();
    expect(await loaders.paperAuthors('missing')).toEqual([]);
    expect(await loaders.paperTopic('missing')).toBeNull();
    loaders.primeBundle(
      {
        paper: {
          id: 'p',
          title: 'P',
          abstract: '',
          publishedAt: null,
          upvotes: null,
          authorCount: 0,
          url: null,
          arxivId: null,
          doi: null,
          categories: [],
        },
        relations: { authors: [] },
      },
      { authors: true },
    );
    const before = calls.length;
    expect(await loaders.paperAuthors('p')).toEqual([]);
    expect(calls.length).toBe(before);
  });

  it('never serve a topic or related papers read with fewer fields to a want of more', async () => {
    const { calls, loaders } = fakeStores();
    const paper = { id: 'p', title: 'P' } as never;
    loaders.primeBundle(
      {
        paper,
        relations: {
          topic: { id: 't1', label: 'graphs' } as never,
          related: [[{ paper: { id: 'q', title: 'Q' } as never, score: 0.5, sharedTerms: [] }]],
        },
      },
      {
        topic: true,
        topicFields: ['label'],
        related: [{ first: 1, minScore: 0, fields: ['title'] }],
      },
    );
    // The same selection is served from what was primed...
    expect(await loaders.paperTopic('p', ['label'])).toEqual({ id: 't1', label: 'graphs' });
    expect(await loaders.paperRelated('p', { first: 1, minScore: 0, fields: ['title'] })).toHaveLength(1);
    expect(calls).toHaveLength(0);
    // ...a partial topic never goes into the topic loader, and other fields are read.
    await Promise.all([
      loaders.paperTopic('p', ['terms']),
      loaders.paperRelated('p', { first: 1, minScore: 0 }),
    ]);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.include).toEqual({
      topic: true,
      topicFields: ['terms'],
      related: [{ first: 1, minScore: 0 }],
    });
  });

  it('merge wants into the smallest include', () => {
    expect(
      includeFor([
        { kind: 'keywords', first: 3 },
        { kind: 'keywords', first: 3 },
        { kind: 'codeRepositories' },
      ]),
    ).toEqual({
      keywords: [3],
      codeRepositories: true,
    });
    expect(
      includeFor([
        { kind: 'topic', fields: ['label'] },
        { kind: 'topic', fields: ['size', 'label'] },
      ]),
    ).toEqual({ topic: true, topicFields: ['label', 'size'] });
    expect(includeFor([{ kind: 'topic', fields: ['label'] }, { kind: 'topic' }])).toEqual({ topic: true });
  });
});
