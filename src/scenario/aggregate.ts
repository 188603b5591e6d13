/**
 * Streaming summaries of Monte Carlo output, in bounded memory.
 *
 * - Mean and standard deviation: Welford's online algorithm (sample sd, n − 1 in the denominator).
 *   Values that are not finite (NaN, ±Infinity) are counted as missing and left out. With fewer
 *   than 2 values the sd and the interval are undefined: `null`, not 0 (one run says nothing about
 *   the spread). A statistic that overflows (values near 1e308) is `null` too; callers warn.
 * - Quantiles (5 %, 50 %, 95 %): exact while at most {@link EXACT_LIMIT} values have been seen —
 *   linear interpolation between order statistics, Hyndman & Fan type 7 (R's default, NumPy's
 *   `linear`): Q(p) = x_(⌊h⌋) + (h − ⌊h⌋)(x_(⌊h⌋+1) − x_(⌊h⌋)), h = (n − 1)p + 1. Beyond that the
 *   buffer is dropped and each quantile continues with the P² algorithm (Jain & Chlamtac 1985,
 *   CACM 28(10)), its five markers started from the order statistics of the buffer. Memory is
 *   O(EXACT_LIMIT) per summary whatever the number of runs.
 * - ci95: the 95 % confidence interval of the mean, mean ± t(0.975, n − 1) × sd / √n (Student t;
 *   exact critical values up to 30 degrees of freedom, a Cornish–Fisher expansion beyond).
 *
 * The result depends on the order of the values (P² and floating-point sums); the engine always
 * adds runs in run order, so results are the same bytes whatever the number of worker threads.
 *
 * Indexing: the simulation state's arrays are sized by their capacity and indexed by actor and tie slots
 * below the live counts; the `!` on element reads (required by `noUncheckedIndexedAccess`) marks reads
 * that are in bounds by construction.
 */

export const EXACT_LIMIT = 1000;
const QS = [0.05, 0.5, 0.95] as const;

const T975 = [
  NaN,
  12.706205,
  4.302653,
  3.182446,
  2.776445,
  2.570582,
  2.446912,
  2.364624,
  2.306004,
  2.262157,
  2.228139,
  2.200985,
  2.178813,
  2.160369,
  2.144787,
  2.13145,
  2.119905,
  2.109816,
  2.100922,
  2.093024,
  2.085963,
  2.079614,
  2.073873,
  2.068658,
  2.063899,
  2.059539,
  2.055529,
  2.051831,
  2.048407,
  2.04523,
  2.042272,
];

/** Two-sided 95 % critical value of Student's t with `df` degrees of freedom. */
export function tCritical95(df: number): number {
  if (!(df >= 1)) return NaN;
  if (df <= 30 && Number.isInteger(df)) return T975[df]!;
  const z = 1.959963984540054;
  const z2 = z * z;
  const g1 = (z2 * z + z) / 4;
  const g2 = (5 * z2 * z2 * z + 16 * z2 * z + 3 * z) / 96;
  const g3 = (3 * z2 * z2 * z2 * z + 19 * z2 * z2 * z + 17 * z2 * z - 15 * z) / 384;
  return z + g1 / df + g2 / (df * df) + g3 / (df * df * df);
}

/** Quantile of sorted values, type 7. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** One P² estimator. */
class P2 {
  readonly q = new Float64Array(5);
  readonly pos = new Float64Array(5);
  readonly want = new Float64Array(5);
  readonly inc: Float64Array;
  constructor(p: number, sorted: Float64Array) {
    const n = sorted.length;
    this.inc = Float64Array.from([0, p / 2, p, (1 + p) / 2, 1]);
    for (let i = 0; i < 5; i++) {
      const w = 1 + (n - 1) * this.inc[i]!;
      this.want[i] = w;
      this.pos[i] = i === 0 ? 1 : i === 4 ? n : Math.min(n - 4 + i, Math.max(i + 1, Math.round(w)));
      this.q[i] = sorted[this.pos[i]! - 1]!;
    }
  }
  add(x: number): void {
    const q = this.q;
    const pos = this.pos;
    let k: number;
    if (x < q[0]!) {
      q[0] = x;
      k = 0;
    } else if (x >= q[4]!) {
      q[4] = x;
      k = 3;
    } else {
      k = 0;
      while (k < 3 && x >= q[k + 1]!) k++;
    }
    for (let i = k + 1; i < 5; i++) pos[i]!++;
    for (let i = 0; i < 5; i++) this.want[i]! += this.inc[i]!;
    for (let i = 1; i < 4; i++) {
      const d = this.want[i]! - pos[i]!;
      if ((d >= 1 && pos[i + 1]! - pos[i]! > 1) || (d <= -1 && pos[i - 1]! - pos[i]! < -1)) {
        const s = d >= 0 ? 1 : -1;
        const qp =
          q[i]! +
          (s / (pos[i + 1]! - pos[i - 1]!)) *
            ((pos[i]! - pos[i - 1]! + s) * ((q[i + 1]! - q[i]!) / (pos[i + 1]! - pos[i]!)) +
              (pos[i + 1]! - pos[i]! - s) * ((q[i]! - q[i - 1]!) / (pos[i]! - pos[i - 1]!)));
        if (q[i - 1]! < qp && qp < q[i + 1]!) q[i] = qp;
        else q[i] = q[i]! + (s * (q[i + s]! - q[i]!)) / (pos[i + s]! - pos[i]!);
        pos[i]! += s;
      }
    }
  }
  get value(): number {
    return this.q[2]!;
  }
}

export interface SummaryResult {
  n: number;
  missing: number;
  mean: number | null;
  sd: number | null;
  p05: number | null;
  p50: number | null;
  p95: number | null;
  ci95: [number, number] | null;
}

function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

export class StreamingSummary {
  private n = 0;
  private missing = 0;
  private mean = 0;
  private m2 = 0;
  private buf: Float64Array | null = new Float64Array(16);
  private p2: P2[] | null = null;

  constructor(private readonly exactLimit = EXACT_LIMIT) {}

  add(x: number): void {
    if (!Number.isFinite(x)) {
      this.missing++;
      return;
    }
    this.n++;
    const d = x - this.mean;
    this.mean += d / this.n;
    this.m2 += d * (x - this.mean);
    if (this.p2) {
      for (const e of this.p2) e.add(x);
      return;
    }
    let buf = this.buf!;
    if (this.n > buf.length) {
      const next = new Float64Array(Math.min(Math.max(buf.length * 2, 16), Math.max(this.exactLimit, 5)));
      next.set(buf);
      buf = this.buf = next;
    }
    if (this.n <= this.exactLimit) {
      buf[this.n - 1] = x;
      return;
    }
    // switch to P²: markers from the exact order statistics so far, then this value
    const sorted = buf.slice(0, this.n - 1).sort();
    this.p2 = QS.map((p) => new P2(p, sorted));
    this.buf = null;
    for (const e of this.p2) e.add(x);
  }

  get count(): number {
    return this.n;
  }

  result(): SummaryResult {
    const n = this.n;
    if (n === 0) return { n: 0, missing: this.missing, mean: null, sd: null, p05: null, p50: null, p95: null, ci95: null };
    const sd = n > 1 ? Math.sqrt(this.m2 / (n - 1)) : NaN;
    let qs: number[];
    if (this.p2) qs = this.p2.map((e) => e.value);
    else {
      const sorted = this.buf!.slice(0, n).sort();
      qs = QS.map((p) => quantileSorted(sorted, p));
    }
    const half = (tCritical95(n - 1) * sd) / Math.sqrt(n);
    const lo = this.mean - half;
    const hi = this.mean + half;
    return {
      n,
      missing: this.missing,
      mean: finiteOrNull(this.mean),
      sd: finiteOrNull(sd),
      p05: finiteOrNull(qs[0]!),
      p50: finiteOrNull(qs[1]!),
      p95: finiteOrNull(qs[2]!),
      ci95: Number.isFinite(lo) && Number.isFinite(hi) ? [lo, hi] : null,
    };
  }
}

/**
 * Paired differences B − A over replications (common random numbers): the mean difference with its
 * 95 % CI, and P(greater) = share of replications where B > A, ties counting one half. Pairs where
 * either value is not finite are left out.
 */
export class PairedDifference {
  private s = new StreamingSummary(5);
  private greater = 0;
  private pairs = 0;
  add(a: number, b: number): void {
    if (!Number.isFinite(a) || !Number.isFinite(b)) return;
    this.pairs++;
    if (b > a) this.greater++;
    else if (b === a) this.greater += 0.5;
    this.s.add(b - a);
  }
  result(): { n: number; meanDiff: number | null; ci95: [number, number] | null; probGreater: number | null } {
    const r = this.s.result();
    return { n: this.pairs, meanDiff: r.mean, ci95: r.ci95, probGreater: this.pairs > 0 ? this.greater / this.pairs : null };
  }
}

/**
 * One {@link StreamingSummary} per metric and year, fed one run at a time (in run order).
 * Memory: metrics × (years + 1) summaries, independent of the number of runs.
 */
export class RunAggregatorBase {
  private readonly cells: StreamingSummary[];
  constructor(
    readonly metricNames: readonly string[],
    readonly years: number,
  ) {
    this.cells = Array.from({ length: metricNames.length * (years + 1) }, () => new StreamingSummary());
  }
  /** Run values that were ±Infinity (an overflow): summarised as missing; callers warn. */
  infiniteValues = 0;
  addRun(out: { metrics: Record<string, ArrayLike<number>> }): void {
    const Y = this.years + 1;
    this.metricNames.forEach((m, mi) => {
      const v = out.metrics[m]!;
      for (let y = 0; y < Y; y++) {
        const x = v[y]!;
        if (x === Infinity || x === -Infinity) this.infiniteValues++;
        this.cells[mi * Y + y]!.add(x);
      }
    });
  }
  summary(metric: string, year: number): SummaryResult {
    const mi = this.metricNames.indexOf(metric);
    if (mi < 0) throw new RangeError(`unknown metric '${metric}'`);
    return this.cells[mi * (this.years + 1) + year]!.result();
  }
}
