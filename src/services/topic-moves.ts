/**
 * How topics moved between two models, from which papers each topic holds before and after.
 * Pure. A topic pair "overlaps" when at least `share` of the old topic's papers went to the
 * new one or at least `share` of the new topic's papers came from the old one.
 */

export interface TopicRef {
  readonly id: string;
  readonly label: string;
}

export type TopicMove =
  | { readonly kind: 'kept'; readonly from: TopicRef; readonly to: TopicRef; readonly overlap: number }
  | { readonly kind: 'split'; readonly from: TopicRef; readonly to: readonly TopicRef[] }
  | { readonly kind: 'merged'; readonly from: readonly TopicRef[]; readonly to: TopicRef }
  | { readonly kind: 'new'; readonly to: TopicRef }
  | { readonly kind: 'dissolved'; readonly from: TopicRef };

export interface Assignment {
  readonly paperId: string;
  readonly topic: TopicRef;
}

export function topicMoves(
  before: readonly Assignment[],
  after: readonly Assignment[],
  share = 0.3,
): TopicMove[] {
  const oldOf = new Map(before.map((a) => [a.paperId, a.topic]));
  const oldSize = new Map<string, number>();
  for (const a of before) oldSize.set(a.topic.id, (oldSize.get(a.topic.id) ?? 0) + 1);
  const newSize = new Map<string, number>();
  const overlap = new Map<string, Map<string, number>>(); // new id -> old id -> papers
  const refs = new Map<string, TopicRef>();
  for (const a of after) {
    refs.set(`n:${a.topic.id}`, a.topic);
    newSize.set(a.topic.id, (newSize.get(a.topic.id) ?? 0) + 1);
    const old = oldOf.get(a.paperId);
    if (!old) continue;
    refs.set(`o:${old.id}`, old);
    const row = overlap.get(a.topic.id) ?? new Map<string, number>();
    row.set(old.id, (row.get(old.id) ?? 0) + 1);
    overlap.set(a.topic.id, row);
  }
  for (const a of before) refs.set(`o:${a.topic.id}`, a.topic);

  // Significant links between old and new topics.
  const links: { oldId: string; newId: string; papers: number }[] = [];
  for (const [newId, row] of overlap) {
    for (const [oldId, papers] of row) {
      const ofOld = papers / (oldSize.get(oldId) ?? 1);
      const ofNew = papers / (newSize.get(newId) ?? 1);
      if (ofOld >= share || ofNew >= share) links.push({ oldId, newId, papers });
    }
  }
  const byOld = groupBy(links, (l) => l.oldId);
  const byNew = groupBy(links, (l) => l.newId);
  const ref = (key: string): TopicRef => refs.get(key) ?? { id: key.slice(2), label: '' };
  const moves: TopicMove[] = [];
  const explainedNew = new Set<string>();

  for (const oldId of [...oldSize.keys()].sort()) {
    const out = byOld.get(oldId) ?? [];
    if (out.length === 0) {
      moves.push({ kind: 'dissolved', from: ref(`o:${oldId}`) });
    } else if (out.length === 1) {
      const only = out[0];
      if (only && (byNew.get(only.newId)?.length ?? 0) === 1) {
        moves.push({
          kind: 'kept',
          from: ref(`o:${oldId}`),
          to: ref(`n:${only.newId}`),
          overlap: only.papers / (oldSize.get(oldId) ?? 1),
        });
        explainedNew.add(only.newId);
      }
    } else {
      moves.push({ kind: 'split', from: ref(`o:${oldId}`), to: out.map((l) => ref(`n:${l.newId}`)) });
      out.forEach((l) => explainedNew.add(l.newId));
    }
  }
  for (const newId of [...newSize.keys()].sort()) {
    const incoming = byNew.get(newId) ?? [];
    if (incoming.length >= 2) {
      moves.push({ kind: 'merged', from: incoming.map((l) => ref(`o:${l.oldId}`)), to: ref(`n:${newId}`) });
    } else if (incoming.length === 0) {
      moves.push({ kind: 'new', to: ref(`n:${newId}`) });
    } else if (!explainedNew.has(newId)) {
      // Fed by one old topic that also fed others: that split already names this topic.
      continue;
    }
  }
  return moves;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const it of items) {
    const k = key(it);
    const list = out.get(k) ?? [];
    list.push(it);
    out.set(k, list);
  }
  return out;
}
