import type { PaperView, TopicView } from '../../domain/views.js';
import * as q from '../cypher/reads.js';
import type { GraphDb } from '../db.js';
import { list, num, str, toTopic } from '../rows.js';
import { asMap, toFullPaper } from './paper-rows.js';

export interface RelatedTopicView {
  readonly topic: TopicView;
  readonly score: number;
}

export interface TopicPeriodView {
  /** `YYYY-MM`. */
  readonly period: string;
  readonly count: number;
}

/** Group rows by their `topicId` column, parsing the `field` column with `parse`. */
function byTopicId<T>(
  rows: readonly Record<string, unknown>[],
  field: string,
  parse: (v: unknown) => T,
): Map<string, T> {
  const out = new Map<string, T>();
  for (const r of rows) out.set(str(r.topicId, 'topicId'), parse(r[field]));
  return out;
}

export function createTopicStore({ db }: { db: Pick<GraphDb, 'read'> }) {
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

    async representativePapers(ids: readonly string[], first: number): Promise<Map<string, PaperView[]>> {
      return byTopicId(await db.read(q.representativePapers(ids, first)), 'papers', (v) =>
        list(v, 'papers').map(toFullPaper),
      );
    },

    async relatedTopics(ids: readonly string[], first: number): Promise<Map<string, RelatedTopicView[]>> {
      return byTopicId(await db.read(q.relatedTopics(ids, first)), 'related', (v) =>
        list(v, 'related').map((x) => {
          const o = asMap(x, 'relatedTopic');
          return { topic: toTopic(o.topic), score: num(o.score, 'relatedTopic.score') };
        }),
      );
    },

    async timelines(ids: readonly string[]): Promise<Map<string, TopicPeriodView[]>> {
      return byTopicId(await db.read(q.topicTimelines(ids)), 'timeline', (v) =>
        list(v, 'timeline').map((x) => {
          const o = asMap(x, 'period');
          return { period: str(o.period, 'period.period'), count: num(o.count, 'period.count') };
        }),
      );
    },
  };
}

export type TopicStore = ReturnType<typeof createTopicStore>;
