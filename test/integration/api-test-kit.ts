/** Shared set-up of the API integration tests: a server over the test Neo4j, a client, counters. */
import { createSchema } from '../../src/api/schema.js';
import { startApp, type AppDeps, type RunningApp } from '../../src/api/server.js';
import { createLogger } from '../../src/config/logger.js';
import { paperIdFor } from '../../src/domain/ids.js';
import type { PaperRecord } from '../../src/domain/paper.js';
import type { GraphDb } from '../../src/graph/db.js';
import type { Statement } from '../../src/graph/statement.js';
import { createIngestStore } from '../../src/graph/stores/ingest.store.js';
import { createIngestService } from '../../src/services/ingest.service.js';
import { connectTestGraph, LISTING_FILE, ingestFile, SCHEMA_DIR, wipe } from './graph-test-kit.js';

export interface GqlResponse<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    extensions?: { code?: string; argumentName?: string };
  }[];
}

export const API_KEY = 'test-api-key-0123456789';

export function ingestServiceFor(db: GraphDb) {
  return createIngestService({ store: createIngestStore({ db, schemaDir: SCHEMA_DIR }), batchSize: 10 });
}

export async function startTestApp(db: GraphDb, over: Partial<AppDeps> = {}): Promise<RunningApp> {
  return startApp(
    {
      db,
      schema: await createSchema(),
      logger: createLogger('silent'),
      limits: { maxPage: 100, maxDepth: 8 },
      apiKey: API_KEY,
      ingest: ingestServiceFor(db),
      ...over,
    },
    0,
    '127.0.0.1',
  );
}

/** POST a GraphQL request; `headers` add to (or override) the JSON content type. */
export function client(app: RunningApp) {
  return async <T = Record<string, unknown>>(
    query: string,
    variables: Record<string, unknown> = {},
    headers: Record<string, string> = {},
  ): Promise<GqlResponse<T>> => {
    const res = await fetch(`${app.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as Omit<GqlResponse<T>, 'status'>) };
  };
}

/** The same GraphDb, recording the name of every statement read through it. */
export function countingDb(db: GraphDb): { db: GraphDb; reads: string[] } {
  const reads: string[] = [];
  const proxy = new Proxy(db, {
    get(target, key, receiver) {
      if (key === 'read') {
        return (stmt: Statement) => {
          reads.push(stmt.name);
          return target.read(stmt);
        };
      }
      const value: unknown = Reflect.get(target, key, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { db: proxy, reads };
}

function paper(
  over: Partial<PaperRecord> & Pick<PaperRecord, 'title' | 'abstract' | 'authors'>,
): PaperRecord {
  return {
    id: paperIdFor(over.title),
    authorCount: over.authors.length,
    organizations: [],
    categories: [],
    codeUrls: [],
    source: 'test',
    ...over,
  };
}

/**
 * Papers with named authors, on the demo corpus's subjects: Ada Lovelace wrote with Alan
 * Turing three times and with Grace Hopper twice; Édouard Lucas wrote alone.
 */
export const AUTHORED_PAPERS: readonly PaperRecord[] = [
  paper({
    title: 'Bayesian optimization of data mixtures for language model pretraining',
    abstract:
      'We tune the mixture weights of pretraining data for large language models with Bayesian optimization and a Gaussian process surrogate, reducing the compute needed to find good mixtures.',
    authors: ['Ada Lovelace', 'Alan Turing'],
    publishedAt: '2025-03-04',
    categories: ['cs.LG', 'stat.ML'],
    organizations: ['Analytical Engines Ltd'],
  }),
  paper({
    title: 'Meta-learning priors for in-context Bayesian inference with transformers',
    abstract:
      'Transformers trained on samples from a prior perform approximate Bayesian inference in context; we meta-learn the prior and study calibration of the posterior predictive distribution.',
    authors: ['Ada Lovelace', 'Grace Hopper', 'Alan Turing'],
    publishedAt: '2025-05-20',
    categories: ['cs.LG'],
  }),
  paper({
    title: 'Gaussian process bandits for online recommendation with user feedback',
    abstract:
      'We study Gaussian process bandit algorithms for recommending items to users, with regret bounds and experiments on online feedback from many users.',
    authors: ['Grace Hopper', 'Ada Lovelace'],
    publishedAt: '2024-11-02',
    categories: ['stat.ML'],
  }),
  paper({
    title: 'Continual learning of language models without forgetting',
    abstract:
      'Continual learning lets language models absorb new data over time; we regularise the parameters to avoid catastrophic forgetting and evaluate on a stream of tasks.',
    authors: ['Ada Lovelace', 'Alan Turing'],
    publishedAt: '2025-05-02',
    categories: ['cs.CL'],
  }),
  paper({
    title: 'Sequences, primes and inference for recurrent neural networks',
    abstract:
      'A study of integer sequences and prime numbers learned by recurrent neural networks, with Bayesian inference over the hidden states.',
    authors: ['Édouard Lucas'],
    publishedAt: '2023-06-15',
    categories: ['cs.LG'],
  }),
];

/**
 * A paper on the demo corpus's subjects that names itself by arXiv id and DOI, as a
 * scholarly page's citation meta tags would.
 */
export const CITED_PAPER: PaperRecord = paper({
  id: '2501.04242',
  arxivId: '2501.04242',
  doi: '10.5555/widget.4242',
  title: 'Scaling Reinforcement Learning for Language Model Reasoning: A Study',
  abstract:
    'We scale reinforcement learning with verifiable rewards for large language model reasoning, studying policy optimization, reward models and test-time compute on math benchmarks.',
  authors: ['Ada Lovelace'],
  categories: ['cs.CL'],
});

/** A fresh graph holding the demo corpus (plus whatever `seed` adds), and the API over it, counting its reads. */
export async function demoApi(seed?: (db: GraphDb) => Promise<unknown>) {
  const db = connectTestGraph();
  await wipe(db);
  await ingestFile(db, LISTING_FILE);
  if (seed) await seed(db);
  const counting = countingDb(db);
  const app = await startTestApp(counting.db);
  return { db, app, reads: counting.reads, gql: client(app) };
}
