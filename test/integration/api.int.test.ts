import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/api/server.js';
import type { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { createAppScope, DEFAULT_LIMITS } from '../../src/api/context.js';
import { client, countingDb, demoApi } from './api-test-kit.js';

interface PaperNode {
  id: string;
  title: string;
  publishedAt: string | null;
  upvotes: number | null;
}
interface Page<N = PaperNode> {
  totalCount: number;
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

describe('GraphQL API over the demo graph', () => {
  let db: GraphDb;
  let app: RunningApp;
  let reads: string[];
  let gql: ReturnType<typeof client>;

  /** Every paper, for computing expectations independently of the API. */
  let all: PaperNode[];

  beforeAll(async () => {
    ({ db, app, reads, gql } = await demoApi());
    const rows = await db.read(
      statement(
        'test.all',
        'MATCH (p:Paper) RETURN p.id AS id, p.title AS title, toString(p.publishedAt) AS publishedAt, p.upvotes AS upvotes',
      ),
    );
    all = rows as unknown as PaperNode[];
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  /** Follow `endCursor` to the end; returns every node in order. */
  async function pageThrough<N extends { id: string }>(
    query: string,
    pick: (data: Record<string, unknown>) => Page<N>,
    variables: Record<string, unknown> = {},
  ): Promise<{ nodes: N[]; totals: number[] }> {
    const nodes: N[] = [];
    const totals: number[] = [];
    let after: string | null = null;
    for (let i = 0; i < 50; i++) {
      const res = await gql(query, { ...variables, after });
      expect(res.errors).toBeUndefined();
      const page = pick(res.data ?? {});
      nodes.push(...page.edges.map((e) => e.node));
      totals.push(page.totalCount);
      if (!page.pageInfo.hasNextPage) return { nodes, totals };
      expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)?.cursor);
      after = page.pageInfo.endCursor;
    }
    throw new Error('paging did not end');
  }

  it('answers the acceptance query: 34 papers with topic labels and related papers', async () => {
    const res = await gql(
      `{ papers(first: 50) { totalCount edges { node { title topic { label } related(first: 3) { score sharedTerms paper { title } } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const papers = res.data?.papers as {
      totalCount: number;
      edges: {
        node: {
          title: string;
          topic: { label: string } | null;
          related: { score: number; sharedTerms: string[]; paper: { title: string } }[];
        };
      }[];
    };
    expect(papers.totalCount).toBe(34);
    expect(papers.edges).toHaveLength(34);
    for (const { node } of papers.edges) {
      expect(node.topic?.label).toMatch(/\w/);
      expect(node.related.length).toBeGreaterThan(0);
      expect(node.related.length).toBeLessThanOrEqual(3);
      const scores = node.related.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const r of node.related) {
        expect(r.score).toBeGreaterThanOrEqual(0);
        expect(r.score).toBeLessThanOrEqual(1);
        expect(r.paper.title).not.toBe(node.title);
      }
    }
    expect(papers.edges.some(({ node }) => node.related.some((r) => r.sharedTerms.length > 0))).toBe(true);
  });

  it.each(['PUBLISHED_DESC', 'PUBLISHED_ASC', 'UPVOTES_DESC', 'TITLE_ASC'])(
    'pages %s with opaque cursors: every paper once, in order',
    async (order) => {
      const q = `query($after: String, $order: PaperOrder) { papers(first: 7, after: $after, orderBy: $order) { totalCount edges { cursor node { id title publishedAt upvotes } } pageInfo { hasNextPage endCursor } } }`;
      const { nodes, totals } = await pageThrough(q, (d) => d.papers as Page, { order });
      expect(totals.every((t) => t === 34)).toBe(true);
      expect(nodes).toHaveLength(34);
      expect(new Set(nodes.map((n) => n.id)).size).toBe(34);
      const key = (n: PaperNode): string | number => {
        switch (order) {
          case 'PUBLISHED_DESC':
            return n.publishedAt ?? '0000';
          case 'PUBLISHED_ASC':
            return n.publishedAt ?? '9999';
          case 'UPVOTES_DESC':
            return n.upvotes ?? -1;
          default:
            return n.title.toLowerCase();
        }
      };
      const desc = order.endsWith('DESC');
      for (let i = 1; i < nodes.length; i++) {
        const [a, b] = [key(nodes[i - 1]!), key(nodes[i]!)];
        if (desc) expect(a >= b).toBe(true);
        else expect(a <= b).toBe(true);
      }
    },
  );

  it('filters papers by topic and by an inclusive date range', async () => {
    const topics = (await gql(`{ topics { id size } }`)).data?.topics as { id: string; size: number }[];
    const t = topics[0]!;
    const byTopic = await gql(
      `query($f: PaperFilter) { papers(first: 100, filter: $f) { totalCount edges { node { id topic { id } } } } }`,
      {
        f: { topicId: t.id },
      },
    );
    const page = byTopic.data?.papers as Page<{ id: string; topic: { id: string } }>;
    expect(page.totalCount).toBe(t.size);
    expect(page.edges.every((e) => e.node.topic.id === t.id)).toBe(true);

    const dates = all
      .map((p) => p.publishedAt)
      .filter((d): d is string => d !== null)
      .sort();
    const [from, to] = [dates[5]!, dates[20]!];
    const expected = all.filter(
      (p) => p.publishedAt !== null && p.publishedAt >= from && p.publishedAt <= to,
    );
    const ranged = await gql(
      `query($f: PaperFilter) { papers(first: 100, filter: $f, orderBy: PUBLISHED_ASC) { totalCount edges { node { id publishedAt } } } }`,
      {
        f: { publishedAfter: from, publishedBefore: to },
      },
    );
    const rp = ranged.data?.papers as Page;
    expect(rp.totalCount).toBe(expected.length);
    expect(rp.edges.map((e) => e.node.id).sort()).toEqual(expected.map((p) => p.id).sort());
    expect(rp.edges[0]?.node.publishedAt).toBe(from);

    const none = await gql(
      `{ papers(filter: { category: "no.such", authorId: "nobody" }) { totalCount edges { cursor } } }`,
    );
    expect(none.data?.papers).toEqual({ totalCount: 0, edges: [] });
  });

  it('serves topics largest first with their papers, and stats', async () => {
    const res = await gql(
      `{ topics { id label terms size papers(first: 100) { totalCount } } stats { papers topics similarityEdges modelVersion } }`,
    );
    expect(res.errors).toBeUndefined();
    const topics = res.data?.topics as {
      id: string;
      label: string;
      terms: string[];
      size: number;
      papers: { totalCount: number };
    }[];
    expect(topics.length).toBeGreaterThanOrEqual(3);
    expect(topics.map((t) => t.size)).toEqual([...topics.map((t) => t.size)].sort((a, b) => b - a));
    expect(topics.reduce((s, t) => s + t.size, 0)).toBe(34);
    for (const t of topics) expect(t.papers.totalCount).toBe(t.size);
    const stats = res.data?.stats as {
      papers: number;
      topics: number;
      similarityEdges: number;
      modelVersion: string;
    };
    expect(stats.papers).toBe(34);
    expect(stats.topics).toBe(topics.length);
    expect(stats.similarityEdges).toBeGreaterThanOrEqual(34);
    expect(stats.modelVersion).toMatch(/^tm-/);

    const one = await gql(`query($id: ID!) { topic(id: $id) { id label } }`, { id: topics[0]?.id });
    expect((one.data?.topic as { id: string }).id).toBe(topics[0]?.id);
  });

  it('gives each topic its representative papers, related topics and a monthly timeline', async () => {
    const res = await gql(
      `{ topics { id size representativePapers(first: 2) { id topic { id } } relatedTopics(first: 5) { score topic { id } } timeline { period count } } }`,
    );
    expect(res.errors).toBeUndefined();
    const topics = res.data?.topics as {
      id: string;
      size: number;
      representativePapers: { id: string; topic: { id: string } }[];
      relatedTopics: { score: number; topic: { id: string } }[];
      timeline: { period: string; count: number }[];
    }[];
    for (const t of topics) {
      // Closest to the centre: the highest IN_TOPIC scores of the topic.
      const best = await db.read(
        statement(
          'test.best',
          'MATCH (:Topic {id: $id})<-[s:IN_TOPIC]-(p:Paper) RETURN p.id AS id ORDER BY s.score DESC, p.id LIMIT 2',
          { id: t.id },
        ),
      );
      expect(t.representativePapers.map((p) => p.id)).toEqual(best.map((r) => r.id));
      expect(t.representativePapers.every((p) => p.topic.id === t.id)).toBe(true);

      expect(t.relatedTopics.length).toBeGreaterThan(0);
      expect(t.relatedTopics.some((r) => r.topic.id === t.id)).toBe(false);
      const scores = t.relatedTopics.map((r) => r.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));

      const periods = t.timeline.map((p) => p.period);
      expect(periods).toEqual([...periods].sort());
      for (const p of periods) expect(p).toMatch(/^\d{4}-\d{2}$/);
      const [dated] = await db.read(
        statement(
          'test.dated',
          'MATCH (:Topic {id: $id})<-[:IN_TOPIC]-(p:Paper) WHERE p.publishedAt IS NOT NULL RETURN count(p) AS n',
          { id: t.id },
        ),
      );
      expect(t.timeline.reduce((s, p) => s + p.count, 0)).toBe(dated?.n);
    }
  });

  it('resolves paper relations: keywords, organisation, code repositories', async () => {
    const res = await gql(
      `{ papers(first: 100) { edges { node { id keywords(first: 3) { term weight } organization { name } codeRepositories { url } } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const nodes = (
      res.data?.papers as {
        edges: {
          node: {
            id: string;
            keywords: { term: string; weight: number }[];
            organization: { name: string } | null;
            codeRepositories: { url: string }[];
          };
        }[];
      }
    ).edges.map((e) => e.node);
    for (const n of nodes) {
      expect(n.keywords.length).toBeGreaterThan(0);
      expect(n.keywords.length).toBeLessThanOrEqual(3);
    }
    expect(nodes.filter((n) => n.organization !== null).map((n) => n.organization?.name)).toEqual([
      'Harvard University',
    ]);
    expect(nodes.flatMap((n) => n.codeRepositories.map((c) => c.url))).toContain(
      'https://github.com/minyoungkim21/niwmeta',
    );

    const id = nodes[0]?.id;
    const single = await gql(`query($id: ID!) { paper(id: $id) { id title keywords(first: 2) { term } } }`, {
      id,
    });
    expect((single.data?.paper as { id: string }).id).toBe(id);
  });

  it("lists an organisation's papers", async () => {
    const res = await gql(
      `{ organization(name: "Harvard University") { name papers { totalCount edges { node { title organization { name } } } } } none: organization(name: "Nowhere") { name } }`,
    );
    expect(res.errors).toBeUndefined();
    const org = res.data?.organization as { papers: Page<{ title: string; organization: { name: string } }> };
    expect(org.papers.totalCount).toBe(1);
    expect(org.papers.edges[0]?.node.organization.name).toBe('Harvard University');
    expect(res.data?.none).toBeNull();
  });

  it('returns null for an unknown paper, topic or author', async () => {
    const res = await gql(
      `{ paper(id: "no-such-paper") { id } topic(id: "no-such-topic") { id } author(id: "nobody") { id } }`,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ paper: null, topic: null, author: null });
  });

  it('searches titles and abstracts, best first, with cursors through every hit', async () => {
    const top = await gql(
      `{ search(query: "ADMIRE-BayesOpt mixture", first: 3) { totalCount edges { score node { title } } } }`,
    );
    expect(top.errors).toBeUndefined();
    const hits = top.data?.search as {
      totalCount: number;
      edges: { score: number; node: { title: string } }[];
    };
    expect(hits.edges[0]?.node.title).toMatch(/^ADMIRE-BayesOpt/);

    const q = `query($after: String) { search(query: "bayesian", first: 4, after: $after) { totalCount edges { cursor score node { id } } pageInfo { hasNextPage endCursor } } }`;
    const { nodes, totals } = await pageThrough(q, (d) => d.search as Page<{ id: string }>);
    const expected = all.filter((p) => /bayesian/i.test(p.title)).length;
    expect(totals[0]).toBeGreaterThanOrEqual(expected);
    expect(new Set(totals).size).toBe(1);
    expect(nodes).toHaveLength(totals[0]!);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(nodes.length);

    const first = await gql(`{ search(query: "bayesian", first: 20) { edges { score } } }`);
    const scores = (first.data?.search as { edges: { score: number }[] }).edges.map((e) => e.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  it('recommends papers like a set of papers, never the inputs, best first, with shared terms', async () => {
    const ids = all.slice(0, 3).map((p) => p.id);
    const res = await gql(
      `query($ids: [ID!]) { recommend(paperIds: $ids, first: 5) { score sharedTerms paper { id title topic { label } } } }`,
      {
        ids: [...ids, 'no-such-paper'],
      },
    );
    expect(res.errors).toBeUndefined();
    const recs = res.data?.recommend as { score: number; sharedTerms: string[]; paper: { id: string } }[];
    expect(recs).toHaveLength(5);
    expect(recs.some((r) => ids.includes(r.paper.id))).toBe(false);
    const scores = recs.map((r) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const s of scores) expect(s).toBeGreaterThanOrEqual(0);
    for (const s of scores) expect(s).toBeLessThanOrEqual(1);
    expect(recs.some((r) => r.sharedTerms.length > 0)).toBe(true);
  });

  it('recommends papers like a free text, projected with the saved model', async () => {
    const res = await gql(
      `query($t: String) { recommend(text: $t, first: 3) { score sharedTerms paper { title } } }`,
      {
        t: 'Bayesian optimization of the data mixture used to pretrain language models',
      },
    );
    expect(res.errors).toBeUndefined();
    const recs = res.data?.recommend as { score: number; sharedTerms: string[]; paper: { title: string } }[];
    expect(recs[0]?.paper.title).toMatch(/ADMIRE-BayesOpt/);
    expect(recs[0]?.sharedTerms.length).toBeGreaterThan(0);

    // Text and papers together; unknown ids alone give nothing, not an error.
    const both = await gql(
      `query($ids: [ID!], $t: String) { recommend(paperIds: $ids, text: $t, first: 2) { paper { id } } }`,
      {
        ids: [all[0]?.id],
        t: 'transformers for in-context learning',
      },
    );
    expect((both.data?.recommend as unknown[]).length).toBe(2);
    const unknown = await gql(`{ recommend(paperIds: ["nope", "nada"]) { paper { id } } }`);
    expect(unknown).toMatchObject({ data: { recommend: [] } });
    const gibberish = await gql(`{ recommend(text: "zzqx vvbnm") { paper { id } } }`);
    expect(gibberish).toMatchObject({ data: { recommend: [] } });
  });

  it('batches relation fields: 20 papers with related, topic and authors take a constant number of queries', async () => {
    const query = `{ papers(first: 20) { edges { node { id topic { label } authors { name }
      related(first: 5) { score paper { id topic { label } authors { name } keywords(first: 2) { term } } } } } } }`;
    reads.length = 0;
    const res = await gql(query);
    expect(res.errors).toBeUndefined();
    // The page with its own relations, then the relations of all related papers.
    expect(reads).toEqual(['papers.page.PUBLISHED_DESC', 'papers.relations']);

    reads.length = 0;
    const nested = await gql(
      `{ topics { papers(first: 5) { totalCount edges { node { topic { id } } } } representativePapers { id } relatedTopics { score } timeline { count } } }`,
    );
    expect(nested.errors).toBeUndefined();
    expect(reads.sort()).toEqual(
      [
        'topics.current',
        'papers.pageBy.topic.PUBLISHED_DESC',
        'topics.representative',
        'topics.related',
        'topics.timeline',
      ].sort(),
    );

    reads.length = 0;
    await gql(
      `query($id: ID!) { paper(id: $id) { title topic { label } authors { name } related(first: 10) { score paper { title } } } }`,
      {
        id: all[0]?.id,
      },
    );
    expect(reads).toEqual(['papers.byIds']);
  });

  it('answers concurrent requests exactly as it answers each alone', async () => {
    const paperQuery = `query($id: ID!) { paper(id: $id) { id title topic { label } authors { name }
      related(first: 3) { score paper { id title } } } }`;
    const ids = [...all.slice(0, 6).map((p) => p.id), 'no-such-paper'];
    const topics = (await gql<{ topics: { id: string }[] }>('{ topics { id } }')).data?.topics ?? [];
    const pageQuery = `query($t: ID!, $after: String) { papers(first: 2, after: $after, filter: { topicId: $t }) {
      totalCount edges { cursor node { id title publishedAt topic { id } } } pageInfo { hasNextPage endCursor } } }`;
    const pages = [...topics.map((t) => ({ t: t.id })), { t: 'no-such-topic' }];
    const searchQuery = `query($q: String!) { search(query: $q, first: 3) { totalCount
      edges { cursor score node { id title } } pageInfo { hasNextPage } } }`;
    const searches = ['language models', 'graph', 'language models', 'zzqx nothing', 'image OR "video"'];
    const recommendQuery = `query($ids: [ID!], $text: String) { recommend(paperIds: $ids, text: $text, first: 4) {
      score sharedTerms paper { id title } } }`;
    const recommends = [
      { ids: ids.slice(0, 3) },
      { ids: ids.slice(2, 4) },
      { ids: ids.slice(0, 3) },
      { ids: [ids[0], 'no-such-paper'] },
      { ids: [], text: 'language models that reason' },
      { ids: [ids[1]], text: 'image generation' },
    ];
    const alone: unknown[] = [];
    for (const id of ids) alone.push(await gql(paperQuery, { id }));
    for (const v of pages) alone.push(await gql(pageQuery, v));
    for (const q of searches) alone.push(await gql(searchQuery, { q }));
    for (const v of recommends) alone.push(await gql(recommendQuery, v));
    for (let round = 0; round < 3; round++) {
      const together = await Promise.all([
        ...ids.map((id) => gql(paperQuery, { id })),
        ...pages.map((v) => gql(pageQuery, v)),
        ...searches.map((q) => gql(searchQuery, { q })),
        ...recommends.map((v) => gql(recommendQuery, v)),
      ]);
      expect(together).toEqual(alone);
    }
    // Second pages (a cursor of the first) are read together too.
    const firstPages = alone.slice(ids.length, ids.length + pages.length) as { data: { papers: Page } }[];
    const next = pages.map((v, i) => ({
      ...v,
      after: firstPages[i]?.data.papers.pageInfo.endCursor ?? null,
    }));
    const nextAlone: unknown[] = [];
    for (const v of next) nextAlone.push(await gql(pageQuery, v));
    expect(await Promise.all(next.map((v) => gql(pageQuery, v)))).toEqual(nextAlone);
  });

  it('shares one query among callers asking the same shape in one turn', async () => {
    const counting = countingDb(db);
    const scope = createAppScope(counting.db, { limits: DEFAULT_LIMITS });
    const [a, b] = all;
    if (!a || !b) throw new Error('demo corpus too small');
    const [one, two] = await Promise.all([
      scope.shared.paperBundles.load(undefined, [a.id]),
      scope.shared.paperBundles.load(undefined, [b.id, 'no-such-paper']),
    ]);
    expect(counting.reads).toEqual(['papers.byIds']);
    expect([...one.keys()]).toEqual([a.id]);
    expect([...two.keys()]).toEqual([b.id]);
    expect(two.get(b.id)?.paper.title).toBe(b.title);

    const topicIds = ((await gql<{ topics: { id: string }[] }>('{ topics { id } }')).data?.topics ?? []).map(
      (t) => t.id,
    );
    expect(topicIds.length).toBeGreaterThan(1);
    const query = { filter: {}, order: 'PUBLISHED_DESC', limit: 3, count: true } as const;
    counting.reads.length = 0;
    const shared = await Promise.all(topicIds.map((t) => scope.shared.topicPages.load(query, [t])));
    // (A new scope first checks once whether papers carry topic keys.)
    expect(counting.reads.filter((r) => r !== 'papers.topicKeysConsistent')).toEqual([
      'papers.pageBy.topic.PUBLISHED_DESC',
    ]);
    for (const [i, t] of topicIds.entries()) {
      const own = await scope.stores.papers.page({ ...query, filter: { topicId: t } });
      expect(shared[i]?.get(t)).toEqual(own);
    }

    counting.reads.length = 0;
    const shape = { skip: 0, limit: 2, count: true };
    const found = await Promise.all(
      ['+"model"', '+"language"', '+"zzqx"'].map((q) => scope.shared.searches.load(shape, [q])),
    );
    expect(counting.reads).toEqual(['papers.search']);
    expect(found[0]?.get('+"model"')?.hits.length).toBeGreaterThan(0);
    expect(found[2]?.get('+"zzqx"')).toEqual({ total: 0, hits: [], hasNextPage: false });

    counting.reads.length = 0;
    const fromA = { ids: [a.id], textVector: null, textTerms: [] };
    const fromB = { ids: [b.id, 'x'], textVector: null, textTerms: [] };
    const recs = await Promise.all(
      [fromA, fromB].map((k) => scope.shared.recommendations.load({ first: 3 }, [k])),
    );
    expect(counting.reads).toEqual(['papers.recommend']);
    expect(recs[0]?.get(fromA)?.found).toEqual([a.id]);
    expect(recs[1]?.get(fromB)?.found).toEqual([b.id]);
    expect(recs[1]?.get(fromB)?.recommendations.map((r) => r.bundle.paper.id)).not.toContain(b.id);
  });

  it('reads only the fields a selection shows, and never serves those partial rows to another selection', async () => {
    const id = all[0]?.id;
    const res = await gql(
      `query($id: ID!) {
        paper(id: $id) { title topic { label } related(first: 3) { paper { title } } }
        papers(first: 100) { edges { node { id upvotes doi categories authorCount
          topic { id terms size modelVersion } related(first: 3) { paper { id url arxivId authorCount categories } } } } }
      }`,
      { id },
    );
    expect(res.errors).toBeUndefined();
    type Related = { paper: { id: string; url: unknown; arxivId: unknown; authorCount: number } };
    const data = res.data as {
      paper: { title: string; topic: { label: string }; related: { paper: { title: string } }[] };
      papers: {
        edges: { node: { id: string; topic: { terms: string[]; size: number }; related: Related[] } }[];
      };
    };
    expect(data.paper.title).toBe(all[0]?.title);
    expect(data.paper.topic.label).toMatch(/\w/);
    const same = data.papers.edges.find((e) => e.node.id === id)?.node;
    expect(same).toBeDefined();
    expect(same?.topic.terms.length).toBeGreaterThan(0);
    expect(same?.topic.size).toBeGreaterThan(0);
    expect(same?.related.map((r) => r.paper.id)).toHaveLength(data.paper.related.length);
    const [row] = await db.read(
      statement(
        'test.related',
        'MATCH (p:Paper) WHERE p.id IN $ids RETURN collect({ id: p.id, url: p.url, authorCount: p.authorCount }) AS rows',
        { ids: (same?.related ?? []).map((r) => r.paper.id) },
      ),
    );
    const stored = new Map(
      (row?.rows as { id: string; url: unknown; authorCount: number }[]).map((r) => [r.id, r]),
    );
    for (const r of same?.related ?? []) {
      expect(r.paper.url).toEqual(stored.get(r.paper.id)?.url ?? null);
      expect(r.paper.authorCount).toEqual(stored.get(r.paper.id)?.authorCount ?? 0);
    }
  });

  it('reads abstracts only where a query asks for them, also for related papers', async () => {
    const id = all[0]?.id;
    reads.length = 0;
    const res = await gql(
      `query($id: ID!) { paper(id: $id) { abstract related(first: 3) { paper { id abstract } } } }`,
      { id },
    );
    expect(res.errors).toBeUndefined();
    const p = res.data?.paper as { abstract: string; related: { paper: { id: string; abstract: string } }[] };
    expect(p.abstract.length).toBeGreaterThan(50);
    const [row] = await db.read(
      statement(
        'test.abstracts',
        'MATCH (p:Paper) WHERE p.id IN $ids RETURN collect(p.abstract) AS abstracts',
        {
          ids: p.related.map((r) => r.paper.id),
        },
      ),
    );
    expect(p.related.map((r) => r.paper.abstract).sort()).toEqual([...(row?.abstracts as string[])].sort());
    // The paper with its related list, then the related papers' abstracts in one batch.
    expect(reads).toEqual(['papers.byIds', 'papers.byIds']);
  });

  it('answers /health with 200 while Neo4j is reachable', async () => {
    const res = await fetch(`${app.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok' });
  });
});
