import type { StatsView } from '../../domain/views.js';
import * as q from '../cypher/reads.js';
import type { GraphDb } from '../db.js';
import { num, optStr } from '../rows.js';

export function createStatsStore({ db }: { db: Pick<GraphDb, 'read'> }) {
  return {
    async stats(): Promise<StatsView> {
      const [r] = await db.read(q.stats());
      if (!r) return { papers: 0, authors: 0, topics: 0, similarityEdges: 0, modelVersion: null };
      return {
        papers: num(r.papers, 'papers'),
        authors: num(r.authors, 'authors'),
        topics: num(r.topics, 'topics'),
        similarityEdges: num(r.similarityEdges, 'similarityEdges'),
        modelVersion: optStr(r.modelVersion, 'modelVersion'),
      };
    },
  };
}

export type StatsStore = ReturnType<typeof createStatsStore>;
