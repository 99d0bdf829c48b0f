import { GraphQLError, type ASTNode, type GraphQLFormattedError } from 'graphql';
import { GraphTimeoutError, GraphUnavailableError } from '../graph/errors.js';
import { IngestBusyError } from '../services/ingest-lock.js';

export type ApiErrorCode =
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'UNAUTHENTICATED'
  | 'SERVICE_UNAVAILABLE'
  | 'QUERY_TIMEOUT'
  | 'INGEST_BUSY';

/** The one base class for errors we mean to show users; sets `extensions.code`. */
export class ApiError extends GraphQLError {
  constructor(
    code: ApiErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
    nodes?: readonly ASTNode[],
  ) {
    super(message, { extensions: { code, ...extra }, ...(nodes ? { nodes } : {}) });
  }
}

/** A bad argument: the message names it and says what is allowed. */
export function badInput(argument: string, message: string): ApiError {
  return new ApiError('BAD_USER_INPUT', `Argument "${argument}": ${message}`, { argumentName: argument });
}

export interface ErrorLogger {
  error(obj: object, msg?: string): void;
}

/** GraphQL's own request errors: the client sent something wrong, nothing to hide or log. */
const CLIENT_CODES = new Set([
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

/**
 * The error a resolver threw (graphql-js wraps it with a path), or the one a validation rule
 * reported (Apollo wraps it to relabel its code). Duck-typed: under vitest, Apollo's
 * graphql module is another instance than ours, so `instanceof GraphQLError` would miss.
 */
function unwrap(error: unknown): { thrown: unknown; wrappedByValidation: boolean } {
  if (
    typeof error !== 'object' ||
    error === null ||
    !('originalError' in error) ||
    error.originalError == null
  ) {
    return { thrown: error, wrappedByValidation: false };
  }
  const hasPath = 'path' in error && error.path != null;
  return { thrown: error.originalError, wrappedByValidation: !hasPath };
}

/**
 * Our coded errors pass (also when Apollo wrapped one raised by a validation rule, whose
 * code it would otherwise replace); GraphQL's own validation errors pass; anything else is
 * hidden behind INTERNAL_SERVER_ERROR and logged with the original.
 */
export function createFormatError(logger: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const { thrown, wrappedByValidation } = unwrap(error);
    if (thrown instanceof IngestBusyError) {
      return { message: thrown.message, path: formatted.path, extensions: { code: 'INGEST_BUSY' } };
    }
    const fault = faultOf(thrown);
    if (fault) {
      // The driver's text names hosts and ports: the log has it, the caller gets the code.
      logger.error({ err: thrown, path: formatted.path }, 'neo4j fault while resolving');
      return { message: FAULT_MESSAGES[fault], path: formatted.path, extensions: { code: fault } };
    }
    if (thrown instanceof ApiError) {
      // A validation rule's error: Apollo replaced its code; put ours back.
      return wrappedByValidation
        ? { ...formatted, extensions: { ...formatted.extensions, ...thrown.extensions } }
        : formatted;
    }
    if (error instanceof ApiError) return formatted;
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && CLIENT_CODES.has(code)) return formatted;
    logger.error({ err: thrown, path: formatted.path }, 'unexpected error while resolving');
    return {
      message: 'Internal server error',
      path: formatted.path,
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    };
  };
}

/** Faults of the database, told to callers as what they are. */
export type FaultCode = 'SERVICE_UNAVAILABLE' | 'QUERY_TIMEOUT';

const FAULT_MESSAGES: Record<FaultCode, string> = {
  SERVICE_UNAVAILABLE: 'The graph database is not reachable right now; try again in a few seconds.',
  QUERY_TIMEOUT:
    'The query ran past its time limit and was stopped; ask for less (smaller pages, fewer fields).',
};

/** HTTP status of a response whose errors include a fault. */
export const FAULT_STATUS: Record<FaultCode, number> = { SERVICE_UNAVAILABLE: 503, QUERY_TIMEOUT: 504 };

/** The fault an error stands for, by class (never by message text); null for anything else. */
export function faultOf(error: unknown): FaultCode | null {
  if (error instanceof GraphUnavailableError) return 'SERVICE_UNAVAILABLE';
  if (error instanceof GraphTimeoutError) return 'QUERY_TIMEOUT';
  return null;
}
