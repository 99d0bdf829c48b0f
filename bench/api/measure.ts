/** Load generation: autocannon against HTTP, and the same loop shape straight on the driver. */
import autocannon from 'autocannon';
import neo4j, { type Driver } from 'neo4j-driver';
import type { Scenario } from './scenarios.js';

export interface Measure {
  /** Completed requests per second. */
  readonly rps: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  /** Connection errors, non-2xx answers, GraphQL `errors` and driver exceptions. */
  readonly errors: number;
}

const round = (x: number, digits = 2): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** `connections` clients keep one request each in flight against `url` + `path` for `seconds`. */
export async function httpLoad(
  url: string,
  path: string,
  bodies: readonly string[],
  seconds: number,
  connections: number,
): Promise<Measure> {
  let next = 0;
  let bodyErrors = 0;
  const result = await cannon(url, seconds, connections, {
    method: 'POST',
    path,
    headers: { 'content-type': 'application/json' },
    setupRequest: (req) => ({ ...req, body: bodies[next++ % bodies.length] }),
    onResponse: (status, body) => {
      if (status !== 200 || body.includes('"errors"')) bodyErrors++;
    },
  });
  return toMeasure(result, result.non2xx + bodyErrors);
}

/** `connections` clients sending `request` back to back for `seconds`. */
const cannon = (url: string, seconds: number, connections: number, request: autocannon.Request) =>
  autocannon({ url, connections, duration: seconds, requests: [request] });

/** Throughput and latency of an autocannon run; `failed`: answers that count as errors. */
function toMeasure(result: autocannon.Result, failed: number): Measure {
  const requests = result.requests.total;
  return {
    rps: round(requests / result.duration, 1),
    p50: round(result.latency.p50),
    p99: round(result.latency.p99),
    requests,
    errors: result.errors + failed,
  };
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/**
 * The floor: `connections` workers, each with a long-lived session, running the scenario's
 * Cypher as auto-commit queries (one round trip each, no BEGIN/COMMIT), back to back.
 */
export async function driverLoad(
  driver: Driver,
  scenario: Scenario,
  seconds: number,
  connections: number,
): Promise<Measure> {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      const session = driver.session({ defaultAccessMode: neo4j.session.READ });
      try {
        while (performance.now() < end) {
          const i = next++;
          const t0 = performance.now();
          try {
            const res = await session.run(scenario.cypher, scenario.params(i));
            if (res.records.length === 0) errors++;
          } catch {
            errors++;
          }
          latencies.push(performance.now() - t0);
        }
      } finally {
        await session.close();
      }
    }),
  );
  const sorted = Float64Array.from(latencies).sort();
  return {
    rps: round(latencies.length / seconds, 1),
    p50: round(percentile(sorted, 50)),
    p99: round(percentile(sorted, 99)),
    requests: latencies.length,
    errors,
  };
}

export function floorDriver(uri: string, user: string, password: string): Driver {
  return neo4j.driver(uri, neo4j.auth.basic(user, password), {
    disableLosslessIntegers: true,
    maxConnectionPoolSize: 64,
    userAgent: 'papergraph-bench-floor',
  });
}

export interface GetMeasure extends Measure {
  /** Share of answers that were 304 Not Modified. */
  readonly notModifiedRate: number;
}

/**
 * `connections` clients GET `paths` of `url` in turn for `seconds`, each with the
 * `If-None-Match` given for it (when any): 200 and 304 both count as answered.
 */
export async function httpGetLoad(
  url: string,
  paths: readonly { path: string; etag?: string }[],
  seconds: number,
  connections: number,
): Promise<GetMeasure> {
  let next = 0;
  let notModified = 0;
  let bad = 0;
  const result = await cannon(url, seconds, connections, {
    method: 'GET',
    setupRequest: (req) => {
      const p = paths[next++ % paths.length];
      if (!p) return req;
      return { ...req, path: p.path, headers: p.etag ? { 'if-none-match': p.etag } : {} };
    },
    onResponse: (status) => {
      if (status === 304) notModified++;
      else if (status !== 200) bad++;
    },
  });
  const measure = toMeasure(result, bad); // autocannon counts 304 as non-2xx: not an error here
  return {
    ...measure,
    notModifiedRate: measure.requests === 0 ? 0 : round(notModified / measure.requests, 4),
  };
}
