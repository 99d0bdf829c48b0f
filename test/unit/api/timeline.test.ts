import { describe, expect, it } from 'vitest';
import { fillMonths } from '../../../src/api/topic/timeline.js';

describe('fillMonths', () => {
  it('lists every month from the first to the last, oldest first, gaps as 0', () => {
    expect(
      fillMonths([
        { period: '2024-11', count: 2 },
        { period: '2025-02', count: 1 },
      ]),
    ).toEqual([
      { period: '2024-11', count: 2 },
      { period: '2024-12', count: 0 },
      { period: '2025-01', count: 0 },
      { period: '2025-02', count: 1 },
    ]);
  });

  it('handles no months and one month', () => {
    expect(fillMonths([])).toEqual([]);
    expect(fillMonths([{ period: '2025-05', count: 3 }])).toEqual([{ period: '2025-05', count: 3 }]);
  });
});
