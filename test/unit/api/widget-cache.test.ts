import { describe, expect, it } from 'vitest';
import { createAnswerCache, type CachedAnswer } from '../../../src/api/widget-cache.js';

function counter() {
  let calls = 0;
  const compute = (body: string) => async (): Promise<CachedAnswer> => {
    calls++;
    return { body, etag: `"${body}"` };
  };
  return { compute, calls: () => calls };
}

describe('the widget answer cache', () => {
  it('reuses an answer within its time to live, then asks again', async () => {
    let t = 0;
    const cache = createAnswerCache({ ttlMs: 1000, maxEntries: 10, now: () => t });
    const c = counter();
    expect((await cache.get('a', c.compute('one'))).body).toBe('one');
    t = 999;
    expect((await cache.get('a', c.compute('two'))).body).toBe('one');
    t = 1000;
    expect((await cache.get('a', c.compute('three'))).body).toBe('three');
    expect(c.calls()).toBe(2);
  });

  it('shares one computation between concurrent misses', async () => {
    const cache = createAnswerCache({ ttlMs: 1000, maxEntries: 10, now: () => 0 });
    const c = counter();
    const answers = await Promise.all([1, 2, 3].map(() => cache.get('k', c.compute('x'))));
    expect(answers.map((a) => a.body)).toEqual(['x', 'x', 'x']);
    expect(c.calls()).toBe(1);
  });

  it('keeps no failure', async () => {
    const cache = createAnswerCache({ ttlMs: 1000, maxEntries: 10, now: () => 0 });
    await expect(cache.get('k', () => Promise.reject(new Error('down')))).rejects.toThrow('down');
    expect(cache.size).toBe(0);
    expect((await cache.get('k', counter().compute('back'))).body).toBe('back');
  });

  it('holds at most maxEntries, dropping the least recently used', async () => {
    const cache = createAnswerCache({ ttlMs: 1000, maxEntries: 2, now: () => 0 });
    const c = counter();
    await cache.get('a', c.compute('a'));
    await cache.get('b', c.compute('b'));
    await cache.get('a', c.compute('a2')); // a is now the most recent
    await cache.get('c', c.compute('c')); // drops b
    expect(cache.size).toBe(2);
    expect((await cache.get('a', c.compute('a3'))).body).toBe('a');
    expect((await cache.get('b', c.compute('b2'))).body).toBe('b2');
  });

  it('is off with a time to live of 0', async () => {
    const cache = createAnswerCache({ ttlMs: 0, maxEntries: 10, now: () => 0 });
    const c = counter();
    await cache.get('a', c.compute('1'));
    await cache.get('a', c.compute('2'));
    expect(c.calls()).toBe(2);
    expect(cache.size).toBe(0);
  });
});
