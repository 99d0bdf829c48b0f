import * as q from '../cypher/lock.js';
import type { GraphDb } from '../db.js';
import { num, optStr } from '../rows.js';

export interface LockHolder {
  readonly owner: string | null;
  /** Neo4j clock (ms since the epoch) when it was taken. */
  readonly acquiredAt: number;
  /** Until its lease runs out (negative: already expired). */
  readonly remainingMs: number;
}

/** Named leases in the database (see cypher/lock.ts). */
export function createLockStore({ db }: { db: Pick<GraphDb, 'write' | 'read' | 'schema'> }) {
  let constrained = false;
  const ensure = async (): Promise<void> => {
    if (constrained) return;
    await db.schema(q.lockConstraint());
    constrained = true;
  };
  return {
    /** True when this token now holds the lock for `leaseMs`. */
    async tryAcquire(name: string, token: string, owner: string, leaseMs: number): Promise<boolean> {
      await ensure();
      const [rows] = await db.write([q.acquireLock(name, token, owner, leaseMs)]);
      return (rows ?? []).length > 0;
    },
    async holder(name: string): Promise<LockHolder | null> {
      const [r] = await db.read(q.lockHolder(name));
      if (!r) return null;
      return {
        owner: optStr(r.owner, 'owner'),
        acquiredAt: num(r.acquiredAt, 'acquiredAt'),
        remainingMs: num(r.remainingMs, 'remainingMs'),
      };
    },
    /** False when the lease was lost (it expired and someone else took it). */
    async renew(name: string, token: string, leaseMs: number): Promise<boolean> {
      const [rows] = await db.write([q.renewLock(name, token, leaseMs)]);
      return (rows ?? []).length > 0;
    },
    async release(name: string, token: string): Promise<void> {
      await db.write([q.releaseLock(name, token)]);
    },
  };
}

export type LockStore = ReturnType<typeof createLockStore>;
