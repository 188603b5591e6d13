/**
 * Helix composition of a cluster network: how the actors divide over the helix roles, how
 * diverse that is, whether ties stay inside a role, and whether the three (four) helices form a
 * synergy in joint activities.
 *
 * - **Blau index** (Blau 1977): `B = 1 − Σ_k p_k²` over the shares `p_k` of the categories; 0 when
 *   everybody is in one category, `1 − 1/K` when the K categories are equally large.
 * - **IQV**, index of qualitative variation (Agresti & Agresti 1978): `IQV = B / (1 − 1/K)`, the Blau
 *   index divided by its maximum, so 0–1. For helix roles K is the number of possible roles (7,
 *   {@link HELIX_ROLES}), not the number observed; for free attributes (sector, region) K is the number
 *   of distinct values observed, and IQV is 0 when K ≤ 1.
 * - **E-I index** (Krackhardt & Stern 1988): `EI = (E − I) / (E + I)` where E counts ties between
 *   actors of different groups and I ties inside a group. −1: all ties internal; +1: all external.
 *   Counted over the ties of the simple graph (parallel ties merged, self-loops dropped), unweighted
 *   by default (`weighted: true` sums tie strengths instead). Network level; per group (the ties with
 *   at least one end in the group, E = those leaving it); per actor (its neighbours). Actors whose
 *   group is unknown (attribute missing, null or empty) and their ties are left out. null when there
 *   are no countable ties.
 * - **Permutation test** for the network E-I: the group labels are shuffled over the actors (group
 *   sizes and ties fixed; seeded {@link Rng} stream `ei-permutation`, default 1000 permutations). The
 *   expected E-I under that null is exact: `1 − 2·Σ_k n_k(n_k−1) / (N(N−1))`. Two-sided p-value
 *   (default): `(1 + #{|EI_perm − exp| ≥ |EI_obs − exp|}) / (1 + P)`; one-sided `less` (more internal
 *   than chance, i.e. homophily) counts `EI_perm ≤ EI_obs`, `greater` counts `EI_perm ≥ EI_obs`.
 * - **Attribute assortativity**: exactly NetworkX `attribute_assortativity_coefficient` (Newman 2003):
 *   with the normalised symmetric mixing matrix `e` (each undirected tie counted from both ends),
 *   `r = (Σ_i e_ii − Σ_i a_i²) / (1 − Σ_i a_i²)`, `a_i = Σ_j e_ij`. Unweighted. null when undefined
 *   (no ties, or one group only).
 * - **Triple-helix synergy T** (Leydesdorff 2003; Leydesdorff & Park 2014), from the two-mode data: each
 *   activity is coded by three binary variables, whether research-education (u, "university"), industry
 *   (i) and public (g, "government") actors take part; from the 2×2×2 table of activity counts
 *   `T = H_u + H_i + H_g − H_ui − H_ug − H_ig + H_uig` in bits (the co-information). Negative T is read
 *   as synergy (the configuration of the three strands reduces uncertainty), positive T as the lack of it.
 *   Strands: industry = roles `industry` and `startup` (firms), research = `research-education`,
 *   public = `public`; activities with no known participant are skipped, activities with none of the
 *   three strands count in the (0,0,0) cell. **Four-strand version** adds civil-society (`c`) with the
 *   same alternating-sign inclusion–exclusion (Park, Hong & Leydesdorff 2005; Leydesdorff & Ivanova
 *   2014): `T4 = Σ H_x − Σ H_xy + Σ H_xyz − H_uigc`. Note that the sign of co-information alternates with
 *   the number of dimensions (Leydesdorff & Ivanova 2014), so a negative four-strand value should not
 *   be read as synergy as directly as a negative three-strand one; we report the formula as written.
 *   null when there are no activities.
 *
 * Helix coverage (triple / quadruple / penta, missing strands) is computed in one place,
 * `src/model/summary.ts` (`helixCoverage`); {@link helixComposition} only reports it.
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 *
 * Size: just over 500 lines: one measure family (helix composition, diversity, E-I, assortativity,
 * synergy) sharing the group coding.
 */
import type { Activity, HelixRole, Network } from '../model/types.js';
import { HELIX_ROLES } from '../model/types.js';
import type { SimpleGraph } from '../model/network.js';
import { toSimpleGraph } from '../model/network.js';
import { helixCoverage } from '../model/summary.js';
import { createRng } from '../util/rng.js';

/** Index of each role in {@link HELIX_ROLES}. */
export const HELIX_ROLE_INDEX: Readonly<Record<HelixRole, number>> = Object.fromEntries(HELIX_ROLES.map((r, i) => [r, i])) as Record<
  HelixRole,
  number
>;

/** Number of actors per helix role (every role present as a key, 0 when absent). */
export function roleCounts(g: SimpleGraph): Record<HelixRole, number> {
  const counts = Object.fromEntries(HELIX_ROLES.map((r) => [r, 0])) as Record<HelixRole, number>;
  g.forEachNode((_id, a) => {
    if (a.helix in counts) counts[a.helix]++;
  });
  return counts;
}

function countValues(counts: ArrayLike<number> | Readonly<Record<string, number>>): number[] {
  if (typeof (counts as ArrayLike<number>).length === 'number') return Array.from(counts as ArrayLike<number>);
  return Object.values(counts as Record<string, number>);
}

/** Blau index `1 − Σ p_k²` of category counts; 0 for no observations. */
export function blauIndex(counts: ArrayLike<number> | Readonly<Record<string, number>>): number {
  const xs = countValues(counts);
  let total = 0;
  for (const x of xs) total += x;
  if (total <= 0) return 0;
  let s = 0;
  for (const x of xs) s += (x / total) * (x / total);
  return Math.max(0, 1 - s);
}

/**
 * Index of qualitative variation: Blau / (1 − 1/K). `categories` (K) defaults to the number of
 * entries in `counts` (for a role-count record, the 7 roles). 0 when K ≤ 1 or no observations.
 */
export function iqv(counts: ArrayLike<number> | Readonly<Record<string, number>>, categories?: number): number {
  const k = categories ?? countValues(counts).length;
  if (k <= 1) return 0;
  return Math.min(1, blauIndex(counts) / (1 - 1 / k));
}

/** The group of a node for an attribute: `String(value)`, or undefined when missing, null or empty. */
export function groupOf(value: unknown): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  return String(value);
}

/** Node indices, group codes (−1 unknown) and the group names, for an attribute of a graph. */
export interface GroupCoding {
  nodes: string[];
  /** Group code per node, −1 when unknown. */
  codes: Int32Array;
  /** Group names by code, in order of first appearance (helix: {@link HELIX_ROLES} order). */
  groups: string[];
}

/** Code a node attribute as small integers (helix roles keep their {@link HELIX_ROLES} order). */
export function codeGroups(g: SimpleGraph, attribute = 'helix'): GroupCoding {
  const nodes = g.nodes();
  const codes = new Int32Array(nodes.length).fill(-1);
  const groups: string[] = attribute === 'helix' ? [...HELIX_ROLES] : [];
  const index = new Map<string, number>(groups.map((r, i) => [r, i]));
  nodes.forEach((id, i) => {
    const v = groupOf(g.getNodeAttribute(id, attribute));
    if (v === undefined) return;
    let c = index.get(v);
    if (c === undefined) {
      c = groups.length;
      groups.push(v);
      index.set(v, c);
    }
    codes[i] = c;
  });
  return { nodes, codes, groups };
}

interface EdgeList {
  u: Int32Array;
  v: Int32Array;
  w: Float64Array;
}

function edgeList(g: SimpleGraph, nodes: string[], weighted: boolean): EdgeList {
  const index = new Map<string, number>();
  nodes.forEach((id, i) => index.set(id, i));
  const m = g.size;
  const u = new Int32Array(m);
  const v = new Int32Array(m);
  const w = new Float64Array(m);
  let k = 0;
  g.forEachEdge((_e, a, s, t) => {
    if (s === t) return;
    u[k] = index.get(s)!;
    v[k] = index.get(t)!;
    w[k] = weighted ? (typeof a.weight === 'number' ? a.weight : 1) : 1;
    k++;
  });
  return { u: u.subarray(0, k), v: v.subarray(0, k), w: w.subarray(0, k) };
}

export interface EIOptions {
  /** Node attribute that defines the groups (default `helix`). */
  attribute?: string;
  /** Sum tie strengths instead of counting ties (default false). */
  weighted?: boolean;
}

export interface EIResult {
  attribute: string;
  /** Network E-I; null without countable ties. */
  network: number | null;
  /** External (between-group) and internal tie counts (or strengths). */
  external: number;
  internal: number;
  /** E-I per group: ties with at least one end in the group. */
  byGroup: Record<string, number | null>;
  /** E-I per actor over its neighbours; null for isolates and actors with an unknown group. */
  byActor: Record<string, number | null>;
}

function ei(e: number, i: number): number | null {
  return e + i > 0 ? (e - i) / (e + i) : null;
}

/** Krackhardt & Stern's E-I index at network, group and actor level (see the module doc). */
export function eiIndex(g: SimpleGraph, opts: EIOptions = {}): EIResult {
  const attribute = opts.attribute ?? 'helix';
  const { nodes, codes, groups } = codeGroups(g, attribute);
  const el = edgeList(g, nodes, opts.weighted ?? false);
  const gE = new Float64Array(groups.length);
  const gI = new Float64Array(groups.length);
  const aE = new Float64Array(nodes.length);
  const aI = new Float64Array(nodes.length);
  let E = 0;
  let I = 0;
  for (let k = 0; k < el.u.length; k++) {
    const a = el.u[k]!;
    const b = el.v[k]!;
    const ca = codes[a]!;
    const cb = codes[b]!;
    if (ca < 0 || cb < 0) continue;
    const w = el.w[k]!;
    if (ca === cb) {
      I += w;
      gI[ca]! += w;
      aI[a]! += w;
      aI[b]! += w;
    } else {
      E += w;
      gE[ca]! += w;
      gE[cb]! += w;
      aE[a]! += w;
      aE[b]! += w;
    }
  }
  const byGroup: Record<string, number | null> = {};
  groups.forEach((name, c) => (byGroup[name] = ei(gE[c]!, gI[c]!)));
  const byActor: Record<string, number | null> = {};
  nodes.forEach((id, i) => (byActor[id] = codes[i]! < 0 ? null : ei(aE[i]!, aI[i]!)));
  return { attribute, network: ei(E, I), external: E, internal: I, byGroup, byActor };
}

export interface EIPermutationOptions extends EIOptions {
  /** Number of permutations (default 1000). */
  permutations?: number;
  /** Seed of the root generator (default 1). */
  seed?: number | string;
  /** Alternative hypothesis (default `two-sided`). */
  alternative?: 'two-sided' | 'less' | 'greater';
}

export interface EIPermutationResult {
  observed: number | null;
  /** Exact expectation of the network E-I when group labels are assigned at random. */
  expected: number | null;
  pValue: number | null;
  permutations: number;
  alternative: 'two-sided' | 'less' | 'greater';
}

/** Permutation test of the network E-I index (see the module doc); reproducible by seed. */
export function eiPermutationTest(g: SimpleGraph, opts: EIPermutationOptions = {}): EIPermutationResult {
  const attribute = opts.attribute ?? 'helix';
  const permutations = opts.permutations ?? 1000;
  const alternative = opts.alternative ?? 'two-sided';
  const { nodes, codes, groups } = codeGroups(g, attribute);
  // keep only nodes with a known group; relabel them 0..N-1
  const pos = new Int32Array(nodes.length).fill(-1);
  const labels: number[] = [];
  for (let i = 0; i < nodes.length; i++) {
    if (codes[i]! >= 0) {
      pos[i] = labels.length;
      labels.push(codes[i]!);
    }
  }
  const N = labels.length;
  const el = edgeList(g, nodes, opts.weighted ?? false);
  // endpoint arrays of the countable ties (typed: the permutation loop is O(m) per permutation)
  const us = new Int32Array(el.u.length);
  const vs = new Int32Array(el.u.length);
  const ws = new Float64Array(el.u.length);
  let m = 0;
  let total = 0;
  let unit = true;
  for (let k = 0; k < el.u.length; k++) {
    const a = pos[el.u[k]!]!;
    const b = pos[el.v[k]!]!;
    if (a < 0 || b < 0) continue;
    us[m] = a;
    vs[m] = b;
    ws[m] = el.w[k]!;
    if (el.w[k] !== 1) unit = false;
    total += el.w[k]!;
    m++;
  }
  const result: EIPermutationResult = { observed: null, expected: null, pValue: null, permutations, alternative };
  if (total <= 0 || N < 2) return result;
  const lab = Int32Array.from(labels);
  // Unit weights: count internal ties as integers (the same value as summing 1s in floating point).
  const internalOf = unit
    ? (l: Int32Array): number => {
        let s = 0;
        for (let k = 0; k < m; k++) if (l[us[k]!] === l[vs[k]!]) s++;
        return s;
      }
    : (l: Int32Array): number => {
        let s = 0;
        for (let k = 0; k < m; k++) if (l[us[k]!] === l[vs[k]!]) s += ws[k]!;
        return s;
      };
  const observed = (total - 2 * internalOf(lab)) / total;
  const sizes = new Float64Array(groups.length);
  for (const c of labels) sizes[c]!++;
  let same = 0;
  for (const s of sizes) same += s * (s - 1);
  const expected = 1 - (2 * same) / (N * (N - 1));
  result.observed = observed;
  result.expected = expected;
  if (permutations <= 0) return result;
  const rng = createRng(opts.seed ?? 1).stream('ei-permutation', attribute);
  const perm = Int32Array.from(labels);
  const eps = 1e-12;
  const dObs = Math.abs(observed - expected);
  let hits = 0;
  for (let p = 0; p < permutations; p++) {
    for (let i = N - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      const t = perm[i]!;
      perm[i] = perm[j]!;
      perm[j] = t;
    }
    const v = (total - 2 * internalOf(perm)) / total;
    if (alternative === 'two-sided') {
      if (Math.abs(v - expected) >= dObs - eps) hits++;
    } else if (alternative === 'less') {
      if (v <= observed + eps) hits++;
    } else if (v >= observed - eps) hits++;
  }
  result.pValue = (1 + hits) / (1 + permutations);
  return result;
}

/**
 * Attribute assortativity coefficient, as NetworkX `attribute_assortativity_coefficient(G, attribute)`
 * on the simple graph (nodes with an unknown value and their ties left out). null when undefined.
 */
export function attributeAssortativity(g: SimpleGraph, attribute = 'helix'): number | null {
  const { nodes, codes, groups } = codeGroups(g, attribute);
  const index = new Map<string, number>();
  nodes.forEach((id, i) => index.set(id, i));
  const k = groups.length;
  const M = new Float64Array(k * k);
  let total = 0;
  g.forEachEdge((_e, _a, s, t) => {
    if (s === t) return;
    const ca = codes[index.get(s)!]!;
    const cb = codes[index.get(t)!]!;
    if (ca < 0 || cb < 0) return;
    M[ca * k + cb]! += 1;
    M[cb * k + ca]! += 1;
    total += 2;
  });
  if (total === 0) return null;
  let trace = 0;
  let sumAB = 0;
  for (let i = 0; i < k; i++) {
    trace += M[i * k + i]! / total;
    let a = 0;
    let b = 0;
    for (let j = 0; j < k; j++) {
      a += M[i * k + j]! / total;
      b += M[j * k + i]! / total;
    }
    sumAB += a * b;
  }
  if (Math.abs(1 - sumAB) < 1e-15) return null;
  return (trace - sumAB) / (1 - sumAB);
}

/** The strands of the synergy measure and the roles each one covers. */
export interface SynergyStrands {
  industry: readonly HelixRole[];
  research: readonly HelixRole[];
  public: readonly HelixRole[];
  civil: readonly HelixRole[];
}

export const DEFAULT_SYNERGY_STRANDS: SynergyStrands = {
  industry: ['industry', 'startup'],
  research: ['research-education'],
  public: ['public'],
  civil: ['civil-society'],
};

/**
 * Co-information `Σ_{S ≠ ∅} (−1)^{|S|+1} H(X_S)` in bits of `dims` binary variables, from counts of
 * each cell: `cells[mask]` is the number of records whose variables are the bits of `mask`
 * (bit d = variable d). For two variables this is the mutual information; for three it is
 * Leydesdorff's T. null when there are no records.
 */
export function coInformation(cells: ArrayLike<number>, dims: number): number | null {
  const size = 1 << dims;
  let total = 0;
  for (let c = 0; c < size; c++) total += cells[c] ?? 0;
  if (total <= 0) return null;
  let t = 0;
  for (let S = 1; S < size; S++) {
    // marginal distribution over the variables in S
    const marg = new Map<number, number>();
    for (let c = 0; c < size; c++) {
      const n = cells[c] ?? 0;
      if (n === 0) continue;
      const key = c & S;
      marg.set(key, (marg.get(key) ?? 0) + n);
    }
    let h = 0;
    for (const n of marg.values()) {
      const p = n / total;
      h -= p * Math.log2(p);
    }
    const bits = popcount(S);
    t += bits % 2 === 1 ? h : -h;
  }
  // clean floating-point dust around zero
  return Math.abs(t) < 1e-12 ? 0 : t;
}

function popcount(x: number): number {
  let c = 0;
  while (x) {
    c += x & 1;
    x >>>= 1;
  }
  return c;
}

export interface SynergyResult {
  /** Three-strand T (industry, research-education, public) in bits; null without activities. */
  triple: number | null;
  /** Four-strand T (adds civil society) in bits; null without activities. */
  quadruple: number | null;
  /** Activities counted (with at least one known participant). */
  activities: number;
  /** Counts of the 16 cells: bit 0 industry, 1 research, 2 public, 3 civil society. */
  cells: number[];
}

/**
 * Leydesdorff's triple-helix mutual information from activities (see the module doc).
 * `roleOf` gives the helix role of a participant id (undefined: unknown, skipped).
 */
export function synergy(
  activities: readonly Activity[],
  roleOf: (id: string) => HelixRole | undefined,
  strands: SynergyStrands = DEFAULT_SYNERGY_STRANDS,
): SynergyResult {
  const bitOf = new Map<HelixRole, number>();
  for (const r of strands.industry) bitOf.set(r, (bitOf.get(r) ?? 0) | 1);
  for (const r of strands.research) bitOf.set(r, (bitOf.get(r) ?? 0) | 2);
  for (const r of strands.public) bitOf.set(r, (bitOf.get(r) ?? 0) | 4);
  for (const r of strands.civil) bitOf.set(r, (bitOf.get(r) ?? 0) | 8);
  const cells = new Array<number>(16).fill(0);
  let count = 0;
  for (const act of activities) {
    let mask = 0;
    let known = false;
    for (const p of act.participants) {
      const r = roleOf(p);
      if (r === undefined) continue;
      known = true;
      mask |= bitOf.get(r) ?? 0;
    }
    if (!known) continue;
    cells[mask]!++;
    count++;
  }
  if (count === 0) return { triple: null, quadruple: null, activities: 0, cells };
  const cells3 = new Array<number>(8).fill(0);
  for (let c = 0; c < 16; c++) cells3[c & 7]! += cells[c]!;
  return { triple: coInformation(cells3, 3), quadruple: coInformation(cells, 4), activities: count, cells };
}

export interface HelixCompositionOptions {
  /** Permutations for the E-I test (default 1000; 0 skips the test). */
  permutations?: number;
  seed?: number | string;
  /** Sum tie strengths for E-I (default false). */
  weighted?: boolean;
}

export interface HelixComposition {
  counts: Record<HelixRole, number>;
  /** Which helix models are complete (from `helixCoverage`, src/model/summary.ts). */
  coverage: { triple: boolean; quadruple: boolean; penta: boolean };
  /** The strands each model lacks. */
  missing: { triple: HelixRole[]; quadruple: HelixRole[]; penta: HelixRole[] };
  blau: number;
  iqv: number;
  eiIndex: number | null;
  eiPValue: number | null;
  eiExpected: number | null;
  eiByRole: Record<string, number | null>;
  permutations: number;
  assortativity: number | null;
  synergyBits: number | null;
  synergyBitsQuadruple: number | null;
  synergyActivities: number;
}

/** Everything about the helix mix of a network (see the module doc). */
export function helixComposition(net: Network, opts: HelixCompositionOptions = {}, simple?: SimpleGraph): HelixComposition {
  const g = simple ?? toSimpleGraph(net);
  const counts = roleCounts(g);
  const e = eiIndex(g, { attribute: 'helix', weighted: opts.weighted ?? false });
  const perm = eiPermutationTest(g, {
    attribute: 'helix',
    weighted: opts.weighted ?? false,
    permutations: opts.permutations ?? 1000,
    seed: opts.seed ?? 1,
  });
  const syn = synergy(net.activities, (id) => (g.hasNode(id) ? g.getNodeAttribute(id, 'helix') : undefined));
  const cov = helixCoverage(counts);
  return {
    counts,
    coverage: { triple: cov.triple, quadruple: cov.quadruple, penta: cov.penta },
    missing: cov.missing,
    blau: blauIndex(counts),
    iqv: iqv(counts, HELIX_ROLES.length),
    eiIndex: e.network,
    eiPValue: perm.pValue,
    eiExpected: perm.expected,
    eiByRole: e.byGroup,
    permutations: perm.permutations,
    assortativity: attributeAssortativity(g, 'helix'),
    synergyBits: syn.triple,
    synergyBitsQuadruple: syn.quadruple,
    synergyActivities: syn.activities,
  };
}
