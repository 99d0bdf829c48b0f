import { deserializeModel, type TopicModelSnapshot } from '../../analysis/index.js';

export interface CurrentModel {
  readonly version: string;
  readonly model: TopicModelSnapshot;
}

/**
 * The current topic model, deserialised once per version and shared by all requests
 * (free-text recommendations project the text with it). Callers that learn the model
 * changed (a query reports another current version) call `invalidate` and ask again.
 */
export function createModelCache(load: () => Promise<{ version: string; state: string } | null>) {
  let cached: CurrentModel | null = null;
  let loading: Promise<CurrentModel | null> | null = null;
  return {
    async current(): Promise<CurrentModel | null> {
      if (cached) return cached;
      loading ??= load()
        .then((row) => (row ? { version: row.version, model: deserializeModel(row.state) } : null))
        .then((m) => {
          cached = m;
          return m;
        })
        .finally(() => {
          loading = null;
        });
      return loading;
    },
    invalidate(): void {
      cached = null;
    },
  };
}

export type ModelCache = ReturnType<typeof createModelCache>;
