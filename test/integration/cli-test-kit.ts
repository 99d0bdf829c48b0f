/** Runs `npm run ingest -- <file>` as its own process against the test Neo4j. */
import { spawn, type ChildProcess } from 'node:child_process';
import { inject } from 'vitest';
import { REPO } from './graph-test-kit.js';

export interface CliRun {
  readonly code: number | null;
  readonly signal: string | null;
  /** stdout and stderr as they came. */
  readonly out: string;
}

/**
 * `env` adds to the test Neo4j's connection settings; `watch` sees the output so far after each
 * chunk (the child to signal, e.g. to kill it at some stage).
 */
export function cliIngest(
  file: string,
  env: Record<string, string> = {},
  watch?: (out: string, child: ChildProcess) => void,
): Promise<CliRun> {
  const { uri, user, password } = inject('neo4j');
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'pipelines/ingest.ts', file], {
      cwd: REPO,
      env: {
        ...process.env,
        NEO4J_URI: uri,
        NEO4J_USER: user,
        NEO4J_PASSWORD: password,
        DOTENV_CONFIG_QUIET: 'true',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const take = (b: Buffer) => {
      out += b.toString();
      watch?.(out, child);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.once('error', reject);
    child.once('exit', (code, signal) => resolve({ code, signal, out }));
  });
}
