/**
 * One ingest at a time across processes (CLI ingests, recluster, the ingestPapers mutation,
 * the demo load): a lease on a lock node in the database. The holder renews it while it
 * works; a holder that crashed stops renewing, and its lease runs out after `leaseMs`.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { AppConfig } from '../config/env.js';
import { UserInputError } from '../domain/errors.js';
import type { GraphDb } from '../graph/db.js';
import { createLockStore, type LockHolder } from '../graph/stores/lock.store.js';

export const INGEST_LOCK = 'ingest';

export interface IngestLockOptions {
  /** How long to wait for another holder to finish before giving up (0: do not wait). */
  readonly waitMs?: number;
  /** Lease length; renewed every third of it while `fn` runs. */
  readonly leaseMs?: number;
  /** Poll interval while waiting. */
  readonly pollMs?: number;
  /** Told once when this caller starts waiting (CLIs print it). */
  readonly onWait?: (holder: LockHolder | null) => void;
  /** Told when a renewal finds the lease lost (it expired: the process was stalled). */
  readonly onLost?: () => void;
}

export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_WAIT_MS = 300_000;

/** Another ingest holds the lock and did not finish within the wait. */
export class IngestBusyError extends UserInputError {
  constructor(
    message: string,
    readonly holder: LockHolder | null,
  ) {
    super(message, 'INGEST_BUSY');
  }
}

/** The lock options the environment sets, for CLIs (see .env.example). */
export function lockOptionsFromConfig(
  cfg: Pick<AppConfig, 'PAPERGRAPH_INGEST_LOCK_LEASE_MS' | 'PAPERGRAPH_INGEST_LOCK_WAIT_MS'>,
  onWait: (holder: LockHolder | null) => void,
): IngestLockOptions {
  return {
    leaseMs: cfg.PAPERGRAPH_INGEST_LOCK_LEASE_MS,
    waitMs: cfg.PAPERGRAPH_INGEST_LOCK_WAIT_MS,
    onWait,
  };
}

/** Who is asking, for the holder's record: `cli ingest on host (pid 123)`. */
export function lockOwner(role: string): string {
  return `${role} on ${os.hostname()} (pid ${process.pid})`;
}

export function describe(holder: LockHolder | null): string {
  if (!holder) return 'another ingest';
  const since = new Date(holder.acquiredAt).toISOString();
  const left = Math.max(0, Math.ceil(holder.remainingMs / 1000));
  return `${holder.owner ?? 'another ingest'} (since ${since}; its lease runs out in ${left} s unless renewed)`;
}

export async function withIngestLock<T>(
  db: Pick<GraphDb, 'write' | 'read' | 'schema'>,
  owner: string,
  fn: () => Promise<T>,
  opts: IngestLockOptions = {},
): Promise<T> {
  const store = createLockStore({ db });
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const waitMs = opts.waitMs ?? DEFAULT_WAIT_MS;
  const pollMs = opts.pollMs ?? 500;
  const token = randomUUID();
  const deadline = Date.now() + waitMs;
  let told = false;
  while (!(await store.tryAcquire(INGEST_LOCK, token, owner, leaseMs))) {
    const holder = await store.holder(INGEST_LOCK);
    if (Date.now() >= deadline) {
      throw new IngestBusyError(
        `the graph is being written by ${describe(holder)}; waited ${Math.round(waitMs / 1000)} s. ` +
          'Try again when it has finished (one ingest runs at a time).',
        holder,
      );
    }
    if (!told) {
      told = true;
      opts.onWait?.(holder);
    }
    await new Promise((r) => setTimeout(r, Math.min(pollMs, Math.max(0, deadline - Date.now()))));
  }
  let lost = false;
  const renew = setInterval(
    () => {
      store.renew(INGEST_LOCK, token, leaseMs).then(
        (ok) => {
          if (!ok && !lost) {
            lost = true;
            opts.onLost?.();
          }
        },
        () => {
          // Neo4j away for a moment: the next renewal tries again; the lease covers the gap.
        },
      );
    },
    Math.max(100, Math.floor(leaseMs / 3)),
  );
  renew.unref();
  try {
    return await fn();
  } finally {
    clearInterval(renew);
    await store.release(INGEST_LOCK, token).catch(() => {
      // Unreachable Neo4j: the lease runs out by itself.
    });
  }
}
