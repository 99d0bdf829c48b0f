import type { TopicModelView, TopicMoveView } from '../../domain/views.js';
import * as q from '../cypher/reads.js';
import type { GraphDb } from '../db.js';
import { asMap, list, num, optNum, optStr, str } from '../rows.js';

/** A stored `moves` JSON (see services/topic-moves.ts) as flat views; anything else is no moves. */
export function parseMoves(json: string | null): TopicMoveView[] {
  if (json === null) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return [];
  }
  const refs = (v: unknown, what: string) =>
    (Array.isArray(v) ? v : v === undefined ? [] : [v]).map((x, i) => {
      const o = asMap(x, `${what}[${i}]`);
      return { id: str(o.id, `${what}[${i}].id`), label: str(o.label ?? '', `${what}[${i}].label`) };
    });
  return list(parsed, 'moves').map((m, i) => {
    const o = asMap(m, `moves[${i}]`);
    const kind = str(o.kind, `moves[${i}].kind`);
    if (kind !== 'kept' && kind !== 'split' && kind !== 'merged' && kind !== 'new' && kind !== 'dissolved')
      return { kind: 'new' as const, from: [], to: [], overlap: null };
    return {
      kind,
      from: refs(o.from, `moves[${i}].from`),
      to: refs(o.to, `moves[${i}].to`),
      overlap: optNum(o.overlap, `moves[${i}].overlap`),
    };
  });
}

/** The chain of topic models: what each was built from, why, and how topics moved. */
export function createModelStore({ db }: { db: Pick<GraphDb, 'read'> }) {
  return {
    async models(first: number): Promise<TopicModelView[]> {
      return (await db.read(q.topicModels(first))).map((r) => ({
        version: str(r.version, 'version'),
        current: r.current === true,
        createdAt: optStr(r.createdAt, 'createdAt'),
        activatedAt: optStr(r.activatedAt, 'activatedAt'),
        k: num(r.k, 'k'),
        paperCount: optNum(r.paperCount, 'paperCount') ?? 0,
        reason: optStr(r.reason, 'reason'),
        previousVersion: optStr(r.previous, 'previous'),
        moves: parseMoves(optStr(r.moves, 'moves')),
      }));
    },
  };
}

export type ModelStore = ReturnType<typeof createModelStore>;
