import { createHash } from 'node:crypto';
import {
  deserializeModel,
  hasDirection,
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
import { placeModelTopics } from '../analysis/layout.js';
import {
  DEFAULT_REFRESH,
  decideAfterPlacing,
  decideBeforePlacing,
  unmeasured,
  type ModelBaseline,
  type RefreshDecision,
  type RefreshSettings,
} from './refresh-policy.js';
import { carryTopicIds } from './topic-ids.js';
import { runPlan } from './plan-executor.js';
import { isInnerEdge, keywordSet, laneGroupOf, planFullBuild } from './write-plan.js';
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
  /** Papers placed in the current model: wall-clock milliseconds per step. */
  readonly placingMs?: PlacingTimings;
}

/** Where placing new papers spends its time (ms): projection, then per batch the writes. */
export interface PlacingTimings {
  /** TF-IDF under the saved vocabulary, LSA projection, nearest centre, keywords. */
  project: number;
  /** Source facts, topic, vector and keywords. */
  papers: number;
  /** Vector-index queries for each paper's neighbours. */
  nearest: number;
  /** Terms each new pair shares. */
  sharedTerms: number;
  /** Similar edges, reverse edges into older papers' lists, topic sizes. */
  link: number;
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
  /**
   * The last model this service placed papers in, kept while it stays current: a server that
   * takes batch after batch reads and parses its state (megabytes) once.
   */
  let placingModel: { version: string; snapshot: TopicModelSnapshot } | null = null;

  async function fullBuild(
    records: readonly PaperRecord[],
    stored: ReadonlySet<string>,
    bulk: boolean,
    refresh: RefreshDecision,
    previous: StoredModel | null,
  ): Promise<IngestOutcome> {
    // Which topic each paper was in: topics that persist keep their ids.
    const before = previous === null ? [] : await store.assignments();
    const placedBefore =
      previous === null ? new Map<string, { x: number; y: number }>() : await store.topicPositions();
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
    // Topics that keep their id keep their side of the map.
    const positions = placeModelTopics(
      result.model,
      Array.from({ length: result.topics.length }, (_, i) => placedBefore.get(topicId(i))),
    );
    const topics: TopicRow[] = result.topics.map((t) => ({
      id: topicId(t.index),
      index: t.index,
      label: t.label,
      terms: t.terms,
      size: t.size,
      modelVersion: version,
      position: required(positions[t.index], `position of topic ${t.index}`),
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
    const created = docs.map((d) => isNew(d.id));
    const planInput = {
      created,
      assignments: result.assignments,
      topicSizes: result.topics.map((t) => t.size),
      lanes: SIDE_BY_SIDE_WRITERS,
      bulk,
    };
    const groupOf = laneGroupOf(planInput);
    const analysisOf = (rows: readonly number[]) =>
      rows.map((i) => required(analysisRows[i], 'analysis row'));
    const similarOf = (rows: readonly number[], edges: 'inner' | 'cross' | 'all'): SimilarRow[] =>
      rows.map((i) => {
        const r = required(similar[i], 'similar row');
        if (edges === 'all') return r;
        const hits = result.neighbors[i] ?? [];
        const inner = (j: number) => isInnerEdge(groupOf, i, hits[j]?.index ?? -1);
        return { id: r.id, neighbors: r.neighbors.filter((_, j) => inner(j) === (edges === 'inner')) };
      });
    const progress = { topics: 0, keywords: 0, similar: 0 };
    const advance = (stage: 'topics' | 'keywords' | 'similar', n: number) => {
      progress[stage] += n;
      onProgress?.({ stage, done: Math.round(progress[stage]), total: docs.length });
    };
    await runPlan(planFullBuild(planInput), {
      batchSize,
      async rows(op, batch) {
        switch (op.kind) {
          case 'topics':
            await store.writeTopics(analysisOf(batch));
            return advance('topics', batch.length);
          case 'keywords':
            await store.writeKeywords(
              analysisOf(batch).map((r) => ({
                ...r,
                keywords: r.keywords.filter((k) => keywordSet(k.term, op.sets) === op.set),
              })),
            );
            // A paper's keywords are written in `sets` parts.
            return advance('keywords', batch.length / op.sets);
          case 'similar':
            await (op.replace
              ? store.writeSimilar(similarOf(batch, op.edges))
              : store.writeSimilar(similarOf(batch, op.edges), true, op.complete, nodes));
            if (op.complete) advance('similar', batch.length);
            return;
          case 'analysis':
            await store.writeAnalysis(analysisOf(batch));
            advance('topics', batch.length);
            return advance('keywords', batch.length);
          default:
            return assertNever(op);
        }
      },
      async step(op) {
        switch (op.kind) {
          case 'vectorIndex':
            // The vector index populates while the rest is written.
            return store.ensureSchema(dims);
          case 'awaitIndexes':
            onProgress?.({ stage: 'indexes', done: 0, total: 1 });
            await store.awaitIndexes();
            return onProgress?.({ stage: 'indexes', done: 1, total: 1 });
          default:
            return assertNever(op);
        }
      },
    });

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
    const timings: PlacingTimings = { project: placing.ms, papers: 0, nearest: 0, sharedTerms: 0, link: 0 };
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
      let t = performance.now();
      const lap = (stage: keyof PlacingTimings) => {
        const now = performance.now();
        timings[stage] += now - t;
        t = now;
      };
      const created = batch.every(({ r }) => !stored.has(r.id));
      await store.writePapers(
        batch.map(({ r }) => toNodeRow(r)),
        analysis,
        created,
      );
      lap('papers');
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
      lap('nearest');
      const terms = sharedTermsForPairs(saved, texts, pairs);
      const similar: SimilarRow[] = [];
      const reverse: { from: string; to: string; score: number; sharedTerms: string[] }[] = [];
      let pair = 0;
      for (const { r } of batch) {
        const neighbors = (nearest.get(r.id) ?? []).map((h) => {
          const sharedTerms = terms[pair++] ?? [];
          const score = round(fromIndexScore(h.score));
          // The older paper gains an edge only if the newcomer beats the last of its list.
          if (h.floor < 0 || score > h.floor) reverse.push({ from: h.id, to: r.id, score, sharedTerms });
          return { id: h.id, score, sharedTerms };
        });
        edges += neighbors.length;
        similar.push({ id: r.id, neighbors });
      }
      lap('sharedTerms');
      await store.linkIncremental(
        similar,
        reverse,
        k,
        model.version,
        tallyOf(
          proj,
          batch.map(({ i }) => i),
        ),
        created,
      );
      lap('link');
      done += batch.length;
      onProgress?.({ stage: 'papers', done, total: records.length });
    }
    return {
      refresh,
      unplaced: records.length - proj.placed.reduce((n, x) => n + x, 0),
      previousModel: null,
      moves: [],
      placingMs: {
        project: Math.round(timings.project),
        papers: Math.round(timings.papers),
        nearest: Math.round(timings.nearest),
        sharedTerms: Math.round(timings.sharedTerms),
        link: Math.round(timings.link),
      },
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
      const current = await store.currentModel({ withState: false });
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
      if (current === null) return build(unmeasured('build', 'the graph had no topic model: built one'));
      if (opts.rebuild === true)
        return build(unmeasured('rebuild', opts.reason ?? 'a rebuild was asked for'));
      // A rebuild that stopped before its switch left topics of a model that never became
      // current (and papers pointing at them): this run builds over everything again.
      if (await store.hasUnfinishedRebuild(current.version))
        return build(unmeasured('rebuild', 'an earlier rebuild did not finish: rebuilt over all papers'));
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
        const placing = await place(current, fresh);
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
        refresh: unmeasured('unchanged', 'no new papers: nothing to place'),
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

  async function place(model: StoredModel, records: readonly PaperRecord[]): Promise<Placing> {
    const started = performance.now();
    if (placingModel?.version !== model.version)
      placingModel = {
        version: model.version,
        snapshot: deserializeModel(await store.modelState(model.version)),
      };
    const saved = placingModel.snapshot;
    onProgress?.({ stage: 'analyse', done: 0, total: records.length });
    const proj = projectDocuments(
      saved,
      records.map((r) => ({ title: r.title, abstract: r.abstract })),
    );
    onProgress?.({ stage: 'analyse', done: records.length, total: records.length });
    return { saved, proj, ms: performance.now() - started };
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

type Projection = ReturnType<typeof projectDocuments>;

interface Placing {
  readonly saved: TopicModelSnapshot;
  readonly proj: Projection;
  /** Time spent reading the model and projecting. */
  readonly ms: number;
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

function dedupeById(records: readonly PaperRecord[]): PaperRecord[] {
  const seen = new Map<string, PaperRecord>();
  for (const r of records) if (!seen.has(r.id)) seen.set(r.id, r);
  return [...seen.values()];
}

function assertNever(x: never): never {
  throw new Error(`internal: unexpected ${JSON.stringify(x)}`);
}

function required<T>(v: T | undefined, what: string): T {
  if (v === undefined) throw new Error(`internal: missing ${what}`);
  return v;
}
