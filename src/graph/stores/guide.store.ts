import * as q from '../cypher/guide-reads.js';
import type { GraphDb } from '../db.js';
import type { GuideRef, GuideSample } from '../../domain/guide.js';
import { asMap, num, optStr, str, strList } from '../rows.js';

function ref(v: unknown, what: string): GuideRef {
  const o = asMap(v, what);
  return { id: str(o.id, `${what}.id`), label: str(o.label, `${what}.label`) };
}

function optional<T>(v: unknown, parse: (v: unknown) => T): T | null {
  return v === null || v === undefined ? null : parse(v);
}

export function createGuideStore({ db }: { db: Pick<GraphDb, 'read'> }) {
  return {
    /** Null when the graph has no current topic model yet (nothing ingested). */
    async sample(): Promise<GuideSample | null> {
      const [r] = await db.read(q.guideSample());
      if (!r) return null;
      const topic = asMap(r.topic, 'topic');
      return {
        modelVersion: str(r.modelVersion, 'modelVersion'),
        k: num(r.k, 'k'),
        papers: num(r.papers, 'papers'),
        topic: {
          ...ref(topic, 'topic'),
          terms: strList(topic.terms, 'topic.terms'),
          size: num(topic.size, 'topic.size'),
        },
        neighbour: optional(r.neighbour, (v) => ref(v, 'neighbour')),
        paper: optional(r.paper, (v) => {
          const o = asMap(v, 'paper');
          return { id: str(o.id, 'paper.id'), title: str(o.title, 'paper.title') };
        }),
        author: optional(r.author, (v) => {
          const o = asMap(v, 'author');
          return { id: str(o.id, 'author.id'), name: str(o.name, 'author.name') };
        }),
        bridge: optional(r.bridge, (v) => {
          const o = asMap(v, 'bridge');
          return {
            from: ref(o.from, 'bridge.from'),
            to: ref(o.to, 'bridge.to'),
            authors: num(o.authors, 'bridge.authors'),
          };
        }),
        previousVersion: optStr(r.previousVersion, 'previousVersion'),
      };
    },
  };
}

export type GuideStore = ReturnType<typeof createGuideStore>;
