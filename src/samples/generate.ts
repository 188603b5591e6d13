/**
 * Seeded cluster generator: a synthetic HelixLab document (actors typed by helix role, their
 * section/project/event affiliations, direct cooperation ties and the organisation profile) built
 * from a small, explicit {@link GeneratorSpec}. Used for the bundled sample clusters (whose real tie
 * data is not published) and as the starting network of simulations.
 *
 * Generative process (each step draws from its own named substream of `createRng(spec.seed)`, so
 * changing one step's parameters never shifts the random numbers another step sees):
 *
 * 1. **Actors** (`actors`, `subtypes`, `sectors`, `activity`): `counts[role]` actors per helix role,
 *    ids `ind-001`, `res-001`, `pub-001`, `civ-001`, `sta-001`, `fin-001`, `per-001` (industry,
 *    research-education, public, civil-society, startup, financier, individual). Key actors
 *    (`keyActors`, e.g. the coordinating organisations named in the sources) take the first ids of
 *    their role. Subtypes and sectors are apportioned exactly by the largest-remainder method from
 *    the given counts or shares, then dealt to the actors in a shuffled order. Sectors apply to
 *    firms (industry and startups). Each actor gets a latent activity level
 *    `a_i = exp(σ z_i)`, `z_i ~ N(0,1)` (`activityDispersion` σ, default 0.8), a multiplicative
 *    weight in every later choice, so that a core of active members emerges across sections,
 *    projects and events alike. A key actor's `activity` fixes its level instead (the draw is still
 *    made, so nobody else's changes).
 * 2. **Joined years** (`joined`): the cumulative member path `C(y)` is the piecewise-linear
 *    interpolation of `growth` (held flat before the first and after the last point; give the
 *    founding size as the first point), scaled so that `C(lastYear)` is the number of actors;
 *    without `growth` joining is uniform over `[foundedYear, lastYear]`. The rounded increments form
 *    a list of year slots; key actors with a fixed `joined` (coordinators default to `foundedYear`)
 *    consume the nearest slot and the other actors, in shuffled order, take the rest in ascending order.
 * 3. **Sections and teams** (`sections`): a home pass gives every member (actors with
 *    `member !== false`) one home section (kind `section`, never a team), chosen with probability
 *    ∝ remaining capacity × `helixMix[role]` × 4 when the actor's sector is among the section's
 *    `sectors`. Then each section and team is filled up to its `size` by **preferential attachment**:
 *    weight `a_i · helixMix[role] · sectorBoost · (1 + k_i)^β`, `k_i` the number of sections/teams the
 *    actor is already in, β = `attachmentExponent` (default 0.5; 1 is linear preferential attachment,
 *    0 none). With `sectionChairs`, each section draws a chair and a vice-chair among its members
 *    (∝ `a_i` × chair propensity: industry 3, research-education 2, public 2, others 1), and a
 *    `board` team of all chairs and vice-chairs is added. With `sectionMeetings`, a section (not a
 *    team) is written as its **core meeting** (activity `id`: the chair, the vice-chair and then the
 *    most active members up to `core`, plus hosts; `attributes.members` = the section's size) and
 *    **working groups** (`<id>-wg01` …, kind `section`, `attributes.partOf` = the section id) that
 *    split all its members, shuffled (substream `working-groups/<j>`), into groups of
 *    `workingGroups` size (see `groupSizes`); hosts are not in the working groups. A section of 30
 *    is then ~6 cliques of 5 plus a core, not one clique of 30.
 * 4. **Named activities** (`namedActivities`): activities stated in the sources (e.g. a founding
 *    project) with a fixed label, years and size; participants drawn as in step 5 without a lead.
 * 5. **Projects** (`projects`): per year `Poisson(perYear)` projects, or uniform on `perYear` when it
 *    is a `[low, high]` range (the yearly counts and each project draw from their own substreams, so
 *    changing sizes does not change how many there are); size and duration uniform on their integer
 *    ranges. A lead is drawn ∝ `a_i · p(role) · (1 + k_i)^β` (`k_i` projects so far, `p` the project
 *    propensity: industry 1, research-education 2, public 1.5, civil-society 0.7, startup 1,
 *    financier 0.5, individual 0.1; `rolePropensity` overrides single roles); each further slot is
 *    filled, with probability `crossHelix`, from the roles other than the lead's, otherwise from the
 *    lead's role (falling back to the other pool when one is empty), with the same weights.
 *    Only actors that have joined by the start year take part.
 * 6. **Events** (`events`, one substream per event type): per year `Poisson(perYear)` events (or
 *    uniform on a `[low, high]` range) with attendance uniform on its range (capped by the actors
 *    present), attendees drawn ∝ `a_i · p(role) · (1 + k_i)^β` (`k_i` events of that type attended
 *    so far; `p` default 1, financiers and individuals 0.5). Activities are projected to
 *    co-participation ties when the document is loaded (a clique per activity), and at a real event
 *    ties form in small groups, not across the hall: with `groups`, each event is written as its
 *    **small groups** instead (tables, workshop groups, one-to-one meetings; kind `groups.kind` or
 *    the event's, `attributes.partOf` = the event id `<label>-<year>-<nn>`, group ids `<event>-01` or
 *    `<event>-r<round>-01`): in each of `rounds` rounds the attendees (in id order, shuffled from
 *    substream `event-groups/<i>/<year>/<n>/<round>`) are split into groups of `groups.size`
 *    (`groupSizes`: as even as possible within the range). The attendee draw is the same with or
 *    without groups. Hosts sit in every group unless `groups.withHosts` is false.
 * 7. **Hosts**: key actors with `hosts` take part in every activity of those kinds from the year they
 *    joined (the orchestrator at every section meeting, the development company at every event); they
 *    come on top of the drawn participants and are left out of the draws for what they host.
 * 8. **Direct ties** (`ties`): each actor (in id order) starts `Poisson(perActor / 2)` cooperation
 *    ties, so the mean direct degree is about `perActor`. With probability `triadicClosure` the
 *    partner is a neighbour's neighbour (**triadic closure**): two random-walk steps, each to a
 *    uniformly chosen entry among the actor's direct ties made so far and its activities (then a
 *    random co-participant), up to 10 tries for the second step. Otherwise, or when that finds no new
 *    partner, the partner is drawn with **homophily**, weight `a_k · ((1 − h) + h · s(i,k))`,
 *    `h = homophily`, `s = 1` for the same role and sector, 0.5 for the same role and another sector,
 *    0 for another role (exact rejection sampling from `a_k`, then one weighted scan after 200
 *    rejections). Tie strength is uniform on {1, 2, 3}; `since` is the later joining year plus
 *    0–2 years (capped at `lastYear`). No self-loops, no duplicate pairs.
 *    **Contact lists**: a key actor with `contactTies: kind` (an association's member register, a
 *    development company's contact list) gets a direct tie of that kind (weight 1, `since` the later
 *    joining year) to every actor it shares no activity and no direct tie with, in id order (no
 *    randomness).
 * 9. **Profile**: `spec.profile` completed with defaults: coordinators = key actors marked
 *    `coordinator` (ids, in `keyActors` order) then `spec.coordinators` (names, not actors);
 *    sections = the section and team labels; `activitiesPerYear` = activities active in each year
 *    (one-off activities in their year, projects over their years, sections and teams from their
 *    start year on; the groups of one event and the working groups of a section count once).
 *
 * Everything iterates in fixed orders (roles in `HELIX_ROLES` order, ids, spec order), so the
 * same spec and seed give the same document, byte for byte (checked in Node; the weights use
 * `Math.exp`/`Math.pow`, which V8 computes with the same fdlibm code on every OS — another JS engine
 * could in principle differ in a last bit and flip a draw).
 *
 * References: Barabási & Albert (1999) for preferential attachment; McPherson, Smith-Lovin & Cook
 * (2001) for homophily; Holme & Kim (2002) / Rapoport (1953) for triadic closure; the helix roles
 * and the organisation forms follow the cluster development cookbook (City of Vantaa, 2025).
 * See `docs/generator.md`.
 *
 * Browser-safe: no Node imports.
 */
import { DiagnosticCollector, didYouMean } from '../model/errors.js';
import {
  ACTIVITY_KINDS,
  HELIX_ROLES,
  ORGANISATION_FORMS,
  TIE_KINDS,
  type Activity,
  type ActivityKind,
  type Actor,
  type Attributes,
  type ClusterProfile,
  type HelixRole,
  type NetworkDocument,
  type Tie,
  type TieKind,
  type YearValue,
} from '../model/types.js';
import { createRng, type Rng } from '../util/rng.js';

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

/** Id prefixes per role. */
export const ROLE_ID_PREFIX: Readonly<Record<HelixRole, string>> = {
  industry: 'ind',
  'research-education': 'res',
  public: 'pub',
  'civil-society': 'civ',
  startup: 'sta',
  financier: 'fin',
  individual: 'per',
};

const DEFAULT_ROLE_LABEL: Readonly<Record<HelixRole, string>> = {
  industry: 'Firm',
  'research-education': 'Research and education organisation',
  public: 'Public organisation',
  'civil-society': 'Association',
  startup: 'Startup',
  financier: 'Financier',
  individual: 'Individual member',
};

const SUBTYPE_LABEL: Readonly<Record<string, string>> = {
  'large-firm': 'large firm',
  sme: 'SME',
  university: 'university',
  uas: 'university of applied sciences',
  'vocational-school': 'vocational school',
  'research-institute': 'research institute',
  city: 'municipality',
  'regional-council': 'regional council',
  authority: 'authority',
  'development-company': 'development company',
  association: 'association',
  ngo: 'NGO',
};

const PROJECT_PROPENSITY: Readonly<Record<HelixRole, number>> = {
  industry: 1,
  'research-education': 2,
  public: 1.5,
  'civil-society': 0.7,
  startup: 1,
  financier: 0.5,
  individual: 0.1,
};

const EVENT_PROPENSITY: Readonly<Record<HelixRole, number>> = {
  industry: 1,
  'research-education': 1,
  public: 1,
  'civil-society': 1,
  startup: 1,
  financier: 0.5,
  individual: 0.5,
};

const CHAIR_PROPENSITY: Readonly<Record<HelixRole, number>> = {
  industry: 3,
  'research-education': 2,
  public: 2,
  'civil-society': 1,
  startup: 1,
  financier: 1,
  individual: 1,
};

const FIRM_ROLES: ReadonlySet<HelixRole> = new Set<HelixRole>(['industry', 'startup']);

/** Internal actor record while generating. */
interface Work {
  actor: Actor;
  idx: number;
  key: KeyActorSpec | undefined;
  member: boolean;
  activity: number;
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
  const err = (field: string, message: string, code = 'bad-generator-spec'): void =>
    dc.error(code, message, { field });
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
    for (const [s, w] of Object.entries(spec.sectors)) if (!isNum(w) || w < 0) err(`sectors.${s}`, `expected a weight >= 0, got ${String(w)}`);
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
    if (s.kind !== undefined && s.kind !== 'section' && s.kind !== 'team') err(`${f}.kind`, `expected "section" or "team", got "${String(s.kind)}"`);
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
    if (!(ACTIVITY_KINDS as readonly string[]).includes(a.kind)) err(`${f}.kind`, `unknown activity kind "${a.kind}"; expected one of ${ACTIVITY_KINDS.join(', ')}`);
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
    if (!isNum(p.crossHelix) || p.crossHelix < 0 || p.crossHelix > 1) err('projects.crossHelix', `expected a probability 0..1, got ${String(p.crossHelix)}`);
    checkYear('projects.fromYear', p.fromYear);
    checkYear('projects.toYear', p.toYear);
    checkMix('projects.rolePropensity', p.rolePropensity);
  }
  eventSpecs(spec).forEach((e, i) => {
    const f = Array.isArray(spec.events) ? `events[${i}]` : 'events';
    checkPerYear(`${f}.perYear`, e.perYear);
    checkRange(`${f}.attendance`, e.attendance, 1);
    if (e.kind !== undefined && !(ACTIVITY_KINDS as readonly string[]).includes(e.kind)) err(`${f}.kind`, `unknown activity kind "${e.kind}"; expected one of ${ACTIVITY_KINDS.join(', ')}`);
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
    if (!isNum(d.perActor) || d.perActor < 0 || d.perActor > 1000) err('directTies.perActor', `expected 0..1000, got ${String(d.perActor)}`);
    if (!isNum(d.homophily) || d.homophily < 0 || d.homophily > 1) err('directTies.homophily', `expected 0..1, got ${String(d.homophily)}`);
    if (!isNum(d.triadicClosure) || d.triadicClosure < 0 || d.triadicClosure > 1) err('directTies.triadicClosure', `expected 0..1, got ${String(d.triadicClosure)}`);
  }
  if (spec.activityDispersion !== undefined && (!isNum(spec.activityDispersion) || spec.activityDispersion < 0 || spec.activityDispersion > 5)) {
    err('activityDispersion', `expected 0..5, got ${String(spec.activityDispersion)}`);
  }
  if (spec.attachmentExponent !== undefined && (!isNum(spec.attachmentExponent) || spec.attachmentExponent < 0 || spec.attachmentExponent > 3)) {
    err('attachmentExponent', `expected 0..3, got ${String(spec.attachmentExponent)}`);
  }
  if (spec.profile?.form !== undefined && !(ORGANISATION_FORMS as readonly string[]).includes(spec.profile.form)) {
    const dym = didYouMean(spec.profile.form, ORGANISATION_FORMS);
    err('profile.form', `unknown organisation form "${spec.profile.form}"${dym ? ` (did you mean "${dym}"?)` : ''}; expected one of ${ORGANISATION_FORMS.join(', ')}`);
  }
  dc.throwIfErrors();
}

// ---------------------------------------------------------------------------------------------
// Helpers

function eventSpecs(spec: GeneratorSpec): EventSpec[] {
  if (spec.events === undefined) return [];
  return Array.isArray(spec.events) ? spec.events : [spec.events];
}

function pad(n: number): string {
  return String(n).padStart(3, '0');
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Exact apportionment of `n` slots over named values by the largest-remainder method
 * (Hamilton); ties go to the earlier value. Integer counts summing to `n` are kept as they are.
 */
export function apportion(n: number, weights: ReadonlyArray<readonly [string, number]>): string[] {
  const total = weights.reduce((a, [, w]) => a + w, 0);
  if (n <= 0 || weights.length === 0 || total <= 0) return [];
  const quotas = weights.map(([k, w], i) => ({ k, i, q: (n * w) / total }));
  const alloc = quotas.map((x) => Math.floor(x.q + 1e-9));
  let left = n - alloc.reduce((a, b) => a + b, 0);
  const order = [...quotas].sort((a, b) => b.q - Math.floor(b.q + 1e-9) - (a.q - Math.floor(a.q + 1e-9)) || a.i - b.i);
  for (let j = 0; left > 0; j = (j + 1) % order.length, left--) alloc[order[j]!.i]! += 1;
  const out: string[] = [];
  quotas.forEach((x, i) => {
    for (let c = 0; c < alloc[i]!; c++) out.push(x.k);
  });
  return out;
}

/**
 * Deal `slots` (one value per actor) to actors: actors with a fixed value consume a matching slot
 * (or one of the most frequent value when none is left); the rest is shuffled and dealt in order.
 */
function deal(slots: string[], fixed: Array<string | undefined>, rng: Rng): string[] {
  const pool = [...slots];
  for (const f of fixed) {
    if (f === undefined) continue;
    let at = pool.indexOf(f);
    if (at < 0) {
      const freq = new Map<string, number>();
      for (const s of pool) freq.set(s, (freq.get(s) ?? 0) + 1);
      let best: string | undefined;
      let bestN = 0;
      for (const [s, c] of freq) if (c > bestN) [best, bestN] = [s, c];
      at = best === undefined ? -1 : pool.indexOf(best);
    }
    if (at >= 0) pool.splice(at, 1);
  }
  rng.shuffle(pool);
  const out: string[] = [];
  let j = 0;
  for (const f of fixed) out.push(f ?? pool[j++] ?? '');
  return out;
}

/** Weighted draw of an index; `weights` may contain zeros. Returns -1 when the total is 0. */
function drawIndex(rng: Rng, weights: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  if (!(total > 0)) return -1;
  let u = rng.next() * total;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (w <= 0) continue;
    if (u < w) return i;
    u -= w;
  }
  for (let i = weights.length - 1; i >= 0; i--) if (weights[i]! > 0) return i;
  return -1;
}

/** Weighted draw of an index among those passing `ok`; -1 when their total weight is 0. */
function drawMasked(rng: Rng, weights: ArrayLike<number>, ok: (i: number) => boolean): number {
  let total = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i]! > 0 && ok(i)) total += weights[i]!;
  if (!(total > 0)) return -1;
  let u = rng.next() * total;
  let last = -1;
  for (let i = 0; i < weights.length; i++) {
    const w = weights[i]!;
    if (!(w > 0) || !ok(i)) continue;
    last = i;
    if (u < w) return i;
    u -= w;
  }
  return last;
}

/** Draw up to `k` distinct items by sequential weighted sampling without replacement. */
function drawMany(rng: Rng, candidates: readonly Work[], weight: (w: Work) => number, k: number): Work[] {
  const ws = candidates.map(weight);
  const out: Work[] = [];
  for (let t = 0; t < k; t++) {
    const i = drawIndex(rng, ws);
    if (i < 0) break;
    out.push(candidates[i]!);
    ws[i] = 0;
  }
  return out;
}

function intIn(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return lo + rng.int(hi - lo + 1);
}

/**
 * Sizes of the groups `m` people split into with group sizes in `[lo, hi]`: `G` groups, `G` the
 * rounded `m / mean` clamped to `[ceil(m / hi), floor(m / lo)]` (at least 1), sizes as even as
 * possible (the larger ones first). When `m < lo` one group of `m`; when `[lo, hi]` cannot be met
 * exactly (e.g. 5 people in pairs) the sizes stay as close to the range as possible.
 */
export function groupSizes(m: number, [lo, hi]: readonly [number, number]): number[] {
  if (m <= 0) return [];
  let g = Math.round(m / ((lo + hi) / 2));
  g = Math.max(g, Math.ceil(m / hi));
  g = Math.min(g, Math.max(1, Math.floor(m / lo)));
  g = Math.max(1, g);
  const base = Math.floor(m / g);
  const extra = m - base * g;
  return Array.from({ length: g }, (_x, i) => base + (i < extra ? 1 : 0));
}

function sortedKeys(attrs: Attributes): Attributes {
  const out: Attributes = {};
  for (const k of Object.keys(attrs).sort()) out[k] = attrs[k]!;
  return out;
}

function countIn(rng: Rng, perYear: PerYear): number {
  return Array.isArray(perYear) ? intIn(rng, perYear) : rng.poisson(perYear);
}

function mixWeight(mix: Partial<Record<HelixRole, number>> | undefined, role: HelixRole): number {
  if (mix === undefined) return 1;
  return mix[role] ?? 0;
}

/** Year slots of the cumulative member path (length n, ascending). */
export function joinSlots(n: number, foundedYear: number, lastYear: number, growth?: ReadonlyArray<{ year: number; members: number }>): number[] {
  const years: number[] = [];
  for (let y = foundedYear; y <= lastYear; y++) years.push(y);
  let path: number[];
  if (growth && growth.length > 0) {
    const pts = [...growth].sort((a, b) => a.year - b.year);
    path = years.map((y) => {
      if (y <= pts[0]!.year) return pts[0]!.members;
      const last = pts[pts.length - 1]!;
      if (y >= last.year) return last.members;
      let i = 0;
      while (pts[i + 1]!.year < y) i++;
      const a = pts[i]!;
      const b = pts[i + 1]!;
      return a.members + ((b.members - a.members) * (y - a.year)) / (b.year - a.year);
    });
  } else {
    path = years.map((_y, i) => i + 1);
  }
  const end = path[path.length - 1]!;
  const slots: number[] = [];
  let prev = 0;
  years.forEach((y, i) => {
    let c = end > 0 ? Math.round((path[i]! * n) / end) : n;
    if (i === years.length - 1) c = n;
    c = Math.min(n, Math.max(prev, c));
    for (let k = prev; k < c; k++) slots.push(y);
    prev = c;
  });
  return slots;
}

// ---------------------------------------------------------------------------------------------
// The generator

/** Generate a cluster document from a spec. Throws an `InputError` when the spec is invalid. */
export function generateCluster(spec: GeneratorSpec): NetworkDocument {
  validateGeneratorSpec(spec);
  const root = createRng(spec.seed);
  const beta = spec.attachmentExponent ?? 0.5;
  const sigma = spec.activityDispersion ?? 0.8;
  const { foundedYear, lastYear } = spec;

  // 1. Actors -----------------------------------------------------------------------------------
  const work: Work[] = [];
  const keys = spec.keyActors ?? [];
  const subtypeRng = root.stream('subtypes');
  for (const role of HELIX_ROLES) {
    const n = spec.counts[role] ?? 0;
    if (n <= 0) continue;
    const roleKeys = keys.filter((k) => k.helix === role);
    const fixedSub: Array<string | undefined> = [];
    for (let i = 0; i < n; i++) fixedSub.push(roleKeys[i]?.subtype);
    const mix = spec.subtypes?.[role];
    let subs: string[] = [];
    if (mix !== undefined) subs = deal(apportion(n, Object.entries(mix)), fixedSub, subtypeRng.stream(role));
    const stem = spec.labels?.[role] ?? DEFAULT_ROLE_LABEL[role];
    for (let i = 0; i < n; i++) {
      const key = roleKeys[i];
      const id = `${ROLE_ID_PREFIX[role]}-${pad(i + 1)}`;
      const subtype = key?.subtype ?? (subs[i] || undefined);
      const label =
        key?.label ?? (subtype ? `${stem} ${i + 1} (${SUBTYPE_LABEL[subtype] ?? subtype})` : `${stem} ${i + 1}`);
      const actor: Actor = { id, label, helix: role };
      if (subtype !== undefined) actor.subtype = subtype;
      work.push({ actor, idx: work.length, key, member: key?.member !== false, activity: 1 });
    }
  }
  // Sectors of firms.
  if (spec.sectors !== undefined) {
    const entries: Array<[string, number]> = Array.isArray(spec.sectors)
      ? spec.sectors.map((s) => [s, 1])
      : Object.entries(spec.sectors);
    const firms = work.filter((w) => FIRM_ROLES.has(w.actor.helix));
    const dealt = deal(apportion(firms.length, entries), firms.map((w) => w.key?.sector), root.stream('sectors'));
    firms.forEach((w, i) => {
      if (dealt[i]) w.actor.sector = dealt[i];
    });
  }
  for (const w of work) if (w.key?.sector !== undefined) w.actor.sector = w.key.sector;
  if (spec.region !== undefined) for (const w of work) w.actor.region = spec.region;
  const actRng = root.stream('activity');
  for (const w of work) w.activity = Math.exp(sigma * actRng.normal());
  for (const w of work) if (w.key?.activity !== undefined) w.activity = w.key.activity;

  // 2. Joined years ---------------------------------------------------------------------------
  const slots = joinSlots(work.length, foundedYear, lastYear, spec.growth);
  const pinned = (w: Work): number | undefined =>
    w.key?.joined ?? (w.key?.coordinator ? foundedYear : undefined);
  for (const w of work) {
    const y = pinned(w);
    if (y === undefined) continue;
    let best = -1;
    for (let i = 0; i < slots.length; i++) {
      if (best < 0 || Math.abs(slots[i]! - y) < Math.abs(slots[best]! - y)) best = i;
    }
    if (best >= 0) slots.splice(best, 1);
    w.actor.joined = y;
  }
  const free = root.stream('joined').shuffle(work.filter((w) => pinned(w) === undefined));
  free.forEach((w, i) => {
    w.actor.joined = slots[i] ?? lastYear;
  });
  for (const w of work) {
    if (w.key?.attributes || w.key?.coordinator || !w.member) {
      const attrs: Attributes = {};
      if (w.key?.coordinator) attrs.coordinator = true;
      if (!w.member) attrs.member = false;
      Object.assign(attrs, w.key?.attributes ?? {});
      w.actor.attributes = attrs;
    }
  }
  const joined = (w: Work): number => w.actor.joined ?? foundedYear;
  const members = work.filter((w) => w.member);

  const activities: Activity[] = [];
  const hosts = (w: Work, kind: ActivityKind, year: number): boolean =>
    joined(w) <= year &&
    (w.key?.hosts ?? []).some((h) =>
      typeof h === 'string' ? h === kind : h.kind === kind && (h.from ?? -Infinity) <= year && year <= (h.to ?? Infinity),
    );
  const hostCandidates = work.filter((w) => (w.key?.hosts ?? []).length > 0);
  const hostsOf = (kind: ActivityKind, year: number): Work[] => hostCandidates.filter((w) => hosts(w, kind, year));
  const finish = (act: Activity, drawn: Work[]): Activity => {
    const ids = new Set(drawn.map((w) => w.actor.id));
    for (const h of hostsOf(act.kind, act.year ?? foundedYear)) ids.add(h.actor.id);
    act.participants = [...ids].sort();
    return act;
  };

  // 3. Sections and teams ---------------------------------------------------------------------
  const sections = spec.sections ?? [];
  if (sections.length > 0) {
    const srng = root.stream('sections');
    const inSec: Array<Set<number>> = sections.map(() => new Set<number>());
    const k = new Map<number, number>();
    const boost = (s: SectionSpec, w: Work): number =>
      s.sectors && w.actor.sector !== undefined && s.sectors.includes(w.actor.sector) ? 4 : 1;
    const hosting = (s: SectionSpec, w: Work): boolean => hosts(w, s.kind ?? 'section', s.year ?? foundedYear);
    // Home pass.
    const order = srng.shuffle([...members]);
    for (const w of order) {
      const ws = sections.map((s, j) =>
        (s.kind ?? 'section') === 'section' && !hosting(s, w)
          ? Math.max(0, s.size - inSec[j]!.size) * mixWeight(s.helixMix, w.actor.helix) * boost(s, w)
          : 0,
      );
      const j = drawIndex(srng, ws);
      if (j < 0) continue;
      inSec[j]!.add(w.idx);
      k.set(w.idx, 1);
    }
    // Attachment pass.
    sections.forEach((s, j) => {
      const need = s.size - inSec[j]!.size;
      if (need <= 0) return;
      const cand = members.filter((w) => !inSec[j]!.has(w.idx) && !hosting(s, w));
      const ws = cand.map((w) => w.activity * mixWeight(s.helixMix, w.actor.helix) * boost(s, w) * Math.pow(1 + (k.get(w.idx) ?? 0), beta));
      for (let t = 0; t < need; t++) {
        const i = drawIndex(srng, ws);
        if (i < 0) break;
        ws[i] = 0;
        const w = cand[i]!;
        inSec[j]!.add(w.idx);
        k.set(w.idx, (k.get(w.idx) ?? 0) + 1);
      }
    });
    // Chairs and vice-chairs (drawn before the activities are built: the core meetings need them).
    const chairs: Work[][] = sections.map(() => []);
    if (spec.sectionChairs) {
      const crng = root.stream('chairs');
      const used = new Set<number>();
      sections.forEach((s, j) => {
        if ((s.kind ?? 'section') !== 'section') return;
        const pool = [...inSec[j]!].sort((a, b) => a - b).map((i) => work[i]!);
        const fresh = pool.filter((w) => !used.has(w.idx));
        const cand = fresh.length >= 2 ? fresh : pool;
        const picked = drawMany(crng, cand, (w) => w.activity * CHAIR_PROPENSITY[w.actor.helix], 2);
        for (const p of picked) used.add(p.idx);
        chairs[j] = picked;
      });
    }
    const sm = spec.sectionMeetings;
    const board = new Set<string>();
    let boardYear = lastYear;
    sections.forEach((s, j) => {
      const kind = s.kind ?? 'section';
      const year = s.year ?? foundedYear;
      const all = [...inSec[j]!].sort((a, b) => a - b).map((i) => work[i]!);
      const attrs: Attributes = {};
      if (s.sectors) attrs.sectors = s.sectors.join('; ');
      const [chair, vice] = chairs[j]!;
      if (chair) attrs.chair = chair.actor.id;
      if (vice) attrs.viceChair = vice.actor.id;
      for (const c of chairs[j]!) board.add(c.actor.id);
      if (spec.sectionChairs && kind === 'section') boardYear = Math.min(boardYear, year);
      const act: Activity = { id: s.id, label: s.label, kind, year, participants: [] };
      if (sm === undefined || kind !== 'section') {
        if (Object.keys(attrs).length > 0) act.attributes = attrs;
        activities.push(finish(act, all));
        return;
      }
      // Core meeting: the chairs, then the most active members (by activity level, then id).
      const core = [...chairs[j]!];
      const rest = all.filter((w) => !core.includes(w)).sort((a, b) => b.activity - a.activity || a.idx - b.idx);
      for (const w of rest) {
        if (core.length >= sm.core) break;
        core.push(w);
      }
      attrs.members = all.length;
      act.attributes = attrs;
      activities.push(finish(act, core));
      // Working groups: all members, shuffled, split into groups of the given size.
      const order = root.stream('working-groups', j).shuffle([...all]);
      let at = 0;
      groupSizes(order.length, sm.workingGroups).forEach((size, g) => {
        const members = order.slice(at, at + size);
        at += size;
        const num = String(g + 1).padStart(2, '0');
        activities.push({
          id: `${s.id}-wg${num}`,
          label: `${s.label}: working group ${g + 1}`,
          kind,
          year,
          participants: members.map((w) => w.actor.id).sort(),
          attributes: { partOf: s.id },
        });
      });
    });
    if (spec.sectionChairs) {
      activities.push(
        finish(
          { id: 'board', label: 'Board (section chairs and vice-chairs)', kind: 'team', year: boardYear, participants: [] },
          work.filter((w) => board.has(w.actor.id)),
        ),
      );
    }
  }

  // 4 + 5. Named activities and projects ------------------------------------------------------
  const kProj = new Map<number, number>();
  const projWeight = (w: Work, prop: (r: HelixRole) => number): number =>
    w.activity * prop(w.actor.helix) * Math.pow(1 + (kProj.get(w.idx) ?? 0), beta);
  const bump = (m: Map<number, number>, ws: Work[]): void => {
    for (const w of ws) m.set(w.idx, (m.get(w.idx) ?? 0) + 1);
  };
  const nrng = root.stream('named-activities');
  for (const a of spec.namedActivities ?? []) {
    const cand = members.filter((w) => joined(w) <= a.year && !hosts(w, a.kind, a.year));
    const drawn = drawMany(nrng, cand, (w) => projWeight(w, (r) => mixWeight(a.helixMix, r)), a.size);
    bump(kProj, drawn);
    const act: Activity = {
      id: a.id,
      label: a.label,
      kind: a.kind,
      year: a.year,
      ...(a.endYear !== undefined ? { endYear: a.endYear } : {}),
      participants: [],
      ...(a.attributes ? { attributes: { ...a.attributes } } : {}),
    };
    activities.push(finish(act, drawn));
  }
  if (spec.projects !== undefined) {
    const p = spec.projects;
    const prng = root.stream('projects');
    const prop = (r: HelixRole): number => p.rolePropensity?.[r] ?? PROJECT_PROPENSITY[r];
    for (let y = p.fromYear ?? foundedYear; y <= (p.toYear ?? lastYear); y++) {
      const n = countIn(prng.stream('count', y), p.perYear);
      const present = members.filter((w) => joined(w) <= y && !hosts(w, 'project', y));
      for (let q = 0; q < n && present.length > 0; q++) {
        const prng = root.stream('projects', y, q);
        const size = Math.min(intIn(prng, p.size), present.length);
        const dur = intIn(prng, p.durationYears);
        const ws = present.map((w) => projWeight(w, prop));
        const li = drawIndex(prng, ws);
        if (li < 0) break;
        const lead = present[li]!;
        const team: Work[] = [lead];
        ws[li] = 0;
        for (let t = 1; t < size; t++) {
          const cross = prng.bernoulli(p.crossHelix);
          // the wanted pool first (other roles when `cross`), the other pool when it is empty
          let i = drawMasked(prng, ws, (x) => (present[x]!.actor.helix !== lead.actor.helix) === cross);
          if (i < 0) i = drawMasked(prng, ws, (x) => (present[x]!.actor.helix !== lead.actor.helix) !== cross);
          if (i < 0) break;
          team.push(present[i]!);
          ws[i] = 0;
        }
        bump(kProj, team);
        const num = String(q + 1).padStart(2, '0');
        activities.push(
          finish(
            {
              id: `prj-${y}-${num}`,
              label: `${p.label ?? 'Project'} ${y}-${num}`,
              kind: 'project',
              year: y,
              endYear: y + dur - 1,
              participants: [],
              attributes: { lead: lead.actor.id },
            },
            team,
          ),
        );
      }
    }
  }

  // 6. Events -----------------------------------------------------------------------------------
  eventSpecs(spec).forEach((e, ei) => {
    const erng = root.stream('events', ei);
    const kEv = new Map<number, number>();
    const kind = e.kind ?? 'event';
    const prefix = e.label ? slug(e.label) : `event${ei + 1}`;
    const prop = (r: HelixRole): number => e.rolePropensity?.[r] ?? EVENT_PROPENSITY[r];
    for (let y = e.fromYear ?? foundedYear; y <= (e.toYear ?? lastYear); y++) {
      const n = countIn(erng.stream('count', y), e.perYear);
      const present = members.filter((w) => joined(w) <= y && !hosts(w, kind, y));
      for (let q = 0; q < n && present.length > 0; q++) {
        const erng = root.stream('events', ei, y, q);
        const size = Math.min(intIn(erng, e.attendance), present.length);
        const drawn = drawMany(erng, present, (w) => w.activity * prop(w.actor.helix) * Math.pow(1 + (kEv.get(w.idx) ?? 0), beta), size);
        bump(kEv, drawn);
        const num = String(q + 1).padStart(2, '0');
        const id = `${prefix}-${y}-${num}`;
        const label = `${e.label ?? 'Event'} ${y}/${q + 1}`;
        const gs = e.groups;
        if (gs === undefined) {
          activities.push(finish({ id, label, kind, year: y, participants: [] }, drawn));
          continue;
        }
        // Small groups: each round, the attendees (in id order, shuffled) are split into groups.
        const rounds = gs.rounds ?? 1;
        const gkind = gs.kind ?? kind;
        for (let r = 0; r < rounds; r++) {
          const order = root.stream('event-groups', ei, y, q, r).shuffle([...drawn].sort((a, b) => a.idx - b.idx));
          let at = 0;
          groupSizes(order.length, gs.size).forEach((size, g) => {
            const tag = rounds > 1 ? `r${r + 1}-${String(g + 1).padStart(2, '0')}` : String(g + 1).padStart(2, '0');
            const glabel = `${label}, ${gs.label ?? 'group'} ${rounds > 1 ? `${r + 1}.` : ''}${g + 1}`;
            const act: Activity = { id: `${id}-${tag}`, label: glabel, kind: gkind, year: y, participants: [], attributes: { partOf: id } };
            const part = order.slice(at, at + size);
            if (gs.withHosts === false) {
              act.participants = part.map((w) => w.actor.id).sort();
              activities.push(act);
            } else activities.push(finish(act, part));
            at += size;
          });
        }
      }
    }
  });

  // 8. Direct ties -----------------------------------------------------------------------------
  const ties: Tie[] = [];
  if (spec.directTies !== undefined && spec.directTies.perActor > 0 && work.length > 1) {
    const d = spec.directTies;
    const trng = root.stream('ties');
    const idxOf = new Map(work.map((w) => [w.actor.id, w.idx] as const));
    // Two-mode adjacency: the activities of each actor and the participants of each activity.
    const parts: number[][] = activities.map((act) => act.participants.map((id) => idxOf.get(id)!));
    const actsOf: number[][] = work.map(() => []);
    parts.forEach((ps, ai) => {
      for (const i of ps) actsOf[i]!.push(ai);
    });
    const directList: number[][] = work.map(() => []);
    const direct: Array<Set<number>> = work.map(() => new Set<number>());
    /** One random-walk step: a direct partner or, via one of the actor's activities, a co-participant. */
    const step = (i: number): number => {
      const nd = directList[i]!.length;
      const na = actsOf[i]!.length;
      if (nd + na === 0) return -1;
      const r = trng.int(nd + na);
      if (r < nd) return directList[i]![r]!;
      const ps = parts[actsOf[i]![r - nd]!]!;
      if (ps.length < 2) return -1;
      const x = ps[trng.int(ps.length - 1)]!;
      return x === i ? ps[ps.length - 1]! : x;
    };
    const sim = (a: Work, b: Work): number => {
      if (a.actor.helix !== b.actor.helix) return 0;
      return a.actor.sector === undefined || b.actor.sector === undefined || a.actor.sector === b.actor.sector ? 1 : 0.5;
    };
    const hw = new Float64Array(work.length);
    const cum = new Float64Array(work.length);
    let totalActivity = 0;
    for (const x of work) cum[x.idx] = totalActivity += x.activity;
    const byActivity = (): number => {
      const u = trng.next() * totalActivity;
      let lo = 0;
      let hi = work.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cum[mid]! > u) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
    for (const w of work) {
      const m = trng.poisson(d.perActor / 2);
      for (let t = 0; t < m; t++) {
        let partner: Work | undefined;
        if (trng.bernoulli(d.triadicClosure)) {
          const j = step(w.idx);
          for (let tries = 0; j >= 0 && tries < 10 && !partner; tries++) {
            const k = step(j);
            if (k >= 0 && k !== w.idx && !direct[w.idx]!.has(k)) partner = work[k];
          }
        }
        if (!partner) {
          // Rejection sampling: propose k ∝ a_k, accept with probability (1 − h) + h·s(i,k) (exact);
          // after 200 rejections fall back to one exact weighted scan.
          for (let tries = 0; tries < 200 && !partner; tries++) {
            const k = byActivity();
            if (k === w.idx || direct[w.idx]!.has(k)) continue;
            if (trng.next() < 1 - d.homophily + d.homophily * sim(w, work[k]!)) partner = work[k];
          }
        }
        if (!partner) {
          for (const x of work) {
            hw[x.idx] = x.idx === w.idx || direct[w.idx]!.has(x.idx) ? 0 : x.activity * (1 - d.homophily + d.homophily * sim(w, x));
          }
          let i = drawIndex(trng, hw);
          if (i < 0) i = drawMasked(trng, Float64Array.from(work, () => 1), (x) => x !== w.idx && !direct[w.idx]!.has(x));
          if (i >= 0) partner = work[i];
        }
        if (!partner) break;
        direct[w.idx]!.add(partner.idx);
        direct[partner.idx]!.add(w.idx);
        directList[w.idx]!.push(partner.idx);
        directList[partner.idx]!.push(w.idx);
        const since = Math.min(lastYear, Math.max(joined(w), joined(partner)) + trng.int(3));
        ties.push({ source: w.actor.id, target: partner.actor.id, kind: 'cooperation', weight: 1 + trng.int(3), since });
      }
    }
  }

  // 8b. Contact lists (no randomness) ---------------------------------------------------------------
  for (const w of work) {
    const kind = w.key?.contactTies;
    if (kind === undefined) continue;
    const known = new Set<string>([w.actor.id]);
    for (const act of activities) if (act.participants.includes(w.actor.id)) for (const p of act.participants) known.add(p);
    for (const t of ties) {
      if (t.source === w.actor.id) known.add(t.target);
      if (t.target === w.actor.id) known.add(t.source);
    }
    for (const x of work) {
      if (known.has(x.actor.id)) continue;
      ties.push({ source: w.actor.id, target: x.actor.id, kind, weight: 1, since: Math.max(joined(w), joined(x)) });
    }
  }

  // 9. Profile ---------------------------------------------------------------------------------
  const given = spec.profile ?? {};
  const coordinatorIds = keys.flatMap((k) => {
    const w = work.find((x) => x.key === k);
    return k.coordinator && w ? [w.actor.id] : [];
  });
  const profile: ClusterProfile = {
    name: given.name ?? spec.name,
    form: given.form ?? 'other',
    coordinators: given.coordinators ?? [...coordinatorIds, ...(spec.coordinators ?? [])],
    staffFte: given.staffFte ?? [],
    funding: given.funding ?? [],
    activitiesPerYear: given.activitiesPerYear ?? activitiesPerYear(activities, foundedYear, lastYear),
    focusAreas: given.focusAreas ?? [],
    sections: given.sections ?? sections.map((s) => s.label),
  };
  profile.attributes = { foundedYear, ...(given.attributes ?? {}), generator: 'helixlab generateCluster', seed: spec.seed };

  // Attribute keys in sorted order (the canonical order of the HelixLab JSON writer).
  for (const a of work) if (a.actor.attributes) a.actor.attributes = sortedKeys(a.actor.attributes);
  for (const a of activities) if (a.attributes) a.attributes = sortedKeys(a.attributes);
  profile.attributes = sortedKeys(profile.attributes);

  const doc: NetworkDocument = {
    format: 'helixlab',
    version: 1,
    name: spec.name,
    description: spec.description ?? `Generated by HelixLab generateCluster; seed ${String(spec.seed)}.`,
    ...(spec.source !== undefined ? { source: spec.source } : {}),
    actors: work.map((w) => w.actor),
    ties,
    activities,
    profile,
  };
  return doc;
}

/**
 * Activities active in each year: one-off activities in their year, activities with an `endYear`
 * over `[year, endYear]`, sections and teams from their start year on. Parts of one activity (the
 * small groups of an event, the working groups of a section: `attributes.partOf` = the parent id)
 * count once, as their parent.
 */
export function activitiesPerYear(activities: readonly Activity[], from: number, to: number): YearValue[] {
  const out: YearValue[] = [];
  for (let y = from; y <= to; y++) {
    const seen = new Set<string>();
    for (const a of activities) {
      const start = a.year ?? from;
      const end = a.endYear ?? (a.kind === 'section' || a.kind === 'team' ? to : start);
      const partOf = a.attributes?.partOf;
      if (start <= y && y <= end) seen.add(typeof partOf === 'string' ? partOf : a.id);
    }
    out.push({ year: y, value: seen.size });
  }
  return out;
}
