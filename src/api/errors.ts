import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { unwrapResolverError } from '@apollo/server/errors';

export type ApiErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'UNAUTHENTICATED' | 'SERVICE_UNAVAILABLE';

/** The one base class for errors we mean to show users; sets `extensions.code`. */
export class ApiError extends GraphQLError {
  constructor(code: ApiErrorCode, message: string, extra: Record<string, unknown> = {}) {
    super(message, { extensions: { code, ...extra } });
  }
}

/** A bad argument: the message names it and says what is allowed. */
export function badInput(argument: string, message: string): ApiError {
  return new ApiError('BAD_USER_INPUT', `Argument "${argument}": ${message}`, { argumentName: argument });
}

export interface ErrorLogger {
  error(obj: object, msg?: string): void;
}

/** Our coded errors pass; GraphQL's own validation errors pass; anything else is hidden and logged. */
export function createFormatError(logger: ErrorLogger) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    if (original instanceof ApiError) return formatted;
    const code = formatted.extensions?.code;
    if (
      code === 'GRAPHQL_VALIDATION_FAILED' ||
      code === 'GRAPHQL_PARSE_FAILED' ||
      code === 'BAD_USER_INPUT' ||
      code === 'BAD_REQUEST' ||
      code === 'PERSISTED_QUERY_NOT_FOUND' ||
      code === 'OPERATION_RESOLUTION_FAILURE'
    ) {
      return formatted;
    }
    logger.error({ err: original, path: formatted.path }, 'unexpected error while resolving');
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  };
}
