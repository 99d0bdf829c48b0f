import { statement, type Statement } from '../statement.js';

/**
 * Statements of the lock nodes that serialise writers across processes. Times are Neo4j's
 * clock (`timestamp()`, ms), so holders on machines whose clocks disagree still agree on
 * when a lease ran out.
 */

export const lockConstraint = (): Statement =>
  statement(
    'lock.constraint',
    'CREATE CONSTRAINT papergraph_lock_name IF NOT EXISTS FOR (l:PapergraphLock) REQUIRE l.name IS UNIQUE',
  );

/**
 * Take the lock when it is free, expired, or already ours. Writing `touchedAt` first takes
 * the node's write lock, so two acquirers cannot both read "free" and both win.
 */
export const acquireLock = (name: string, token: string, owner: string, leaseMs: number): Statement =>
  statement(
    'lock.acquire',
    `MERGE (l:PapergraphLock {name: $name})
SET l.touchedAt = timestamp()
WITH l
WHERE l.token IS NULL OR l.expiresAt < timestamp() OR l.token = $token
SET l.acquiredAt = CASE WHEN l.token = $token THEN l.acquiredAt ELSE timestamp() END
SET l.token = $token, l.owner = $owner, l.expiresAt = timestamp() + $leaseMs
RETURN l.token AS token`,
    { name, token, owner, leaseMs },
  );

export const lockHolder = (name: string): Statement =>
  statement(
    'lock.holder',
    `MATCH (l:PapergraphLock {name: $name}) WHERE l.token IS NOT NULL
RETURN l.owner AS owner, l.acquiredAt AS acquiredAt, l.expiresAt - timestamp() AS remainingMs`,
    { name },
  );

/** Extend our lease; no row when the lock is no longer ours. */
export const renewLock = (name: string, token: string, leaseMs: number): Statement =>
  statement(
    'lock.renew',
    `MATCH (l:PapergraphLock {name: $name}) WHERE l.token = $token
SET l.expiresAt = timestamp() + $leaseMs
RETURN l.token AS token`,
    { name, token, leaseMs },
  );

export const releaseLock = (name: string, token: string): Statement =>
  statement(
    'lock.release',
    `MATCH (l:PapergraphLock {name: $name}) WHERE l.token = $token
SET l.token = null, l.owner = null, l.expiresAt = null, l.acquiredAt = null`,
    { name, token },
  );
