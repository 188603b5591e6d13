/**
 * Priors of a calibration: an independent box over named parameters, each uniform or log-uniform
 * (browser-safe, pure).
 *
 * Spec: `path=lo:hi` (uniform on [lo, hi]) or `path=lo:hi:log` (log-uniform: ln x uniform on
 * [ln lo, ln hi]; needs 0 < lo). `path` names the parameter — for the scenario engine a scenario
 * path as in `helixlab simulate --set` (`funding.projects.successProbability`). The parsing style
 * follows `parseParamSpecs` of the sensitivity analysis (src/batch/sensitivity/run.ts): a
 * {@link UsageError} naming the option and what was expected; a zero-width (lo = hi) or inverted
 * (lo > hi) range is an error, and so is a name given twice.
 *
 * The sampling scale: the calibration works on z = x for a uniform parameter and z = ln x for a
 * log-uniform one, where the prior is uniform on a box ({@link toSampling}, {@link fromSampling}).
 * The perturbation kernel, the importance weights, the correlations and the identifiability
 * statement (interval width as a share of the prior's range) are all on that scale.
 */
import { UsageError } from '../model/errors.js';

/** `uniform`: flat on [lo, hi]; `log-uniform`: flat in ln x on [ln lo, ln hi]. */
export type PriorScale = 'uniform' | 'log-uniform';

/** One parameter of the prior box. */
export interface PriorParam {
  /** The parameter's name (for the scenario engine: a scenario path). */
  name: string;
  lo: number;
  hi: number;
  scale: PriorScale;
}

/** Parse `path=lo:hi` or `path=lo:hi:log` (`option` names the source in messages). */
export function parsePriorSpec(spec: string, option = '--param'): PriorParam {
  const eq = spec.indexOf('=');
  const name = eq < 0 ? '' : spec.slice(0, eq).trim();
  const parts = eq < 0 ? [] : spec.slice(eq + 1).split(':');
  let scale: PriorScale = 'uniform';
  if (parts.length === 3 && parts[2] === 'log') {
    scale = 'log-uniform';
    parts.pop();
  }
  if (name === '' || parts.length !== 2) {
    throw new UsageError(`${option}: expected path=lo:hi or path=lo:hi:log (e.g. network.openness=0.1:0.6), got '${spec}'`);
  }
  const lo = Number(parts[0]);
  const hi = Number(parts[1]);
  if (parts[0]!.trim() === '' || parts[1]!.trim() === '' || !Number.isFinite(lo) || !Number.isFinite(hi)) {
    throw new UsageError(`${option} ${name}: expected two numbers lo:hi, got '${parts[0]}' and '${parts[1]}'`);
  }
  if (lo === hi)
    throw new UsageError(`${option} ${name}: the range ${lo}:${hi} has zero width; give lo < hi (or fix the parameter instead)`);
  if (lo > hi) throw new UsageError(`${option} ${name}: the range ${lo}:${hi} is inverted; expected lo < hi (did you mean ${hi}:${lo}?)`);
  if (scale === 'log-uniform' && !(lo > 0)) {
    throw new UsageError(`${option} ${name}: a log-uniform prior needs 0 < lo, got ${lo}`);
  }
  return { name, lo, hi, scale };
}

/** Parse several specs; at least one, each name once. */
export function parsePriorSpecs(specs: readonly string[], option = '--param'): PriorParam[] {
  if (specs.length === 0) throw new UsageError(`give at least one ${option} path=lo:hi`);
  const params = specs.map((s) => parsePriorSpec(s, option));
  const seen = new Set<string>();
  for (const p of params) {
    if (seen.has(p.name)) throw new UsageError(`${option} ${p.name} is given twice`);
    seen.add(p.name);
  }
  return params;
}

/** Check a prior given as data (not from specs): the same rules as {@link parsePriorSpec}. */
export function checkPriors(params: readonly PriorParam[], option = 'prior'): void {
  const seen = new Set<string>();
  if (params.length === 0) throw new UsageError(`${option}: no parameters`);
  for (const p of params) {
    if (p.scale !== 'uniform' && p.scale !== 'log-uniform') throw new UsageError(`${option} ${p.name}: unknown scale '${String(p.scale)}'`);
    parsePriorSpec(`${p.name}=${p.lo}:${p.hi}${p.scale === 'log-uniform' ? ':log' : ''}`, option);
    if (seen.has(p.name)) throw new UsageError(`${option} ${p.name} is given twice`);
    seen.add(p.name);
  }
}

/** The value on the sampling scale (ln x for log-uniform). */
export function toSampling(p: PriorParam, x: number): number {
  return p.scale === 'log-uniform' ? Math.log(x) : x;
}

/** The natural value of a sampling-scale value. */
export function fromSampling(p: PriorParam, z: number): number {
  return p.scale === 'log-uniform' ? Math.exp(z) : z;
}

/** Bounds of the prior on the sampling scale. */
export function samplingBounds(p: PriorParam): [number, number] {
  return [toSampling(p, p.lo), toSampling(p, p.hi)];
}

/** The spec text of a parameter (`path=lo:hi` or `path=lo:hi:log`). */
export function priorSpecText(p: PriorParam): string {
  return `${p.name}=${p.lo}:${p.hi}${p.scale === 'log-uniform' ? ':log' : ''}`;
}
