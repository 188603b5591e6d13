/**
 * Tie dynamics of a simulated run, measured exactly as the CORDIS H2020 participations are
 * (`tieDynamicsOfProjects`, src/metrics/tie-dynamics.ts; docs/calibration.md "Tie dynamics"):
 * the run's joint projects (mechanisms/rdi.ts) are the records — start = the year index a project
 * started in, end = start + its duration, participants = the partners — and for the organisation
 * pairs whose first joint project started in a year, the counts of pairs that had another joint
 * project (again), whose next one started before the first had ended (overlap) or only after it
 * (after). Observation ends with the run: `observedUntil` = years + 1, the end of the last
 * simulated year (a next project is seen if it started in any simulated year).
 *
 * - {@link tieSeries}: the counts by first-start year index t = 1..years (index 0 stays 0): what the
 *   calibration reads as the metrics {@link TIE_METRICS} (`tiePairs`, `tieAgain`, `tieOverlap`,
 *   `tieAfter`), pooled over a window of years by a target of kind `share`.
 * - {@link tieWindow}: the window of the run's diagnostics, chosen to have the follow-up of the H2020
 *   measure: CORDIS pairs whose first joint project started in 2014–2016, in a table extracted on
 *   2020-12-14 — project starts are seen until about the end of 2020 (the 2021 starts in it are the
 *   few already signed) — have 4–7 years of follow-up; the engine's years Y − 6 … Y − 4 of a Y-year
 *   run are followed for 4–7 years (to the end of year Y). Runs of fewer than 5 years have no window
 *   (null).
 *
 * The shares are of the pairs in the window (NaN without pairs). Organisation pairs in the model are
 * member pairs; projects have 2 or 3 partners, so the comparable CORDIS figure counts projects of at
 * most 3 participants (docs/model.md 3.5).
 */
import { tieDynamicsOfProjects } from '../metrics/tie-dynamics.js';
import type { JointProject } from '../metrics/tie-dynamics.js';

/** The calibration metrics of tie dynamics: counts of pairs by the year index of their first joint project. */
export const TIE_METRICS = ['tiePairs', 'tieAgain', 'tieOverlap', 'tieAfter'] as const;
export type TieMetricName = (typeof TIE_METRICS)[number];

/** Counts of pairs by first-start year index (index 0 is always 0: no project starts in year 0). */
export interface TieSeries {
  tiePairs: Float64Array;
  tieAgain: Float64Array;
  tieOverlap: Float64Array;
  tieAfter: Float64Array;
}

/** Pooled counts over a window of first-start years. */
export interface TieCounts {
  pairs: number;
  again: number;
  overlap: number;
  after: number;
}

/**
 * The H2020 figures the engine is compared with (`helixlab cordis-dynamics participations.csv.gz
 * --max-size 3`, ../shared/data/cordis-h2020; docs/model.md 3.5): pairs whose first joint project
 * (of at most 3 participants, as the engine's) started in 2014–2016. Source: CORDIS, European Union.
 */
export const CORDIS_H2020_SMALL_TIES = { pairs: 1557, shareAgain: 0.122, shareOverlap: 0.055, shareAfter: 0.067 } as const;

/** Years from the first start year of the diagnostics window to the last simulated year (see the module doc). */
export const TIE_WINDOW_LAG = 6;
/** Number of first-start years in the diagnostics window (the H2020 window 2014–2016). */
export const TIE_WINDOW_YEARS = 3;

/**
 * The diagnostics window of a `years`-year run, in year indices: first joint projects started in
 * years max(1, Y − 6) … Y − 4; null when Y − 4 < 1.
 */
export function tieWindow(years: number): { from: number; to: number } | null {
  const to = years - TIE_WINDOW_LAG + TIE_WINDOW_YEARS - 1;
  if (to < 1) return null;
  return { from: Math.max(1, years - TIE_WINDOW_LAG), to };
}

/** The tie counts of a run's projects by first-start year index, observed until the end of year `years`. */
export function tieSeries(projects: readonly JointProject[], years: number, into?: TieSeries): TieSeries {
  const out: TieSeries = into ?? {
    tiePairs: new Float64Array(years + 1),
    tieAgain: new Float64Array(years + 1),
    tieOverlap: new Float64Array(years + 1),
    tieAfter: new Float64Array(years + 1),
  };
  out.tiePairs.fill(0, 0, years + 1);
  out.tieAgain.fill(0, 0, years + 1);
  out.tieOverlap.fill(0, 0, years + 1);
  out.tieAfter.fill(0, 0, years + 1);
  if (years < 1 || projects.length === 0) return out;
  // every project has at most 3 partners: at most 3 pairs each
  const r = tieDynamicsOfProjects(projects, { from: 1, to: years, observedUntil: years + 1, expectedPairs: 3 * projects.length });
  for (const row of r.byStartYear) {
    out.tiePairs[row.year] = row.pairs;
    out.tieAgain[row.year] = row.again;
    out.tieOverlap[row.year] = row.overlap;
    out.tieAfter[row.year] = row.after;
  }
  return out;
}

/** The counts pooled over first-start years `from`…`to` (indices). */
export function poolTies(series: TieSeries, from: number, to: number): TieCounts {
  const c: TieCounts = { pairs: 0, again: 0, overlap: 0, after: 0 };
  for (let t = from; t <= to; t++) {
    c.pairs += series.tiePairs[t] ?? 0;
    c.again += series.tieAgain[t] ?? 0;
    c.overlap += series.tieOverlap[t] ?? 0;
    c.after += series.tieAfter[t] ?? 0;
  }
  return c;
}
