import { describe, expect, it } from 'vitest';
import { requireApiKey } from '../../../src/api/ingest/auth.js';
import { checkPaperInput } from '../../../src/api/ingest/paper-input.js';
import { ApiError } from '../../../src/api/errors.js';
import type { PaperInput } from '../../../src/api/ingest/ingest.type.js';

const input = (over: Partial<PaperInput> = {}): PaperInput => ({
  title: 'Graph neural networks',
  abstract: 'We study message passing.',
  ...over,
});
const TODAY = '2026-01-01';

describe('checkPaperInput', () => {
  it('builds a record like a file reader would: id from the arXiv id or the title, names deduplicated', () => {
    const r = checkPaperInput(
      input({
        arxivId: 'arXiv:2401.01234v2',
        authors: ['Ada  Lovelace', 'Ada Lovelace', 'Alan Turing'],
        publishedAt: new Date('2025-02-03'),
      }),
      0,
      TODAY,
    );
    expect(r).toMatchObject({
      ok: true,
      paper: {
        id: '2401.01234',
        arxivId: '2401.01234',
        authors: ['Ada Lovelace', 'Alan Turing'],
        publishedAt: '2025-02-03',
        source: 'api',
      },
    });
    const byTitle = checkPaperInput(input(), 0, TODAY);
    expect(byTitle.ok && byTitle.paper.id).toMatch(/^t-[0-9a-f]{16}$/);
  });

  it.each([
    [{ title: '   ' }, /title must not be empty/],
    [{ abstract: '' }, /abstract must not be empty/],
    [{ arxivId: 'not-an-id' }, /arxivId "not-an-id" is not an arXiv id/],
    [{ url: 'javascript:alert(1)' }, /not an http\(s\) URL/],
    [{ publishedAt: new Date('2100-01-01') }, /publishedAt 2100-01-01 is not between/],
    [{ publishedAt: new Date('1850-01-01') }, /publishedAt 1850-01-01 is not between/],
    [{ categories: ['cs.CL', ' '] }, /categories must not contain empty strings/],
    [{ title: 'x'.repeat(1001) }, /title of 1001 characters/],
  ])('refuses %o with a message that says what to fix', (over, message) => {
    const r = checkPaperInput(input(over), 3, TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('requireApiKey', () => {
  const code = (f: () => void): unknown => {
    try {
      f();
      return 'passed';
    } catch (e) {
      return e instanceof ApiError ? e.extensions.code : e;
    }
  };

  it('accepts the configured key as a Bearer token, case-insensitively on the scheme', () => {
    expect(code(() => requireApiKey('Bearer s3cret', 's3cret'))).toBe('passed');
    expect(code(() => requireApiKey('bearer s3cret', 's3cret'))).toBe('passed');
  });

  it('refuses a missing, malformed or wrong key, and everyone when no key is configured', () => {
    for (const header of [
      null,
      '',
      's3cret',
      'Basic s3cret',
      'Bearer',
      'Bearer s3cre',
      'Bearer s3cret2',
      'Bearer s3cret x',
    ]) {
      expect(code(() => requireApiKey(header, 's3cret'))).toBe('UNAUTHENTICATED');
    }
    expect(code(() => requireApiKey('Bearer anything', undefined))).toBe('UNAUTHENTICATED');
    expect(code(() => requireApiKey('Bearer ', ''))).toBe('UNAUTHENTICATED');
  });
});
