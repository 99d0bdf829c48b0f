import { pino, destination, type Logger } from 'pino';

export type { Logger };

/** JSON logs to stderr (stdout stays for CLI output); `silent` in tests. */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'papergraph' } }, destination(2));
}
