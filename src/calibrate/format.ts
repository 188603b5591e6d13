/**
 * Writers of calibration results (browser-safe, pure: result in, text out).
 *
 * - {@link posteriorCsv}: the weighted posterior sample, one row per particle:
 *   `particle,weight,distance,<parameter…>,<target…>` — the parameters on their natural scale, then
 *   the statistic of each target in the particle's accepted simulation. Numbers in JavaScript's
 *   shortest round-trip form (util/csv.ts), so reading them back gives the same doubles.
 * - {@link calibrationJson}: everything but the particles (those are in the CSV): settings, the
 *   acceptance history, scales, marginals, correlations, predictive checks, statements,
 *   provenance. Non-finite numbers (the ε of generation 0 is ∞) are written as null. Two-space
 *   indent, keys in a fixed order, so the same result gives the same bytes.
 * - {@link calibrationMarkdown}: a report for people.
 */
import { csvRows, type Cell } from '../util/csv.js';
import { priorSpecText } from './priors.js';
import type { CalibrationResult } from './result.js';

/** The weighted posterior sample as CSV (see the module doc). */
export function posteriorCsv(r: CalibrationResult): string {
  const header: Cell[] = ['particle', 'weight', 'distance', ...r.params.map((p) => p.name), ...r.targets.map((t) => t.name)];
  const rows: Cell[][] = [header];
  const post = r.posterior;
  for (let i = 0; i < post.particles; i++) {
    rows.push([i, post.weights[i]!, post.distances[i]!, ...post.values[i]!, ...post.statistics[i]!]);
  }
  return csvRows(rows);
}

/** The result without the particles, as JSON text (see the module doc). */
export function calibrationJson(r: CalibrationResult): string {
  const { posterior, ...rest } = r;
  const doc = {
    ...rest,
    posterior: { particles: posterior.particles, ess: posterior.ess, epsilon: posterior.epsilon, file: 'posterior.csv' },
  };
  return JSON.stringify(doc, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

function f(x: number | undefined): string {
  if (x === undefined || !Number.isFinite(x)) return x === Infinity ? '∞' : '–';
  const a = Math.abs(x);
  if (a !== 0 && (a >= 1e6 || a < 1e-3)) return x.toPrecision(3);
  return String(Number(x.toPrecision(4)));
}

function table(header: string[], rows: string[][]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    `| ${header.map(esc).join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`),
  ].join('\n');
}

/** A Markdown report of the result for people. */
export function calibrationMarkdown(r: CalibrationResult): string {
  const s = r.settings;
  const out: string[] = [];
  out.push('# Calibration (ABC-SMC)', '');
  out.push(
    `${r.params.length} parameter${r.params.length === 1 ? '' : 's'}, ${r.targets.filter((t) => !t.holdout).length} fitted target(s), ` +
      `${r.targets.filter((t) => t.holdout).length} held out; ${s.particles} particles per generation; seed ${String(s.seed)}; ` +
      `${r.simulations.toLocaleString('en-US')} simulations in all.`,
  );
  out.push('', `Stopped: ${r.stop.message} (${r.stop.reason}).`);
  out.push(
    '',
    `Final tolerance ε = ${f(r.posterior.epsilon)} (distance: Euclidean norm of the deviations scaled by their ${s.scale === 'none' ? 'raw values (no scaling)' : s.scale === 'mad' ? 'median absolute deviation' : 'standard deviation'} over the prior predictive sample); effective sample size ${f(r.posterior.ess)}.`,
  );
  out.push('', '## Findings', '');
  for (const st of r.statements) out.push(`- ${st}`);
  out.push('', '## Posterior', '');
  out.push(
    table(
      ['parameter', 'prior', 'mean', 'sd', 'median', '90% interval', 'share of prior range', 'identifiability'],
      r.marginals.map((m, j) => [
        m.name,
        priorSpecText(r.params[j]!).slice(m.name.length + 1),
        f(m.mean),
        f(m.sd),
        f(m.median),
        `${f(m.lo90)} – ${f(m.hi90)}`,
        `${Math.round(m.intervalShare * 100)}%`,
        m.identifiability,
      ]),
    ),
  );
  if (r.params.length > 1) {
    out.push('', 'Posterior correlations (sampling scale):', '');
    out.push(
      table(
        ['', ...r.correlations.params],
        r.correlations.matrix.map((row, a) => [r.correlations.params[a]!, ...row.map((x) => (Number.isFinite(x) ? x.toFixed(2) : '–'))]),
      ),
    );
  }
  out.push('', '## Posterior predictive checks', '');
  out.push(
    table(
      [
        'target',
        'role',
        'observed',
        'prior predictive 90%',
        'posterior predictive 90%',
        'median',
        'inside',
        'share in range / quantile of observed',
        'source',
      ],
      r.predictive.map((c) => [
        c.target,
        c.holdout ? 'held out' : 'fitted',
        c.observedText,
        `${f(c.prior[0])} – ${f(c.prior[2])}`,
        `${f(c.lo90)} – ${f(c.hi90)}`,
        f(c.median),
        c.draws === 0 ? '–' : c.inside ? 'yes' : 'no',
        c.shareInRange !== undefined
          ? `${Math.round(c.shareInRange * 100)}% in range`
          : c.observedQuantile !== undefined
            ? `q = ${c.observedQuantile.toFixed(2)}`
            : '–',
        c.source ?? '',
      ]),
    ),
  );
  out.push('', '## Acceptance history', '');
  out.push(
    table(
      ['generation', 'ε', 'simulations', 'acceptance rate', 'ESS'],
      r.generations.map((g) => [String(g.generation), f(g.epsilon), g.simulations.toLocaleString('en-US'), f(g.acceptanceRate), f(g.ess)]),
    ),
  );
  if (r.distance.scales.length > 0) {
    out.push('', 'Scales of the fitted statistics (prior predictive sample):', '');
    out.push(
      table(
        ['target', 'scale'],
        r.distance.scales.map((x) => [x.target, f(x.scale)]),
      ),
    );
  }
  out.push('', '## Provenance', '');
  const prov = { ...r.provenance, settings: s };
  out.push(
    '```json',
    JSON.stringify(prov, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2),
    '```',
    '',
  );
  return out.join('\n');
}
