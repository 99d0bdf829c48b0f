import type {
  PaperAnalysisRow,
  PaperNodeRow,
  RelatedTopicRow,
  SimilarRow,
  TopicModelRow,
  TopicRow,
} from '../../domain/graph.js';
import * as q from '../cypher/ingest.js';
import * as w from '../cypher/writes.js';
import type { GraphDb } from '../db.js';
import { list, num, optNum, optStr, str } from '../rows.js';
import {
  applySchemaStatements,
  indexConfigOf,
  indexCreatedBy,
  loadSchemaStatements,
  schemaIndexNames,
} from '../schema-setup.js';

export interface StoredModel {
  readonly version: string;
  readonly k: number;
  readonly dimensions: number;
  readonly state: string;
  readonly paperCount: number;
  /** JSON of quality figures and the refresh baseline (see ingest.service). */
  readonly quality: string;
  /** Papers placed in the model since it was built. */
  readonly placed: { papers: number; terms: number; unknownTerms: number; fitSum: number };
}

/** A paper near a new one: its text (for shared terms), index score, and the bar of its own list. */
export interface NearestHit {
  readonly id: string;
  readonly title: string;
  readonly abstract: string;
  /** The vector index's score, (1 + cosine) / 2. */
  readonly score: number;
  /** Lowest score in its own similar list when that list is full, else -1. */
  readonly floor: number;
}

/** Writes of the ingest pipeline. Each method is one transaction. */
export function createIngestStore({ db, schemaDir }: { db: GraphDb; schemaDir: string }) {
  return {
    async existing(ids: readonly string[]): Promise<Map<string, { analysed: boolean }>> {
      const out = new Map<string, { analysed: boolean }>();
      for (const r of await db.read(q.existingPaperIds(ids)))
        out.set(str(r.id, 'id'), { analysed: r.analysed === true });
      return out;
    },

    /** `withState: false`: `state` is '' (read it with `modelState` when needed). */
    async currentModel({ withState = true }: { withState?: boolean } = {}): Promise<StoredModel | null> {
      const [r] = await db.read(q.currentModel(withState));
      if (!r) return null;
      return {
        version: str(r.version, 'version'),
        k: num(r.k, 'k'),
        dimensions: num(r.dimensions, 'dimensions'),
        state: str(r.state, 'state'),
        paperCount: optNum(r.paperCount, 'paperCount') ?? 0,
        quality: optStr(r.quality, 'quality') ?? '{}',
        placed: {
          papers: optNum(r.placedPapers, 'placedPapers') ?? 0,
          terms: optNum(r.placedTerms, 'placedTerms') ?? 0,
          unknownTerms: optNum(r.placedUnknownTerms, 'placedUnknownTerms') ?? 0,
          fitSum: optNum(r.placedFitSum, 'placedFitSum') ?? 0,
        },
      };
    },

    /** The saved state of a model (megabytes for a large corpus). */
    async modelState(version: string): Promise<string> {
      const [r] = await db.read(q.modelState(version));
      return str(r?.state, 'state');
    },

    async paperCount(): Promise<number> {
      const [r] = await db.read(q.paperCount());
      return r ? num(r.papers, 'papers') : 0;
    },

    /** Topic id by topic index, for a model's topics (ids outlive rebuilds, indexes do not). */
    async topicIdsOf(version: string): Promise<Map<number, string>> {
      const out = new Map<number, string>();
      for (const r of await db.read(q.topicIdsOf(version))) out.set(num(r.index, 'index'), str(r.id, 'id'));
      return out;
    },

    /** Whether topics of a model other than `current` exist: a rebuild did not finish. */
    async hasUnfinishedRebuild(current: string): Promise<boolean> {
      const [r] = await db.read(q.unfinishedTopics(current));
      return r !== undefined && num(r.topics, 'topics') > 0;
    },

    /** For each row key, the id of the stored paper it is (by id, arXiv id, DOI or title), or null. */
    async resolve(
      rows: readonly {
        key: number;
        id: string;
        arxivId: string | null;
        doi: string | null;
        titleKey: string;
      }[],
    ): Promise<Map<number, string | null>> {
      const out = new Map<number, string | null>();
      for (const r of await db.read(q.resolvePaperIds(rows)))
        out.set(num(r.key, 'key'), optStr(r.existingId, 'existingId'));
      return out;
    },

    /**
     * Source facts only: papers not analysed yet (a full build writes them while the analysis
     * runs), or another source's view of papers already analysed.
     */
    async writeSourceFacts(papers: readonly PaperNodeRow[], fresh = false): Promise<Map<string, number>> {
      const [rows = []] = await db.write([w.sourceFacts(papers, fresh)]);
      return new Map(rows.map((r) => [str(r.id, 'id'), num(r.node, 'node')]));
    },

    async assignments(): Promise<{ paperId: string; topic: { id: string; label: string } }[]> {
      return (await db.read(q.currentAssignments())).map((r) => ({
        paperId: str(r.paperId, 'paperId'),
        topic: { id: str(r.topicId, 'topicId'), label: str(r.label, 'label') },
      }));
    },

    /** Map positions of the current model's topics, by topic id. */
    async topicPositions(): Promise<Map<string, { x: number; y: number }>> {
      const rows = await db.read(q.currentTopicPositions());
      return new Map(rows.map((r) => [str(r.id, 'id'), { x: num(r.x, 'x'), y: num(r.y, 'y') }]));
    },

    async allTexts(): Promise<{ id: string; title: string; abstract: string }[]> {
      return (await db.read(q.allPaperTexts())).map((r) => ({
        id: str(r.id, 'id'),
        title: str(r.title, 'title'),
        abstract: str(r.abstract, 'abstract'),
      }));
    },

    /**
     * Constraints, range and full-text indexes and (when the size is known) the vector index.
     * `indexes: false`: constraints only (a bulk load adds the indexes when the data is in).
     */
    async ensureSchema(dimensions?: number, opts: { indexes?: boolean } = {}): Promise<void> {
      // An index built with other settings (another model's dimension, older HNSW settings)
      // is dropped, so the schema creates it again as the files say.
      const schema = await loadSchemaStatements(schemaDir, dimensions);
      for (const s of schema) {
        const name = indexCreatedBy(s.text);
        const wanted = Object.entries(indexConfigOf(s.text));
        if (name === null || wanted.length === 0) continue;
        const [r] = await db.read(q.indexConfig(name));
        if (r === undefined) continue;
        const stored = (r.config ?? {}) as Record<string, unknown>;
        const same = (v: unknown, w: unknown) => (typeof v === 'string' ? v.toUpperCase() : v) === w;
        if (wanted.some(([key, w]) => !same(stored[key], w))) await db.schema(q.dropIndex(name));
      }
      await applySchemaStatements(db, schema, opts);
    },

    /** Papers analysed before they carried their topic id get it (a no-op once done). */
    async backfillTopicIds(): Promise<void> {
      for (;;) {
        const [r] = (await db.write([q.backfillTopicIds(10000)]))[0] ?? [];
        if (!r || num(r.updated, 'updated') === 0) break;
      }
    },

    /** Whether the graph holds any paper at all. */
    async hasPapers(): Promise<boolean> {
      const [r] = await db.read(q.anyPaper());
      return r?.found === true;
    },

    /**
     * Drop the schema's (non-constraint) indexes, for a bulk load into a graph without papers:
     * they are empty then, and are created again, populated in one pass, by `ensureSchema`.
     */
    async dropIndexes(): Promise<void> {
      for (const name of await schemaIndexNames(schemaDir)) await db.schema(q.dropIndex(name));
    },

    /** Wait until every index is online (populated); a failed population throws. */
    async awaitIndexes(): Promise<void> {
      await db.schema(q.awaitIndexes());
    },

    async upsertTopics(rows: readonly TopicRow[]): Promise<void> {
      await db.write([w.upsertTopics(rows)]);
    },

    /**
     * A batch of papers with their source facts and analysis, all or nothing. `fresh`: the
     * caller resolved them as not stored yet, so they are created rather than merged.
     */
    async writePapers(
      papers: readonly PaperNodeRow[],
      analysis: readonly PaperAnalysisRow[],
      fresh = false,
    ): Promise<void> {
      await db.write([w.sourceFacts(papers, fresh), w.writePaperAnalysis(analysis, fresh)]);
    },

    /** Topic, vector and keywords of stored papers. */
    async writeAnalysis(analysis: readonly PaperAnalysisRow[]): Promise<void> {
      await db.write([w.writePaperAnalysis(analysis)]);
    },

    /**
     * `nodes` (papers without a list yet, `unlinked`): rows whose paper and neighbours all have
     * a node id written in this run are written by node id, the rest by paper id, in one
     * transaction.
     */
    async writeSimilar(
      rows: readonly SimilarRow[],
      unlinked = false,
      markLinked = true,
      nodes?: w.NodeIds,
    ): Promise<void> {
      if (!unlinked || nodes === undefined) {
        await db.write([w.writeSimilar(rows, unlinked, markLinked)]);
        return;
      }
      const byNode: SimilarRow[] = [];
      const byId: SimilarRow[] = [];
      for (const r of rows)
        (nodes.has(r.id) && r.neighbors.every((n) => nodes.has(n.id)) ? byNode : byId).push(r);
      await db.write([
        ...(byNode.length > 0 ? [w.writeSimilarByNode(byNode, nodes, markLinked)] : []),
        ...(byId.length > 0 ? [w.writeSimilar(byId, true, markLinked)] : []),
      ]);
    },

    /** Topic and vector of papers created in this run (keywords come separately). */
    async writeTopics(analysis: readonly PaperAnalysisRow[]): Promise<void> {
      await db.write([w.writeFirstTopics(analysis)]);
    },

    /** Keywords of papers created in this run. */
    async writeKeywords(analysis: readonly PaperAnalysisRow[]): Promise<void> {
      await db.write([w.writeFirstKeywords(analysis)]);
    },

    async nearest(
      rows: readonly { id: string; embedding: readonly number[] }[],
      k: number,
    ): Promise<Map<string, NearestHit[]>> {
      const out = new Map<string, NearestHit[]>();
      if (rows.length === 0) return out;
      // Vector searches are CPU-bound in one transaction: two halves in flight keep two cores
      // busy (one read each; nothing is written here).
      const half = Math.ceil(rows.length / 2);
      const parts = rows.length < 64 ? [rows] : [rows.slice(0, half), rows.slice(half)];
      const results = await Promise.all(parts.map((part) => db.read(q.nearestByVector(part, k))));
      for (const r of results.flat()) {
        const hits = list(r.hits, 'hits').map((h) => {
          const o = h as Record<string, unknown>;
          return {
            id: str(o.id, 'hit.id'),
            title: str(o.title, 'hit.title'),
            abstract: str(o.abstract, 'hit.abstract'),
            score: num(o.score, 'hit.score'),
            floor: num(o.floor, 'hit.floor'),
          };
        });
        out.set(str(r.id, 'id'), hits.slice(0, k));
      }
      return out;
    },

    /**
     * New papers' own lists, the reverse edges they earn, topic sizes and the model's tally of
     * placed papers, in one transaction.
     */
    async linkIncremental(
      similar: readonly SimilarRow[],
      reverse: readonly { from: string; to: string; score: number; sharedTerms: readonly string[] }[],
      k: number,
      version: string,
      placed: { papers: number; terms: number; unknownTerms: number; fitSum: number },
      fresh = false,
    ): Promise<void> {
      await db.write([
        // `fresh`: papers created by this run's writePapers have no list to replace.
        w.writeSimilar(similar, fresh),
        q.addReverseSimilar(reverse, k),
        q.refreshTopicSizes(version),
        w.tallyPlaced(
          version,
          placed,
          similar.map((r) => r.id),
        ),
      ]);
    },

    /** The model's state (megabytes for a large corpus); it stays inactive until `activateModel`. */
    async saveModel(model: TopicModelRow): Promise<void> {
      await db.write([w.saveTopicModel(model)]);
    },

    /**
     * One transaction: the topics take their final labels, terms and sizes (topics carried over
     * from the previous model keep showing its labels until here), related topics, the model's
     * history, and the switch. Readers see the old model until this commits.
     */
    async activateModel(
      version: string,
      topics: readonly TopicRow[],
      related: readonly RelatedTopicRow[],
      history: { previous: string | null; reason: string; moves: string },
    ): Promise<void> {
      await db.write([
        w.upsertTopics(topics),
        w.writeRelatedTopics(version, related),
        w.recordModelHistory({ version, ...history }),
        ...w.activateTopicModel(
          version,
          topics.map((t) => t.id),
        ),
      ]);
    },
  };
}

export type IngestStore = ReturnType<typeof createIngestStore>;
