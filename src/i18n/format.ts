/**
 * Numbers, money, shares and dates for people, per language ({@link numberFormats}).
 *
 * English keeps the conventions HelixLab's English reports always had (so that their bytes do not
 * change): whole numbers with `,` thousands separators (`75,000`), decimals with `.` and a fixed
 * number of digits and no grouping (`0.35`, `1234.50`), shares as whole percentages (`73%`, `0.4%`
 * below 1%), money as `75,000 EUR`, dates as ISO `2024-03-05`.
 *
 * Finnish follows the Finnish standard (SFS 4175 and the Institute for the Languages of Finland's
 * recommendations), through `Intl` with the `fi-FI` locale: a no-break space (U+00A0) groups
 * thousands (`75 000`), a decimal comma (`0,35`), the minus sign U+2212 (`−0,35`), a no-break space
 * before the percent sign (`73 %`) and the euro sign after the amount (`75 000 €`), dates as
 * `5.3.2024`.
 *
 * `–` (an en dash) stands for a missing or non-finite value in both languages. Browser-safe.
 */
import type { Locale } from './locale.js';

/** Number formatting for one language. Every function returns `–` for null, undefined or a non-finite number. */
export interface NumberFormats {
  readonly locale: Locale;
  /** A whole number with thousands separators (rounded). */
  int(x: number | null | undefined): string;
  /** A number with exactly `digits` decimals (no thousands separators). */
  num(x: number | null | undefined, digits?: number): string;
  /** A share 0–1 as a whole percentage (one decimal below 1%). */
  pct(x: number | null | undefined): string;
  /** A share 0–1 as a whole percentage, always rounded to a whole number (`0%` for 0.004). */
  wholePct(x: number | null | undefined): string;
  /** A signed change (`+0.12`, `−0.05`; 0 without a sign). */
  signed(x: number | null | undefined, digits?: number): string;
  /** An amount in euros, rounded to whole euros. */
  money(eur: number | null | undefined): string;
  /** A calendar date (a `Date`, or an ISO `yyyy-mm-dd` text, read as that day). */
  date(d: Date | string): string;
  /** A number in full precision with the language's decimal mark (no grouping): for tables meant for spreadsheets. */
  plain(x: number | null | undefined): string;
}

const DASH = '–';
const ok = (x: number | null | undefined): x is number => x !== null && x !== undefined && Number.isFinite(x);

function toFixedClean(x: number, digits: number): string {
  const r = Number(x.toFixed(digits));
  return (Object.is(r, -0) ? 0 : r).toFixed(digits);
}

function isoDay(d: Date | string): { y: number; m: number; d: number } | undefined {
  if (typeof d === 'string') {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(d.trim());
    return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : undefined;
  }
  return Number.isNaN(d.getTime()) ? undefined : { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate() };
}

const EN: NumberFormats = {
  locale: 'en',
  int: (x) => (ok(x) ? Math.round(x).toLocaleString('en-US') : DASH),
  num: (x, digits = 2) => (ok(x) ? toFixedClean(x, digits) : DASH),
  pct: (x) => {
    if (!ok(x)) return DASH;
    const p = x * 100;
    if (p !== 0 && Math.abs(p) < 1) return `${p.toFixed(1)}%`;
    return `${Math.round(p)}%`;
  },
  wholePct: (x) => (ok(x) ? `${Math.round(x * 100)}%` : DASH),
  signed: (x, digits = 2) => {
    if (!ok(x)) return DASH;
    const s = toFixedClean(Math.abs(x), digits);
    if (Number(s) === 0) return toFixedClean(0, digits);
    return (x < 0 ? '−' : '+') + s;
  },
  money: (eur) => (ok(eur) ? `${Math.round(eur).toLocaleString('en-US')} EUR` : DASH),
  date: (d) => {
    const p = isoDay(d);
    return p ? `${p.y}-${String(p.m).padStart(2, '0')}-${String(p.d).padStart(2, '0')}` : DASH;
  },
  plain: (x) => (ok(x) ? String(x) : DASH),
};

const FI_INT = new Intl.NumberFormat('fi-FI', { maximumFractionDigits: 0 });
const FI_MONEY = new Intl.NumberFormat('fi-FI', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 });
const fiFixed = new Map<number, Intl.NumberFormat>();
function fiDigits(digits: number): Intl.NumberFormat {
  let f = fiFixed.get(digits);
  if (!f)
    fiFixed.set(
      digits,
      (f = new Intl.NumberFormat('fi-FI', { minimumFractionDigits: digits, maximumFractionDigits: digits, useGrouping: false })),
    );
  return f;
}
/** Finnish decimals: the English digits with a decimal comma and U+2212 for minus (same rounding as English). */
const fiNum = (x: number, digits: number): string => fiDigits(digits).format(Number(toFixedClean(x, digits)));

const FI: NumberFormats = {
  locale: 'fi',
  int: (x) => (ok(x) ? FI_INT.format(Math.round(x)) : DASH),
  num: (x, digits = 2) => (ok(x) ? fiNum(x, digits) : DASH),
  pct: (x) => {
    if (!ok(x)) return DASH;
    const p = x * 100;
    if (p !== 0 && Math.abs(p) < 1) return `${fiNum(p, 1)}\u00a0%`;
    return `${FI_INT.format(Math.round(p))}\u00a0%`;
  },
  wholePct: (x) => (ok(x) ? `${FI_INT.format(Math.round(x * 100))}\u00a0%` : DASH),
  signed: (x, digits = 2) => {
    if (!ok(x)) return DASH;
    const s = toFixedClean(Math.abs(x), digits);
    if (Number(s) === 0) return fiNum(0, digits);
    return (x < 0 ? '−' : '+') + fiNum(Math.abs(x), digits);
  },
  money: (eur) => (ok(eur) ? FI_MONEY.format(Math.round(eur)) : DASH),
  date: (d) => {
    const p = isoDay(d);
    return p ? `${p.d}.${p.m}.${p.y}` : DASH;
  },
  plain: (x) => (ok(x) ? String(x).replace('.', ',') : DASH),
};

/**
 * Text holding numbers written in English style (`0.63`, `[15, 25.5]`, `x between 0.1 and 0.4`) with
 * the language's decimal mark: every `.` between two digits becomes `,` in Finnish; English unchanged.
 */
export function decimalText(text: string, locale: Locale): string {
  return locale === 'en' ? text : text.replace(/(\d)\.(\d)/g, '$1,$2');
}

/** The number formats of a language. */
export function numberFormats(locale: Locale): NumberFormats {
  return locale === 'fi' ? FI : EN;
}
