/** Date parsing for every source: the result is a calendar date `YYYY-MM-DD` as the source wrote it. */

// prettier-ignore
const MONTHS: Readonly<Record<string, number>> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10,
  november: 11, december: 12,
};

export function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')];
}

/** `YYYY-MM-DD` for a real calendar day, else undefined (no rollover: Feb 30 is rejected). */
export function isoDate(year: number, month: number, day: number): string | undefined {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return undefined;
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return undefined;
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export type DateParse =
  /** A calendar day. */
  | { readonly ok: true; readonly date: string }
  /** Only a year or year-month is known: no `publishedAt`, but not an error either. */
  | { readonly ok: true; readonly date: undefined }
  | { readonly ok: false };

/**
 * Accepts `2025-08-19`, ISO date-times (`2012-01-23T21:15:02Z`: the date as written, not
 * shifted to UTC), RFC 2822 (`Mon, 2 Apr 2007 19:18:42 GMT`), `Aug 19, 2025`, `19 Aug 2025`,
 * and a bare year or year-month (known but imprecise: no date).
 */
export function parseDate(raw: string | number): DateParse {
  const s = String(raw).trim();
  let m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(s);
  if (m) return day(isoDate(Number(m[1]), Number(m[2]), Number(m[3])));
  m =
    /^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+([A-Za-z]{3,9}\.?)\s+(\d{4})(?:\s+[\d:]+(?:\s+(?:GMT|UTC|[A-Z]{2,4}|[+-]\d{4}))?)?$/.exec(
      s,
    );
  if (m) return day(isoDate(Number(m[3]), monthNumber(m[2] ?? '') ?? 0, Number(m[1])));
  m = /^([A-Za-z]{3,9}\.?)\s+(\d{1,2}),?\s+(\d{4})$/.exec(s);
  if (m) return day(isoDate(Number(m[3]), monthNumber(m[1] ?? '') ?? 0, Number(m[2])));
  m = /^(\d{4})(?:-(\d{2}))?$/.exec(s);
  if (m) {
    const year = Number(m[1]);
    const month = m[2] === undefined ? 1 : Number(m[2]);
    return isoDate(year, month, 1) === undefined ? { ok: false } : { ok: true, date: undefined };
  }
  return { ok: false };
}

function day(date: string | undefined): DateParse {
  return date === undefined ? { ok: false } : { ok: true, date };
}
