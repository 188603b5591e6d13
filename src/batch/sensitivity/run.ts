/**
 * Sensitivity analysis of a model given as "points in, numbers out" (browser-safe, pure).
 *
 * `--param path:lo:hi[:int]` declares a factor varied uniformly on [lo, hi] (`:int` rounds each
 * sampled value to the nearest integer, for count parameters; the design is still continuous, so
 * indices then describe the rounded model). {@link sensitivityDesign} builds the Morris or Sobol
 * (Saltelli) design from a seeded stream `createRng(seed).stream('sensitivity', method)` (Sobol:
 * a digitally shifted Sobol' sequence by default, `sampling: 'random'` for pseudo-random draws);
 * the caller evaluates every point (for HelixLab: the mean of a metric at a year over `runs`
 * replications with the usual per-run seeds, so all points share common random numbers);
 * {@link analyzeSensitivity} computes the indices with bootstrap intervals from
 * `…stream('sensitivity', method).stream('analysis')`.
 */
import { UsageError } from '../../model/errors.js';
import { createRng } from '../../util/rng.js';
import { morrisAnalyze, morrisDesign, type MorrisDesign, type MorrisResult } from './morris.js';
import { sobolAnalyze, sobolDesign, type ParamRange, type SobolDesign, type SobolResult, type SobolSampling } from './sobol.js';

export type SensitivityMethod = 'morris' | 'sobol';

export interface SensitivityParam extends ParamRange {
  integer: boolean;
}

export interface SensitivitySpec {
  method: SensitivityMethod;
  params: SensitivityParam[];
  /** Sobol: base rows N (N·(k+2) points); Morris: trajectories r (r·(k+1) points). */
  samples: number;
  /** Sobol: `'sobol'` (default; a digitally shifted Sobol' sequence) or `'random'` (see sobol.ts). */
  sampling?: SobolSampling;
  seed: number | string;
  /** Morris grid levels (default 4). */
  levels?: number;
  /** Morris: pick the r trajectories from this many random candidates, spread out (Campolongo 2007). */
  candidates?: number;
  /** Bootstrap resamples (default 500). */
  bootstrap?: number;
  confidence?: number;
}

export type SensitivityDesign = SobolDesign | MorrisDesign;
export type SensitivityResult = SobolResult | MorrisResult;

/** Parse `path:lo:hi` or `path:lo:hi:int`. */
export function parseParamSpec(spec: string): SensitivityParam {
  const parts = spec.split(':');
  let integer = false;
  if (parts.length === 4 && parts[3] === 'int') {
    integer = true;
    parts.pop();
  }
  if (parts.length !== 3 || parts[0] === '')
    throw new UsageError(`--param: expected path:lo:hi (e.g. network.openness:0.1:0.6), got '${spec}'`);
  const lo = Number(parts[1]);
  const hi = Number(parts[2]);
  if (parts[1] === '' || parts[2] === '' || !Number.isFinite(lo) || !Number.isFinite(hi) || !(lo < hi)) {
    throw new UsageError(`--param ${parts[0]}: expected numbers lo < hi, got '${parts[1]}' and '${parts[2]}'`);
  }
  return { name: parts[0]!, lo, hi, integer };
}

export function parseParamSpecs(specs: readonly string[]): SensitivityParam[] {
  if (specs.length === 0) throw new UsageError('give at least one --param path:lo:hi');
  const params = specs.map(parseParamSpec);
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.name)) throw new UsageError(`--param ${p.name} is given twice`);
    seen.add(p.name);
  }
  return params;
}

function morrisOptions(spec: SensitivitySpec): { levels?: number; candidates?: number } {
  const o: { levels?: number; candidates?: number } = {};
  if (spec.levels !== undefined) o.levels = spec.levels;
  if (spec.candidates !== undefined) o.candidates = spec.candidates;
  return o;
}

/** The design; integer parameters are rounded in `points`. */
export function sensitivityDesign(spec: SensitivitySpec): SensitivityDesign {
  const rng = createRng(spec.seed).stream('sensitivity', spec.method);
  const ranges: ParamRange[] = spec.params.map((p) => ({ name: p.name, lo: p.lo, hi: p.hi }));
  const d: SensitivityDesign =
    spec.method === 'sobol'
      ? sobolDesign(ranges, spec.samples, rng, { sampling: spec.sampling ?? 'sobol' })
      : morrisDesign(ranges, spec.samples, rng, morrisOptions(spec));
  if (spec.params.some((p) => p.integer)) {
    d.points = d.points.map((x) => x.map((v, i) => (spec.params[i]!.integer ? Math.round(v) : v)));
  }
  return d;
}

/** Indices from the outputs `y` (one per design point, same order). */
export function analyzeSensitivity(spec: SensitivitySpec, design: SensitivityDesign, y: ArrayLike<number>): SensitivityResult {
  const rng = createRng(spec.seed).stream('sensitivity', spec.method).stream('analysis');
  const opts: { bootstrap?: number; confidence?: number } = {};
  if (spec.bootstrap !== undefined) opts.bootstrap = spec.bootstrap;
  if (spec.confidence !== undefined) opts.confidence = spec.confidence;
  return design.method === 'sobol' ? sobolAnalyze(design, y, rng, opts) : morrisAnalyze(design, y, rng, opts);
}

function fmt(x: number): string {
  return Number.isFinite(x) ? x.toFixed(4) : String(x);
}

/** A plain-text table of the indices. */
export function sensitivityTable(result: SensitivityResult): string {
  const pct = Math.round(result.confidence * 100);
  const rows: string[][] = [];
  if (result.method === 'sobol') {
    rows.push(['parameter', 'S1', `S1 ${pct}% CI`, 'ST', `ST ${pct}% CI`]);
    for (const ix of result.indices)
      rows.push([
        ix.name,
        fmt(ix.S1.value),
        `[${fmt(ix.S1.lo)}, ${fmt(ix.S1.hi)}]`,
        fmt(ix.ST.value),
        `[${fmt(ix.ST.lo)}, ${fmt(ix.ST.hi)}]`,
      ]);
  } else {
    rows.push(['parameter', 'mu*', `mu* ${pct}% CI`, 'mu', 'sigma']);
    for (const ix of result.indices)
      rows.push([ix.name, fmt(ix.muStar.value), `[${fmt(ix.muStar.lo)}, ${fmt(ix.muStar.hi)}]`, fmt(ix.mu), fmt(ix.sigma)]);
  }
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => r[c]!.length)));
  return rows.map((r) => r.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ')).join('\n') + '\n';
}

/** CSV-ready rows of the indices (header first). */
export function sensitivityRows(result: SensitivityResult): (string | number)[][] {
  if (result.method === 'sobol') {
    return [
      ['parameter', 'S1', 'S1_lo', 'S1_hi', 'S1_sd', 'ST', 'ST_lo', 'ST_hi', 'ST_sd'],
      ...result.indices.map((ix) => [ix.name, ix.S1.value, ix.S1.lo, ix.S1.hi, ix.S1.sd, ix.ST.value, ix.ST.lo, ix.ST.hi, ix.ST.sd]),
    ];
  }
  return [
    ['parameter', 'mu_star', 'mu_star_lo', 'mu_star_hi', 'mu', 'sigma'],
    ...result.indices.map((ix) => [ix.name, ix.muStar.value, ix.muStar.lo, ix.muStar.hi, ix.mu, ix.sigma]),
  ];
}
