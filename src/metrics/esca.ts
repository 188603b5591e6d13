/**
 * ESCA check of a cluster organisation: the minimum criteria of the European Secretariat for Cluster
 * Analysis for a cluster organisation (cookbook lines 510-522; `case-facts.json`
 * `esca_cluster_organisation_criteria`):
 *
 * | id | criterion | value | passes when |
 * |---|---|---|---|
 * | `staff` | staff of the cluster organisation | FTE in the reference year (`profile.staffFte`) | ≥ 0.5 |
 * | `actors` | actors in the cluster | actors in the network | ≥ 15 |
 * | `companies` | mostly companies | share of actors that are firms (helix `industry` or `startup`) | > 0.5 |
 * | `activities` | activities a year | `profile.activitiesPerYear` in the reference year, else the two-mode activities | ≥ 5 |
 * | `focus-areas` | strategic focus areas | `profile.focusAreas.length` | ≥ 2 |
 *
 * The reference year is `opts.year`, else the latest year in the profile's series (or in the activity
 * data). A criterion whose value is unknown (no profile, no years) has `value: null` and `pass: null`;
 * the overall `pass` is false if any criterion fails, null if none fails but some are unknown, else
 * true. Passing these minimums is necessary for an ESCA label (Bronze/Silver/Gold), not sufficient.
 */
import type { HelixRole, Network, YearValue } from '../model/types.js';

export const ESCA_THRESHOLDS = Object.freeze({ staffFte: 0.5, actors: 15, companyShare: 0.5, activitiesPerYear: 5, focusAreas: 2 });

export type EscaCriterionId = 'staff' | 'actors' | 'companies' | 'activities' | 'focus-areas';

export interface EscaCriterion {
  id: EscaCriterionId;
  label: string;
  /** The requirement in words, e.g. `≥ 0.5 FTE`. */
  requirement: string;
  value: number | null;
  threshold: number;
  pass: boolean | null;
  /** Where the value comes from. */
  source: string;
}

export interface EscaResult {
  pass: boolean | null;
  year: number | null;
  criteria: EscaCriterion[];
}

const FIRMS: readonly HelixRole[] = ['industry', 'startup'];

function valueFor(series: readonly YearValue[] | undefined, year: number | undefined): { value: number; year: number } | null {
  if (!series || series.length === 0) return null;
  if (year !== undefined) {
    const hit = series.find((s) => s.year === year);
    return hit ? { value: hit.value, year: hit.year } : null;
  }
  let best = series[0]!;
  for (const s of series) if (s.year > best.year) best = s;
  return { value: best.value, year: best.year };
}

/** Check the ESCA minimum criteria (see the module doc). */
export function escaCheck(net: Network, opts: { year?: number } = {}): EscaResult {
  const p = net.profile;
  const g = net.graph;
  const actors = g.order;
  let firms = 0;
  g.forEachNode((_id, a) => {
    if (FIRMS.includes(a.helix)) firms++;
  });
  let refYear: number | undefined = opts.year;
  if (refYear === undefined && p) {
    const years = [...p.staffFte, ...p.activitiesPerYear].map((s) => s.year);
    if (years.length > 0) refYear = Math.max(...years);
  }
  if (refYear === undefined) {
    const years = net.activities.flatMap((a) => [a.year, a.endYear]).filter((y): y is number => typeof y === 'number');
    if (years.length > 0) refYear = Math.max(...years);
  }
  const criteria: EscaCriterion[] = [];
  const staff = valueFor(p?.staffFte, refYear);
  criteria.push({
    id: 'staff',
    label: 'Staff of the cluster organisation (FTE)',
    requirement: `≥ ${ESCA_THRESHOLDS.staffFte} FTE`,
    value: staff ? staff.value : null,
    threshold: ESCA_THRESHOLDS.staffFte,
    pass: staff ? staff.value >= ESCA_THRESHOLDS.staffFte : null,
    source: staff ? `profile.staffFte (${staff.year})` : p ? 'profile.staffFte: no value for the year' : 'no organisation profile',
  });
  criteria.push({
    id: 'actors',
    label: 'Actors in the cluster',
    requirement: `≥ ${ESCA_THRESHOLDS.actors} actors`,
    value: actors,
    threshold: ESCA_THRESHOLDS.actors,
    pass: actors >= ESCA_THRESHOLDS.actors,
    source: 'actors in the network',
  });
  const share = actors > 0 ? firms / actors : null;
  criteria.push({
    id: 'companies',
    label: 'Mostly companies (share of firms)',
    requirement: `more than ${ESCA_THRESHOLDS.companyShare * 100}% of actors are firms`,
    value: share,
    threshold: ESCA_THRESHOLDS.companyShare,
    pass: share === null ? null : share > ESCA_THRESHOLDS.companyShare,
    source: 'helix roles industry and startup',
  });
  const acts = valueFor(p?.activitiesPerYear, refYear);
  let actValue: number | null = acts ? acts.value : null;
  let actSource = acts ? `profile.activitiesPerYear (${acts.year})` : '';
  if (actValue === null && refYear !== undefined && net.activities.some((a) => typeof a.year === 'number')) {
    const y = refYear;
    actValue = net.activities.filter((a) => typeof a.year === 'number' && a.year <= y && (a.endYear ?? a.year) >= y).length;
    actSource = `activities in the two-mode data running in ${y}`;
  }
  if (actValue === null) actSource = 'no activity counts or activity years';
  criteria.push({
    id: 'activities',
    label: 'Different activities a year',
    requirement: `≥ ${ESCA_THRESHOLDS.activitiesPerYear} a year`,
    value: actValue,
    threshold: ESCA_THRESHOLDS.activitiesPerYear,
    pass: actValue === null ? null : actValue >= ESCA_THRESHOLDS.activitiesPerYear,
    source: actSource,
  });
  const focus = p ? p.focusAreas.length : null;
  criteria.push({
    id: 'focus-areas',
    label: 'Strategic focus areas',
    requirement: `≥ ${ESCA_THRESHOLDS.focusAreas}`,
    value: focus,
    threshold: ESCA_THRESHOLDS.focusAreas,
    pass: focus === null ? null : focus >= ESCA_THRESHOLDS.focusAreas,
    source: p ? 'profile.focusAreas' : 'no organisation profile',
  });
  const pass = criteria.some((c) => c.pass === false) ? false : criteria.some((c) => c.pass === null) ? null : true;
  return { pass, year: refYear ?? null, criteria };
}
