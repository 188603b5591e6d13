/**
 * The generator spec: the types of a {@link GeneratorSpec} (a small, explicit description of a
 * synthetic cluster: actors per helix role, key actors, sections, projects, events, direct ties and
 * the profile), which `generateCluster` builds a HelixLab document from, and
 * {@link validateGeneratorSpec}, which checks one (it may come from a JSON scenario file).
 * See `docs/generator.md` for the meaning of every field.
 *
 * Browser-safe: no Node imports.
 */
import { DiagnosticCollector, didYouMean } from '../model/errors.js';
import {
  ACTIVITY_KINDS,
  HELIX_ROLES,
  ORGANISATION_FORMS,
  TIE_KINDS,
  type ActivityKind,
  type Attributes,
  type ClusterProfile,
  type HelixRole,
  type TieKind,
} from '../model/types.js';

/** An actor fixed by the spec: a coordinator named in the sources, or a founding member. */
export interface KeyActorSpec {
  helix: HelixRole;
  subtype?: string;
  /** Label; use real names only for organisations the sources name as coordinators. */
  label?: string;
  sector?: string;
  /** Year joined; coordinators default to `foundedYear`, others are drawn like everyone else. */
  joined?: number;
  /** Listed (by id) in `profile.coordinators`. */
  coordinator?: boolean;
  /** `false` for actors that are not members (e.g. the cluster organisation itself); default true. */
  member?: boolean;
  /**
   * Fixed activity level `a_i` instead of the drawn one (the draw is still made, so other actors keep
   * theirs): for organisations the sources describe as especially active (e.g. 5 ≈ the top 5 %).
   */
  activity?: number;
  /**
   * Activity kinds this actor takes part in every instance of (from its joined year), optionally
   * limited to the years `[from, to]` (e.g. a coordinator role that passed to another organisation).
   */
  hosts?: Array<ActivityKind | HostSpec>;
  /**
   * Tie kind of this actor's contact list (e.g. `membership` for an association's member register,
   * `information` for a development company's contact list): a direct tie of that kind to every other
   * actor it shares no activity and no direct tie with.
   */
  contactTies?: TieKind;
  attributes?: Attributes;
}

/** Hosting of one activity kind over a span of years (both ends inclusive, open when missing). */
export interface HostSpec {
  kind: ActivityKind;
  from?: number;
  to?: number;
}

export interface SectionSpec {
  id: string;
  label: string;
  /** Target number of participants. */
  size: number;
  /** `section` (default: every member gets one home section) or `team` (cross-cutting, filled by attachment only). */
  kind?: 'section' | 'team';
  /** Start year (default `foundedYear`). */
  year?: number;
  /** Relative weight per helix role (missing roles weigh 0 when a mix is given; no mix = all 1). */
  helixMix?: Partial<Record<HelixRole, number>>;
  /** Sectors whose firms are four times as likely to join. */
  sectors?: string[];
}

/** A yearly count: a mean (Poisson-distributed count) or an inclusive integer range (uniform). */
export type PerYear = number | [number, number];

export interface ProjectSpec {
  /** New projects a year: a Poisson mean or an inclusive integer range. */
  perYear: PerYear;
  /** Participants, inclusive integer range. */
  size: [number, number];
  /** Duration in years, inclusive integer range. */
  durationYears: [number, number];
  /** Probability that a slot is filled from a helix role other than the lead's. */
  crossHelix: number;
  /** First and last start years (default `foundedYear`, `lastYear`). */
  fromYear?: number;
  toYear?: number;
  /** Per-role propensity; roles not given keep the default. */
  rolePropensity?: Partial<Record<HelixRole, number>>;
  /** Label prefix (default "Project"). */
  label?: string;
}

/**
 * How an event's attendees meet: split into small groups (tables, workshop groups, one-to-one
 * meetings), one activity per group, since ties form in the small group, not across the hall.
 */
export interface GroupSpec {
  /** Group size, inclusive integer range (attendees are split as evenly as possible within it). */
  size: [number, number];
  /** Rounds (table rotations, successive meetings); every attendee is in one group per round. Default 1. */
  rounds?: number;
  /** Kind of the group activities (default the event's kind). */
  kind?: ActivityKind;
  /** Word for a group in labels (default "group"), e.g. "table", "meeting". */
  label?: string;
  /**
   * Whether the hosts of the group kind sit in every group (default true: the convenor joins each
   * table or brokered meeting); false for one-to-one meetings the host arranges but does not attend.
   */
  withHosts?: boolean;
}

export interface EventSpec {
  /** Events a year: a Poisson mean or an inclusive integer range. */
  perYear: PerYear;
  /** Attendance, inclusive integer range (capped by the actors present). */
  attendance: [number, number];
  /** Label, e.g. "Morning coffee"; also the id prefix (slugged). */
  label?: string;
  /** Activity kind (default `event`; `visit`, `matchmaking` ...). */
  kind?: ActivityKind;
  fromYear?: number;
  toYear?: number;
  /** Per-role propensity; roles not given keep the default. */
  rolePropensity?: Partial<Record<HelixRole, number>>;
  /** Split every event into small groups (one activity each, `attributes.partOf` = the event id). */
  groups?: GroupSpec;
}

/**
 * How sections meet: the section activity holds only its active core (chair, vice-chair and the most
 * active members, plus hosts); all members of the section work in small working groups.
 */
export interface SectionMeetingSpec {
  /** Members in the section's core meeting (chairs included; hosts come on top). */
  core: number;
  /** Working-group size, inclusive integer range; every section member is in one working group. */
  workingGroups: [number, number];
}

/** An activity stated in the sources (a named project, a leadership group ...). */
export interface NamedActivitySpec {
  id: string;
  label: string;
  kind: ActivityKind;
  year: number;
  endYear?: number;
  /** Participants drawn (hosts come on top). */
  size: number;
  helixMix?: Partial<Record<HelixRole, number>>;
  attributes?: Attributes;
}

export interface DirectTieSpec {
  /** Mean number of direct ties per actor (mean direct degree). */
  perActor: number;
  /** 0 = partners uniformly at random, 1 = only the same role. */
  homophily: number;
  /** Probability that a new tie closes a triangle. */
  triadicClosure: number;
}

export interface GeneratorSpec {
  name: string;
  description?: string;
  source?: string;
  /** Actors per helix role (key actors included). */
  counts: Partial<Record<HelixRole, number>>;
  /** Per role: counts (summing to the role's count) or shares (summing to at most 1) per subtype. */
  subtypes?: Partial<Record<HelixRole, Record<string, number>>>;
  /** Sector mix of firms (industry, startups): a list (equal shares) or shares/weights. */
  sectors?: string[] | Record<string, number>;
  region?: string;
  /** Label stem per role, e.g. `{ industry: 'Construction firm' }` → "Construction firm 12 (SME)". */
  labels?: Partial<Record<HelixRole, string>>;
  foundedYear: number;
  lastYear: number;
  /** Cumulative member path to follow for the joined years (first point = founding size). */
  growth?: Array<{ year: number; members: number }>;
  keyActors?: KeyActorSpec[];
  sections?: SectionSpec[];
  /** Draw a chair and a vice-chair per section and add a board team of them. */
  sectionChairs?: boolean;
  /** Sections meet as a core plus working groups instead of all members together (teams are unaffected). */
  sectionMeetings?: SectionMeetingSpec;
  namedActivities?: NamedActivitySpec[];
  projects?: ProjectSpec;
  events?: EventSpec | EventSpec[];
  directTies?: DirectTieSpec;
  /** σ of the log-normal activity level (default 0.8). */
  activityDispersion?: number;
  /** β of the preferential attachment `(1 + k)^β` (default 0.5). */
  attachmentExponent?: number;
  /** Names of coordinators that are not actors of the network. */
  coordinators?: string[];
  profile?: Partial<ClusterProfile>;
  seed: number | string;
}

// ---------------------------------------------------------------------------------------------
// Validation

function isInt(x: unknown): x is number {
  return typeof x === 'number' && Number.isInteger(x);
}
function isNum(x: unknown): x is number {
  return typeof x === 'number' && Number.isFinite(x);
}

/**
 * Check a spec (it may come from a JSON scenario file). Throws an `InputError` listing every
 * problem, each with the field path; `file` names the spec's file in the messages when given.
 */
export function validateGeneratorSpec(spec: GeneratorSpec, file?: string): void {
  const dc = new DiagnosticCollector(file);
  const err = (field: string, message: string, code = 'bad-generator-spec'): void => dc.error(code, message, { field });
  const roles = HELIX_ROLES as readonly string[];
  const checkRole = (field: string, r: string): boolean => {
    if (roles.includes(r)) return true;
    const dym = didYouMean(r, roles);
    err(field, `unknown helix role "${r}"${dym ? ` (did you mean "${dym}"?)` : ''}; expected one of ${roles.join(', ')}`, 'unknown-helix');
    return false;
  };
  const checkMix = (field: string, mix: Partial<Record<string, number>> | undefined): void => {
    if (mix === undefined) return;
    for (const [r, w] of Object.entries(mix)) {
      checkRole(`${field}.${r}`, r);
      if (!isNum(w) || w < 0) err(`${field}.${r}`, `expected a weight >= 0, got ${String(w)}`);
    }
  };
  const checkRange = (field: string, r: unknown, min: number): void => {
    if (!Array.isArray(r) || r.length !== 2 || !isInt(r[0]) || !isInt(r[1]) || r[0] < min || r[1] < r[0]) {
      err(field, `expected [low, high] integers with ${min} <= low <= high, got ${JSON.stringify(r)}`);
    }
  };
  const checkPerYear = (field: string, v: unknown): void => {
    if (Array.isArray(v)) checkRange(field, v, 0);
    else if (!isNum(v) || v < 0 || v > 1000) err(field, `expected a mean 0..1000 or a [low, high] range, got ${JSON.stringify(v)}`);
  };
  const checkYear = (field: string, y: unknown): void => {
    if (y !== undefined && (!isInt(y) || y < 1800 || y > 2200)) err(field, `expected a year, got ${String(y)}`);
  };

  if (typeof spec.name !== 'string' || spec.name === '') err('name', 'expected a non-empty name');
  if (!(typeof spec.seed === 'string' || isNum(spec.seed))) err('seed', 'expected a number or a string');
  if (!isInt(spec.foundedYear)) err('foundedYear', `expected an integer year, got ${String(spec.foundedYear)}`);
  if (!isInt(spec.lastYear)) err('lastYear', `expected an integer year, got ${String(spec.lastYear)}`);
  if (isInt(spec.foundedYear) && isInt(spec.lastYear) && spec.lastYear < spec.foundedYear) {
    err('lastYear', `lastYear ${spec.lastYear} is before foundedYear ${spec.foundedYear}`);
  }
  let total = 0;
  if (spec.counts === null || typeof spec.counts !== 'object') err('counts', 'expected counts per helix role');
  else {
    for (const [r, n] of Object.entries(spec.counts)) {
      checkRole(`counts.${r}`, r);
      if (!isInt(n) || n < 0) err(`counts.${r}`, `expected a count >= 0, got ${String(n)}`);
      else total += n;
    }
    if (total < 1) err('counts', 'expected at least one actor');
    if (total > 100000) err('counts', `at most 100000 actors, got ${total}`);
  }
  const counts = spec.counts ?? {};
  const keyByRole = new Map<string, number>();
  (spec.keyActors ?? []).forEach((k, i) => {
    const f = `keyActors[${i}]`;
    if (!checkRole(`${f}.helix`, k.helix)) return;
    keyByRole.set(k.helix, (keyByRole.get(k.helix) ?? 0) + 1);
    checkYear(`${f}.joined`, k.joined);
    if (k.activity !== undefined && (!isNum(k.activity) || k.activity <= 0 || k.activity > 1000)) {
      err(`${f}.activity`, `expected an activity level > 0, got ${String(k.activity)}`);
    }
    if (k.contactTies !== undefined && !(TIE_KINDS as readonly string[]).includes(k.contactTies)) {
      err(`${f}.contactTies`, `unknown tie kind "${String(k.contactTies)}"; expected one of ${TIE_KINDS.join(', ')}`);
    }
    (k.hosts ?? []).forEach((h, j) => {
      const kind = typeof h === 'string' ? h : h?.kind;
      if (!(ACTIVITY_KINDS as readonly string[]).includes(kind)) {
        err(`${f}.hosts[${j}]`, `unknown activity kind "${String(kind)}"; expected one of ${ACTIVITY_KINDS.join(', ')}`);
      }
      if (typeof h === 'object' && h !== null) {
        checkYear(`${f}.hosts[${j}].from`, h.from);
        checkYear(`${f}.hosts[${j}].to`, h.to);
      }
    });
  });
  for (const [r, n] of keyByRole) {
    const c = (counts as Record<string, number | undefined>)[r] ?? 0;
    if (n > c) err(`counts.${r}`, `${n} key actors have role ${r} but counts.${r} is ${c}`);
  }
  for (const [r, mix] of Object.entries(spec.subtypes ?? {})) {
    if (!checkRole(`subtypes.${r}`, r) || mix === undefined) continue;
    const vals = Object.values(mix);
    if (vals.some((v) => !isNum(v) || v < 0)) {
      err(`subtypes.${r}`, 'expected counts or shares >= 0');
      continue;
    }
    const sum = vals.reduce((a, b) => a + b, 0);
    const n = (counts as Record<string, number | undefined>)[r] ?? 0;
    if (sum > 1 + 1e-9 && (!vals.every(isInt) || sum !== n)) {
      err(`subtypes.${r}`, `counts must be integers summing to counts.${r} = ${n} (or give shares summing to at most 1); got sum ${sum}`);
    }
    if (sum === 0 && n > 0) err(`subtypes.${r}`, 'all shares are 0');
  }
  if (spec.sectors !== undefined && !Array.isArray(spec.sectors)) {
    for (const [s, w] of Object.entries(spec.sectors)) {
      if (!isNum(w) || w < 0) err(`sectors.${s}`, `expected a weight >= 0, got ${String(w)}`);
    }
  }
  if (spec.growth !== undefined) {
    let prev = -Infinity;
    spec.growth.forEach((g, i) => {
      checkYear(`growth[${i}].year`, g.year);
      if (!isNum(g.members) || g.members < 0) err(`growth[${i}].members`, `expected a count >= 0, got ${String(g.members)}`);
      if (isInt(g.year) && g.year <= prev) err(`growth[${i}].year`, 'growth years must increase');
      if (isInt(g.year)) prev = g.year;
    });
    if (spec.growth.length > 0 && spec.growth.every((g) => g.members === 0)) err('growth', 'the member path is all zero');
  }
  const ids = new Set<string>();
  (spec.sections ?? []).forEach((s, i) => {
    const f = `sections[${i}]`;
    if (typeof s.id !== 'string' || s.id === '') err(`${f}.id`, 'expected an id');
    else if (ids.has(s.id)) err(`${f}.id`, `duplicate activity id "${s.id}"`);
    else ids.add(s.id);
    if (!isInt(s.size) || s.size < 0) err(`${f}.size`, `expected a size >= 0, got ${String(s.size)}`);
    if (s.kind !== undefined && s.kind !== 'section' && s.kind !== 'team') {
      err(`${f}.kind`, `expected "section" or "team", got "${String(s.kind)}"`);
    }
    checkYear(`${f}.year`, s.year);
    checkMix(`${f}.helixMix`, s.helixMix);
  });
  if (spec.sectionMeetings !== undefined) {
    const sm = spec.sectionMeetings;
    if (!isInt(sm.core) || sm.core < 0) err('sectionMeetings.core', `expected a size >= 0, got ${String(sm.core)}`);
    checkRange('sectionMeetings.workingGroups', sm.workingGroups, 2);
  }
  (spec.namedActivities ?? []).forEach((a, i) => {
    const f = `namedActivities[${i}]`;
    if (typeof a.id !== 'string' || a.id === '') err(`${f}.id`, 'expected an id');
    else if (ids.has(a.id)) err(`${f}.id`, `duplicate activity id "${a.id}"`);
    else ids.add(a.id);
    if (!(ACTIVITY_KINDS as readonly string[]).includes(a.kind)) {
      err(`${f}.kind`, `unknown activity kind "${a.kind}"; expected one of ${ACTIVITY_KINDS.join(', ')}`);
    }
    checkYear(`${f}.year`, a.year);
    checkYear(`${f}.endYear`, a.endYear);
    if (!isInt(a.size) || a.size < 0) err(`${f}.size`, `expected a size >= 0, got ${String(a.size)}`);
    checkMix(`${f}.helixMix`, a.helixMix);
  });
  if (spec.projects !== undefined) {
    const p = spec.projects;
    checkPerYear('projects.perYear', p.perYear);
    checkRange('projects.size', p.size, 1);
    checkRange('projects.durationYears', p.durationYears, 1);
    if (!isNum(p.crossHelix) || p.crossHelix < 0 || p.crossHelix > 1) {
      err('projects.crossHelix', `expected a probability 0..1, got ${String(p.crossHelix)}`);
    }
    checkYear('projects.fromYear', p.fromYear);
    checkYear('projects.toYear', p.toYear);
    checkMix('projects.rolePropensity', p.rolePropensity);
  }
  eventSpecs(spec).forEach((e, i) => {
    const f = Array.isArray(spec.events) ? `events[${i}]` : 'events';
    checkPerYear(`${f}.perYear`, e.perYear);
    checkRange(`${f}.attendance`, e.attendance, 1);
    if (e.kind !== undefined && !(ACTIVITY_KINDS as readonly string[]).includes(e.kind)) {
      err(`${f}.kind`, `unknown activity kind "${e.kind}"; expected one of ${ACTIVITY_KINDS.join(', ')}`);
    }
    checkYear(`${f}.fromYear`, e.fromYear);
    checkYear(`${f}.toYear`, e.toYear);
    checkMix(`${f}.rolePropensity`, e.rolePropensity);
    if (e.groups !== undefined) {
      checkRange(`${f}.groups.size`, e.groups.size, 1);
      if (e.groups.rounds !== undefined && (!isInt(e.groups.rounds) || e.groups.rounds < 1 || e.groups.rounds > 20)) {
        err(`${f}.groups.rounds`, `expected an integer 1..20, got ${String(e.groups.rounds)}`);
      }
      if (e.groups.kind !== undefined && !(ACTIVITY_KINDS as readonly string[]).includes(e.groups.kind)) {
        err(`${f}.groups.kind`, `unknown activity kind "${e.groups.kind}"; expected one of ${ACTIVITY_KINDS.join(', ')}`);
      }
    }
  });
  if (spec.directTies !== undefined) {
    const d = spec.directTies;
    if (!isNum(d.perActor) || d.perActor < 0 || d.perActor > 1000) {
      err('directTies.perActor', `expected 0..1000, got ${String(d.perActor)}`);
    }
    if (!isNum(d.homophily) || d.homophily < 0 || d.homophily > 1) {
      err('directTies.homophily', `expected 0..1, got ${String(d.homophily)}`);
    }
    if (!isNum(d.triadicClosure) || d.triadicClosure < 0 || d.triadicClosure > 1) {
      err('directTies.triadicClosure', `expected 0..1, got ${String(d.triadicClosure)}`);
    }
  }
  const sigma = spec.activityDispersion;
  if (sigma !== undefined && (!isNum(sigma) || sigma < 0 || sigma > 5)) {
    err('activityDispersion', `expected 0..5, got ${String(sigma)}`);
  }
  const beta = spec.attachmentExponent;
  if (beta !== undefined && (!isNum(beta) || beta < 0 || beta > 3)) {
    err('attachmentExponent', `expected 0..3, got ${String(beta)}`);
  }
  if (spec.profile?.form !== undefined && !(ORGANISATION_FORMS as readonly string[]).includes(spec.profile.form)) {
    const dym = didYouMean(spec.profile.form, ORGANISATION_FORMS);
    err(
      'profile.form',
      `unknown organisation form "${spec.profile.form}"${dym ? ` (did you mean "${dym}"?)` : ''}; ` +
        `expected one of ${ORGANISATION_FORMS.join(', ')}`,
    );
  }
  dc.throwIfErrors();
}

/** The event specs of a spec as a list (`events` may be one spec or a list). */
export function eventSpecs(spec: GeneratorSpec): EventSpec[] {
  if (spec.events === undefined) return [];
  return Array.isArray(spec.events) ? spec.events : [spec.events];
}
