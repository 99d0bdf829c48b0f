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

const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);

/** Map driver errors by `code` (never by message text) to ours; anything else is returned as is. */
export function mapDriverError(error: unknown): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (UNAVAILABLE.has(error.code)) {
    return new GraphUnavailableError(`Neo4j is not reachable: ${error.message}`, { cause: error });
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
