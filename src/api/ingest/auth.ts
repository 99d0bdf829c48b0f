import { createHash, timingSafeEqual } from 'node:crypto';
import { ApiError } from '../errors.js';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Check `Authorization: Bearer <key>` against the configured API key. Both sides are hashed
 * first so the comparison is constant-time whatever the lengths. No key configured means
 * writes are switched off: every caller is refused.
 */
export function requireApiKey(authorization: string | null, apiKey: string | undefined): void {
  if (apiKey === undefined || apiKey === '') {
    throw new ApiError(
      'UNAUTHENTICATED',
      'Writes are disabled on this server: set PAPERGRAPH_API_KEY to enable ingestPapers.',
    );
  }
  const m = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  const given = m?.[1];
  if (given === undefined) {
    throw new ApiError(
      'UNAUTHENTICATED',
      'ingestPapers needs the API key: send "Authorization: Bearer <key>".',
    );
  }
  if (!timingSafeEqual(digest(given), digest(apiKey))) {
    throw new ApiError('UNAUTHENTICATED', 'The API key in the Authorization header is not valid.');
  }
}
