/**
 * Keeps a local Neo4j this process started running: when it dies (OOM, a kill), it is started
 * again on the same data directory and ports, after a back-off that doubles on every failed
 * attempt. The driver reconnects by itself once Bolt answers again.
 */
import type { Neo4jProcessState } from '../domain/views.js';
import { startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions } from './local-neo4j.js';

export type SupervisorState = Neo4jProcessState;

export interface SupervisedNeo4j {
  readonly boltUri: string;
  readonly httpUrl: string;
  /** Pid of the launcher running now. */
  pid(): number;
  state(): SupervisorState;
  stop(): Promise<void>;
}

export interface BackOff {
  /** Wait before the first restart attempt. */
  readonly initialMs: number;
  /** Longest wait between attempts. */
  readonly maxMs: number;
}

export const DEFAULT_BACKOFF: BackOff = { initialMs: 1_000, maxMs: 30_000 };

/** Wait before restart attempt `attempt` (1-based): initial, doubled each time, capped. */
export function backOffDelay(attempt: number, b: BackOff): number {
  return Math.min(b.maxMs, b.initialMs * 2 ** Math.max(0, attempt - 1));
}

export async function superviseLocalNeo4j(
  opts: LocalNeo4jOptions,
  backOff: BackOff = DEFAULT_BACKOFF,
  start: (o: LocalNeo4jOptions) => Promise<LocalNeo4j> = startLocalNeo4j,
): Promise<SupervisedNeo4j> {
  const log = opts.onLog ?? (() => {});
  let current = await start(opts);
  let state: SupervisorState['state'] = 'running';
  let restarts = 0;
  let lastExit: string | undefined;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let restarting: Promise<void> | undefined;

  const attempt = (n: number): void => {
    const wait = backOffDelay(n, backOff);
    log(`Restarting Neo4j in ${(wait / 1000).toFixed(1)} s (attempt ${n})...`);
    timer = setTimeout(() => {
      timer = undefined;
      if (stopping) return;
      restarting = start(opts).then(
        (next) => {
          restarting = undefined;
          if (stopping) {
            void next.stop();
            return;
          }
          current = next;
          restarts++;
          state = 'running';
          log(
            `Neo4j is back after ${restarts === 1 ? 'a restart' : `${restarts} restarts`} (pid ${next.pid}).`,
          );
          watch(next);
        },
        (e: unknown) => {
          restarting = undefined;
          log(`Restarting Neo4j failed: ${e instanceof Error ? e.message : String(e)}`);
          if (!stopping) attempt(n + 1);
        },
      );
    }, wait);
  };
  const watch = (n: LocalNeo4j): void => {
    void n.exited.then((how) => {
      if (stopping || n !== current) return;
      state = 'restarting';
      lastExit = how;
      attempt(1);
    });
  };
  watch(current);

  return {
    boltUri: current.boltUri,
    httpUrl: current.httpUrl,
    pid: () => current.pid,
    state: () => ({ state, restarts, lastExit }),
    async stop() {
      stopping = true;
      state = 'stopped';
      if (timer) clearTimeout(timer);
      await restarting;
      await current.stop();
    },
  };
}
