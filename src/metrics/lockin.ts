/**
 * Lock-in risk of a cluster network: a score from 0 (open, diverse, renewing) to 1 (closed,
 * inward-looking, dependent on one actor), with a level and plain-language reasons.
 *
 * **This composite is HelixLab's own.** No published lock-in index exists; each component follows a
 * mechanism named in the literature (Boschma 2005; Broekel & Boschma 2012; Crespo, Suire & Vicente
 * 2014; Giuliani & Bell 2005) and the defaults are argued in `docs/lock-in.md`. All components are in
 * [0, 1], higher = more lock-in risk, computed on the simple undirected graph (unweighted; isolates
 * count as actors):
 *
 * - **closure**: global transitivity `T = 3·triangles / connected triples` against the density `p`
 *   (the expected transitivity of a G(n, p) random graph with the same density, so no sampling):
 *   `(T − p) / (1 − p)` clipped to [0, 1]; `T` itself when `p = 1`. null without connected triples.
 * - **insularity**: the share of ties inside one helix role, `I/(E+I) = (1 − EI)/2` with Krackhardt's
 *   E-I index; when sectors are known, the mean of that and the share of ties inside one sector (ties
 *   with an unknown end are left out). null without countable ties.
 * - **concentration**: Freeman's degree centralisation `Σ_i (d_max − d_i) / ((n−1)(n−2))` (1 for a
 *   star: everything depends on one hub or anchor firm; 0 when all degrees are equal). The normalised
 *   degree Herfindahl `(Σ (d_i/2m)² − 1/n)/(1 − 1/n)` is reported in the details. null for n < 3 or
 *   no ties.
 * - **homogeneity**: `1 − IQV` of the helix roles (K = 7 possible roles); when sectors are known, the
 *   mean of that and `1 − IQV` of the sectors (K = sectors observed; one sector → 1).
 * - **brokerDependence**: cross-helix brokerage of actor v = pairs of its neighbours in different helix
 *   roles that are not tied to each other (v is their only two-step bridge), counted in O(Σ deg²)
 *   from the triangles. The top broker's share of all such brokerage and the fragmentation increase
 *   when it leaves (Borgatti's fragmentation `1 − Σ_k s_k(s_k−1)/(n(n−1))`, share of pairs that cannot
 *   reach each other, one component sweep) are averaged. null when no actor has neighbours of two
 *   different roles. The top broker is the one with the most brokerage, ties broken by the smaller id.
 * - **renewal**: the share of young ties (formed less than `renewalWindow` years before `year`, default
 *   3 years: one project cycle) and of newly joined actors, averaged over whichever is known;
 *   `1 − share / renewalTarget` clipped to [0, 1] (default target 0.25: a quarter of the ties renewed per
 *   cycle counts as fully renewing). `year` defaults to the latest year seen. null without any years.
 *
 * **Score** = Σ w_c·x_c / Σ w_c over the components that are not null (weights renormalised over the
 * rest). **Levels**: low < 0.35 ≤ medium < 0.55 ≤ high ({@link LOCKIN_THRESHOLDS}).
 *
 * {@link lockInFromCsr} is the fast core (the simulation calls it every simulated year; no sampling,
 * a few typed arrays, linear apart from the triangle count); {@link lockInRisk} builds its inputs from a
 * graph. Reference: Boschma, R. (2005) Proximity and innovation: a critical assessment, Regional
 * Studies 39(1); Broekel, T. & Boschma, R. (2012) Knowledge networks in the Dutch aviation industry:
 * the proximity paradox, J. Econ. Geogr. 12(2); Crespo, J., Suire, R. & Vicente, J. (2014) Lock-in or
 * lock-out? How structural properties of knowledge networks affect regional resilience, J. Econ.
 * Geogr. 14(1); Giuliani, E. & Bell, M. (2005) The micro-determinants of meso-level learning and
 * innovation: evidence from a Chilean wine cluster, Research Policy 34(1).
 *
 * Layout: this module holds the public functions; `lockin/types.ts` the types and defaults,
 * `lockin/core.ts` the numeric core, `lockin/reasons.ts` the plain-language reasons.
 */
import type { SimpleGraph } from '../model/network.js';
import { HELIX_ROLES } from '../model/types.js';
import type { Csr } from './csr.js';
import { toCsr } from './csr.js';
import { clamp01, lockInCore, R, UNKNOWN_ROLE } from './lockin/core.js';
import { lockInReasons } from './lockin/reasons.js';
import {
  DEFAULT_LOCKIN_WEIGHTS,
  LOCKIN_COMPONENTS,
  LOCKIN_THRESHOLDS,
  type LockInComponent,
  type LockInCsrOptions,
  type LockInDetails,
  type LockInLevel,
  type LockInNodeAttrs,
  type LockInResult,
  type LockInWeights,
} from './lockin/types.js';

export {
  DEFAULT_LOCKIN_WEIGHTS,
  LOCKIN_COMPONENTS,
  LOCKIN_THRESHOLDS,
  type LockInComponent,
  type LockInCsrOptions,
  type LockInDetails,
  type LockInLevel,
  type LockInNodeAttrs,
  type LockInResult,
  type LockInWeights,
} from './lockin/types.js';

/** Complete and check a partial weight set: finite, ≥ 0, not all 0. */
export function resolveLockInWeights(partial: Partial<LockInWeights> = {}): LockInWeights {
  const w: LockInWeights = { ...DEFAULT_LOCKIN_WEIGHTS };
  for (const [k, v] of Object.entries(partial)) {
    if (!(LOCKIN_COMPONENTS as readonly string[]).includes(k)) {
      throw new RangeError(`unknown lock-in component '${k}' (expected one of ${LOCKIN_COMPONENTS.join(', ')})`);
    }
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new RangeError(`lock-in weight ${k} must be a number >= 0, got ${String(v)}`);
    w[k as LockInComponent] = v;
  }
  if (LOCKIN_COMPONENTS.every((c) => w[c] === 0)) throw new RangeError('lock-in weights are all 0');
  return w;
}

export function lockInLevel(score: number): LockInLevel {
  return score >= LOCKIN_THRESHOLDS.high ? 'high' : score >= LOCKIN_THRESHOLDS.medium ? 'medium' : 'low';
}

/** Lock-in risk from a CSR (the fast core; see the module doc). */
export function lockInFromCsr(csr: Csr, nodeAttrs: LockInNodeAttrs, opts: LockInCsrOptions = {}): LockInResult {
  const weights = opts.weights === undefined ? { ...DEFAULT_LOCKIN_WEIGHTS } : resolveLockInWeights(opts.weights);
  const r = lockInCore(csr, nodeAttrs, opts);
  const nul = (x: number): number | null => (Number.isNaN(x) ? null : x);
  const components: Record<LockInComponent, number | null> = {
    closure: nul(r[R.closure]!),
    insularity: nul(r[R.insularity]!),
    concentration: nul(r[R.concentration]!),
    homogeneity: nul(r[R.homogeneity]!),
    brokerDependence: nul(r[R.brokerDependence]!),
    renewal: nul(r[R.renewal]!),
  };
  const score = weightedScore(r, weights);
  const level = lockInLevel(score);
  const n = r[R.n]!;
  const m = r[R.m]!;
  const hub = r[R.hub]!;
  const dmax = r[R.dmax]!;
  const topBroker = r[R.topBroker]!;
  const dominantRole = r[R.dominantRole]!;
  const year = r[R.year]!;
  const labels = opts.labels ?? csr.ids;
  const details: LockInDetails = {
    actors: n,
    ties: m,
    density: r[R.density]!,
    transitivity: nul(r[R.transitivity]!),
    internalRoleShare: nul(r[R.internalRoleShare]!),
    internalSectorShare: nul(r[R.internalSectorShare]!),
    degreeCentralisation: components.concentration,
    degreeHerfindahl: nul(r[R.herf]!),
    hub: hub >= 0 && dmax > 0 ? csr.ids[hub]! : null,
    hubShare: hub >= 0 && m > 0 && n > 1 ? dmax / (n - 1) : null,
    roleIqv: nul(r[R.roleIqv]!),
    sectorIqv: nul(r[R.sectorIqv]!),
    dominantRole: dominantRole >= 0 ? HELIX_ROLES[dominantRole]! : null,
    dominantRoleShare: dominantRole >= 0 ? r[R.dominantRoleShare]! : null,
    topBroker: topBroker >= 0 ? csr.ids[topBroker]! : null,
    topBrokerShare: nul(r[R.topBrokerShare]!),
    fragmentationIncrease: nul(r[R.fragInc]!),
    youngTieShare: nul(r[R.youngTieShare]!),
    newActorShare: nul(r[R.newActorShare]!),
    year: Number.isNaN(year) ? null : year,
    renewalWindow: r[R.window]!,
  };
  const reasons =
    opts.reasons === false
      ? []
      : lockInReasons(components, weights, details, {
          hubLabel: hub >= 0 ? (labels[hub] ?? csr.ids[hub]!) : null,
          brokerLabel: topBroker >= 0 ? (labels[topBroker] ?? csr.ids[topBroker]!) : null,
          hubDegree: dmax,
        });
  return { score, level, components, reasons, weights, details };
}

/**
 * The score alone, as {@link lockInFromCsr} computes it (same bits), without building the
 * components, details and reasons objects: for the simulation, which scores every simulated year
 * of every run. `opts.weights`, `year`, `tieSince`, `renewalWindow`, `renewalTarget` as there.
 * The arrays may be longer than needed (reused buffers): only node indices below `csr.n` and tie
 * slots below `csr.offsets[csr.n]` are read — except that without `opts.year` the default reference
 * year scans all of `tieSince`, so pass `year` with oversized buffers.
 */
export function lockInScoreFromCsr(csr: Csr, nodeAttrs: LockInNodeAttrs, opts: LockInCsrOptions = {}): number {
  const weights = opts.weights === undefined ? DEFAULT_LOCKIN_WEIGHTS : resolveLockInWeights(opts.weights);
  return weightedScore(lockInCore(csr, nodeAttrs, opts), weights);
}

/** Σ w·x / Σ w over the judged components (NaN = not judged), clamped to [0, 1]; 0 when none is judged. */
function weightedScore(r: Float64Array, weights: Readonly<LockInWeights>): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k < LOCKIN_COMPONENTS.length; k++) {
    const x = r[k]!;
    if (Number.isNaN(x)) continue;
    const w = weights[LOCKIN_COMPONENTS[k]!];
    num += w * x;
    den += w;
  }
  return den > 0 ? clamp01(num / den) : 0;
}

export interface LockInOptions {
  /** Node attribute used as the sector (default `sector`); actors without it are unknown. */
  sectorAttribute?: string;
  year?: number;
  weights?: Partial<LockInWeights>;
  renewalWindow?: number;
  renewalTarget?: number;
  reasons?: boolean;
  /** `toCsr(g)` when the caller has built it already (it is then not built again). */
  csr?: Csr;
}

/** Lock-in risk of a simple graph (see the module doc): builds the CSR inputs and calls {@link lockInFromCsr}. */
export function lockInRisk(g: SimpleGraph, opts: LockInOptions = {}): LockInResult {
  const csr = opts.csr ?? toCsr(g);
  const { n, ids, offsets, targets } = csr;
  const helix = new Uint8Array(n);
  const sector = new Int32Array(n).fill(-1);
  const joined = new Float64Array(n).fill(NaN);
  const labels: string[] = new Array<string>(n);
  const sectorAttr = opts.sectorAttribute ?? 'sector';
  const sectorCodes = new Map<string, number>();
  let anySector = false;
  let anyJoined = false;
  for (let i = 0; i < n; i++) {
    const a = g.getNodeAttributes(ids[i]!);
    const h = HELIX_ROLES.indexOf(a.helix);
    helix[i] = h >= 0 ? h : UNKNOWN_ROLE;
    labels[i] = typeof a.label === 'string' && a.label !== '' ? a.label : ids[i]!;
    const s = a[sectorAttr];
    if (s !== undefined && s !== null && s !== '') {
      const key = String(s);
      let c = sectorCodes.get(key);
      if (c === undefined) {
        c = sectorCodes.size;
        sectorCodes.set(key, c);
      }
      sector[i] = c;
      anySector = true;
    }
    if (typeof a.joined === 'number' && Number.isFinite(a.joined)) {
      joined[i] = a.joined;
      anyJoined = true;
    }
  }
  let tieSince: Float64Array | undefined;
  let anySince = false;
  g.forEachEdge((_e, a) => {
    if (typeof a.since === 'number') anySince = true;
  });
  if (anySince) {
    tieSince = new Float64Array(targets.length).fill(NaN);
    for (let i = 0; i < n; i++) {
      for (let k = offsets[i]!; k < offsets[i + 1]!; k++) {
        const e = g.edge(ids[i]!, ids[targets[k]!]!);
        const s = e === undefined ? undefined : g.getEdgeAttribute(e, 'since');
        if (typeof s === 'number') tieSince[k] = s;
      }
    }
  }
  const attrs: LockInNodeAttrs = { helix };
  if (anySector) attrs.sector = sector;
  if (anyJoined) attrs.joined = joined;
  const o: LockInCsrOptions = { labels };
  if (opts.year !== undefined) o.year = opts.year;
  if (tieSince) o.tieSince = tieSince;
  if (opts.weights) o.weights = opts.weights;
  if (opts.renewalWindow !== undefined) o.renewalWindow = opts.renewalWindow;
  if (opts.renewalTarget !== undefined) o.renewalTarget = opts.renewalTarget;
  if (opts.reasons !== undefined) o.reasons = opts.reasons;
  return lockInFromCsr(csr, attrs, o);
}
