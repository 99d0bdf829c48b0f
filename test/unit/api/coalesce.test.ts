import { describe, expect, it } from 'vitest';
import { createCoalescer } from '../../../src/api/coalesce.js';

/** A coalescer over a fake read that records every call. */
function recording(
  opts: {
    enabled?: boolean;
    maxKeys?: number;
    fail?: (shape: string, keys: readonly string[]) => boolean;
  } = {},
) {
  const calls: { shape: string; keys: string[] }[] = [];
  const c = createCoalescer<string, string, string>({
    shapeKey: (s) => s,
    read: (shape, keys) => {
      calls.push({ shape, keys: [...keys] });
      if (opts.fail?.(shape, keys)) return Promise.reject(new Error(`read of ${shape} failed`));
      // 'missing' is never found, like an unknown id.
      return Promise.resolve(new Map(keys.filter((k) => k !== 'missing').map((k) => [k, `${shape}:${k}`])));
    },
    ...(opts.enabled !== undefined ? { enabled: opts.enabled } : {}),
    ...(opts.maxKeys !== undefined ? { maxKeys: opts.maxKeys } : {}),
  });
  return { c, calls };
}

describe('createCoalescer', () => {
  it('answers calls of one turn with one read per shape, each caller getting only its own keys', async () => {
    const { c, calls } = recording();
    const [a, b, dup, other] = await Promise.all([
      c.load('paper', ['p1']),
      c.load('paper', ['p2', 'missing']),
      c.load('paper', ['p1']),
      c.load('page', ['t1']),
    ]);
    expect(calls).toEqual([
      { shape: 'paper', keys: ['p1', 'p2', 'missing'] },
      { shape: 'page', keys: ['t1'] },
    ]);
    expect([...a]).toEqual([['p1', 'paper:p1']]);
    expect([...b]).toEqual([['p2', 'paper:p2']]);
    expect([...dup]).toEqual([['p1', 'paper:p1']]);
    expect([...other]).toEqual([['t1', 'page:t1']]);
  });

  it('reads again in a later turn: nothing is cached', async () => {
    const { c, calls } = recording();
    await c.load('paper', ['p1']);
    await c.load('paper', ['p1']);
    expect(calls).toHaveLength(2);
  });

  it('splits a turn with more keys than maxKeys into several reads', async () => {
    const { c, calls } = recording({ maxKeys: 3 });
    await Promise.all([c.load('s', ['a', 'b']), c.load('s', ['c', 'd']), c.load('s', ['e'])]);
    expect(calls.map((x) => x.keys)).toEqual([
      ['a', 'b'],
      ['c', 'd', 'e'],
    ]);
  });

  it('fails only the caller whose keys fail: after a failed shared read each caller reads alone', async () => {
    const { c, calls } = recording({ fail: (_, keys) => keys.includes('poison') });
    const results = await Promise.allSettled([
      c.load('s', ['x']),
      c.load('s', ['poison']),
      c.load('s', ['y']),
      c.load('t', ['z']),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    expect((results[1] as PromiseRejectedResult).reason).toEqual(new Error('read of s failed'));
    expect([...(results[2] as PromiseFulfilledResult<Map<string, string>>).value]).toEqual([['y', 's:y']]);
    expect(calls.map((x) => x.keys)).toEqual([['x', 'poison', 'y'], ['z'], ['x'], ['poison'], ['y']]);
  });

  it('gives a lone caller its failed read as it is', async () => {
    const { c, calls } = recording({ fail: () => true });
    await expect(c.load('s', ['x'])).rejects.toThrow('read of s failed');
    expect(calls).toHaveLength(1);
  });

  it('switched off, every call is its own read', async () => {
    const { c, calls } = recording({ enabled: false });
    await Promise.all([c.load('paper', ['p1']), c.load('paper', ['p2'])]);
    expect(calls).toEqual([
      { shape: 'paper', keys: ['p1'] },
      { shape: 'paper', keys: ['p2'] },
    ]);
  });
});
