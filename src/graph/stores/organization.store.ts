import * as q from '../cypher/reads.js';
import type { GraphDb } from '../db.js';
import { str } from '../rows.js';

/** Organisations are known by name only; their papers are read through the paper store. */
export function createOrganizationStore({ db }: { db: Pick<GraphDb, 'read'> }) {
  return {
    /** Which of these names exist. */
    async existing(names: readonly string[]): Promise<Set<string>> {
      return new Set((await db.read(q.organizationsByNames(names))).map((r) => str(r.name, 'name')));
    },
  };
}

export type OrganizationStore = ReturnType<typeof createOrganizationStore>;
