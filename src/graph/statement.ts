/** A Cypher query and its parameters, built by a pure function and run only by GraphDb. */
export interface Statement {
  /** Short name for logs and transaction metadata, e.g. `paper.byIds`. */
  readonly name: string;
  readonly text: string;
  readonly params: Record<string, unknown>;
}

export function statement(name: string, text: string, params: Record<string, unknown> = {}): Statement {
  return { name, text, params };
}
