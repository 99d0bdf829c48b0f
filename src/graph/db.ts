import neo4j, {
  Neo4jError,
  type Driver,
  type ManagedTransaction,
  type Record as Neo4jRecord,
} from 'neo4j-driver';
import { randomUUID } from 'node:crypto';
import { useLargeBoltChunks } from './bolt-chunks.js';
import { useFastBoltPacking } from './bolt-packing.js';
import { GraphUnavailableError, mapDriverError } from './errors.js';
import type { Statement } from './statement.js';

export interface GraphConnection {
  readonly uri: string;
  readonly user: string;
  readonly password: string;
  readonly database?: string;
}

export interface GraphLogger {
  debug(obj: object, msg?: string): void;
}

/** Time bounds of every conversation with Neo4j, in milliseconds (0: no transaction timeout). */
export interface GraphTimeouts {
  /** Server-side timeout of every read transaction (`NEO4J_TX_TIMEOUT_MS`). */
  readonly readMs: number;
  /** Server-side timeout of every write transaction (`NEO4J_WRITE_TX_TIMEOUT_MS`). */
  readonly writeMs: number;
  /** Opening a connection (`NEO4J_CONNECT_TIMEOUT_MS`): an unreachable server is told fast. */
  readonly connectMs: number;
}

export const DEFAULT_TIMEOUTS: GraphTimeouts = { readMs: 10_000, writeMs: 300_000, connectMs: 1_000 };

/** How long a failing read is retried before its error is reported. */
const READ_RETRY_MS = 5_000;
/**
 * How long a read is retried while Neo4j is unreachable: long enough to ride out a dropped
 * pooled connection, short enough that callers hear "unavailable" within a second.
 */
const UNAVAILABLE_RETRY_MS = 300;

/** Plain JS values out of a record: integers as numbers, temporal values as ISO strings. */
export type Row = Record<string, unknown>;

/**
 * The one module that runs Cypher. Stores hand it Statements built by pure functions;
 * every transaction carries `app` and `runId` metadata so it can be found in
 * `SHOW TRANSACTIONS` and the query log. Managed transactions retry transient errors.
 */
export class GraphDb {
  readonly runId = randomUUID();
  private readonly metadata = { app: 'papergraph', runId: this.runId };
  private constructor(
    private readonly driver: Driver,
    private readonly database: string | undefined,
    readonly timeouts: GraphTimeouts,
    private readonly logger?: GraphLogger,
  ) {}

  static connect(
    conn: GraphConnection,
    logger?: GraphLogger,
    timeouts: Partial<GraphTimeouts> = {},
  ): GraphDb {
    useLargeBoltChunks();
    useFastBoltPacking();
    const bounds: GraphTimeouts = { ...DEFAULT_TIMEOUTS, ...timeouts };
    const driver = neo4j.driver(conn.uri, neo4j.auth.basic(conn.user, conn.password), {
      disableLosslessIntegers: true,
      maxConnectionPoolSize: 64,
      connectionAcquisitionTimeout: 30_000,
      connectionTimeout: bounds.connectMs,
      maxTransactionRetryTime: 30_000,
      userAgent: 'papergraph/0.1',
    });
    return new GraphDb(driver, conn.database, bounds, logger);
  }

  async verify(): Promise<void> {
    try {
      await this.driver.getServerInfo({ database: this.database });
    } catch (e) {
      throw mapDriverError(e);
    }
  }

  /**
   * One read statement as an auto-commit query: one round trip, where a managed transaction
   * takes two (BEGIN+RUN+PULL, then COMMIT). Retryable errors (a leader change, a server
   * briefly away) are retried with backoff, as managed transactions would.
   */
  async read(stmt: Statement): Promise<Row[]> {
    const started = Date.now();
    for (let attempt = 1; ; attempt++) {
      const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
      try {
        const result = await withoutCallerStack(() =>
          session.run(stmt.text, stmt.params, { metadata: this.metadata, ...this.txTimeout('READ') }),
        );
        return result.records.map(toRow);
      } catch (e) {
        const elapsed = Date.now() - started;
        const mapped = mapDriverError(e);
        const budget = mapped instanceof GraphUnavailableError ? UNAVAILABLE_RETRY_MS : READ_RETRY_MS;
        if (!(e instanceof Neo4jError) || !Neo4jError.isRetryable(e) || elapsed > budget) throw mapped;
        await new Promise((r) => setTimeout(r, Math.min(1000, 50 * 2 ** attempt)));
      } finally {
        await session.close();
      }
    }
  }

  /** Runs the statements in order in one write transaction: all or nothing. */
  async write(stmts: readonly Statement[]): Promise<Row[][]> {
    return this.session('WRITE', async (tx) => {
      const out: Row[][] = [];
      for (const s of stmts) out.push(await runOne(tx, s));
      return out;
    });
  }

  /** Schema commands (constraints, indexes) cannot share a transaction with data writes. */
  async schema(stmt: Statement): Promise<void> {
    await this.write([stmt]);
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  /** Transaction config for a timeout; none when it is turned off (0). */
  private txTimeout(mode: 'READ' | 'WRITE'): { timeout?: number } {
    const ms = mode === 'READ' ? this.timeouts.readMs : this.timeouts.writeMs;
    return ms > 0 ? { timeout: ms } : {};
  }

  private async session<T>(mode: 'READ' | 'WRITE', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: mode === 'READ' ? neo4j.session.READ : neo4j.session.WRITE,
    });
    const config = { metadata: this.metadata, ...this.txTimeout(mode) };
    const started = Date.now();
    try {
      return mode === 'READ'
        ? await session.executeRead(work, config)
        : await session.executeWrite(work, config);
    } catch (e) {
      throw mapDriverError(e);
    } finally {
      await session.close();
      this.logger?.debug({ mode, ms: Date.now() - started }, 'neo4j transaction');
    }
  }
}

async function runOne(tx: ManagedTransaction, stmt: Statement): Promise<Row[]> {
  const result = await tx.run(stmt.text, stmt.params);
  return result.records.map(toRow);
}

/**
 * Runs `start` (which must start the query synchronously) without the stack trace the
 * driver captures for every query to decorate a later error: formatting it costs as much
 * as decoding a small result, and read errors are mapped by `mapDriverError` anyway.
 */
function withoutCallerStack<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

function toRow(record: Neo4jRecord): Row {
  const row: Row = {};
  for (const key of record.keys) row[String(key)] = toPlain(record.get(key));
  return row;
}

/**
 * Plain JS values: integers as numbers, temporal values as ISO strings. Lists and maps
 * are converted in place (the driver builds them fresh for every record), so a result of
 * strings and numbers costs one walk and no copies.
 */
function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'object') return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (v === undefined || (v !== null && typeof v === 'object')) value[i] = toPlain(v);
    }
    return value;
  }
  if (value.constructor === Object) {
    const o = value as Row;
    for (const k in o) {
      const v = o[k];
      if (v === undefined || (v !== null && typeof v === 'object')) o[k] = toPlain(v);
    }
    return o;
  }
  if (neo4j.isInt(value)) return value.toNumber();
  if (neo4j.isDate(value) || neo4j.isDateTime(value) || neo4j.isLocalDateTime(value)) return value.toString();
  return value;
}
