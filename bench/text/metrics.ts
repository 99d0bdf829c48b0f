/** Clustering and neighbour quality against reference labels (as scikit-learn computes them). */

function contingency(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): { table: Map<string, number>; ca: Map<number, number>; cb: Map<number, number>; n: number } {
  const table = new Map<string, number>();
  const ca = new Map<number, number>();
  const cb = new Map<number, number>();
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    const key = `${x}:${y}`;
    table.set(key, (table.get(key) ?? 0) + 1);
    ca.set(x, (ca.get(x) ?? 0) + 1);
    cb.set(y, (cb.get(y) ?? 0) + 1);
  }
  return { table, ca, cb, n: a.length };
}

function entropy(counts: Iterable<number>, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/** Normalised mutual information, arithmetic-mean normalisation (sklearn's default). */
export function nmi(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { table, ca, cb, n } = contingency(a, b);
  let mi = 0;
  for (const [key, c] of table) {
    const [x, y] = key.split(':').map(Number);
    mi += (c / n) * Math.log((c * n) / ((ca.get(x ?? 0) ?? 1) * (cb.get(y ?? 0) ?? 1)));
  }
  const ha = entropy(ca.values(), n);
  const hb = entropy(cb.values(), n);
  const denom = (ha + hb) / 2;
  return denom > 0 ? mi / denom : 1;
}

/** Adjusted Rand index. */
export function ari(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const { table, ca, cb, n } = contingency(a, b);
  const c2 = (x: number): number => (x * (x - 1)) / 2;
  let sumIJ = 0;
  for (const c of table.values()) sumIJ += c2(c);
  let sumA = 0;
  for (const c of ca.values()) sumA += c2(c);
  let sumB = 0;
  for (const c of cb.values()) sumB += c2(c);
  const expected = (sumA * sumB) / c2(n);
  const max = (sumA + sumB) / 2;
  return max === expected ? 1 : (sumIJ - expected) / (max - expected);
}

/** Share of listed neighbours (first `k` per item) that carry the item's label. */
export function neighbourAgreement(
  labels: ArrayLike<number>,
  neighbours: readonly (readonly number[])[],
  k = 10,
): number {
  let same = 0;
  let total = 0;
  neighbours.forEach((list, i) => {
    for (const j of list.slice(0, k)) {
      total++;
      if (labels[j] === labels[i]) same++;
    }
  });
  return total > 0 ? same / total : 0;
}
