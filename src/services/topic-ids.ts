/**
 * Topic ids that outlive a rebuild. Pure. A new topic takes the id of the old topic that holds
 * at least `share` of its members (papers in both models); when several new topics claim one
 * old id (a split), the one with most shared papers keeps it. Then new topics that hold the
 * larger part of an old topic (at least `share` of the old topic's papers, with no better
 * claim on it) take its id. Every other new topic gets a fresh id. Each old id goes to at most
 * one new topic.
 */

export interface PriorAssignment {
  readonly paperId: string;
  readonly topicId: string;
}

/**
 * `after[i]`: the new topic index of `paperIds[i]`; `k` new topics. Returns the id of each new
 * topic, by index.
 */
export function carryTopicIds(
  before: readonly PriorAssignment[],
  paperIds: readonly string[],
  after: ArrayLike<number>,
  k: number,
  freshId: (index: number) => string,
  share = 0.5,
): string[] {
  const oldOf = new Map(before.map((a) => [a.paperId, a.topicId]));
  const oldSize = new Map<string, number>();
  for (const a of before) oldSize.set(a.topicId, (oldSize.get(a.topicId) ?? 0) + 1);
  const newSize = new Array<number>(k).fill(0);
  const overlap = new Map<string, number>(); // `${new}\t${old}` -> shared papers
  paperIds.forEach((id, i) => {
    const t = after[i] ?? 0;
    newSize[t] = (newSize[t] ?? 0) + 1;
    const old = oldOf.get(id);
    if (old === undefined) return;
    const key = `${t}\t${old}`;
    overlap.set(key, (overlap.get(key) ?? 0) + 1);
  });
  const pairs = [...overlap].map(([key, papers]) => {
    const [t = '0', old = ''] = key.split('\t');
    return { topic: Number(t), old, papers };
  });
  const byPapers = (a: { papers: number; topic: number; old: string }, b: typeof a) =>
    b.papers - a.papers || a.topic - b.topic || (a.old < b.old ? -1 : a.old > b.old ? 1 : 0);

  const ids: (string | undefined)[] = new Array<string | undefined>(k).fill(undefined);
  const taken = new Set<string>();
  const claim = (eligible: (p: (typeof pairs)[number]) => boolean) => {
    for (const p of pairs.filter(eligible).sort(byPapers)) {
      if (ids[p.topic] !== undefined || taken.has(p.old)) continue;
      ids[p.topic] = p.old;
      taken.add(p.old);
    }
  };
  // Most of the new topic came from one old topic: it is that topic, grown or trimmed.
  claim((p) => p.papers >= share * (newSize[p.topic] ?? 0));
  // Most of an old topic went into this one (it absorbed others too): still its successor.
  claim((p) => p.papers >= share * (oldSize.get(p.old) ?? 0));
  return ids.map((id, t) => id ?? freshId(t));
}
