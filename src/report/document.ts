/**
 * A small neutral report document (title, sections, paragraphs, tables, lists, bars) that the
 * Markdown and HTML renderers turn into text. Reports are built once as a {@link ReportDoc} so that
 * both formats present exactly the same numbers and words; the renderers only escape and lay out.
 *
 * Text is plain (never markup): renderers escape every character that means something in their format.
 * Browser-safe (no Node imports).
 */

/** A run of text, optionally bold. */
export type Inline = string | { bold: string };
export type Text = Inline | Inline[];

export type Block =
  | { kind: 'p'; text: Text }
  | { kind: 'table'; head: string[]; rows: Text[][]; align?: Array<'left' | 'right'> }
  | { kind: 'list'; items: Text[] }
  /**
   * Horizontal bars of shares (0–1), e.g. the helix mix; Markdown shows them as a table with the
   * column heads `head` (default: '', 'actors', 'share'). `shareText` is the share as shown (default: a
   * whole percentage, `73%`).
   */
  | {
      kind: 'bars';
      head?: [string, string, string];
      items: Array<{ label: string; value: string; share: number; key?: string; shareText?: string }>;
    };

export interface Section {
  id: string;
  title: string;
  /** One line telling a reader how to read the section. */
  howToRead?: string;
  blocks: Block[];
}

export interface ReportDoc {
  /** Language of the text (the HTML `lang`; default `en`). */
  lang?: string;
  title: string;
  /** Lines under the title (source, attribution, generation options). */
  meta: string[];
  sections: Section[];
}

export function inlines(t: Text): Inline[] {
  return Array.isArray(t) ? t : [t];
}

/** Round for people: `digits` decimals, no trailing zeros beyond what is needed; '–' for null/NaN. */
export function num(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const r = Number(x.toFixed(digits));
  return (Object.is(r, -0) ? 0 : r).toFixed(digits);
}

/** Integers with thousands separators. */
export function int(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  return Math.round(x).toLocaleString('en-US');
}

/** A share as a percentage (0.734 → "73%"; below 1% with one decimal). */
export function pct(x: number | null | undefined): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const p = x * 100;
  if (p !== 0 && Math.abs(p) < 1) return `${p.toFixed(1)}%`;
  return `${Math.round(p)}%`;
}

/** A signed number (+0.12 / −0.05), for changes. */
export function signed(x: number | null | undefined, digits = 2): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return '–';
  const s = num(Math.abs(x), digits);
  if (Number(s) === 0) return num(0, digits);
  return (x < 0 ? '−' : '+') + s;
}
