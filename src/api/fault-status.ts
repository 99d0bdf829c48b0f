import type { ApolloServerPlugin } from '@apollo/server';
import { FAULT_STATUS, faultOf, type FaultCode } from './errors.js';

/** The error a resolver threw, under the path wrapper graphql-js puts around it. */
function original(error: { originalError?: unknown }): unknown {
  let cur: unknown = error;
  for (let i = 0; i < 5 && typeof cur === 'object' && cur !== null && 'originalError' in cur; i++) {
    const next: unknown = cur.originalError;
    if (next == null) break;
    cur = next;
  }
  return cur;
}

/**
 * A response that failed because Neo4j is away (or a query ran out of time) says so in its
 * HTTP status too (503, 504), so load balancers and clients' retry logic see it.
 */
export function faultStatus(): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, response }) {
          let fault: FaultCode | null = null;
          for (const e of errors) {
            const f = faultOf(original(e));
            if (f === 'SERVICE_UNAVAILABLE' || (f && !fault)) fault = f;
          }
          if (fault && response.http) {
            response.http.status = FAULT_STATUS[fault];
            if (fault === 'SERVICE_UNAVAILABLE') response.http.headers.set('retry-after', '5');
          }
        },
      };
    },
  };
}
