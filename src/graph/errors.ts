import { Neo4jError } from 'neo4j-driver';

/** Neo4j cannot be reached (not started, wrong address, went away). */
export class GraphUnavailableError extends Error {
  override readonly name = 'GraphUnavailableError';
  readonly code = 'GRAPH_UNAVAILABLE';
}

/** Neo4j refused our credentials. */
export class GraphAuthError extends Error {
  override readonly name = 'GraphAuthError';
  readonly code = 'GRAPH_AUTH';
}

/** A transaction ran longer than its timeout and Neo4j stopped it (its connection is free again). */
export class GraphTimeoutError extends Error {
  override readonly name = 'GraphTimeoutError';
  readonly code = 'GRAPH_TIMEOUT';
}

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);
const TIMED_OUT = new Set([
  'Neo.ClientError.Transaction.TransactionTimedOut',
  'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration',
]);

/** Map driver errors by `code` (never by message text) to ours; anything else is returned as is. */
export function mapDriverError(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE.has(error.code)) {
    return new GraphUnavailableError(`Neo4j is not reachable: ${error.message}`, { cause: error });
  }
  if (TIMED_OUT.has(error.code)) {
    return new GraphTimeoutError('Neo4j stopped a transaction that ran past its timeout.', { cause: error });
  }
  if (error.code === 'Neo.ClientError.Security.Unauthorized') {
    return new GraphAuthError(
      'Neo4j refused the user name or password (check NEO4J_USER / NEO4J_PASSWORD).',
      {
        cause: error,
      },
    );
  }
  return error;
}
