/**
 * The graph as it grows: the refresh policy rebuilds the model when a batch is large next to
 * the graph, topics that persist keep their ids, the model chain and moves are read through
 * GraphQL, and a paper with no known word is placed without breaking the ingest.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/api/server.js';
import type { GraphDb } from '../../src/graph/db.js';
import { statement } from '../../src/graph/statement.js';
import { bestTurn } from '../../src/analysis/layout.js';
import { currentTopicPositions } from '../../src/graph/cypher/ingest.js';
import { API_KEY, client, startTestApp } from './api-test-kit.js';
import { connectTestGraph, LISTING_FILE, ingestFile, REPO, staleTopicIds, wipe } from './graph-test-kit.js';

const HF_40 = path.join(REPO, 'test/integration/fixtures/hf-archive-40.jsonl');

async function assignments(db: GraphDb): Promise<Map<string, string>> {
  const rows = await db.read(
    statement(
      'test.assignments',
      'MATCH (p:Paper)-[:IN_TOPIC]->(t:Topic) RETURN p.id AS paper, t.id AS topic',
    ),
  );
  return new Map(rows.map((r) => [r.paper as string, r.topic as string]));
}

/** Map positions of the current model's topics, read as the ingest reads them. */
async function positions(db: GraphDb): Promise<Map<string, { x: number; y: number }>> {
  const rows = await db.read(currentTopicPositions());
  return new Map(rows.map((r) => [r.id as string, { x: r.x as number, y: r.y as number }]));
}

/** The turn that would bring `after`'s topics closest to where `before` had them (`bestTurn`). */
function remainingTurn(
  before: Map<string, { x: number; y: number }>,
  after: Map<string, { x: number; y: number }>,
): { angle: number; mirror: boolean; shared: number } {
  const pairs = [...after].flatMap(([id, a]) => {
    const b = before.get(id);
    return b === undefined ? [] : [[a.x, a.y, b.x, b.y] as const];
  });
  return { ...bestTurn(pairs), shared: pairs.length };
}

describe('topics and related papers as the graph grows', () => {
  let db: GraphDb;
  let app: RunningApp;
  let gql: ReturnType<typeof client>;
  beforeAll(async () => {
    db = connectTestGraph();
    await wipe(db);
    app = await startTestApp(db);
    gql = client(app);
  });
  afterAll(async () => {
    await app.stop();
    await db.close();
  });

  it('a batch large next to the graph rebuilds the model; topics that persist keep their ids', async () => {
    const first = await ingestFile(db, LISTING_FILE);
    expect(first.outcome.refresh.action).toBe('build');
    const before = await assignments(db);
    const placedBefore = await positions(db);
    const { outcome } = await ingestFile(db, HF_40);
    expect(outcome.mode).toBe('full');
    expect(outcome.refresh.action).toBe('rebuild');
    expect(outcome.refresh.reason).toMatch(/40 new papers/);
    expect(outcome.previousModel).toBe(first.outcome.modelVersion);
    expect(await staleTopicIds(db)).toBe(0);

    // Every new topic with at least half its papers from one old topic has that topic's id,
    // unless another new topic took more of the same old topic's papers (a split).
    const after = await assignments(db);
    const shared = new Map<string, Map<string, number>>(); // new -> old -> papers
    const size = new Map<string, number>();
    for (const [paper, topic] of after) {
      size.set(topic, (size.get(topic) ?? 0) + 1);
      const old = before.get(paper);
      if (old === undefined) continue;
      const row = shared.get(topic) ?? new Map<string, number>();
      row.set(old, (row.get(old) ?? 0) + 1);
      shared.set(topic, row);
    }
    const most = (old: string) => Math.max(...[...shared.values()].map((row) => row.get(old) ?? 0));
    let carried = 0;
    for (const [topic, row] of shared) {
      for (const [old, n] of row) {
        if (n >= (size.get(topic) ?? 0) / 2 && n === most(old)) {
          expect(topic).toBe(old);
          carried++;
        }
      }
    }
    expect(carried).toBeGreaterThan(0);

    // The rebuilt map is turned to keep kept topics on their side: no turn left to fit.
    const turn = remainingTurn(placedBefore, await positions(db));
    if (turn.shared >= 2) {
      expect(turn.mirror).toBe(false);
      expect(Math.abs(turn.angle)).toBeLessThan(0.35);
    }
  });

  it('reads the model chain, why each model was built and how topics moved, through GraphQL', async () => {
    const res = await gql<{
      topicModels: {
        version: string;
        current: boolean;
        reason: string;
        previousVersion: string | null;
        moves: { kind: string; from: { id: string }[]; to: { id: string }[] }[];
      }[];
      topics: { id: string }[];
    }>(
      `{ topicModels { version current reason previousVersion moves { kind from { id } to { id } } } topics { id } }`,
    );
    expect(res.errors).toBeUndefined();
    const [current, previous] = res.data?.topicModels ?? [];
    expect(current?.current).toBe(true);
    expect(current?.previousVersion).toBe(previous?.version);
    expect(current?.reason).toMatch(/rebuilt/);
    expect(previous?.reason).toMatch(/no topic model/);
    // Every current topic appears in the moves exactly as a target (kept, split, merged or new).
    const targets = new Set((current?.moves ?? []).flatMap((m) => m.to.map((t) => t.id)));
    for (const t of res.data?.topics ?? []) expect(targets.has(t.id)).toBe(true);
    const kept = (current?.moves ?? []).filter((m) => m.kind === 'kept');
    for (const m of kept) expect(m.to[0]?.id).toBe(m.from[0]?.id);

    // A topic's own history: the moves of the rebuild that name it.
    const first = res.data?.topics[0]?.id;
    const hist = await gql<{
      topic: { history: { modelVersion: string; move: { to: { id: string }[] } }[] };
    }>(`query($id: ID!) { topic(id: $id) { history { modelVersion move { kind to { id } } } } }`, {
      id: first,
    });
    expect(hist.errors).toBeUndefined();
    expect(hist.data?.topic.history[0]?.modelVersion).toBe(current?.version);
    expect(hist.data?.topic.history[0]?.move.to.map((t) => t.id)).toContain(first);
  });

  it('places a small batch in the model and says so in the mutation result', async () => {
    const res = await gql<{
      ingestPapers: {
        ingested: number;
        unplaced: number;
        refresh: { action: string; reason: string; growth: number };
      };
    }>(
      `mutation($p: [PaperInput!]!) { ingestPapers(papers: $p) { ingested unplaced refresh { action reason growth } } }`,
      {
        p: [
          {
            title: 'Daily paper recommendation with language models',
            abstract: 'We recommend research papers to readers with large language models and user feedback.',
          },
        ],
      },
      { authorization: `Bearer ${API_KEY}` },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.ingestPapers.ingested).toBe(1);
    expect(res.data?.ingestPapers.refresh.action).toBe('PLACE');
    expect(res.data?.ingestPapers.refresh.growth).toBeGreaterThan(0);
    expect(res.data?.ingestPapers.unplaced).toBe(0);
  });

  it('a paper with no word the model knows is placed and reported, never sent to the vector index', async () => {
    const res = await gql<{ ingestPapers: { ingested: number; unplaced: number; paperIds: string[] } }>(
      `mutation($p: [PaperInput!]!) { ingestPapers(papers: $p) { ingested unplaced paperIds } }`,
      { p: [{ title: 'Qwzxv pqtrz', abstract: 'Zzxqv wprtq kkvzx jjqwr xxpzv qqzvr.' }] },
      { authorization: `Bearer ${API_KEY}` },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.ingestPapers).toMatchObject({ ingested: 1, unplaced: 1 });
    const id = res.data?.ingestPapers.paperIds[0];
    const [row] = await db.read(
      statement(
        'test.unplaced',
        `MATCH (p:Paper {id: $id}) RETURN p.embedding IS NULL AS noVector, COUNT { (p)-[:IN_TOPIC]->() } AS topics`,
        { id },
      ),
    );
    expect(row).toEqual({ noVector: true, topics: 1 });
    const paper = await gql<{ paper: { topic: { id: string } | null; related: unknown[] } }>(
      `query($id: ID!) { paper(id: $id) { topic { id } related(first: 5) { score } } }`,
      { id },
    );
    expect(paper.errors).toBeUndefined();
    expect(paper.data?.paper.topic).not.toBeNull();
  });
});
