/**
 * PRIM, the Patient Rule Induction Method (Friedman & Fisher 1999), as scenario discovery uses it
 * (Bryant & Lempert 2010; the EMA Workbench's `prim`): find simple boxes — one interval per
 * parameter — in which a binary outcome of interest is concentrated.
 *
 * Peeling: start from the box of all points; at each step try, for every parameter, cutting off the
 * lowest or the highest `alpha` share (default 5 %) of the points still in the box (for a parameter
 * with at most {@link CATEGORICAL_LEVELS} distinct values: its lowest or highest remaining value), and
 * keep the cut that leaves the highest density (share of outcome points in the box; ties: the larger
 * box, then the parameter listed first). Stop when no cut leaves at least `minMass` of all points or
 * the density is 1. Every step is recorded (the peeling trajectory) with its
 * - coverage: outcome points in the box / all outcome points,
 * - density: outcome points in the box / points in the box,
 * - mass: points in the box / all points.
 *
 * The box reported is the one of highest coverage among the steps with density ≥ `threshold`
 * (default 0.8); when no step reaches it, the step of highest density. Its restrictions are then
 * simplified: a restriction is dropped (the interval reset to the full range) when that lowers the
 * density by at most 0.01 (Bryant & Lempert's emphasis on interpretable boxes), and then, down to
 * `maxRestrictions`, the restriction whose removal costs the least density. With `boxes` > 1 the
 * search repeats on the points outside the boxes found (the covering approach), as long as outcome
 * points remain.
 *
 * Deterministic: no randomness; the same data give the same boxes.
 *
 * References: J. H. Friedman & N. I. Fisher (1999), Bump hunting in high-dimensional data,
 * Statistics and Computing 9(2), 123–143; B. P. Bryant & R. J. Lempert (2010), Thinking inside the
 * box: a participatory, computer-assisted approach to scenario discovery, Technological Forecasting
 * and Social Change 77(1), 34–49; J. H. Kwakkel (2017), The Exploratory Modeling Workbench,
 * Environmental Modelling & Software 96, 239–250.
 *
 * Indexing: indices are loop counters below the lengths of the arrays they read; the `!` on element
 * reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 */

/** Parameters with at most this many distinct values are peeled value by value. */
export const CATEGORICAL_LEVELS = 6;

export interface PrimOptions {
  /** Share of the box's points cut off per peel (default 0.05). */
  alpha?: number;
  /** Smallest box, as a share of all points (default 0.05). */
  minMass?: number;
  /** Density a reported box should reach (default 0.8). */
  threshold?: number;
  /** Boxes to find (covering; default 1). */
  boxes?: number;
  /**
   * Most parameters a reported box may restrict (default: no limit): restrictions are dropped, the
   * cheapest in density first, until the box has at most this many.
   */
  maxRestrictions?: number;
}

/** One interval per parameter (the full range where the box does not restrict it). */
export interface PrimBox {
  lower: number[];
  upper: number[];
  /** Parameters the box restricts (indices). */
  restricted: number[];
  coverage: number;
  density: number;
  mass: number;
  /** Points in the box. */
  points: number;
}

export interface PrimStep {
  lower: number[];
  upper: number[];
  coverage: number;
  density: number;
  mass: number;
}

export interface PrimResult {
  boxes: PrimBox[];
  /** The peeling trajectory of the first box. */
  trajectory: PrimStep[];
  /** Outcome points / all points. */
  baseDensity: number;
}

function inBox(x: readonly (readonly number[])[], i: number, lower: readonly number[], upper: readonly number[]): boolean {
  const row = x[i]!;
  for (let j = 0; j < lower.length; j++) {
    const v = row[j]!;
    if (v < lower[j]! || v > upper[j]!) return false;
  }
  return true;
}

function stats(x: readonly (readonly number[])[], y: readonly boolean[], idx: readonly number[], lower: number[], upper: number[]) {
  let n = 0;
  let hits = 0;
  for (const i of idx) {
    if (!inBox(x, i, lower, upper)) continue;
    n++;
    if (y[i]) hits++;
  }
  return { n, hits };
}

/**
 * Find boxes where `y` is true, over points `x` (rows; one column per parameter). `lo`/`hi` are the
 * parameters' full ranges (defaults: the data's minimum and maximum).
 */
export function prim(
  x: readonly (readonly number[])[],
  y: readonly boolean[],
  opts: PrimOptions & { lo?: readonly number[]; hi?: readonly number[] } = {},
): PrimResult {
  const N = x.length;
  if (N === 0 || y.length !== N) throw new RangeError(`prim: expected as many outcomes as points (got ${y.length} and ${N})`);
  const k = x[0]!.length;
  const alpha = opts.alpha ?? 0.05;
  const minMass = opts.minMass ?? 0.05;
  const threshold = opts.threshold ?? 0.8;
  const wanted = Math.max(1, Math.floor(opts.boxes ?? 1));
  const lo = Array.from({ length: k }, (_, j) => opts.lo?.[j] ?? Math.min(...x.map((r) => r[j]!)));
  const hi = Array.from({ length: k }, (_, j) => opts.hi?.[j] ?? Math.max(...x.map((r) => r[j]!)));
  const levels = Array.from({ length: k }, (_, j) => [...new Set(x.map((r) => r[j]!))].sort((a, b) => a - b));
  const categorical = levels.map((l) => l.length <= CATEGORICAL_LEVELS);
  const totalHits = y.filter(Boolean).length;
  const out: PrimResult = { boxes: [], trajectory: [], baseDensity: totalHits / N };
  let remaining = Array.from({ length: N }, (_, i) => i);
  const minPoints = Math.max(1, Math.ceil(minMass * N));

  for (let b = 0; b < wanted; b++) {
    const hitsLeft = remaining.filter((i) => y[i]).length;
    if (hitsLeft === 0 || remaining.length < minPoints) break;
    const lower = lo.slice();
    const upper = hi.slice();
    const steps: PrimStep[] = [];
    const record = (): void => {
      const s = stats(x, y, remaining, lower, upper);
      steps.push({
        lower: lower.slice(),
        upper: upper.slice(),
        coverage: s.hits / totalHits,
        density: s.n > 0 ? s.hits / s.n : 0,
        mass: s.n / N,
      });
    };
    record();
    for (;;) {
      const cur = steps[steps.length - 1]!;
      if (cur.density >= 1) break;
      const inside = remaining.filter((i) => inBox(x, i, lower, upper));
      let best: { j: number; side: 'lower' | 'upper'; value: number; density: number; n: number } | undefined;
      for (let j = 0; j < k; j++) {
        const vals = inside.map((i) => x[i]![j]!).sort((a, c) => a - c);
        if (vals.length === 0 || vals[0] === vals[vals.length - 1]) continue;
        const cuts: { side: 'lower' | 'upper'; value: number }[] = [];
        if (categorical[j]) {
          // drop the lowest or the highest value present
          const present = [...new Set(vals)];
          cuts.push({ side: 'lower', value: present[1]! });
          cuts.push({ side: 'upper', value: present[present.length - 2]! });
        } else {
          const m = Math.max(1, Math.floor(alpha * vals.length));
          // new bounds strictly inside the current points: cut values below / above
          const qLo = vals[m]!;
          const qHi = vals[vals.length - 1 - m]!;
          if (qLo > vals[0]!) cuts.push({ side: 'lower', value: qLo });
          if (qHi < vals[vals.length - 1]!) cuts.push({ side: 'upper', value: qHi });
        }
        for (const c of cuts) {
          const l2 = lower.slice();
          const u2 = upper.slice();
          if (c.side === 'lower') l2[j] = c.value;
          else u2[j] = c.value;
          const s = stats(x, y, remaining, l2, u2);
          if (s.n < minPoints) continue;
          const density = s.hits / s.n;
          if (!best || density > best.density || (density === best.density && s.n > best.n))
            best = { j, side: c.side, value: c.value, density, n: s.n };
        }
      }
      if (!best) break;
      if (best.side === 'lower') lower[best.j] = best.value;
      else upper[best.j] = best.value;
      record();
    }
    if (b === 0) out.trajectory = steps;
    // the box: highest coverage at density ≥ threshold, else highest density
    const good = steps.filter((s) => s.density >= threshold);
    const pick =
      good.length > 0 ? good.reduce((a, c) => (c.coverage > a.coverage ? c : a)) : steps.reduce((a, c) => (c.density > a.density ? c : a));
    const boxLo = pick.lower.slice();
    const boxHi = pick.upper.slice();
    /** Density of the box with restriction j dropped (its interval reset to the full range). */
    const densityWithout = (j: number): number => {
      const l2 = boxLo.slice();
      const u2 = boxHi.slice();
      l2[j] = lo[j]!;
      u2[j] = hi[j]!;
      const st = stats(x, y, remaining, l2, u2);
      return st.n > 0 ? st.hits / st.n : 0;
    };
    const drop = (j: number): void => {
      boxLo[j] = lo[j]!;
      boxHi[j] = hi[j]!;
    };
    const isRestricted = (j: number): boolean => boxLo[j] !== lo[j] || boxHi[j] !== hi[j];
    // simplify: drop restrictions that cost at most 0.01 of density
    let dens = pick.density;
    for (let j = 0; j < k; j++) {
      if (!isRestricted(j)) continue;
      const d2 = densityWithout(j);
      if (d2 >= dens - 0.01) {
        drop(j);
        dens = d2;
      }
    }
    // then, down to maxRestrictions, the restriction whose removal costs the least density
    const maxR = opts.maxRestrictions ?? k;
    for (;;) {
      const active = Array.from({ length: k }, (_, j) => j).filter(isRestricted);
      if (active.length <= maxR) break;
      let bestJ = active[0]!;
      let bestD = -1;
      for (const j of active) {
        const d2 = densityWithout(j);
        if (d2 > bestD) {
          bestD = d2;
          bestJ = j;
        }
      }
      drop(bestJ);
    }
    const s = stats(x, y, remaining, boxLo, boxHi);
    const restricted: number[] = [];
    for (let j = 0; j < k; j++) if (boxLo[j] !== lo[j] || boxHi[j] !== hi[j]) restricted.push(j);
    out.boxes.push({
      lower: boxLo,
      upper: boxHi,
      restricted,
      coverage: s.hits / totalHits,
      density: s.n > 0 ? s.hits / s.n : 0,
      mass: s.n / N,
      points: s.n,
    });
    if (restricted.length === 0) break;
    remaining = remaining.filter((i) => !inBox(x, i, boxLo, boxHi));
  }
  return out;
}

/**
 * A box as readable conditions: `name ≥ a`, `name ≤ b`, `name between a and b`, or for a parameter
 * with few values (`levels[j]`, its distinct values; null for continuous ones) `name = v` /
 * `name in {a, b}`. `ranges[j]` is the parameter's full range (a side at its end is no restriction).
 */
export function describeBox(
  box: PrimBox,
  names: readonly string[],
  ranges: readonly (readonly [number, number])[],
  levels: readonly (readonly number[] | null)[],
  digits = 3,
): string[] {
  const f = (v: number) => Number(v.toPrecision(digits)).toString();
  return box.restricted.map((j) => {
    const name = names[j]!;
    const lv = levels[j];
    const lo = box.lower[j]!;
    const hi = box.upper[j]!;
    if (lv && lv.length <= CATEGORICAL_LEVELS) {
      const kept = lv.filter((v) => v >= lo && v <= hi);
      if (kept.length === 1) return `${name} = ${f(kept[0]!)}`;
      return `${name} in {${kept.map(f).join(', ')}}`;
    }
    const [rlo, rhi] = ranges[j]!;
    if (lo <= rlo) return `${name} ≤ ${f(hi)}`;
    if (hi >= rhi) return `${name} ≥ ${f(lo)}`;
    return `${name} between ${f(lo)} and ${f(hi)}`;
  });
}
