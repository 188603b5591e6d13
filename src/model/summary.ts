/**
 * The summary of a network shown by `helixlab info`: counts of actors by helix role and by
 * role × subtype, ties (explicit and projected from activities, counted separately), activities,
 * connected components, isolates, the helix coverage and a headline of the cluster profile.
 *
 * Conventions:
 * - Ties are counted as edges of the multigraph: every explicit tie as read (`origin` 'tie'), and
 *   every projected (actor pair, tie kind) from the activities (`origin` 'affiliation').
 *   `pairs` is the number of distinct connected actor pairs (parallel ties merged, self-loops
 *   dropped: the simple graph the metrics use); `density` = pairs / (n (n-1) / 2), 0 when n < 2.
 * - Components are the connected components of that simple graph (an isolate is a component of
 *   one actor); a self-loop does not connect an actor to anything.
 * - Helix coverage ({@link helixCoverage}) is the ONE place coverage is computed; see
 *   docs/helix-model.md. Triple helix = industry + research-education + public (Etzkowitz &
 *   Leydesdorff); quadruple = triple + civil-society (Carayannis & Campbell); penta = triple +
 *   startup + financier, the usage of the Nordic cluster hub cited in the cluster cookbook
 *   (lines 499-506). The `individual` role counts towards none of them.
 */
import { UnionFind } from '../util/union-find.js';
import { HELIX_ROLES, type HelixRole, type Network, type YearValue } from './types.js';

export const TRIPLE_HELIX: readonly HelixRole[] = ['industry', 'research-education', 'public'];
export const QUADRUPLE_HELIX: readonly HelixRole[] = [...TRIPLE_HELIX, 'civil-society'];
export const PENTA_HELIX: readonly HelixRole[] = [...TRIPLE_HELIX, 'startup', 'financier'];

export interface HelixCoverage {
  triple: boolean;
  quadruple: boolean;
  penta: boolean;
  /** The strands each model lacks (roles with no actor), in HELIX_ROLES order. */
  missing: { triple: HelixRole[]; quadruple: HelixRole[]; penta: HelixRole[] };
}

/** Which helix models a set of role counts covers: a strand is present when its count is > 0. */
export function helixCoverage(counts: Partial<Record<HelixRole, number>>): HelixCoverage {
  const lacking = (model: readonly HelixRole[]) => model.filter((r) => !((counts[r] ?? 0) > 0));
  const missing = { triple: lacking(TRIPLE_HELIX), quadruple: lacking(QUADRUPLE_HELIX), penta: lacking(PENTA_HELIX) };
  return {
    triple: missing.triple.length === 0,
    quadruple: missing.quadruple.length === 0,
    penta: missing.penta.length === 0,
    missing,
  };
}

export interface ProfileHeadline {
  name: string;
  form: string;
  coordinators: string[];
  /** Staff of the latest year given. */
  staffFte?: YearValue;
  /** Funding of the latest year given: total and by funding type. */
  funding?: { year: number; eur: number; byType: Record<string, number> };
  /** Activities of the latest year given. */
  activitiesPerYear?: YearValue;
  focusAreas: string[];
  sections: number;
}

export interface NetworkSummary {
  name?: string;
  source?: string;
  actors: number;
  ties: {
    /** Ties as read from the file. */
    explicit: number;
    /** Ties projected from activities (one per actor pair and tie kind). */
    projected: number;
    selfLoops: number;
    /** Distinct connected actor pairs (simple graph). */
    pairs: number;
    density: number;
  };
  activities: number;
  activitiesByKind: Record<string, number>;
  /** Actors by helix role (every role listed, zeros included). */
  roles: Record<HelixRole, number>;
  /** Actors by role and subtype ('unspecified' when the actor has no subtype); only roles present. */
  subtypes: Partial<Record<HelixRole, Record<string, number>>>;
  components: { count: number; largest: number };
  isolates: number;
  coverage: HelixCoverage;
  profile?: ProfileHeadline;
  /** Ties named in a member survey (kind `survey`), only when there are any. */
  survey?: SurveySummary;
}

/**
 * The member-survey ties of a network (kind `survey`, from `helixlab import survey`): how many, of
 * which years, and their reciprocity. `bothResponded` counts the ties between two actors who both
 * answered (the tie attribute `reciprocal` is true or false; it is absent when one of them did not
 * answer), `reciprocal` those where both named each other.
 */
export interface SurveySummary {
  ties: number;
  years: number[];
  bothResponded: number;
  reciprocal: number;
}

/** The {@link SurveySummary} of a network, or undefined when it has no survey ties. */
export function surveySummary(net: Network): SurveySummary | undefined {
  let ties = 0;
  let both = 0;
  let recip = 0;
  const years = new Set<number>();
  net.graph.forEachEdge((_e, a) => {
    if (a.kind !== 'survey') return;
    ties++;
    if (typeof a.since === 'number') years.add(a.since);
    const r = a['reciprocal'];
    if (typeof r === 'boolean') {
      both++;
      if (r) recip++;
    }
  });
  if (ties === 0) return undefined;
  return { ties, years: [...years].sort((x, y) => x - y), bothResponded: both, reciprocal: recip };
}

function latest<T extends { year: number }>(list: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const x of list) if (best === undefined || x.year > best.year) best = x;
  return best;
}

/** Summarise a network (see the module doc for the conventions). */
export function summarizeNetwork(net: Network): NetworkSummary {
  const g = net.graph;
  const roles = Object.fromEntries(HELIX_ROLES.map((r) => [r, 0])) as Record<HelixRole, number>;
  const subtypes: Partial<Record<HelixRole, Record<string, number>>> = {};
  const index = new Map<string, number>();
  g.forEachNode((id, a) => {
    index.set(id, index.size);
    roles[a.helix] = (roles[a.helix] ?? 0) + 1;
    const st = typeof a.subtype === 'string' && a.subtype !== '' ? a.subtype : 'unspecified';
    const bucket = (subtypes[a.helix] ??= {});
    bucket[st] = (bucket[st] ?? 0) + 1;
  });
  const n = index.size;

  // union-find over non-loop edges; distinct pairs
  const sets = new UnionFind(n);
  let explicit = 0;
  let projected = 0;
  let selfLoops = 0;
  const pairs = new Set<string>();
  const degree = new Int32Array(n);
  g.forEachEdge((_e, a, s, t) => {
    if (a.origin === 'affiliation') projected++;
    else explicit++;
    if (s === t) {
      selfLoops++;
      return;
    }
    const i = index.get(s)!;
    const j = index.get(t)!;
    const key = i < j ? `${i},${j}` : `${j},${i}`;
    if (!pairs.has(key)) {
      pairs.add(key);
      degree[i]!++;
      degree[j]!++;
    }
    sets.union(i, j);
  });
  const sizes = new Map<number, number>();
  let isolates = 0;
  for (let i = 0; i < n; i++) {
    const r = sets.find(i);
    sizes.set(r, (sizes.get(r) ?? 0) + 1);
    if (degree[i] === 0) isolates++;
  }
  let largest = 0;
  for (const s of sizes.values()) largest = Math.max(largest, s);

  const activitiesByKind: Record<string, number> = {};
  for (const act of net.activities) activitiesByKind[act.kind] = (activitiesByKind[act.kind] ?? 0) + 1;

  const summary: NetworkSummary = {
    actors: n,
    ties: {
      explicit,
      projected,
      selfLoops,
      pairs: pairs.size,
      density: n < 2 ? 0 : pairs.size / ((n * (n - 1)) / 2),
    },
    activities: net.activities.length,
    activitiesByKind,
    roles,
    subtypes,
    components: { count: sizes.size, largest },
    isolates,
    coverage: helixCoverage(roles),
  };
  if (net.name !== undefined) summary.name = net.name;
  if (net.source !== undefined) summary.source = net.source;
  if (net.profile) {
    const p = net.profile;
    const head: ProfileHeadline = {
      name: p.name,
      form: p.form,
      coordinators: [...p.coordinators],
      focusAreas: [...p.focusAreas],
      sections: p.sections.length,
    };
    const staff = latest(p.staffFte);
    if (staff) head.staffFte = staff;
    const acts = latest(p.activitiesPerYear);
    if (acts) head.activitiesPerYear = acts;
    const lastFunding = latest(p.funding);
    if (lastFunding) {
      const byType: Record<string, number> = {};
      let eur = 0;
      for (const f of p.funding) {
        if (f.year !== lastFunding.year) continue;
        byType[f.type] = (byType[f.type] ?? 0) + f.eur;
        eur += f.eur;
      }
      head.funding = { year: lastFunding.year, eur, byType };
    }
    summary.profile = head;
  }
  const survey = surveySummary(net);
  if (survey) summary.survey = survey;
  return summary;
}

/** One actor attribute as `helixlab info --attributes` lists it. */
export interface AttributeSummary {
  name: string;
  /** Actors with a value (not null, not empty text). */
  actors: number;
  type: 'number' | 'text' | 'boolean' | 'mixed';
  /** Numbers only: the smallest and largest value. */
  min?: number;
  max?: number;
}

/** What the actors carry besides id, label and role: positions and every other attribute. */
export interface AttributesSummary {
  /** Actors with numeric `x` and `y` (a position, e.g. GEXF `viz:position`). */
  positions: number;
  /** Every attribute by name (first-seen order), `x` and `y` included. */
  attributes: AttributeSummary[];
}

/**
 * The attributes of a network's actors (for `helixlab info --attributes`): which attributes the
 * actors carry, on how many actors, of what type, and the range of numeric ones; and how many
 * actors have a position. The fixed fields id, label and helix are not listed.
 */
export function summarizeAttributes(net: Network): AttributesSummary {
  const byName = new Map<string, { actors: number; types: Set<string>; min: number; max: number }>();
  let positions = 0;
  net.graph.forEachNode((_id, a) => {
    if (typeof a['x'] === 'number' && typeof a['y'] === 'number') positions++;
    for (const [k, v] of Object.entries(a)) {
      if (k === 'label' || k === 'helix' || v === undefined || v === null || v === '') continue;
      let s = byName.get(k);
      if (!s) byName.set(k, (s = { actors: 0, types: new Set(), min: Infinity, max: -Infinity }));
      s.actors++;
      const t = typeof v === 'number' ? 'number' : typeof v === 'boolean' ? 'boolean' : 'text';
      s.types.add(t);
      if (typeof v === 'number' && Number.isFinite(v)) {
        if (v < s.min) s.min = v;
        if (v > s.max) s.max = v;
      }
    }
  });
  const attributes: AttributeSummary[] = [...byName.entries()].map(([name, s]) => {
    const type = s.types.size === 1 ? ([...s.types][0] as AttributeSummary['type']) : 'mixed';
    const out: AttributeSummary = { name, actors: s.actors, type };
    if (type === 'number' && s.min !== Infinity) {
      out.min = s.min;
      out.max = s.max;
    }
    return out;
  });
  return { positions, attributes };
}
