/**
 * Sobol' low-discrepancy sequence in up to 64 dimensions (browser-safe, pure).
 *
 * Construction (Sobol' 1967; Bratley & Fox 1988, Algorithm 659; Joe & Kuo 2003, 2008): dimension d
 * has a primitive polynomial x^s + a_1 x^(s−1) + … + a_(s−1) x + 1 over GF(2) and initial odd
 * integers m_1..m_s (m_i < 2^i). The direction numbers v_i = m_i / 2^i (i = 1..32, kept as 32-bit
 * integers m_i · 2^(32−i)) continue by the recurrence
 *   v_i = a_1 v_(i−1) ⊕ a_2 v_(i−2) ⊕ … ⊕ a_(s−1) v_(i−s+1) ⊕ v_(i−s) ⊕ (v_(i−s) / 2^s)
 * (⊕ = bitwise exclusive or). The first dimension is the van der Corput sequence (all m_i = 1).
 * Points are generated in Gray-code order (Antonov & Saleev 1979): x_0 = 0 and
 * x_(n+1) = x_n ⊕ v_c, where c is the position of the lowest zero bit of n — so point n is the
 * XOR of the v_i for the bits of the Gray code n ⊕ (n >> 1). This is the order of Joe & Kuo's own
 * generator and of `scipy.stats.qmc.Sobol(d, scramble=False)`; the tests compare with SciPy.
 * Coordinates have 32 bits (the sequence has 2^32 points); x = integer / 2^32 ∈ [0, 1).
 *
 * Direction numbers: the first 64 dimensions of Joe & Kuo's "new-joe-kuo-6.21201" (search criterion 6,
 * https://web.maths.unsw.edu.au/~fkuo/sobol/), the set SciPy uses. The table below was transcribed
 * from SciPy 1.17.1's copy (`scipy/stats/_sobol_direction_numbers.npz`) by
 * `python3 test/fixtures/sensitivity/make_sobol.py --table`; its rows are the lines of Joe & Kuo's
 * file: d, s (degree), a (the inner coefficients a_1..a_(s−1) as a binary number), m_1..m_s.
 *
 * Randomisation: an optional random digital shift (XOR of every point with one random 32-bit word
 * per dimension, drawn from a seeded {@link Rng}). A digital shift maps each elementary dyadic
 * interval onto another, so it keeps the net properties (every 1-D projection of the first 2^m
 * points still has exactly one point in each interval [i/2^m, (i+1)/2^m)), while every point becomes
 * uniformly distributed and the all-zero first point disappears. Owen's nested scrambling is not
 * implemented. The first point is not skipped by default: dropping it breaks the balance of the
 * first 2^m points (Owen 2020, "On dropping the first Sobol' point"); `skip` is there for
 * comparisons with generators that skip it.
 *
 * References: I. M. Sobol' (1967), Zh. Vychisl. Mat. i Mat. Fiz. 7, 784–802. P. Bratley, B. L. Fox
 * (1988), "Algorithm 659: Implementing Sobol's quasirandom sequence generator", ACM TOMS 14, 88–100.
 * S. Joe, F. Y. Kuo (2003), "Remark on Algorithm 659", ACM TOMS 29, 49–57; (2008), "Constructing
 * Sobol sequences with better two-dimensional projections", SIAM J. Sci. Comput. 30, 2635–2654.
 * I. A. Antonov, V. M. Saleev (1979), USSR Comput. Math. Math. Phys. 19, 252–256. A. B. Owen (2020),
 * "On dropping the first Sobol' point", arXiv:2008.08051 (MCQMC 2020).
 *
 * Indexing: design and result arrays have the sizes the design fixes (points × parameters, runs ×
 * years); indices are loop counters below those sizes, so the `!` on element reads (required by
 * `noUncheckedIndexedAccess`) marks reads that are in bounds by construction.
 */
import type { Rng } from '../../util/rng.js';

/** Bits per coordinate: the sequence has 2^32 points. */
export const SOBOL_BITS = 32;
/** Dimensions with direction numbers in {@link JOE_KUO}. */
export const SOBOL_MAX_DIMENSION = 64;
const POINTS = 2 ** SOBOL_BITS;
const SCALE = 2 ** -SOBOL_BITS;

/**
 * Joe & Kuo (2008), new-joe-kuo-6.21201, dimensions 2..64 (dimension 1 is implicit: all m_i = 1).
 * Row: d, s, a, m_1..m_s (see the module doc for the source).
 */
const JOE_KUO: readonly (readonly number[])[] = [
  [2, 1, 0, 1],
  [3, 2, 1, 1, 3],
  [4, 3, 1, 1, 3, 1],
  [5, 3, 2, 1, 1, 1],
  [6, 4, 1, 1, 1, 3, 3],
  [7, 4, 4, 1, 3, 5, 13],
  [8, 5, 2, 1, 1, 5, 5, 17],
  [9, 5, 4, 1, 1, 5, 5, 5],
  [10, 5, 7, 1, 1, 7, 11, 19],
  [11, 5, 11, 1, 1, 5, 1, 1],
  [12, 5, 13, 1, 1, 1, 3, 11],
  [13, 5, 14, 1, 3, 5, 5, 31],
  [14, 6, 1, 1, 3, 3, 9, 7, 49],
  [15, 6, 13, 1, 1, 1, 15, 21, 21],
  [16, 6, 16, 1, 3, 1, 13, 27, 49],
  [17, 6, 19, 1, 1, 1, 15, 7, 5],
  [18, 6, 22, 1, 3, 1, 15, 13, 25],
  [19, 6, 25, 1, 1, 5, 5, 19, 61],
  [20, 7, 1, 1, 3, 7, 11, 23, 15, 103],
  [21, 7, 4, 1, 3, 7, 13, 13, 15, 69],
  [22, 7, 7, 1, 1, 3, 13, 7, 35, 63],
  [23, 7, 8, 1, 3, 5, 9, 1, 25, 53],
  [24, 7, 14, 1, 3, 1, 13, 9, 35, 107],
  [25, 7, 19, 1, 3, 1, 5, 27, 61, 31],
  [26, 7, 21, 1, 1, 5, 11, 19, 41, 61],
  [27, 7, 28, 1, 3, 5, 3, 3, 13, 69],
  [28, 7, 31, 1, 1, 7, 13, 1, 19, 1],
  [29, 7, 32, 1, 3, 7, 5, 13, 19, 59],
  [30, 7, 37, 1, 1, 3, 9, 25, 29, 41],
  [31, 7, 41, 1, 3, 5, 13, 23, 1, 55],
  [32, 7, 42, 1, 3, 7, 3, 13, 59, 17],
  [33, 7, 50, 1, 3, 1, 3, 5, 53, 69],
  [34, 7, 55, 1, 1, 5, 5, 23, 33, 13],
  [35, 7, 56, 1, 1, 7, 7, 1, 61, 123],
  [36, 7, 59, 1, 1, 7, 9, 13, 61, 49],
  [37, 7, 62, 1, 3, 3, 5, 3, 55, 33],
  [38, 8, 14, 1, 3, 1, 15, 31, 13, 49, 245],
  [39, 8, 21, 1, 3, 5, 15, 31, 59, 63, 97],
  [40, 8, 22, 1, 3, 1, 11, 11, 11, 77, 249],
  [41, 8, 38, 1, 3, 1, 11, 27, 43, 71, 9],
  [42, 8, 47, 1, 1, 7, 15, 21, 11, 81, 45],
  [43, 8, 49, 1, 3, 7, 3, 25, 31, 65, 79],
  [44, 8, 50, 1, 3, 1, 1, 19, 11, 3, 205],
  [45, 8, 52, 1, 1, 5, 9, 19, 21, 29, 157],
  [46, 8, 56, 1, 3, 7, 11, 1, 33, 89, 185],
  [47, 8, 67, 1, 3, 3, 3, 15, 9, 79, 71],
  [48, 8, 70, 1, 3, 7, 11, 15, 39, 119, 27],
  [49, 8, 84, 1, 1, 3, 1, 11, 31, 97, 225],
  [50, 8, 97, 1, 1, 1, 3, 23, 43, 57, 177],
  [51, 8, 103, 1, 3, 7, 7, 17, 17, 37, 71],
  [52, 8, 115, 1, 3, 1, 5, 27, 63, 123, 213],
  [53, 8, 122, 1, 1, 3, 5, 11, 43, 53, 133],
  [54, 9, 8, 1, 3, 5, 5, 29, 17, 47, 173, 479],
  [55, 9, 13, 1, 3, 3, 11, 3, 1, 109, 9, 69],
  [56, 9, 16, 1, 1, 1, 5, 17, 39, 23, 5, 343],
  [57, 9, 22, 1, 3, 1, 5, 25, 15, 31, 103, 499],
  [58, 9, 25, 1, 1, 1, 11, 11, 17, 63, 105, 183],
  [59, 9, 44, 1, 1, 5, 11, 9, 29, 97, 231, 363],
  [60, 9, 47, 1, 1, 5, 15, 19, 45, 41, 7, 383],
  [61, 9, 52, 1, 3, 7, 7, 31, 19, 83, 137, 221],
  [62, 9, 55, 1, 1, 1, 3, 23, 15, 111, 223, 83],
  [63, 9, 59, 1, 1, 5, 13, 31, 15, 55, 25, 161],
  [64, 9, 62, 1, 1, 3, 13, 25, 47, 39, 87, 257],
];

/**
 * The direction numbers of dimensions 1..`dimension` as 32-bit integers v_i · 2^32, dimension-major:
 * `v[d * 32 + i]` is v_(i+1) of dimension d + 1.
 */
export function sobolDirectionNumbers(dimension: number): Uint32Array {
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > SOBOL_MAX_DIMENSION) {
    throw new RangeError(`Sobol sequence: expected a dimension from 1 to ${SOBOL_MAX_DIMENSION}, got ${dimension}`);
  }
  const v = new Uint32Array(dimension * SOBOL_BITS);
  for (let i = 0; i < SOBOL_BITS; i++) v[i] = 2 ** (SOBOL_BITS - 1 - i);
  for (let d = 1; d < dimension; d++) {
    const row = JOE_KUO[d - 1]!;
    const s = row[1]!;
    const a = row[2]!;
    const o = d * SOBOL_BITS;
    for (let i = 0; i < s; i++) v[o + i] = row[3 + i]! * 2 ** (SOBOL_BITS - 1 - i);
    for (let i = s; i < SOBOL_BITS; i++) {
      let x = v[o + i - s]! ^ (v[o + i - s]! >>> s);
      for (let k = 1; k < s; k++) if ((a >>> (s - 1 - k)) & 1) x ^= v[o + i - k]!;
      v[o + i] = x; // stored modulo 2^32
    }
  }
  return v;
}

export interface SobolSequenceOptions {
  /** Random digital shift: one 32-bit word per dimension from `shift.nextUint32()`, in dimension order. */
  shift?: Rng;
  /** Start at point `skip` (default 0, the origin — or the shift vector when shifted). */
  skip?: number;
}

/** A Sobol' sequence generator (Gray-code order; see the module doc). */
export class SobolSequence {
  readonly dimension: number;
  private readonly v: Uint32Array;
  /** Unshifted integer coordinates of point {@link index}. */
  private readonly x: Uint32Array;
  private readonly shiftWords: Uint32Array;
  private n = 0;

  constructor(dimension: number, options: SobolSequenceOptions = {}) {
    this.v = sobolDirectionNumbers(dimension);
    this.dimension = dimension;
    this.x = new Uint32Array(dimension);
    this.shiftWords = new Uint32Array(dimension);
    if (options.shift) for (let d = 0; d < dimension; d++) this.shiftWords[d] = options.shift.nextUint32();
    if (options.skip) this.seek(options.skip);
  }

  /** Index of the next point. */
  get index(): number {
    return this.n;
  }

  /** The shift words (all 0 without a shift). */
  get shift(): Uint32Array {
    return this.shiftWords.slice();
  }

  /** Make point `index` the next one (random access through the Gray code of `index`). */
  seek(index: number): void {
    if (!Number.isInteger(index) || index < 0 || index >= POINTS)
      throw new RangeError(`Sobol sequence: expected a point index from 0 to 2^32 − 1, got ${index}`);
    const g = (index ^ (index >>> 1)) >>> 0; // the Gray code (index < 2^32: ToUint32 keeps every bit)
    for (let d = 0; d < this.dimension; d++) {
      let x = 0;
      for (let b = 0; b < SOBOL_BITS; b++) if ((g >>> b) & 1) x ^= this.v[d * SOBOL_BITS + b]!;
      this.x[d] = x;
    }
    this.n = index;
  }

  /** The next point as 32-bit integers (coordinate · 2^32), shifted; written into `out` if given. */
  nextUint32(out: Uint32Array = new Uint32Array(this.dimension)): Uint32Array {
    const n = this.n;
    if (n >= POINTS) throw new RangeError('Sobol sequence: all 2^32 points are used');
    for (let d = 0; d < this.dimension; d++) out[d] = this.x[d]! ^ this.shiftWords[d]!;
    if (n + 1 < POINTS) {
      // the lowest zero bit of n (n + 1 < 2^32, so the int32 arithmetic keeps the low bits)
      const c = 31 - Math.clz32((n + 1) & ~n);
      for (let d = 0; d < this.dimension; d++) this.x[d] = this.x[d]! ^ this.v[d * SOBOL_BITS + c]!;
    }
    this.n = n + 1;
    return out;
  }

  /** The next point in [0, 1)^dimension. */
  next(): number[] {
    const u = this.nextUint32();
    const out = new Array<number>(this.dimension);
    for (let d = 0; d < this.dimension; d++) out[d] = u[d]! * SCALE;
    return out;
  }
}

/** The first `count` points (after `options.skip`) of the `dimension`-dimensional sequence in [0, 1)^dimension. */
export function sobolPoints(count: number, dimension: number, options: SobolSequenceOptions = {}): number[][] {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`Sobol sequence: expected a point count >= 0, got ${count}`);
  const seq = new SobolSequence(dimension, options);
  const out: number[][] = [];
  for (let i = 0; i < count; i++) out.push(seq.next());
  return out;
}

/** True when `n` is a power of 2 (the sample sizes at which a Sobol' sequence is balanced). */
export function isPowerOfTwo(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && 2 ** Math.round(Math.log2(n)) === n;
}
