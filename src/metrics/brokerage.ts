/**
 * Brokerage roles between groups (Gould & Fernandez 1989), with the semantics of R sna's
 * `brokerage(g, cl)`: `raw.nli`, `exp.nli`, `sd.nli`, `z.nli` and the global `raw.gli`, `exp.gli`,
 * `sd.gli`, `z.gli`.
 *
 * Counting (sna's C routine `brokerage_R`): on the symmetrised graph, for every ORDERED two-path
 * a → b → c with a ≠ c, a–b and b–c tied and a NOT tied to c, the broker b scores one role according to
 * the groups of (a, b, c). Undirected ties go both ways, so each open triad centred on b counts twice
 * (a→b→c and c→b→a). Our names are structural:
 *
 * | our name        | groups              | sna raw.nli column |
 * |-----------------|---------------------|--------------------|
 * | coordinator     | a = b = c           | w_I                |
 * | itinerant       | a = c ≠ b           | w_O                |
 * | representative  | a = b ≠ c           | b_IO               |
 * | gatekeeper      | a ≠ b = c           | b_OI               |
 * | liaison         | a, b, c all differ  | b_O                |
 * | total           | sum of the five     | t                  |
 *
 * (sna's help page describes b_IO as the broker between an incoming out-group contact and an in-group
 * member, i.e. b = c, and b_OI the reverse; its C code counts b_IO when a and b share a group. The
 * numbers here equal sna's columns as computed; the names follow the structure, which is Gould &
 * Fernandez's: a representative passes its own group's contact on to outsiders, a gatekeeper admits an
 * outsider's contact into its own group.) On undirected graphs representative = gatekeeper for every
 * node, because each open triad is counted in both directions.
 *
 * Null model (sna's `exp.nli` / `sd.nli`, ported from sna 2.7-1's R code): density d = L/(N(N−1)) with
 * L the number of ORDERED adjacent pairs (2 × ties), p = d²(1−d), q = d³(1−d)³; for a broker of group i
 * (size n_i, other groups n_j, N nodes):
 *   coordinator     E = p(n_i−1)(n_i−2)            V = E(1−p) + 2(n_i−1)(n_i−2)(n_i−3)q
 *   itinerant       E = p Σ_{j≠i} n_j(n_j−1)       V = E(1−p) + 2 Σ_{j≠i} n_j(n_j−1)(n_j−2) q
 *   representative  E = p(N−n_i)(n_i−1)            V = E(1−p) + 2[(n_i−1)C(N−n_i,2) + (N−n_i)C(n_i−1,2)] q
 *   gatekeeper      same as representative
 *   liaison         E = p(Σ_{j,k≠i} n_j n_k − Σ_{j≠i} n_j²)   V = E(1−p) + 4 Σ_{j≠i} n_j C(N−n_j−n_i, 2) q
 *   total           E = p(N−1)(N−2)                V = E(1−p) + 2(N−1)(N−2)(N−3)q
 * SD = √V, z = (raw − E)/SD. The global (`*.gli`) raw values are the column sums, with sna's global
 * expectations and variances (see `globalNullModel`). Where sna gets NaN or ±Inf (zero or negative
 * variance) we return null.
 *
 * Nodes without the group attribute form one group (''). Cost: O(m) for the open-pair counts by group
 * plus one enumeration of triangles (O(m^1.5)) to remove the closed pairs.
 *
 * References: R. V. Gould & R. M. Fernandez (1989), Structures of mediation: a formal approach to brokerage
 * in transaction networks, Sociological Methodology 19: 89–126; C. T. Butts, sna: Tools for Social
 * Network Analysis (R package), `brokerage`.
 *
 * Indexing: arrays are sized by the node count n (or the CSR's edge count), and every index is a node
 * index 0 ≤ v < n or an edge slot offsets[v] ≤ k < offsets[v + 1]; the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import type { SimpleGraph } from '../model/network.js';
import { groupIndex } from './betweenness.js';
import { forEachTriangle } from './centrality.js';
import { toCsr, type Csr } from './csr.js';

export interface BrokerageRoles {
  coordinator: number;
  itinerant: number;
  representative: number;
  gatekeeper: number;
  liaison: number;
  total: number;
}

/** Same fields; null where the null model has zero variance (sna gives NaN there). */
export type BrokerageZ = { [K in keyof BrokerageRoles]: number | null };

export const BROKERAGE_ROLES = ['coordinator', 'itinerant', 'representative', 'gatekeeper', 'liaison', 'total'] as const;

export interface BrokerageResult {
  nodes: string[];
  /** Group of each node (attribute value as a string; '' when missing). */
  groups: string[];
  /** Distinct groups in order of first appearance, with their sizes. */
  groupNames: string[];
  groupSizes: number[];
  raw: BrokerageRoles[];
  expected: BrokerageRoles[];
  sd: BrokerageZ[];
  z: BrokerageZ[];
  global: { raw: BrokerageRoles; expected: BrokerageRoles; sd: BrokerageZ; z: BrokerageZ };
}

/** Six numbers as roles (−0 becomes 0: products such as 0·(−1) are not signed results). */
function roles(a: ArrayLike<number>): BrokerageRoles {
  return {
    coordinator: a[0]! + 0,
    itinerant: a[1]! + 0,
    representative: a[2]! + 0,
    gatekeeper: a[3]! + 0,
    liaison: a[4]! + 0,
    total: a[5]! + 0,
  };
}

function zRoles(raw: BrokerageRoles, exp: BrokerageRoles, sd: BrokerageZ): BrokerageZ {
  const out = {} as BrokerageZ;
  for (const k of BROKERAGE_ROLES) {
    const s = sd[k];
    const z = s === null ? NaN : (raw[k] - exp[k]) / s;
    out[k] = Number.isFinite(z) ? z : null;
  }
  return out;
}

/** Raw role counts per node (n × 6 row-major: the five roles and the total) for group indices `cl`. */
export function brokerageCounts(csr: Csr, cl: Int32Array): Float64Array {
  const { n, offsets, targets } = csr;
  const out = new Float64Array(n * 6);
  let ng = 0;
  for (let i = 0; i < n; i++) if (cl[i]! + 1 > ng) ng = cl[i]! + 1;
  const cnt = new Float64Array(ng);
  const touched: number[] = [];
  // 1. all ordered pairs (a, c) of distinct neighbours of b, by group
  for (let b = 0; b < n; b++) {
    const d = offsets[b + 1]! - offsets[b]!;
    if (d < 2) continue;
    for (let k = offsets[b]!; k < offsets[b + 1]!; k++) {
      const g = cl[targets[k]!]!;
      if (cnt[g] === 0) touched.push(g);
      cnt[g]!++;
    }
    const gb = cl[b]!;
    const own = cnt[gb]!;
    const other = d - own;
    let itin = 0;
    let liaison = 0;
    for (const h of touched) {
      if (h === gb) continue;
      const ch = cnt[h]!;
      itin += ch * (ch - 1);
      liaison += ch * (other - ch);
    }
    const o = b * 6;
    out[o] = own * (own - 1);
    out[o + 1] = itin;
    out[o + 2] = own * other;
    out[o + 3] = other * own;
    out[o + 4] = liaison;
    for (const h of touched) cnt[h] = 0;
    touched.length = 0;
  }
  // 2. remove the closed pairs: every triangle {u, v, w} closes (v, w) and (w, v) around u, etc.
  const closePair = (b: number, a: number, c: number) => {
    // ordered pairs (a, c) and (c, a) around broker b
    const gb = cl[b]!;
    const ga = cl[a]!;
    const gc = cl[c]!;
    const o = b * 6;
    if (ga === gb && gc === gb) out[o]! -= 2;
    else if (ga === gc) out[o + 1]! -= 2;
    else if (ga === gb) {
      out[o + 2]!--; // a→b→c: a = b ≠ c
      out[o + 3]!--; // c→b→a: c ≠ b = a
    } else if (gc === gb) {
      out[o + 2]!--;
      out[o + 3]!--;
    } else out[o + 4]! -= 2;
  };
  forEachTriangle(csr, (u, v, w) => {
    closePair(u, v, w);
    closePair(v, u, w);
    closePair(w, u, v);
  });
  for (let b = 0; b < n; b++) {
    const o = b * 6;
    out[o + 5] = out[o]! + out[o + 1]! + out[o + 2]! + out[o + 3]! + out[o + 4]!;
  }
  return out;
}

/**
 * Gould–Fernandez brokerage of every node by group (node attribute `groupAttr`, default `helix`), with
 * sna's expected counts, standard deviations and z-scores. See the module doc.
 */
export function brokerage(g: SimpleGraph, groupAttr = 'helix'): BrokerageResult {
  const csr = toCsr(g);
  const { groups: cl, names } = groupIndex(g, groupAttr);
  return brokerageFromGroups(csr, cl, names);
}

const choose2 = (x: number) => (x * (x - 1)) / 2;

function nullable(a: number[]): BrokerageZ {
  const r = roles(a);
  const out = {} as BrokerageZ;
  for (const k of BROKERAGE_ROLES) out[k] = Number.isFinite(r[k]) ? r[k] : null;
  return out;
}

/** sna's per-group expectations and variances (`exp.grp`, `sd.grp`²) for group sizes n, density d. */
export function groupNullModel(n: number[], d: number): { expected: number[][]; variance: number[][] } {
  const N = n.reduce((a, b) => a + b, 0);
  const p = d * d * (1 - d);
  const q = d ** 3 * (1 - d) ** 3;
  const expected: number[][] = [];
  const variance: number[][] = [];
  for (let i = 0; i < n.length; i++) {
    const ni = n[i]!;
    const e = new Array<number>(6).fill(0);
    const v = new Array<number>(6).fill(0);
    e[0] = p * (ni - 1) * (ni - 2);
    v[0] = e[0] * (1 - p) + 2 * (ni - 1) * (ni - 2) * (ni - 3) * q;
    let s2 = 0;
    let s3 = 0;
    let sumO = 0;
    let sumSq = 0;
    let s5 = 0;
    for (let j = 0; j < n.length; j++) {
      if (j === i) continue;
      const nj = n[j]!;
      s2 += nj * (nj - 1);
      s3 += nj * (nj - 1) * (nj - 2);
      sumO += nj;
      sumSq += nj * nj;
      s5 += nj * choose2(N - nj - ni);
    }
    e[1] = p * s2;
    v[1] = e[1] * (1 - p) + 2 * s3 * q;
    e[2] = p * (N - ni) * (ni - 1);
    v[2] = e[2] * (1 - p) + 2 * ((ni - 1) * choose2(N - ni) + (N - ni) * choose2(ni - 1)) * q;
    e[3] = e[2];
    v[3] = v[2];
    e[4] = p * (sumO * sumO - sumSq);
    v[4] = e[4] * (1 - p) + 4 * s5 * q;
    e[5] = p * (N - 1) * (N - 2);
    v[5] = e[5] * (1 - p) + 2 * (N - 1) * (N - 2) * (N - 3) * q;
    expected.push(e);
    variance.push(v);
  }
  return { expected, variance };
}

/** sna's global expectations and variances (`exp.gli`, `sd.gli`²). */
export function globalNullModel(n: number[], d: number): { expected: number[]; variance: number[] } {
  const N = n.reduce((a, b) => a + b, 0);
  const p = d * d * (1 - d);
  const q3 = d ** 3 * (1 - d) ** 3;
  const q4 = d ** 4 * (1 - d) ** 2;
  const q5 = d ** 5 * (1 - d);
  const e = new Array<number>(6).fill(0);
  const v = new Array<number>(6).fill(0);
  let a1 = 0;
  let b1 = 0;
  let a2 = 0;
  let b3 = 0;
  for (const x of n) {
    a1 += x * (x - 1) * (x - 2);
    b1 += x * (x - 1) * (x - 2) * ((4 * x - 10) * q3 - 4 * (x - 3) * q4 + (x - 3) * q5);
    a2 += x * (N - x) * (x - 1);
    b3 += x * (N - x) * (x - 1) * ((N - 3) * q3 + (x - 2) * q5);
  }
  e[0] = p * a1;
  v[0] = e[0] * (1 - p) + b1;
  e[1] = p * a2;
  let outer2 = 0;
  let outer5 = 0;
  for (const x of n)
    for (const y of n) {
      outer2 += x * y * (x - 1) * ((2 * x + 2 * y - 6) * q3 + (N - x - 1) * q5);
      outer5 += x * y * (N - x - y);
    }
  let diag2 = 0;
  let diag5 = 0;
  for (const x of n) {
    diag2 += x * x * (x - 1) * ((4 * x - 6) * q3 + (N - x - 1) * q5);
    diag5 += x * x * (N - 2 * x);
  }
  v[1] = e[1] * (1 - p) + (outer2 - diag2);
  e[2] = p * a2;
  v[2] = e[2] * (1 - p) + b3;
  e[3] = e[2];
  v[3] = v[2];
  e[4] = p * (outer5 - diag5);
  v[4] = e[4] * (1 - p);
  for (let i = 0; i < n.length; i++)
    for (let j = 0; j < n.length; j++)
      for (let k = 0; k < n.length; k++) {
        if (i === j || j === k || i === k) continue;
        const ni = n[i]!;
        const nj = n[j]!;
        const nk = n[k]!;
        v[4] +=
          ni * nj * nk * ((4 * (N - nj) - 2 * (ni + nk + 1)) * q3 - (4 * (N - nk) - 2 * (ni + nj + 1)) * q4 + (N - (ni + nk + 1)) * q5);
      }
  e[5] = p * N * (N - 1) * (N - 2);
  v[5] = e[5] * (1 - p) + N * (N - 1) * (N - 2) * ((4 * N - 10) * q3 - 4 * (N - 3) * q4 + (N - 3) * q5);
  return { expected: e, variance: v };
}

/** The same from a CSR and a group index per node (`names[cl[i]]` is node i's group). */
export function brokerageFromGroups(csr: Csr, cl: Int32Array, names: string[]): BrokerageResult {
  const N = csr.n;
  const counts = brokerageCounts(csr, cl);
  const sizes = new Array<number>(names.length).fill(0);
  for (let i = 0; i < N; i++) sizes[cl[i]!]!++;
  const L = csr.offsets[N]!; // ordered adjacent pairs, as sna's edge list of a symmetric graph
  const d = N > 1 ? L / (N * (N - 1)) : NaN;
  const grp = groupNullModel(sizes, d);
  const grpExp = grp.expected.map((e) => roles(e));
  const grpSd = grp.variance.map((v) => nullable(v.map((x) => Math.sqrt(x))));
  const raw: BrokerageRoles[] = [];
  const expected: BrokerageRoles[] = [];
  const sd: BrokerageZ[] = [];
  const z: BrokerageZ[] = [];
  for (let i = 0; i < N; i++) {
    const r = roles(counts.subarray(i * 6, i * 6 + 6));
    raw.push(r);
    expected.push(grpExp[cl[i]!]!);
    sd.push(grpSd[cl[i]!]!);
    z.push(zRoles(r, grpExp[cl[i]!]!, grpSd[cl[i]!]!));
  }
  const gRaw = new Float64Array(6);
  for (let i = 0; i < N; i++) for (let k = 0; k < 6; k++) gRaw[k]! += counts[i * 6 + k]!;
  const glob = globalNullModel(sizes, d);
  const gR = roles(gRaw);
  const gExp = roles(glob.expected);
  const gSd = nullable(glob.variance.map((x) => Math.sqrt(x)));
  return {
    nodes: csr.ids.slice(),
    groups: Array.from(cl, (k) => names[k]!),
    groupNames: names.slice(),
    groupSizes: sizes,
    raw,
    expected,
    sd,
    z,
    global: { raw: gR, expected: gExp, sd: gSd, z: zRoles(gR, gExp, gSd) },
  };
}
