import { UserInputError } from '../../src/domain/errors.js';

/** `--k 12` or `--k auto`; undefined when not given. */
export function parseK(raw: string | undefined): number | 'auto' | undefined {
  if (raw === undefined) return undefined;
  if (raw === 'auto') return 'auto';
  const k = Number(raw);
  if (!Number.isInteger(k) || k < 2 || k > 500) {
    throw new UserInputError(`--k must be "auto" or a whole number from 2 to 500, got "${raw}".`);
  }
  return k;
}
