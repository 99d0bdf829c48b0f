import { createHash } from 'node:crypto';
import {
  deserializeModel,
  projectDocuments,
  serializeModel,
  type AnalysisDoc,
  type AnalysisOptions,
  type AnalysisResult,
  type TopicModelSnapshot,
} from '../analysis/index.js';
import type { PaperAnalysisRow, PaperNodeRow, SimilarRow, TopicRow } from '../domain/graph.js';
import { authorIdFor, normaliseTitle } from '../domain/ids.js';
import type { PaperRecord } from '../domain/paper.js';
import type { IngestStore, StoredModel } from '../graph/stores/ingest.store.js';
import { analyzeOffThread } from './analysis-runner.js';
import { sharedTermsForPairs } from '../analysis/shared-terms.js';
import {
  DEFAULT_REFRESH,
  decideAfterPlacing,
  decideBeforePlacing,
  type ModelBaseline,
  type RefreshDecision,
  type RefreshSettings,
} from './refresh-policy.js';
import { carryTopicIds } from './topic-ids.js';
import { topicMoves, type TopicMove } from './topic-moves.js';

export type IngestStage = 'analyse' | 'papers' | 'topics' | 'keywords' | 'similar' | 'indexes' | 'model';

export interface IngestProgress {
  readonly stage: IngestStage;
  readonly done: number;
  readonly total: number;
}

export interface IngestOutcome {
  /** `full`: a model was built over every paper; `incremental`: new papers were projected. */
  readonly mode: 'full' | 'incremental' | 'unchanged';
  readonly received: number;
  readonly written: number;
  readonly unchanged: number;
  readonly paperIds: readonly string[];
  readonly modelVersion: string | null;
  readonly topics: number;
  readonly similarityEdges: number;
  readonly kReason: string | null;
  /** What the refresh policy decided for this ingest, and why. */
  readonly refresh: RefreshDecision;
  /** New papers none of whose terms the model knows: placed in the largest topic, without neighbours. */
  readonly unplaced: number;
  /** A build: the model it replaced, and how the topics moved (empty for a first build). */
  readonly previousModel: string | null;
  readonly moves: readonly TopicMove[];
}

export interface IngestServiceDeps {
  readonly store: IngestStore;
  readonly batchSize: number;
  readonly analysis?: AnalysisOptions;
  readonly onProgress?: (p: IngestProgress) => void;
  /** Smallest full build into a graph without papers that is loaded in bulk. Default BULK_LOAD_FROM. */
  readonly bulkLoadFrom?: number;
  /** When an ingest rebuilds the model by itself. Default DEFAULT_REFRESH. */
  readonly refresh?: RefreshSettings;
}

export interface IngestOptions {
  /** Build a new model over all papers even when one exists (re-clustering). */
  readonly rebuild?: boolean;
  /** false: place new papers in the current model whatever the policy says (this run only). */
  readonly refresh?: boolean;
  /** Why a rebuild was asked for, for the model's history (default: "asked for"). */
  readonly reason?: string;
}

/** Neo4j's cosine vector score is (1 + cos) / 2; the graph stores plain cosine like the analysis does. */
const fromIndexScore = (s: number): number => Math.max(0, 2 * s - 1);

const round = (x: number): number => Math.round(x * 1e4) / 1e4;

/**
 * A full build of at least this many papers into a graph without papers is a bulk load: the
 * search indexes are created after the data they cover is written (one population pass
 * each, in the background, instead of an update per transaction).
 */
export const BULK_LOAD_FROM = 1000;

export function toNodeRow(r: PaperRecord): PaperNodeRow {
  const seen = new Set<string>();
  const authors: { id: string; name: string }[] = [];
  for (const name of r.authors) {
    const id = authorIdFor(name);
    if (id === '' || seen.has(id)) continue;
    seen.add(id);
    authors.push({ id, name });
  }
  return {
    id: r.id,
    title: r.title,
    titleKey: normaliseTitle(r.title),
    abstract: r.abstract,
    arxivId: r.arxivId ?? null,
    doi: r.doi ?? null,
    publishedAt: r.publishedAt ?? null,
    upvotes: r.upvotes ?? null,
    authorCount: Math.max(r.authorCount, authors.length),
    url: r.url ?? null,
    source: r.source,
    sources: [...(r.sources ?? [r.source])],
    categories: [...r.categories],
    authors,
    organizations: [...r.organizations],
    codeUrls: [...r.codeUrls],
  };
}

/** Model version from what the model was built on: the same papers and options give the same version. */
export function modelVersionFor(ids: readonly string[], options: AnalysisOptions): string {
  const h = createHash('sha1');
  for (const id of [...ids].sort()) h.update(id).update('\n');
  h.update(JSON.stringify(options));
  return 'tm-' + h.digest('hex').slice(0, 10);
}

export const topicIdFor = (version: string, index: number): string => `${version}-${index}`;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Ingest parsed papers: a full model build when the graph has no complete model yet (or
 * `rebuild` is asked), else incremental projection of the papers the graph lacks. Every
 * write is batched and idempotent; a paper is written with its analysis in one transaction,
 * and the model becomes current last, so an interrupted run is completed by running again.
 */
export function createIngestService(deps: IngestServiceDeps) {
  const { store, batchSize, onProgress, bulkLoadFrom = BULK_LOAD_FROM } = deps;
  const options: AnalysisOptions = deps.analysis ?? {};
  const refreshSettings = deps.refresh ?? DEFAULT_REFRESH;

  async function fullBuild(
    records: readonly PaperRecord[],
    stored: ReadonlySet<string>,
    bulk: boolean,
    refresh: RefreshDecision,
    previous: StoredModel | null,
  ): Promise<IngestOutcome> {
    // Which topic each paper was in: topics that persist keep their ids.
    const before = previous === null ? [] : await store.assignments();
    const inputIds = new Set(records.map((r) => r.id));
    const others = (await store.allTexts()).filter((p) => !inputIds.has(p.id));
    const docs: AnalysisDoc[] = [
      ...records.map((r) => ({ id: r.id, title: r.title, abstract: r.abstract })),
      ...others,
    ];
    docs.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

    // Source facts go to Neo4j while the analysis runs: the model becomes current only at
    // the end, so a crash in between leaves papers that the next run analyses.
    const rows = records.map(toNodeRow);
    // Node ids of the papers written here: the similar edges between them go by node id.
    const nodes = new Map<string, number>();
    const sourceWrites = (async () => {
      let done = 0;
      for (const [fresh, part] of [
        [true, rows.filter((r) => !stored.has(r.id))],
        [false, rows.filter((r) => stored.has(r.id))],
      ] as const) {
        for (const batch of chunks(part, batchSize)) {
          for (const [id, node] of await store.writeSourceFacts(batch, fresh)) nodes.set(id, node);
          done += batch.length;
          onProgress?.({ stage: 'papers', done, total: rows.length });
        }
      }
      // Range and full-text indexes populate while the analysis finishes.
      if (bulk) await store.ensureSchema();
    })();
    onProgress?.({ stage: 'analyse', done: 0, total: docs.length });
    const [result] = await Promise.all([analyzeOffThread(docs, options), sourceWrites]);
    onProgress?.({ stage: 'analyse', done: docs.length, total: docs.length });
    const version = modelVersionFor(
      docs.map((d) => d.id),
      options,
    );
    const dims = result.vectors[0]?.length ?? 1;
    await store.ensureSchema(dims, { indexes: !bulk });
    // Papers created in this run have no topic, keywords or similar papers to replace yet.
    const isNew = (id: string): boolean => !stored.has(id) && inputIds.has(id);

    const topicIds = carryTopicIds(
      before.map((a) => ({ paperId: a.paperId, topicId: a.topic.id })),
      docs.map((d) => d.id),
      result.assignments,
      result.topics.length,
      (i) => topicIdFor(version, i),
    );
    const topicId = (i: number): string => required(topicIds[i], `topic ${i}`);
    const topics: TopicRow[] = result.topics.map((t) => ({
      id: topicId(t.index),
      index: t.index,
      label: t.label,
      terms: t.terms,
      size: t.size,
      modelVersion: version,
    }));
    // Topics new in this model are created now (no reader lists them before the switch);
    // topics carried over keep the old model's label and terms until the switch.
    const carried = new Set(before.map((a) => a.topic.id));
    await store.upsertTopics(topics.filter((t) => !carried.has(t.id)));
    // The model's state (megabytes) is written meanwhile, in its own transaction; it becomes
    // current only at the end. Its error, if any, is thrown there.
    const modelSaved = store
      .saveModel({
        version,
        k: result.topics.length,
        dimensions: dims,
        params: JSON.stringify(options),
        quality: JSON.stringify({ kChoice: result.kChoice, baseline: baselineOf(result.model, docs) }),
        state: serializeModel(result.model),
        paperCount: docs.length,
      })
      .then(
        () => undefined,
        (e: unknown) => e,
      );

    const analysisRows = docs.map((d, i) => analysisRow(d.id, i, result, topicId));
    const similar: SimilarRow[] = docs.map((d, i) => ({
      id: d.id,
      neighbors: (result.neighbors[i] ?? []).map((n) => ({
        id: required(docs[n.index], `neighbour ${n.index}`).id,
        score: round(n.score),
        sharedTerms: n.sharedTerms,
      })),
    }));
    const edges = similar.reduce((s, r) => s + r.neighbors.length, 0);
    const counter = (stage: IngestStage, total: number) => {
      let done = 0;
      return (n: number) => {
        done += n;
        onProgress?.({ stage, done, total });
      };
    };
    const topicsWritten = counter('topics', docs.length);
    const similarWritten = counter('similar', docs.length);
    const keywordsWritten = counter('keywords', docs.length);
    // Writers running side by side stop at their next batch when one fails, and the failure
    // is thrown once both have stopped: nothing keeps writing behind the caller's back.
    let failed = false;
    const batches = async <T>(
      rows: readonly T[],
      write: (b: T[]) => Promise<void>,
      done: (n: number) => void,
    ) => {
      for (const batch of chunks(rows, batchSize)) {
        if (failed) return;
        await write(batch);
        done(batch.length);
      }
    };
    const sideBySide = async (writers: (() => Promise<void>)[]) => {
      const settled = await Promise.allSettled(
        writers.map((w) =>
          w().catch((e: unknown) => {
            failed = true;
            throw e;
          }),
        ),
      );
      const rejected = settled.find((r) => r.status === 'rejected');
      if (rejected) throw rejected.reason;
    };

    // Papers created in this run: Neo4j writes with several transactions in flight and no lock
    // waits. Topics are split into groups of papers and keywords into as many sets; the
    // writers, side by side, each touch only their own papers, topics and keywords: first each
    // group's topic, vector, similar edges inside the group and keywords of one set, then in
    // rounds each group's keywords of the other sets (never two writers on one set). Last,
    // one writer adds the edges across groups and marks each paper's list complete.
    const created = docs.map((d) => isNew(d.id));
    const fresh = docs.flatMap((_, i) => (created[i] ? [i] : []));
    const stale = docs.flatMap((_, i) => (created[i] ? [] : [i]));
    const writers = SIDE_BY_SIDE_WRITERS;
    const groupIds = Array.from({ length: writers }, (_, g) => g);
    const groupOfTopic = balancedTopicGroups(
      result.topics.map((t) => t.size),
      writers,
    );
    const groupOf = (i: number): number => groupOfTopic[result.assignments[i] ?? 0] ?? 0;
    const members = groupIds.map((g) => fresh.filter((i) => groupOf(i) === g));
    const analysisOf = (rows: readonly number[]) =>
      rows.map((i) => required(analysisRows[i], 'analysis row'));
    const keywordsOf = (g: number, set: number) =>
      analysisOf(members[g] ?? []).map((r) => ({
        ...r,
        keywords: r.keywords.filter((k) => keywordSet(k.term, writers) === set),
      }));
    /** A new paper's edges to new papers of its own group (`inner`), or all its others. */
    const edgesOf = (i: number, inner: boolean): SimilarRow => {
      const r = required(similar[i], 'similar row');
      const hits = result.neighbors[i] ?? [];
      const isInner = (j: number): boolean => {
        const q = hits[j]?.index ?? -1;
        return created[q] === true && groupOf(q) === groupOf(i);
      };
      return { id: r.id, neighbors: r.neighbors.filter((_, j) => isInner(j) === inner) };
    };
    const noProgress = () => undefined;
    await sideBySide(
      groupIds.map((g) => async () => {
        const mine = members[g] ?? [];
        await batches(analysisOf(mine), (b) => store.writeTopics(b), topicsWritten);
        await batches(
          mine.map((i) => edgesOf(i, true)),
          (b) => store.writeSimilar(b, true, false, nodes),
          noProgress,
        );
        await batches(keywordsOf(g, g), (b) => store.writeKeywords(b), noProgress);
      }),
    );
    // The vector index populates while the rest is written.
    if (bulk) await store.ensureSchema(dims);
    // Round r: group g writes keyword set g + r, so no two writers share a keyword.
    for (let r = 1; r < writers; r++) {
      await sideBySide(
        groupIds.map(
          (g) => () =>
            batches(
              keywordsOf(g, (g + r) % writers),
              (b) => store.writeKeywords(b),
              // A paper's keywords are all written after the last round.
              r === writers - 1 ? keywordsWritten : noProgress,
            ),
        ),
      );
    }
    await batches(
      fresh.map((i) => edgesOf(i, false)),
      (b) => store.writeSimilar(b, true, true, nodes),
      similarWritten,
    );

    // Papers stored before this run (a rebuild, or a run completing an interrupted one):
    // their topic, keywords and similar papers are replaced.
    await batches(
      analysisOf(stale),
      (b) => store.writeAnalysis(b),
      (n) => {
        topicsWritten(n);
        keywordsWritten(n);
      },
    );
    await batches(
      stale.map((i) => required(similar[i], 'similar row')),
      (b) => store.writeSimilar(b),
      similarWritten,
    );
    if (bulk) {
      onProgress?.({ stage: 'indexes', done: 0, total: 1 });
      await store.awaitIndexes();
      onProgress?.({ stage: 'indexes', done: 1, total: 1 });
    }

    const saveError = await modelSaved;
    if (saveError !== undefined) throw saveError;
    const labelOf = new Map(topics.map((t) => [t.id, t.label]));
    const moves =
      previous === null
        ? []
        : topicMoves(
            before,
            docs.map((d, i) => {
              const id = topicId(result.assignments[i] ?? 0);
              return { paperId: d.id, topic: { id, label: labelOf.get(id) ?? '' } };
            }),
          );
    await store.activateModel(
      version,
      topics,
      result.relatedTopics.map((r) => ({
        from: topicId(r.from),
        to: topicId(r.to),
        score: round(r.score),
      })),
      {
        previous: previous?.version === version ? null : (previous?.version ?? null),
        reason: refresh.reason,
        moves: JSON.stringify(moves),
      },
    );
    onProgress?.({ stage: 'model', done: 1, total: 1 });
    return {
      refresh,
      unplaced: result.vectors.filter((v) => !hasDirection(v)).length,
      previousModel: previous?.version ?? null,
      moves,
      mode: 'full',
      received: records.length,
      written: records.length,
      unchanged: 0,
      paperIds: records.map((r) => r.id),
      modelVersion: version,
      topics: topics.length,
      similarityEdges: edges,
      kReason: result.kChoice.reason,
    };
  }

  async function incremental(
    records: readonly PaperRecord[],
    model: StoredModel,
    stored: ReadonlySet<string>,
    placing: Placing,
    refresh: RefreshDecision,
  ): Promise<IngestOutcome> {
    const { saved, proj } = placing;
    const topicIds = await store.topicIdsOf(model.version);
    // A paper with no known term has no direction: it goes to the largest topic, unranked,
    // and stays out of the vector index until a rebuild learns its words.
    const largest = saved.topics.reduce((best, t) => (t.size > best.size ? t : best), {
      index: 0,
      size: -1,
    }).index;
    const topicOf = (i: number): string => {
      const index = proj.placed[i] === 1 ? (proj.assignments[i] ?? 0) : largest;
      return topicIds.get(index) ?? topicIdFor(model.version, index);
    };
    const k = options.neighbors ?? 10;
    let done = 0;
    let edges = 0;
    for (const batch of chunks(
      records.map((r, i) => ({ r, i })),
      batchSize,
    )) {
      const analysis: PaperAnalysisRow[] = batch.map(({ r, i }) => ({
        id: r.id,
        topicId: topicOf(i),
        topicScore: round(proj.topicScores[i] ?? 0),
        embedding: proj.placed[i] === 1 ? Array.from(proj.vectors[i] ?? []) : null,
        keywords: distinctKeywords(proj.keywords[i] ?? []),
      }));
      await store.writePapers(
        batch.map(({ r }) => toNodeRow(r)),
        analysis,
        batch.every(({ r }) => !stored.has(r.id)),
      );
      const nearest = await store.nearest(
        analysis.flatMap((a) => (a.embedding === null ? [] : [{ id: a.id, embedding: a.embedding }])),
        k,
      );
      // Every text involved is weighed once; each (new paper, hit) pair then costs a row merge.
      const texts: { title: string; abstract: string }[] = batch.map(({ r }) => r);
      const slotOf = new Map<string, number>(batch.map(({ r }, i) => [r.id, i]));
      const pairs: [number, number][] = [];
      for (const { r } of batch) {
        for (const h of nearest.get(r.id) ?? []) {
          let slot = slotOf.get(h.id);
          if (slot === undefined) {
            slot = texts.push(h) - 1;
            slotOf.set(h.id, slot);
          }
          pairs.push([slotOf.get(r.id) ?? 0, slot]);
        }
      }
      const terms = sharedTermsForPairs(saved, texts, pairs);
      const similar: SimilarRow[] = [];
      const reverse: { from: string; to: string; score: number; sharedTerms: string[] }[] = [];
      let pair = 0;
      for (const { r } of batch) {
        const neighbors = (nearest.get(r.id) ?? []).map((h) => {
          const sharedTerms = terms[pair++] ?? [];
          const score = round(fromIndexScore(h.score));
          reverse.push({ from: h.id, to: r.id, score, sharedTerms });
          return { id: h.id, score, sharedTerms };
        });
        edges += neighbors.length;
        similar.push({ id: r.id, neighbors });
      }
      await store.linkIncremental(
        similar,
        reverse,
        k,
        model.version,
        tallyOf(
          proj,
          batch.map(({ i }) => i),
        ),
      );
      done += batch.length;
      onProgress?.({ stage: 'papers', done, total: records.length });
    }
    return {
      refresh,
      unplaced: records.length - proj.placed.reduce((n, x) => n + x, 0),
      previousModel: null,
      moves: [],
      mode: 'incremental',
      received: records.length,
      written: records.length,
      unchanged: 0,
      paperIds: records.map((r) => r.id),
      modelVersion: model.version,
      topics: model.k,
      similarityEdges: edges,
      kReason: null,
    };
  }

  return {
    /**
     * Papers into the graph. With no model yet, or `rebuild`, or when the refresh policy says
     * the model no longer fits, a model is built over every paper; else the new papers are
     * placed in the current one. The outcome says which, and why.
     */
    async ingest(input: readonly PaperRecord[], opts: IngestOptions = {}): Promise<IngestOutcome> {
      const empty = !(await store.hasPapers());
      const bulk = empty && input.length >= bulkLoadFrom;
      await store.ensureSchema(undefined, { indexes: !bulk });
      // Empty indexes (e.g. made by a server start) are dropped; the load creates them again.
      if (bulk) await store.dropIndexes();
      else await store.backfillTopicIds();
      // A graph without papers has none to resolve records to (one query per batch saved).
      const records = empty ? dedupeById(input) : await resolveStoredIds(input);
      const existing = empty
        ? new Map<string, { analysed: boolean }>()
        : await store.existing(records.map((r) => r.id));
      const current = await store.currentModel();
      const stored = new Set(existing.keys());
      const build = async (refresh: RefreshDecision, rows: readonly PaperRecord[] = records) => {
        const outcome = await fullBuild(rows, stored, bulk, refresh, current);
        return {
          ...outcome,
          received: input.length,
          unchanged: records.length - rows.length,
          paperIds: records.map((r) => r.id),
        };
      };
      const decided = (action: 'build' | 'rebuild', reason: string): RefreshDecision => ({
        action,
        reason,
        growth: null,
        unknownTermShare: null,
        fit: null,
      });
      if (current === null) return build(decided('build', 'the graph had no topic model: built one'));
      if (opts.rebuild === true) return build(decided('rebuild', opts.reason ?? 'a rebuild was asked for'));
      // A rebuild that stopped before its switch left topics of a model that never became
      // current (and papers pointing at them): this run builds over everything again.
      if (await store.hasUnfinishedRebuild(current.version))
        return build(decided('rebuild', 'an earlier rebuild did not finish: rebuilt over all papers'));
      const fresh = records.filter((r) => existing.get(r.id)?.analysed !== true);
      const known = records.filter((r) => existing.get(r.id)?.analysed === true);
      // Papers already analysed keep their analysis; another source may still add facts.
      for (const batch of chunks(known.map(toNodeRow), batchSize)) await store.writeSourceFacts(batch);
      const settings = opts.refresh === false ? { ...refreshSettings, enabled: false } : refreshSettings;
      if (fresh.length > 0) {
        const graphPapers = await store.paperCount();
        // Papers of this batch already written (an interrupted run) are not "in the graph" yet.
        const batchShare = decideBeforePlacing(
          { graphPapers: graphPapers - fresh.filter((r) => stored.has(r.id)).length, batch: fresh.length },
          settings,
        );
        if (batchShare !== null) return build(batchShare, fresh);
        const placing = place(current, fresh);
        const refresh = decideAfterPlacing(
          {
            graphPapers,
            batch: fresh.length,
            baseline: baselineFromQuality(current),
            placed: addTally(current.placed, tallyOf(placing.proj)),
          },
          settings,
        );
        if (refresh.action === 'rebuild') return build(refresh, fresh);
        const outcome = await incremental(fresh, current, stored, placing, refresh);
        return {
          ...outcome,
          received: input.length,
          unchanged: known.length,
          paperIds: records.map((r) => r.id),
        };
      }
      return {
        refresh: { ...decided('build', ''), action: 'unchanged', reason: 'no new papers: nothing to place' },
        unplaced: 0,
        previousModel: null,
        moves: [],
        mode: 'unchanged',
        received: input.length,
        written: 0,
        unchanged: known.length,
        paperIds: records.map((r) => r.id),
        modelVersion: current.version,
        topics: current.k,
        similarityEdges: 0,
        kReason: null,
      };
    },
  };

  function place(model: StoredModel, records: readonly PaperRecord[]): Placing {
    const saved = deserializeModel(model.state);
    onProgress?.({ stage: 'analyse', done: 0, total: records.length });
    const proj = projectDocuments(
      saved,
      records.map((r) => ({ title: r.title, abstract: r.abstract })),
    );
    onProgress?.({ stage: 'analyse', done: records.length, total: records.length });
    return { saved, proj };
  }

  /**
   * Give each record the id of the stored paper it is (same arXiv id, DOI or title), so a
   * paper seen from several sources stays one node, then merge records that became one.
   */
  async function resolveStoredIds(input: readonly PaperRecord[]): Promise<PaperRecord[]> {
    const out: PaperRecord[] = [];
    for (const batch of chunks(input, batchSize)) {
      const resolved = await store.resolve(
        batch.map((r, key) => ({
          key,
          id: r.id,
          arxivId: r.arxivId ?? null,
          doi: r.doi ?? null,
          titleKey: normaliseTitle(r.title),
        })),
      );
      batch.forEach((r, key) => {
        const id = resolved.get(key);
        out.push(id && id !== r.id ? { ...r, id } : r);
      });
    }
    return dedupeById(out);
  }
}

export type IngestService = ReturnType<typeof createIngestService>;

function analysisRow(
  id: string,
  i: number,
  result: AnalysisResult,
  topicId: (index: number) => string,
): PaperAnalysisRow {
  const vector = result.vectors[i];
  return {
    id,
    topicId: topicId(result.assignments[i] ?? 0),
    topicScore: round(result.topicScores[i] ?? 0),
    embedding: vector !== undefined && hasDirection(vector) ? Array.from(vector) : null,
    keywords: distinctKeywords(result.keywords[i] ?? []),
  };
}

/** Whether a vector can be searched from (the vector index refuses zero and non-finite vectors). */
export function hasDirection(v: Float32Array): boolean {
  let norm = 0;
  for (const x of v) norm += x * x;
  return norm > 1e-12 && Number.isFinite(norm);
}

type Projection = ReturnType<typeof projectDocuments>;

interface Placing {
  readonly saved: TopicModelSnapshot;
  readonly proj: Projection;
}

type Tally = StoredModel['placed'];

/** What the refresh policy counts of projected papers (`rows`: which of them; default all). */
export function tallyOf(proj: Projection, rows?: readonly number[]): Tally {
  let papers = 0;
  let terms = 0;
  let unknownTerms = 0;
  let fitSum = 0;
  for (const r of rows ?? proj.placed.keys()) {
    papers++;
    const t = proj.terms[r] ?? 0;
    terms += t;
    unknownTerms += t - (proj.knownTerms[r] ?? 0);
    fitSum += proj.topicScores[r] ?? 0;
  }
  return { papers, terms, unknownTerms, fitSum: round(fitSum) };
}

function addTally(a: Tally, b: Tally): Tally {
  return {
    papers: a.papers + b.papers,
    terms: a.terms + b.terms,
    unknownTerms: a.unknownTerms + b.unknownTerms,
    fitSum: a.fitSum + b.fitSum,
  };
}

/** Papers of a build sampled for its baseline: projecting them costs well under a second. */
const BASELINE_SAMPLE = 2000;

/**
 * How the papers a model was built from look to it when projected like new ones: the share of
 * their terms outside the vocabulary (min/max df cut some) and their mean fit to a centre.
 */
export function baselineOf(model: TopicModelSnapshot, docs: readonly AnalysisDoc[]): ModelBaseline {
  const step = Math.max(1, Math.floor(docs.length / BASELINE_SAMPLE));
  const sample = docs.filter((_, i) => i % step === 0);
  const t = tallyOf(projectDocuments(model, sample));
  return {
    paperCount: docs.length,
    unknownShare: t.terms === 0 ? 0 : round(t.unknownTerms / t.terms),
    meanFit: t.papers === 0 ? 0 : round(t.fitSum / t.papers),
  };
}

/** The baseline saved with a model; models saved without one are judged by growth alone. */
function baselineFromQuality(model: StoredModel): ModelBaseline {
  let parsed: unknown;
  try {
    parsed = JSON.parse(model.quality);
  } catch {
    parsed = null;
  }
  const b =
    typeof parsed === 'object' && parsed !== null && 'baseline' in parsed
      ? (parsed as { baseline: Partial<ModelBaseline> }).baseline
      : {};
  return {
    paperCount: typeof b.paperCount === 'number' ? b.paperCount : model.paperCount,
    unknownShare: typeof b.unknownShare === 'number' ? b.unknownShare : 1,
    meanFit: typeof b.meanFit === 'number' ? b.meanFit : 0,
  };
}

/**
 * One HAS_KEYWORD per term: two stems can share a surface word ("model" for model/models),
 * and the Keyword node is keyed by that word. The first (heaviest) weight is kept.
 */
export function distinctKeywords(
  keywords: readonly { term: string; weight: number }[],
): { term: string; weight: number }[] {
  const seen = new Set<string>();
  const out: { term: string; weight: number }[] = [];
  for (const k of keywords) {
    if (seen.has(k.term)) continue;
    seen.add(k.term);
    out.push({ term: k.term, weight: round(k.weight) });
  }
  return out;
}

/**
 * Writers of a new batch's analysis running side by side. Three kept Neo4j busier than two on
 * 2 cores (commits wait on the transaction log): the 38k-paper benchmark's tail after the
 * analysis went from about 22 s to 20.5 s (runs 693/755 vs 770/764 papers/s).
 */
const SIDE_BY_SIDE_WRITERS = 3;

/** Which of `sets` sets a keyword is in (a stable hash of its text). */
export function keywordSet(term: string, sets = 2): number {
  let h = 0;
  for (let i = 0; i < term.length; i++) h = (Math.imul(h, 31) + term.charCodeAt(i)) | 0;
  return (h >>> 0) % sets;
}

/**
 * Topics into `groups` groups of about equal paper counts (largest first, each to the
 * lightest group): group per topic index.
 */
export function balancedTopicGroups(sizes: readonly number[], groups = 2): number[] {
  const group = new Array<number>(sizes.length).fill(0);
  const load = new Array<number>(groups).fill(0);
  const order = sizes.map((_, t) => t).sort((a, b) => (sizes[b] ?? 0) - (sizes[a] ?? 0) || a - b);
  for (const t of order) {
    let g = 0;
    for (let h = 1; h < groups; h++) if ((load[h] ?? 0) < (load[g] ?? 0)) g = h;
    group[t] = g;
    load[g] = (load[g] ?? 0) + (sizes[t] ?? 0);
  }
  return group;
}

function dedupeById(records: readonly PaperRecord[]): PaperRecord[] {
  const seen = new Map<string, PaperRecord>();
  for (const r of records) if (!seen.has(r.id)) seen.set(r.id, r);
  return [...seen.values()];
}

function required<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`internal: missing ${what}`);
  return v;
}
