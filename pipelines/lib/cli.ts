/** Shared CLI plumbing: config, repo root, friendly fatal errors (no stack traces for user mistakes). */
process.env.DOTENV_CONFIG_QUIET ??= 'true';

import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { ConfigError, environmentWithDotEnv, loadConfig, type AppConfig } from '../../src/config/env.js';
import { UserInputError } from '../../src/domain/errors.js';
import { GraphAuthError, GraphUnavailableError } from '../../src/graph/errors.js';
import { describe, lockOptionsFromConfig } from '../../src/services/ingest-lock.js';

/** The repository root, whether running from `pipelines/` under tsx or from `dist/pipelines/`. */
export function repoRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (path.basename(dir) !== 'pipelines') dir = path.dirname(dir);
  const parent = path.dirname(dir);
  return path.basename(parent) === 'dist' ? path.dirname(parent) : parent;
}

/** Ingest-lock options for a CLI: the configured lease and wait, and a line when it waits. */
export function cliLockOptions(cfg: AppConfig) {
  return lockOptionsFromConfig(cfg, (holder) =>
    console.error(`Waiting for the ingest lock: the graph is being written by ${describe(holder)} ...`),
  );
}

/** The configuration: the environment over the repository's `.env`, when there is one. */
export function config(): AppConfig {
  return loadConfig(environmentWithDotEnv(path.join(repoRoot(), '.env')));
}

/** Run a CLI main: user-facing errors print one clear message and exit 1; bugs print the stack. */
export function runCli(main: () => Promise<void>): void {
  main().catch((e: unknown) => {
    if (
      e instanceof UserInputError ||
      e instanceof ConfigError ||
      e instanceof GraphUnavailableError ||
      e instanceof GraphAuthError
    ) {
      console.error(`error: ${e.message}`);
    } else {
      console.error(e);
    }
    process.exit(1);
  });
}
