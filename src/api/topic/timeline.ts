/** Months ("YYYY-MM") from the first to the last with papers, gaps counted as 0, oldest first. */
export function fillMonths(
  counts: readonly { period: string; count: number }[],
): { period: string; count: number }[] {
  const first = counts[0];
  const last = counts.at(-1);
  if (!first || !last) return [];
  const byPeriod = new Map(counts.map((c) => [c.period, c.count]));
  const out: { period: string; count: number }[] = [];
  let [y, m] = first.period.split('-').map(Number) as [number, number];
  const [ly, lm] = last.period.split('-').map(Number) as [number, number];
  // Guard against a malformed period: never loop past the last month.
  while ((y < ly || (y === ly && m <= lm)) && out.length < 12 * 1000) {
    const period = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
    out.push({ period, count: byPeriod.get(period) ?? 0 });
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
  return out;
}
