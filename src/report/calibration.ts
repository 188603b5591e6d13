/**
 * The calibration section of the impact report (`helixlab report DIR` on a directory of
 * `helixlab calibrate --out DIR`): browser-safe, pure — the result in, HTML out, with the plots as
 * inline SVG (no script needed, so the section is the same bytes wherever it is rendered).
 *
 * - Posterior marginals: per parameter a weighted histogram of the final generation over the prior
 *   range (20 bins on the sampling scale: ln x for a log-uniform prior), the median and the 90%
 *   interval marked, with the identifiability statement.
 * - Pair plots: for every pair of parameters the particles (at most 600, drawn by weight with a
 *   fixed systematic rule, so the plot is deterministic) on the prior box, with the posterior
 *   correlation.
 * - Posterior predictive checks: per target the prior predictive 90% interval (light), the
 *   posterior predictive 90% interval and median (dark), and the observation (a value: a line; a
 *   range: a band), fitted and held-out targets apart.
 * - The acceptance history, the statements, and the provenance.
 *
 * Indexing: particles, parameters and bins are indexed by loop counters below their counts; the `!`
 * on element reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 */
import { calibrationStatements, type CalibrationResult } from '../calibrate/result.js';
import { decimalText, messages, numberFormats, type Locale } from '../i18n/index.js';
import { samplingBounds, toSampling } from '../calibrate/priors.js';
import { escapeHtml } from './render.js';

/** A calibration directory as the report reads it: calibration.json with the particles of posterior.csv. */
export interface CalibrationReportInput {
  kind: 'calibration';
  /** The directory as given. */
  source: string;
  result: CalibrationResult;
}

function num(x: number | undefined | null): string {
  if (x === undefined || x === null || !Number.isFinite(x)) return x === Infinity ? '∞' : '–';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return x.toPrecision(3);
  return String(Number(x.toPrecision(4)));
}

const r2 = (x: number): string => String(Math.round(x * 100) / 100);

/** Indices of `size` particles drawn by weight (systematic, offset 1/2: deterministic). */
function thin(weights: readonly number[], size: number): number[] {
  const n = weights.length;
  if (n <= size) return Array.from({ length: n }, (_v, i) => i);
  let total = 0;
  for (const w of weights) total += w;
  const out: number[] = [];
  let cum = 0;
  let i = 0;
  for (let k = 0; k < size; k++) {
    const u = ((k + 0.5) / size) * total;
    while (i < n - 1 && cum + weights[i]! <= u) cum += weights[i++]!;
    if (out[out.length - 1] !== i) out.push(i);
  }
  return out;
}

function marginalSvg(r: CalibrationResult, j: number): string {
  const p = r.params[j]!;
  const m = r.marginals[j]!;
  const [lo, hi] = samplingBounds(p);
  const bins = 20;
  const h = new Float64Array(bins);
  r.posterior.values.forEach((row, i) => {
    const z = toSampling(p, row[j]!);
    const b = Math.min(bins - 1, Math.max(0, Math.floor(((z - lo) / (hi - lo)) * bins)));
    h[b]! += r.posterior.weights[i]!;
  });
  let max = 0;
  for (const x of h) max = Math.max(max, x);
  const W = 300;
  const H = 120;
  const x = (z: number): number => 10 + ((z - lo) / (hi - lo)) * (W - 20);
  let s = `<svg class="cal-marginal" viewBox="0 0 ${W} ${H + 30}" width="${W}" height="${H + 30}" role="img" aria-label="posterior of ${escapeHtml(p.name)}">`;
  s += `<rect x="10" y="10" width="${W - 20}" height="${H - 10}" fill="#fafafa" stroke="#ddd"/>`;
  for (let b = 0; b < bins; b++) {
    const bh = max > 0 ? (h[b]! / max) * (H - 20) : 0;
    const bx = 10 + (b / bins) * (W - 20);
    s += `<rect x="${r2(bx)}" y="${r2(H - bh)}" width="${r2((W - 20) / bins - 1)}" height="${r2(bh)}" fill="#0072B2" opacity="0.7"/>`;
  }
  const q05 = toSampling(p, m.lo90);
  const q95 = toSampling(p, m.hi90);
  const q50 = toSampling(p, m.median);
  s += `<rect x="${r2(x(q05))}" y="${H + 2}" width="${r2(Math.max(1, x(q95) - x(q05)))}" height="6" fill="#D55E00"/>`;
  s += `<line x1="${r2(x(q50))}" x2="${r2(x(q50))}" y1="10" y2="${H + 10}" stroke="#D55E00" stroke-width="2"/>`;
  s += `<text x="10" y="${H + 26}" font-size="10">${escapeHtml(num(p.lo))}</text>`;
  s += `<text x="${W - 10}" y="${H + 26}" font-size="10" text-anchor="end">${escapeHtml(num(p.hi))}${p.scale === 'log-uniform' ? ' (log)' : ''}</text>`;
  s += `<text x="${W / 2}" y="${H + 26}" font-size="10" text-anchor="middle">median ${escapeHtml(num(m.median))}, 90% ${escapeHtml(num(m.lo90))}–${escapeHtml(num(m.hi90))}</text>`;
  return s + '</svg>';
}

function pairSvg(r: CalibrationResult, a: number, b: number, pick: readonly number[]): string {
  const pa = r.params[a]!;
  const pb = r.params[b]!;
  const [alo, ahi] = samplingBounds(pa);
  const [blo, bhi] = samplingBounds(pb);
  const S = 180;
  const x = (v: number): number => 10 + ((toSampling(pa, v) - alo) / (ahi - alo)) * (S - 20);
  const y = (v: number): number => S - 10 - ((toSampling(pb, v) - blo) / (bhi - blo)) * (S - 20);
  const corr = r.correlations.matrix[a]?.[b];
  let s = `<svg class="cal-pair" viewBox="0 0 ${S} ${S + 16}" width="${S}" height="${S + 16}" role="img" aria-label="${escapeHtml(pa.name)} against ${escapeHtml(pb.name)}">`;
  s += `<rect x="10" y="10" width="${S - 20}" height="${S - 20}" fill="#fafafa" stroke="#ddd"/>`;
  for (const i of pick) {
    const row = r.posterior.values[i]!;
    s += `<circle cx="${r2(x(row[a]!))}" cy="${r2(y(row[b]!))}" r="1.6" fill="#0072B2" opacity="0.35"/>`;
  }
  s += `<text x="${S / 2}" y="${S + 12}" font-size="10" text-anchor="middle">r = ${corr === undefined || !Number.isFinite(corr) ? '–' : corr.toFixed(2)}</text>`;
  return s + '</svg>';
}

function predictiveSvg(r: CalibrationResult, k: number): string {
  const c = r.predictive[k]!;
  const o = c.observed;
  const vals = [c.prior[0], c.prior[2], c.lo90, c.hi90, o.value, o.min, o.max].filter(
    (v): v is number => v !== undefined && Number.isFinite(v),
  );
  let lo = Math.min(...vals);
  let hi = Math.max(...vals);
  if (!(hi > lo)) {
    lo -= 1;
    hi += 1;
  }
  const pad = (hi - lo) * 0.05;
  lo -= pad;
  hi += pad;
  const W = 420;
  const x = (v: number): number => 10 + ((v - lo) / (hi - lo)) * (W - 20);
  const clip = (v: number | undefined, d: number): number => (v === undefined || !Number.isFinite(v) ? d : v);
  let s = `<svg class="cal-pred" viewBox="0 0 ${W} 44" width="${W}" height="44" role="img" aria-label="predictive check of ${escapeHtml(c.target)}">`;
  if (o.value === undefined) {
    const a = x(clip(o.min, lo));
    const b = x(clip(o.max, hi));
    s += `<rect x="${r2(a)}" y="2" width="${r2(Math.max(1, b - a))}" height="30" fill="#009E73" opacity="0.25"/>`;
  }
  if (Number.isFinite(c.prior[0]) && Number.isFinite(c.prior[2]))
    s += `<rect x="${r2(x(c.prior[0]))}" y="6" width="${r2(Math.max(1, x(c.prior[2]) - x(c.prior[0])))}" height="8" fill="#bbb"/>`;
  if (Number.isFinite(c.lo90) && Number.isFinite(c.hi90)) {
    s += `<rect x="${r2(x(c.lo90))}" y="18" width="${r2(Math.max(1, x(c.hi90) - x(c.lo90)))}" height="10" fill="#0072B2"/>`;
    s += `<line x1="${r2(x(c.median))}" x2="${r2(x(c.median))}" y1="16" y2="30" stroke="#fff" stroke-width="2"/>`;
  }
  if (o.value !== undefined) s += `<line x1="${r2(x(o.value))}" x2="${r2(x(o.value))}" y1="2" y2="32" stroke="#009E73" stroke-width="3"/>`;
  s += `<text x="10" y="42" font-size="10">${escapeHtml(num(lo))}</text><text x="${W - 10}" y="42" font-size="10" text-anchor="end">${escapeHtml(num(hi))}</text>`;
  return s + '</svg>';
}

/** The HTML section of a calibration (see the module doc) in `lang`; `id` makes its anchor unique in the page. */
export function calibrationSection(inp: CalibrationReportInput, id: number, lang: Locale = 'en'): string {
  const w = messages(lang).calibration;
  const dec = (t: string): string => decimalText(t, lang);
  const nm = (x: number | undefined | null): string => escapeHtml(dec(num(x)));
  const r = inp.result;
  const prov = r.provenance;
  const scenario = typeof prov.scenario === 'string' ? prov.scenario : w.theSimulator;
  const fitted = r.targets.filter((t) => !t.holdout).length;
  const sims = lang === 'en' ? r.simulations.toLocaleString('en-US') : numberFormats(lang).int(r.simulations);
  const stop = lang === 'en' ? r.stop.message : (w.stop[r.stop.reason] ?? r.stop.message);
  let h = `<section id="cal-${id}">\n<h2>${escapeHtml(w.title(scenario))} <small>${escapeHtml(inp.source)}</small></h2>\n`;
  h += `<p>${escapeHtml(w.summary(r.params.length, fitted, r.targets.length - fitted, r.settings.particles, r.generations.length, sims))} <code>${escapeHtml(String(r.settings.seed))}</code>. ${escapeHtml(stop)}. ${escapeHtml(w.finalTolerance(dec(num(r.posterior.epsilon)), dec(num(r.posterior.ess))))}</p>\n`;
  h +=
    `<h3>${w.pinDown}</h3>\n<ul>` +
    calibrationStatements(r, lang)
      .map((st) => `<li>${escapeHtml(st)}</li>`)
      .join('\n') +
    '</ul>\n';
  h += `<h3>${w.marginalsTitle}</h3>\n<table class="cal-marginals"><thead><tr>${w.marginalCols.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>`;
  for (const m of r.marginals) {
    h += `<tr><th>${escapeHtml(m.name)}</th><td>${nm(m.prior[0])}–${nm(m.prior[1])}${m.scale === 'log-uniform' ? w.log : ''}</td><td>${nm(m.median)}</td><td>${nm(m.lo90)}–${nm(m.hi90)}</td><td>${escapeHtml(w.pct(Math.round(m.intervalShare * 100)))}</td><td>${escapeHtml(w.levels[m.identifiability] ?? m.identifiability)}</td></tr>`;
  }
  h += '</tbody></table>\n<div class="charts">';
  r.params.forEach((p, j) => {
    h += `<figure><figcaption>${escapeHtml(p.name)}</figcaption>${marginalSvg(r, j)}</figure>`;
  });
  h += '</div>\n';
  if (r.params.length > 1) {
    const pick = thin(r.posterior.weights, 600);
    h += `<h3>${w.pairPlots(pick.length)}</h3>\n<table class="cal-pairs"><tbody>`;
    for (let b = 1; b < r.params.length; b++) {
      h += `<tr><th>${escapeHtml(r.params[b]!.name)}</th>`;
      for (let a = 0; a < b; a++) h += `<td>${pairSvg(r, a, b, pick)}</td>`;
      for (let a = b; a < r.params.length - 1; a++) h += '<td></td>';
      h += '</tr>';
    }
    h +=
      '<tr><th></th>' +
      r.params
        .slice(0, -1)
        .map((p) => `<th>${escapeHtml(p.name)}</th>`)
        .join('') +
      '</tr></tbody></table>\n';
  }
  h += `<h3>${w.predictiveTitle}</h3>\n<p>${w.predictiveText}</p>\n`;
  h += `<table class="cal-predictive"><thead><tr>${w.predictiveCols.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>`;
  r.predictive.forEach((c, k) => {
    h += `<tr><th>${escapeHtml(c.target)}</th><td>${c.holdout ? w.heldOut : w.fitted}</td><td>${escapeHtml(dec(c.observedText))}</td><td>${nm(c.lo90)}–${nm(c.hi90)}</td><td>${c.draws === 0 ? '–' : c.inside ? w.yes : `<strong>${w.no}</strong>`}</td><td>${predictiveSvg(r, k)}</td><td class="src">${escapeHtml(c.source ?? '')}</td></tr>`;
  });
  h += `</tbody></table>\n<h3>${w.historyTitle}</h3>\n<table><thead><tr>${w.historyCols.map((c) => `<th>${c}</th>`).join('')}</tr></thead><tbody>`;
  for (const g of r.generations) {
    h += `<tr><td>${g.generation}</td><td>${nm(g.epsilon)}</td><td>${g.simulations}</td><td>${nm(g.acceptanceRate)}</td><td>${nm(g.ess)}</td></tr>`;
  }
  h += '</tbody></table>\n';
  h += `<details><summary>${w.provenance}</summary><pre>${escapeHtml(JSON.stringify({ ...prov, settings: r.settings }, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2))}</pre></details>\n`;
  return h + '</section>\n';
}

/** Styles of the calibration section (added to the page only when it has one). */
export const CALIBRATION_STYLE =
  '\ntable.cal-pairs td,table.cal-pairs th{border:none;padding:0}table.cal-predictive td.src{text-align:left;font-size:.8em;max-width:28em}';
