/**
 * Answers of the widget read kept for a short time, so the many readers of one page cost one
 * query per `ttlMs` rather than one each, and a revalidation (If-None-Match) is answered 304
 * without touching the graph. Concurrent misses for one key share one computation; failures
 * are not kept. At most `maxEntries` answers, the least recently used dropped first.
 */
export interface CachedAnswer {
  readonly body: string;
  readonly etag: string;
}

export interface AnswerCacheOptions {
  /** How long an answer is reused (ms); 0 turns the cache off. */
  readonly ttlMs: number;
  readonly maxEntries: number;
  /** The clock (ms); tests pass their own. */
  readonly now?: () => number;
}

/** Reused for a minute: with the widget's max-age of 5 minutes a reader sees an answer at most 6 minutes old. */
export const DEFAULT_WIDGET_CACHE: AnswerCacheOptions = { ttlMs: 60_000, maxEntries: 2_000 };

export function createAnswerCache(options: AnswerCacheOptions) {
  const now = options.now ?? Date.now;
  const entries = new Map<string, { at: number; answer: Promise<CachedAnswer> }>();
  return {
    get(key: string, compute: () => Promise<CachedAnswer>): Promise<CachedAnswer> {
      if (options.ttlMs <= 0) return compute();
      const t = now();
      const hit = entries.get(key);
      if (hit && t - hit.at < options.ttlMs) {
        // Most recently used last: Map keeps insertion order.
        entries.delete(key);
        entries.set(key, hit);
        return hit.answer;
      }
      const answer = compute();
      const entry = { at: t, answer };
      entries.delete(key);
      entries.set(key, entry);
      answer.catch(() => {
        if (entries.get(key) === entry) entries.delete(key);
      });
      while (entries.size > options.maxEntries) {
        const oldest = entries.keys().next().value;
        if (oldest === undefined) break;
        entries.delete(oldest);
      }
      return answer;
    },
    get size(): number {
      return entries.size;
    },
  };
}
