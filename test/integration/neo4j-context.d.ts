import 'vitest';

/** What test/integration/global-setup.ts hands to tests via `inject('neo4j')`. */
export interface Neo4jTestConnection {
  /** Bolt URI, e.g. `bolt://127.0.0.1:39123`. */
  uri: string;
  user: string;
  password: string;
  /** HTTP base URL of the throwaway launcher (Browser at `${httpUrl}/browser/`); null for NEO4J_URI. */
  httpUrl: string | null;
  /** True when NEO4J_URI points at a server the tests did not start (and must not wipe freely). */
  external: boolean;
}

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jTestConnection;
  }
}
