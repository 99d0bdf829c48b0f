/**
 * How topics moved between two models, from which papers each topic holds before and after.
 * Pure. An old topic's children are the new topics that took at least `share` of its papers;
 * a new topic's parents are the old topics that gave at least `share` of its papers. No child:
 * dissolved; several: split. No parent: new; several: merged. One child whose one parent is
 * that topic: kept.
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

  const children = new Map<string, string[]>(); // old id -> new ids
  const parents = new Map<string, string[]>(); // new id -> old ids
  for (const [newId, row] of overlap) {
    for (const [oldId, papers] of row) {
      if (papers / (oldSize.get(oldId) ?? 1) >= share)
        children.set(oldId, [...(children.get(oldId) ?? []), newId].sort());
      if (papers / (newSize.get(newId) ?? 1) >= share)
        parents.set(newId, [...(parents.get(newId) ?? []), oldId].sort());
    }
  }
  // An old topic that went mostly into one new topic is that topic's parent even when it gave
  // less than `share` of it, so every old topic appears in some move.
  for (const [oldId, kids] of children) {
    const only = kids[0];
    if (kids.length === 1 && only !== undefined && !(parents.get(only) ?? []).includes(oldId)) {
      parents.set(only, [...(parents.get(only) ?? []), oldId].sort());
    }
  }
  const ref = (key: string): TopicRef => refs.get(key) ?? { id: key.slice(2), label: '' };
  const moves: TopicMove[] = [];
  for (const oldId of [...oldSize.keys()].sort()) {
    const kids = children.get(oldId) ?? [];
    const only = kids[0];
    if (kids.length === 0) moves.push({ kind: 'dissolved', from: ref(`o:${oldId}`) });
    else if (kids.length > 1)
      moves.push({ kind: 'split', from: ref(`o:${oldId}`), to: kids.map((k) => ref(`n:${k}`)) });
    else if (only !== undefined && (parents.get(only) ?? []).join() === oldId) {
      const papers = overlap.get(only)?.get(oldId) ?? 0;
      moves.push({
        kind: 'kept',
        from: ref(`o:${oldId}`),
        to: ref(`n:${only}`),
        overlap: papers / (oldSize.get(oldId) ?? 1),
      });
    }
  }
  for (const newId of [...newSize.keys()].sort()) {
    const ps = parents.get(newId) ?? [];
    if (ps.length === 0) moves.push({ kind: 'new', to: ref(`n:${newId}`) });
    else if (ps.length > 1)
      moves.push({ kind: 'merged', from: ps.map((p) => ref(`o:${p}`)), to: ref(`n:${newId}`) });
  }
  return moves;
}
