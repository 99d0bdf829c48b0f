import type { TopicView } from '../../domain/views.js';
import * as q from '../cypher/reads.js';
import type { GraphDb } from '../db.js';
import { toTopic } from '../rows.js';

export function createTopicStore({ db }: { db: GraphDb }) {
  return {
    /** Topics of the current model, largest first. */
    async current(first: number): Promise<TopicView[]> {
      return (await db.read(q.currentTopics(first))).map((r) => toTopic(r.topic));
    },

    async byIds(ids: readonly string[]): Promise<Map<string, TopicView>> {
      const out = new Map<string, TopicView>();
      for (const r of await db.read(q.topicsByIds(ids))) {
        const t = toTopic(r.topic);
        out.set(t.id, t);
      }
      return out;
    },
  };
}

export type TopicStore = ReturnType<typeof createTopicStore>;
