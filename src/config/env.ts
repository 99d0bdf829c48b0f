import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const port = z.coerce.number().int().min(1).max(65535);
const memory = z.string().regex(/^\d+[kmg]$/i, 'a size like 512m or 2g');
const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** A share, 0..1 exclusive of 0 (0.1 = 10%). */
const share = z.coerce
  .number()
  .gt(0, 'a share above 0, like 0.1 for 10%')
  .max(1000, 'a share like 0.1 for 10% (at most 1000)');

/** `https://example.org[:port]` (scheme, host, port: what a browser sends as Origin). */
const ORIGIN = /^https?:\/\/[^/?#\s]+$/i;

/** Comma-separated origins, or `*`; empty means none. */
const origins = z
  .string()
  .default('')
  .transform((v) =>
    v
      .split(',')
      .map((o) => o.trim().replace(/\/$/, ''))
      .filter((o) => o.length > 0),
  )
  .refine((list) => list.every((o) => o === '*' || ORIGIN.test(o)), {
    message: 'a comma-separated list of origins like https://example.org, or *',
  });

const envSchema = z.object({
  PORT: port.default(4000),
  HOST: z.string().default('127.0.0.1'),
  NEO4J_URI: optionalString,
  NEO4J_USER: z.string().default('neo4j'),
  /**
   * Unset: a local Neo4j gets a random password on its first start, kept in
   * `<NEO4J_DATA_DIR>/papergraph-password`; an external one (NEO4J_URI) needs it set.
   */
  NEO4J_PASSWORD: z.string().min(8, 'at least 8 characters (Neo4j refuses shorter ones)').optional(),
  NEO4J_DATABASE: optionalString,
  NEO4J_DATA_DIR: z.string().default('var/neo4j'),
  NEO4J_BOLT_PORT: port.default(7687),
  NEO4J_HTTP_PORT: port.default(7474),
  NEO4J_HEAP: memory.default('1g'),
  NEO4J_PAGECACHE: memory.default('512m'),
  PAPERGRAPH_API_KEY: optionalString,
  /** File or folder `npm start` loads into an empty graph; `none` or empty: no demo. */
  PAPERGRAPH_DEMO: z
    .string()
    .default('data/demo')
    .transform((v) => (v.trim() === '' || v.trim() === 'none' ? undefined : v.trim())),
  PAPERGRAPH_MAX_DEPTH: z.coerce.number().int().min(1).max(50).default(8),
  PAPERGRAPH_MAX_PAGE: z.coerce.number().int().min(1).max(1000).default(100),
  PAPERGRAPH_MAX_COST: z.coerce.number().int().min(1).max(10_000_000).default(50_000),
  PAPERGRAPH_MAX_INGEST: z.coerce.number().int().min(1).max(100_000).default(1000),
  PAPERGRAPH_MAX_ALIASES: z.coerce.number().int().min(1).max(100_000).default(100),
  PAPERGRAPH_MAX_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(5_000),
  PAPERGRAPH_MAX_NODES: z.coerce.number().int().min(10).max(1_000_000).default(5_000),
  /** Neo4j transaction timeout (ms) for every read and write; 0 turns it off. */
  NEO4J_TX_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(10_000),
  /** Transaction timeout (ms) for ingest writes, which move whole batches. */
  NEO4J_WRITE_TX_TIMEOUT_MS: z.coerce.number().int().min(0).max(86_400_000).default(300_000),
  /** Opening a Bolt connection (ms): an unreachable Neo4j is reported this fast. */
  NEO4J_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(1_000),
  /** Lease of the cross-process ingest lock (ms): a crashed holder keeps it at most this long. */
  PAPERGRAPH_INGEST_LOCK_LEASE_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** How long a CLI ingest waits for another one to finish (ms) before it gives up. */
  PAPERGRAPH_INGEST_LOCK_WAIT_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
  /** HTTP: whole request (headers and body) must arrive within this (ms). */
  PAPERGRAPH_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
  /** HTTP: headers must arrive within this (ms). */
  PAPERGRAPH_HEADERS_TIMEOUT_MS: z.coerce.number().int().min(1000).max(3_600_000).default(10_000),
  /** Most open client connections; further ones are closed at once. */
  PAPERGRAPH_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1_000_000).default(1024),
  PAPERGRAPH_CORS_ORIGINS: origins,
  PAPERGRAPH_PUBLIC_URL: optionalString.refine((v) => v === undefined || ORIGIN.test(v.replace(/\/$/, '')), {
    message: 'a URL like http://127.0.0.1:4000 (scheme, host, port)',
  }),
  PAPERGRAPH_BROWSER_ORIGINS: origins,
  PAPERGRAPH_COALESCE_READS: z
    .enum(['true', 'false'], { message: "must be 'true' or 'false'" })
    .default('true')
    .transform((v) => v === 'true'),
  PAPERGRAPH_BATCH_SIZE: z.coerce.number().int().min(1).max(50_000).default(1000),
  PAPERGRAPH_REFRESH: z
    .enum(['true', 'false'], { message: "must be 'true' or 'false'" })
    .default('true')
    .transform((v) => v === 'true'),
  PAPERGRAPH_REFRESH_GROWTH: share.default(0.1),
  PAPERGRAPH_REFRESH_BATCH_SHARE: share.default(0.5),
  PAPERGRAPH_REFRESH_UNKNOWN_TERMS: share.default(0.1),
  PAPERGRAPH_REFRESH_FIT: share.default(0.85),
  PAPERGRAPH_REFRESH_MIN_PAPERS: z.coerce.number().int().min(1).max(1_000_000).default(50),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type AppConfig = z.infer<typeof envSchema>;

/** Variables whose values never appear in messages. */
const SECRET = /PASSWORD|API_KEY|SECRET|TOKEN/;

/** The name of every variable the configuration reads. */
export const CONFIG_VARIABLES: readonly string[] = Object.keys(envSchema.shape);

/** Raised when the environment is invalid; lists every bad variable at once. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/**
 * The variables of a `.env` file (`KEY=value` lines, `#` comments, quotes as in dotenv) under
 * the process environment: a variable set in the environment wins over the file. A missing
 * file adds nothing; an unreadable one is a ConfigError naming it.
 */
export function environmentWithDotEnv(file: string, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if (e instanceof Error && 'code' in e && e.code === 'ENOENT') return env;
    throw new ConfigError(`Cannot read ${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return { ...parseEnv(text), ...env };
}

/**
 * Parse the environment once. The only reader of `process.env` in `src/`: everything else
 * receives the resulting object.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  const lines = parsed.error.issues.map((i) => {
    const name = String(i.path[0]);
    // Never echo a secret, even a wrong one: it may be the real one with a typo.
    const got = SECRET.test(name) ? 'a value, not shown' : JSON.stringify(env[name]);
    return `  ${i.path.join('.')}: ${i.message} (got ${got})`;
  });
  throw new ConfigError(
    `Invalid configuration; fix these variables (set in the environment or in .env):\n${lines.join('\n')}`,
  );
}
