/**
 * Reads shared by concurrent requests. Under load many requests ask the same question of
 * Neo4j at once with different ids (a paper with the same selection, the first page of
 * different topics). A coalescer collects the keys asked for in one turn of the event loop
 * (everything that arrived in one poll of the sockets) and answers them with one query per
 * shape, so Neo4j plans, opens and commits one transaction instead of one per request, and
 * the server makes one round trip.
 *
 * Nothing is cached: every call is answered by the query of its own turn, so a request never
 * sees older data than it would alone. Keys only ever select rows (ids), and every caller
 * gets just the keys it asked for. When only one caller asks in a turn the query is the same
 * as without coalescing; the delay is one turn of the event loop (setImmediate), microseconds.
 * When a shared read fails, each caller reads again on its own, so one caller's keys never
 * fail another's request.
 */

interface Waiter<K, V> {
  readonly keys: readonly K[];
  resolve(found: Map<K, V>): void;
  reject(e: unknown): void;
}

interface Group<S, K, V> {
  readonly shape: S;
  readonly keys: Set<K>;
  readonly waiters: Waiter<K, V>[];
}

export interface Coalescer<S, K, V> {
  /** The values found for `keys` (absent keys: not found), read together with other callers'. */
  load(shape: S, keys: readonly K[]): Promise<Map<K, V>>;
}

export interface CoalescerOptions<S, K, V> {
  /** Calls whose shapes have the same key share one read (default: the shape as JSON). */
  shapeKey?: (shape: S) => string;
  /** One read for every key of the turn (deduplicated). */
  read(shape: S, keys: readonly K[]): Promise<Map<K, V>>;
  /** Most keys per read; more callers in one turn are split into several reads. */
  maxKeys?: number;
  /** Off: every call is its own read (PAPERGRAPH_COALESCE_READS=false). */
  enabled?: boolean;
}

export function createCoalescer<S, K, V>(opts: CoalescerOptions<S, K, V>): Coalescer<S, K, V> {
  const maxKeys = opts.maxKeys ?? 100;
  const shapeKey = opts.shapeKey ?? ((shape: S) => JSON.stringify(shape ?? null));
  let pending = new Map<string, Group<S, K, V>[]>();
  let scheduled = false;

  const settle = (group: Group<S, K, V>): void => {
    opts.read(group.shape, [...group.keys]).then(
      (found) => {
        for (const w of group.waiters) {
          const mine = new Map<K, V>();
          for (const k of w.keys) {
            const v = found.get(k);
            if (v !== undefined) mine.set(k, v);
          }
          w.resolve(mine);
        }
      },
      (e: unknown) => {
        const [only] = group.waiters;
        if (group.waiters.length === 1 && only) {
          only.reject(e);
          return;
        }
        // One caller's keys must not fail the others: each reads again on its own.
        for (const w of group.waiters) opts.read(group.shape, w.keys).then(w.resolve, w.reject);
      },
    );
  };

  const flush = (): void => {
    scheduled = false;
    const groups = pending;
    pending = new Map();
    for (const list of groups.values()) for (const g of list) settle(g);
  };

  return {
    load(shape, keys) {
      if (opts.enabled === false) return opts.read(shape, keys);
      return new Promise<Map<K, V>>((resolve, reject) => {
        const sk = shapeKey(shape);
        const list = pending.get(sk) ?? [];
        if (list.length === 0) pending.set(sk, list);
        let group = list.at(-1);
        if (!group || group.keys.size + keys.length > maxKeys) {
          group = { shape, keys: new Set(), waiters: [] };
          list.push(group);
        }
        for (const k of keys) group.keys.add(k);
        group.waiters.push({ keys, resolve, reject });
        if (!scheduled) {
          scheduled = true;
          setImmediate(flush);
        }
      });
    },
  };
}
