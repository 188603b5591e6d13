/**
 * Renderers of the tie dynamics measure (src/metrics/tie-dynamics.ts): Markdown for people, JSON
 * and CSV for machines. Pure: result in, text out.
 *
 * - Markdown: the headline (pairs in the window, shares again / overlap / after), a table by
 *   consortium size and one by start year with the follow-up time, the definitions and the
 *   censoring, and the source attribution when given.
 * - JSON: `{ format, source?, input?, definitions, ...result }` with the shares as numbers (not
 *   rounded) and `max: null` for the open last size bin; times as decimal years, plus
 *   `observedUntilText` (the time as the formatter writes it) when a formatter is given.
 * - CSV: one row per group (`all`, each size bin, each start year):
 *   `group,key,pairs,again,overlap,after,share_again,share_overlap,share_after,follow_up_min,follow_up_max,first_still_running`
 *   (follow-up columns empty outside start-year rows).
 */
import { csvRows, type Cell } from '../util/csv.js';
import type { TieDynamicsCounts, TieDynamicsResult } from '../metrics/tie-dynamics.js';

/** Format name of the JSON output. */
export const TIE_DYNAMICS_FORMAT = 'helixlab-tie-dynamics/1';

/** What the renderers add around the numbers. */
export interface TieDynamicsRenderOptions {
  /** Attribution line, e.g. "Source: CORDIS, European Union". */
  source?: string;
  /** Where the records came from (a file name). */
  input?: string;
  /** A time (decimal years) as text, e.g. a date; default: two decimals. */
  formatTime?: (t: number) => string;
  /** Extra sentences on the data (e.g. what the observation window misses). */
  notes?: readonly string[];
}

/** The definitions, one sentence each (also in docs/calibration.md). */
export function tieDynamicsDefinitions(r: TieDynamicsResult): string[] {
  return [
    `Pairs: two organisations with at least one joint project${r.maxSize !== null ? ` of at most ${r.maxSize} participants (larger projects are left out before anything else)` : ''}; each pair counted once.`,
    `First joint project: the pair's earliest-starting joint project (on a tie, the one that ends first, then the smaller consortium); the window keeps pairs whose first joint project started in ${r.from}–${r.to}.`,
    'Again: the pair has another joint project; its next one is the earliest-starting of the others.',
    "Overlap: the next joint project started before the first had ended (on or before the first's last day).",
    'After: the next joint project started only after the first had ended. Again = overlap + after.',
    `Size: participants of the first joint project, in bins ${r.bySize.map((b) => b.label).join(', ')}.`,
  ];
}

function pct(x: number): string {
  return Number.isFinite(x) ? `${(x * 100).toFixed(1)}%` : '–';
}

function int(x: number): string {
  return Math.round(x).toLocaleString('en-US');
}

function row(label: string, c: TieDynamicsCounts): string[] {
  return [label, int(c.pairs), pct(c.shareAgain), pct(c.shareOverlap), pct(c.shareAfter)];
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map((_, i) => (i === 0 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

/** Markdown report (see the module doc). */
export function renderTieDynamicsMarkdown(r: TieDynamicsResult, o: TieDynamicsRenderOptions = {}): string {
  const time = o.formatTime ?? ((t: number) => t.toFixed(2));
  const out: string[] = ['# Do collaboration ties outlive the project?', ''];
  if (o.input) out.push(`Input: ${o.input}${o.source ? ` (${o.source}, CC BY 4.0)` : ''}.`, '');
  else if (o.source) out.push(`${o.source} (CC BY 4.0).`, '');
  const t = r.total;
  out.push(
    `Organisation pairs whose first joint project started in ${r.from}–${r.to}` +
      `${r.maxSize !== null ? `, counting projects of at most ${r.maxSize} participants` : ', counting all projects'}: ${int(t.pairs)} pairs. ` +
      `${pct(t.shareAgain)} of them had another joint project; for ${pct(t.shareOverlap)} the next one started before the first had ended (overlap); ` +
      `${pct(t.shareAfter)} collaborated again only after the first was over.`,
    '',
  );
  out.push(table(['', 'pairs', 'again', 'overlap', 'after'], [row('all', t)]), '');
  out.push('## By consortium size of the first joint project', '');
  out.push(
    table(
      ['participants', 'pairs', 'again', 'overlap', 'after'],
      r.bySize.map((b) => row(b.label, b)),
    ),
    '',
  );
  out.push('## By start year of the first joint project (censoring)', '');
  out.push(
    table(
      ['start year', 'pairs', 'again', 'overlap', 'after', 'follow-up (years)', 'first still running at the end'],
      r.byStartYear.map((y) => [
        ...row(String(y.year), y),
        `${Math.max(0, y.followUpMin).toFixed(1)}–${y.followUpMax.toFixed(1)}`,
        `${int(y.firstStillRunning)} (${pct(y.firstStillRunning / y.pairs)})`,
      ]),
    ),
    '',
  );
  out.push(
    `Observation ends at ${time(r.observedUntil)}: a next project starting later is not seen, ` +
      'so later start years have less follow-up and their shares "again" and "after" are lower bounds; a pair whose first project was still running ' +
      'at the end could not yet collaborate "after".',
  );
  for (const n of o.notes ?? []) out.push('', n);
  out.push('', '## Definitions', '');
  for (const d of tieDynamicsDefinitions(r)) out.push(`- ${d}`);
  out.push(
    '',
    `Records (pair × project): ${int(r.records)} read, ${int(r.recordsKept)} kept; ${int(r.pairsAll)} distinct pairs in all start years.`,
    '',
  );
  return out.join('\n');
}

/** JSON text (see the module doc). */
export function renderTieDynamicsJson(r: TieDynamicsResult, o: TieDynamicsRenderOptions = {}): string {
  const doc: Record<string, unknown> = { format: TIE_DYNAMICS_FORMAT };
  if (o.source) doc.source = o.source;
  if (o.input) doc.input = o.input;
  doc.definitions = tieDynamicsDefinitions(r);
  Object.assign(doc, r);
  if (o.formatTime) doc.observedUntilText = o.formatTime(r.observedUntil);
  if (o.notes?.length) doc.notes = [...o.notes];
  return JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** CSV text (see the module doc). */
export function renderTieDynamicsCsv(r: TieDynamicsResult): string {
  const line = (group: string, key: string, c: TieDynamicsCounts, extra: Cell[] = ['', '', '']): Cell[] => [
    group,
    key,
    c.pairs,
    c.again,
    c.overlap,
    c.after,
    Number.isFinite(c.shareAgain) ? c.shareAgain : null,
    Number.isFinite(c.shareOverlap) ? c.shareOverlap : null,
    Number.isFinite(c.shareAfter) ? c.shareAfter : null,
    ...extra,
  ];
  const rows: Cell[][] = [
    [
      'group',
      'key',
      'pairs',
      'again',
      'overlap',
      'after',
      'share_again',
      'share_overlap',
      'share_after',
      'follow_up_min',
      'follow_up_max',
      'first_still_running',
    ],
    line('all', `${r.from}-${r.to}`, r.total),
    ...r.bySize.map((b) => line('size', b.label, b)),
    ...r.byStartYear.map((y) => line('start-year', String(y.year), y, [Math.max(0, y.followUpMin), y.followUpMax, y.firstStillRunning])),
  ];
  return csvRows(rows);
}
