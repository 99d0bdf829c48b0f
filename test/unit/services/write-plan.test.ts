import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runPlan } from '../../../src/services/plan-executor.js';
import {
  isInnerEdge,
  keywordSet,
  laneGroupOf,
  planFullBuild,
  type FullBuildInput,
  type WriteOp,
} from '../../../src/services/write-plan.js';

/** A corpus shape: per paper, created or not, its topic, its neighbours and keyword terms. */
const corpus = fc
  .record({
    papers: fc.integer({ min: 0, max: 40 }),
    topics: fc.integer({ min: 1, max: 6 }),
    lanes: fc.integer({ min: 1, max: 4 }),
    bulk: fc.boolean(),
    seed: fc.integer(),
  })
  .chain(({ papers, topics, lanes, bulk }) =>
    fc.record({
      lanes: fc.constant(lanes),
      bulk: fc.constant(bulk),
      created: fc.array(fc.boolean(), { minLength: papers, maxLength: papers }),
      assignments: fc.array(fc.integer({ min: 0, max: topics - 1 }), {
        minLength: papers,
        maxLength: papers,
      }),
      neighbours: fc.array(fc.array(fc.integer({ min: 0, max: Math.max(0, papers - 1) }), { maxLength: 5 }), {
        minLength: papers,
        maxLength: papers,
      }),
      keywords: fc.array(fc.array(fc.string({ minLength: 1, maxLength: 4 }), { maxLength: 4 }), {
        minLength: papers,
        maxLength: papers,
      }),
      topics: fc.constant(topics),
    }),
  );

type Corpus = {
  lanes: number;
  bulk: boolean;
  created: boolean[];
  assignments: number[];
  neighbours: number[][];
  keywords: string[][];
  topics: number;
};

const inputOf = (c: Corpus): FullBuildInput => {
  const sizes = new Array<number>(c.topics).fill(0);
  for (const t of c.assignments) sizes[t] = (sizes[t] ?? 0) + 1;
  return { created: c.created, assignments: c.assignments, topicSizes: sizes, lanes: c.lanes, bulk: c.bulk };
};

/** Every node an operation writes or locks: papers, topics, keywords. */
function touched(op: WriteOp, c: Corpus, groupOf: (row: number) => number): Set<string> {
  const out = new Set<string>();
  if (!('rows' in op)) return out;
  for (const i of op.rows) {
    out.add(`paper:${i}`);
    switch (op.kind) {
      case 'topics':
        out.add(`topic:${c.assignments[i]}`);
        break;
      case 'keywords':
        for (const k of c.keywords[i] ?? []) if (keywordSet(k, op.sets) === op.set) out.add(`keyword:${k}`);
        break;
      case 'analysis':
        out.add(`topic:${c.assignments[i]}`);
        for (const k of c.keywords[i] ?? []) out.add(`keyword:${k}`);
        break;
      case 'similar':
        for (const n of c.neighbours[i] ?? []) {
          const inner = isInnerEdge(groupOf, i, n);
          if (op.edges === 'all' || inner === (op.edges === 'inner')) out.add(`paper:${n}`);
        }
        break;
    }
  }
  return out;
}

describe('planFullBuild', () => {
  it('never lets two lanes of a phase touch the same node', () => {
    fc.assert(
      fc.property(corpus, (c) => {
        const input = inputOf(c);
        const groupOf = laneGroupOf(input);
        for (const phase of planFullBuild(input)) {
          const seen = new Map<string, number>();
          phase.lanes.forEach((lane, l) => {
            for (const op of lane) {
              for (const node of touched(op, c, groupOf)) {
                const other = seen.get(node);
                expect(
                  other === undefined || other === l,
                  `${phase.name}: ${node} in lanes ${other} and ${l}`,
                ).toBe(true);
                seen.set(node, l);
              }
            }
          });
        }
      }),
    );
  });

  it('writes every paper once: topic, every keyword set, and a complete similar list', () => {
    fc.assert(
      fc.property(corpus, (c) => {
        const input = inputOf(c);
        const ops = planFullBuild(input).flatMap((p) => p.lanes.flat());
        const count = (pred: (op: WriteOp) => boolean) => {
          const n = new Array<number>(c.created.length).fill(0);
          for (const op of ops) if (pred(op) && 'rows' in op) for (const i of op.rows) n[i] = (n[i] ?? 0) + 1;
          return n;
        };
        expect(count((op) => op.kind === 'topics' || op.kind === 'analysis')).toEqual(c.created.map(() => 1));
        expect(count((op) => op.kind === 'similar' && op.complete)).toEqual(c.created.map(() => 1));
        const keywordParts = count((op) => op.kind === 'keywords');
        expect(keywordParts).toEqual(c.created.map((isNew) => (isNew ? c.lanes : 0)));
        // Each new paper gets every keyword set exactly once.
        for (let i = 0; i < c.created.length; i++) {
          if (!c.created[i]) continue;
          const sets = ops.flatMap((op) => (op.kind === 'keywords' && op.rows.includes(i) ? [op.set] : []));
          expect(sets.sort()).toEqual(Array.from({ length: c.lanes }, (_, s) => s));
        }
      }),
    );
  });

  it('adds the vector index after the first writes and waits for indexes last, in a bulk load only', () => {
    const input = inputOf({
      lanes: 2,
      bulk: true,
      created: [true, true, false],
      assignments: [0, 1, 0],
      neighbours: [[1], [0], [0]],
      keywords: [['a'], ['b'], ['c']],
      topics: 2,
    });
    expect(planFullBuild(input).map((p) => p.name)).toEqual([
      'first',
      'vector-index',
      'keywords-1',
      'cross',
      'stale',
      'indexes',
    ]);
    expect(planFullBuild({ ...input, bulk: false }).map((p) => p.name)).toEqual([
      'first',
      'keywords-1',
      'cross',
      'stale',
    ]);
  });
});

describe('runPlan', () => {
  it('runs phases in order, lanes side by side, in batches; stops every lane when one fails', async () => {
    const log: string[] = [];
    const plan = [
      {
        name: 'a',
        lanes: [
          [{ kind: 'topics' as const, rows: [0, 1, 2, 3, 4] }],
          [{ kind: 'analysis' as const, rows: [5, 6] }],
        ],
      },
      { name: 'b', lanes: [[{ kind: 'awaitIndexes' as const }]] },
    ];
    await runPlan(plan, {
      batchSize: 2,
      rows: async (op, batch) => {
        log.push(`${op.kind}:${batch.join(',')}`);
      },
      step: async (op) => {
        log.push(op.kind);
      },
    });
    expect(log).toEqual(['topics:0,1', 'analysis:5,6', 'topics:2,3', 'topics:4', 'awaitIndexes']);

    const after: string[] = [];
    await expect(
      runPlan(plan, {
        batchSize: 1,
        rows: async (op, batch) => {
          if (op.kind === 'analysis') throw new Error('boom');
          await new Promise((r) => setTimeout(r, 1));
          after.push(`${batch[0]}`);
        },
        step: async () => {
          after.push('step');
        },
      }),
    ).rejects.toThrow('boom');
    // The other lane stopped at its next batch; the next phase never ran.
    expect(after.length).toBeLessThan(5);
    expect(after).not.toContain('step');
  });
});
