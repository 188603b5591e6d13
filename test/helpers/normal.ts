/**
 * The normal distribution for tests: the CDF Φ (through erfc, W. J. Cody's rational approximations
 * as in Numerical Recipes' `erfcc`, |error| < 1.2e-7), and moments of a density on a grid by
 * Simpson's rule.
 */

/** Complementary error function (Numerical Recipes 6.2, fractional error < 1.2e-7). */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  // Horner form of the polynomial in t
  const c = [-1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223, 0.17087277];
  let poly = 0;
  for (let i = c.length - 1; i >= 0; i--) poly = c[i]! + t * poly;
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF. */
export function Phi(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Mean, sd and quantiles of an unnormalised density on [lo, hi] (Simpson on `steps` intervals, even). */
export function densityMoments(
  f: (x: number) => number,
  lo: number,
  hi: number,
  steps = 20000,
): { mean: number; sd: number; quantile: (p: number) => number } {
  const h = (hi - lo) / steps;
  let z = 0;
  let m1 = 0;
  let m2 = 0;
  const cdf = new Float64Array(steps + 1);
  let prev = f(lo);
  for (let i = 0; i <= steps; i++) {
    const x = lo + i * h;
    const w = i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2;
    const fx = f(x);
    z += w * fx;
    m1 += w * fx * x;
    m2 += w * fx * x * x;
    if (i > 0) cdf[i] = cdf[i - 1]! + ((prev + fx) / 2) * h;
    prev = fx;
  }
  const mean = m1 / z;
  const sd = Math.sqrt(m2 / z - mean * mean);
  const total = cdf[steps]!;
  const quantile = (p: number): number => {
    const target = p * total;
    let i = 1;
    while (i < steps && cdf[i]! < target) i++;
    const a = cdf[i - 1]!;
    const b = cdf[i]!;
    return lo + (i - 1 + (b > a ? (target - a) / (b - a) : 0)) * h;
  };
  return { mean, sd, quantile };
}
