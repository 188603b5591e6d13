/**
 * Calendar dates as decimal years (browser-safe, pure): `YYYY-MM-DD` in UTC → year + (day of year
 * − 1) / days in the year, so 2016-07-01 → 2016 + 182/366. Used to put dated records (CORDIS
 * projects) on the same time axis as simulated years.
 */

const DAY = 86_400_000;

/** Decimal year of an instant (milliseconds since 1970, UTC). */
function decimalYearOf(t: number): number {
  const y = new Date(t).getUTCFullYear();
  const start = Date.UTC(y, 0, 1);
  return y + (t - start) / (Date.UTC(y + 1, 0, 1) - start);
}

/** Milliseconds of a date `YYYY-MM-DD` (UTC midnight), or NaN when it is not a calendar date. */
function dateMs(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date.trim());
  if (!m) return NaN;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(t);
  return d.getUTCFullYear() === Number(m[1]) && d.getUTCMonth() === Number(m[2]) - 1 && d.getUTCDate() === Number(m[3]) ? t : NaN;
}

/** Decimal year of a date (`YYYY-MM-DD`, UTC): year + (day of year − 1) / days in the year; NaN if not a date. */
export function decimalYear(date: string): number {
  const t = dateMs(date);
  return Number.isNaN(t) ? NaN : decimalYearOf(t);
}

/**
 * The end of a date's day as a decimal year: the decimal year of the next day's start, computed the
 * same way, so that a project starting the day after another ends compares equal to its end (not
 * an overlap).
 */
export function decimalYearEndOfDay(date: string): number {
  const t = dateMs(date);
  return Number.isNaN(t) ? NaN : decimalYearOf(t + DAY);
}

/** A decimal year as a date `YYYY-MM-DD` (the day it falls in). */
export function dateOfDecimalYear(x: number): string {
  const y = Math.floor(x);
  const start = Date.UTC(y, 0, 1);
  const days = (Date.UTC(y + 1, 0, 1) - start) / DAY;
  const t = start + Math.floor((x - y) * days + 1e-9) * DAY;
  return new Date(t).toISOString().slice(0, 10);
}
