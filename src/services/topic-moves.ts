/**
 * How topics moved between two models, from which papers each topic holds before and after.
 * Pure. Each new topic has at most one main parent: the old topic whose id it carries (see
 * topic-ids.ts), else the old topic that gave it at least `share` of its papers. An old topic
 * that is nobody's main parent went, if at least `share` of its papers went to one new topic,
 * into that topic (merged), else nowhere (dissolved). Then an old topic that is the main
 * parent of one new topic, which absorbed no other, was kept; of several, split; a new topic
 * that absorbed others besides its main parent is a merge; one with no main parent is new.
 * Every old and every new topic appears in a move (a split's part that also absorbed another
 * topic appears twice: in the split and in its merge).
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
  share = 0.5,
): TopicMove[] {
  const oldOf = new Map(before.map((a) => [a.paperId, a.topic.id]));
  const oldRefs = new Map(before.map((a) => [a.topic.id, a.topic]));
  const newRefs = new Map(after.map((a) => [a.topic.id, a.topic]));
  const oldSize = new Map<string, number>();
  for (const a of before) oldSize.set(a.topic.id, (oldSize.get(a.topic.id) ?? 0) + 1);
  const newSize = new Map<string, number>();
  const overlap = new Map<string, Map<string, number>>(); // new id -> old id -> papers
  for (const a of after) {
    newSize.set(a.topic.id, (newSize.get(a.topic.id) ?? 0) + 1);
    const old = oldOf.get(a.paperId);
    if (old === undefined) continue;
    const row = overlap.get(a.topic.id) ?? new Map<string, number>();
    row.set(old, (row.get(old) ?? 0) + 1);
    overlap.set(a.topic.id, row);
  }
  const sorted = (xs: Iterable<string>) => [...xs].sort();
  const best = (row: Iterable<[string, number]>): [string, number] | undefined =>
    [...row].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))[0];

  const mainParent = new Map<string, string>(); // new id -> old id
  for (const n of sorted(newSize.keys())) {
    const row = overlap.get(n) ?? new Map<string, number>();
    if (oldSize.has(n)) mainParent.set(n, n);
    else {
      const top = best(row);
      if (top !== undefined && top[1] >= share * (newSize.get(n) ?? 0)) mainParent.set(n, top[0]);
    }
  }
  const childrenOf = new Map<string, string[]>();
  for (const [n, o] of mainParent) childrenOf.set(o, sorted([...(childrenOf.get(o) ?? []), n]));
  const absorbed = new Map<string, string[]>(); // new id -> old ids merged into it
  const dissolved: string[] = [];
  for (const o of sorted(oldSize.keys())) {
    if (childrenOf.has(o)) continue;
    const dest = best([...overlap].map(([n, row]) => [n, row.get(o) ?? 0] as [string, number]));
    if (dest !== undefined && dest[1] > 0 && dest[1] >= share * (oldSize.get(o) ?? 0))
      absorbed.set(dest[0], sorted([...(absorbed.get(dest[0]) ?? []), o]));
    else dissolved.push(o);
  }

  const oldRef = (id: string): TopicRef => oldRefs.get(id) ?? { id, label: '' };
  const newRef = (id: string): TopicRef => newRefs.get(id) ?? { id, label: '' };
  const moves: TopicMove[] = [];
  for (const o of sorted(childrenOf.keys())) {
    const kids = childrenOf.get(o) ?? [];
    const only = kids[0];
    if (kids.length === 1 && only !== undefined) {
      const others = absorbed.get(only) ?? [];
      if (others.length === 0)
        moves.push({
          kind: 'kept',
          from: oldRef(o),
          to: newRef(only),
          overlap: (overlap.get(only)?.get(o) ?? 0) / (oldSize.get(o) ?? 1),
        });
      else moves.push({ kind: 'merged', from: sorted([o, ...others]).map(oldRef), to: newRef(only) });
    } else {
      moves.push({ kind: 'split', from: oldRef(o), to: kids.map(newRef) });
      for (const k of kids) {
        const others = absorbed.get(k) ?? [];
        if (others.length > 0) moves.push({ kind: 'merged', from: others.map(oldRef), to: newRef(k) });
      }
    }
  }
  for (const n of sorted(newSize.keys())) {
    if (mainParent.has(n)) continue;
    const others = absorbed.get(n) ?? [];
    if (others.length === 0) moves.push({ kind: 'new', to: newRef(n) });
    else if (others.length === 1 && others[0] !== undefined)
      moves.push({
        kind: 'kept',
        from: oldRef(others[0]),
        to: newRef(n),
        overlap: (overlap.get(n)?.get(others[0]) ?? 0) / (oldSize.get(others[0]) ?? 1),
      });
    else moves.push({ kind: 'merged', from: others.map(oldRef), to: newRef(n) });
  }
  for (const o of dissolved) moves.push({ kind: 'dissolved', from: oldRef(o) });
  return moves;
}
