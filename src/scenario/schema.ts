/**
 * The scenario document: every knob of the cluster simulation with its default, unit and range.
 *
 * A scenario file (`scenarios/*.json`, JSON Schema `schemas/scenario.schema.json`) gives only the
 * values that differ from the defaults below; {@link withDefaults} fills in the rest. The table of
 * parameters with their sources is in `docs/model.md` ("Parameters"); the defaults here are the
 * single source of truth and a test checks that the docs table lists every path.
 *
 * Units: money in EUR (per year where the name says so), staff in full-time equivalents (FTE),
 * time in simulated years (year 1 is the first simulated year; year 0 is the starting state),
 * trust, openness, shares and probabilities in [0, 1].
 */
import { HELIX_ROLES, type HelixRole } from '../model/types.js';

export const SHOCK_TYPES = ['coordinator-leaves', 'anchor-exit', 'funding-cut', 'project-rejected'] as const;
export type ShockType = (typeof SHOCK_TYPES)[number];

export interface Shock {
  /** Simulated year (1-based) at whose start the shock happens. */
  year: number;
  type: ShockType;
  /** funding-cut: share of the base funding removed from that year on (default 1 = all). */
  share?: number;
  /** Free note (where the shock comes from). */
  note?: string;
}

export type RoleCounts = Partial<Record<HelixRole, number>>;

export interface GeneratorStart {
  /** Starting members per helix role. */
  counts: RoleCounts;
  /** Number of sectors (industry branches) among the starting members. */
  sectors: number;
  /** Mean number of acquaintance ties per starting member. */
  meanDegree: number;
  /** Mean trust of the starting ties (the prior cooperation the cluster grows out of, A1). */
  trust: number;
}

/** A compact start network (JSON-able, so it can be sent to worker threads): indices into arrays. */
export interface StartState {
  name: string;
  /** Index into HELIX_ROLES per actor. */
  helix: number[];
  /** Sector index per actor (-1 for none). */
  sector: number[];
  sectorNames: string[];
  /** Tie list as index pairs with a strength in (0, 1] read as trust. */
  tieA: number[];
  tieB: number[];
  tieTrust: number[];
  /** Actor ids of the network, aligned with `helix` (names the starting actors in recorded network histories). */
  ids?: string[];
}

export interface Scenario {
  /** Shown in tables and used as the key in comparisons. */
  name: string;
  description?: string;
  /** Calendar year of year 0, for display only (e.g. 2011 for the security cluster). */
  startYear?: number;
  /** Simulated years. */
  years: number;
  /**
   * A posterior sample of some parameters (a file relative to this one, posterior.ts): runs draw
   * their parameters from it by default (`--posterior none` turns it off).
   */
  posterior?: string;
  /**
   * Equal public money with another scenario (money.ts): this scenario's public streams are scaled so
   * that its expected public money over the horizon equals that of the scenario in `with` (a file,
   * relative to this one), read with the same assignments.
   */
  equalMoney?: {
    with: string;
    /** Filled by the loader (attachEqualMoney): the reference scenario; not part of the file format. */
    reference?: Scenario;
  };
  start: {
    /** Path of a network file (resolved relative to the scenario file by the Node loader). */
    network?: string;
    generator: GeneratorStart;
    /** Filled by the loader from `network`; not part of the file format. */
    resolved?: StartState;
  };
  network: {
    /** Share of new contacts and recruits drawn from outside the existing circle. */
    openness: number;
    /** Preference for meeting actors of the same role or sector inside the circle. */
    homophily: number;
    /** Yearly probability that a member with a trusted partner is introduced to one of that partner's partners. */
    closure: number;
    /** Contacts each participant makes at one activity. */
    contactsPerActivity: number;
    /** Probability that a member attends a given activity at full engagement. */
    attendance: number;
    /** Share of contacts inside the circle that go to an existing partner (repeated contact). */
    repeat: number;
  };
  growth: {
    /** New members per year as a fraction of current members (before capacity and attractiveness). */
    recruitRate: number;
    /** Members one coordinator FTE can serve (recipe 7: one manager runs about 150). */
    membersPerFte: number;
    /** Yearly churn of members whatever their value. */
    churnBase: number;
    /** Extra yearly churn per unit of relative shortfall (cost − value) / cost. */
    churnSensitivity: number;
    /** Share of newcomers who start as passive members (E4, E12). */
    passiveShare: number;
    /** Share of recruitment that needs no coordinator (members' own referrals); the rest scales with coordination. */
    referralShare: number;
    /** Prospects join fully only when members' mean value is at least this multiple of the fee (B10). */
    feeValueMultiple: number;
    /** Relative weights of helix roles among entrants. */
    entrants: RoleCounts;
  };
  trust: {
    /** Trust of a new acquaintance. */
    initial: number;
    /** Trust gained per encounter at an activity, as a share of the distance to 1. */
    gainActivity: number;
    /** Trust gained per year of joint project, as a share of the distance to 1. */
    gainProject: number;
    /** Share of trust lost per year without contact. */
    decay: number;
    /** A tie below this trust dissolves unless the pair works together. */
    dissolveBelow: number;
    /** Trust from which a pair may start joint projects. */
    collaborateAbove: number;
  };
  coordination: {
    /** Organisations sharing coordination (C3: the relay baton). */
    organisations: number;
    /** Leader knows the sector (C6). */
    leaderKnowsSector: boolean;
    /** Activities (events, matchmaking, visits, surveys) one FTE runs a year. */
    activitiesPerFte: number;
    /** Direct cost of one activity (EUR). */
    eurPerActivity: number;
    /** Yearly staff cost of one FTE (EUR): converts fee income into staff time. */
    staffCostPerFte: number;
    /** Share of institutional memory and active contacts lost when the sole coordinator leaves. */
    memoryLoss: number;
    /** Yearly recovery of institutional memory under continuous coordination. */
    memoryGain: number;
    /** Yearly loss of institutional memory while nobody is paid to coordinate (gap years). */
    memoryDecay: number;
    /**
     * Share of a project's coordination that changes hands when a project ends and the next one starts
     * at once (B1: the project manager leaves with the project). 0 = back-to-back projects keep their
     * coordinator. (When no project follows, the project's FTE is gone and counts as lost anyway.)
     */
    projectEndTurnover: number;
    /** Share of a coordination loss ℓ that every member's engagement loses (engagement × (1 − share × ℓ)). */
    engagementLossShare: number;
    /** Share of a coordination loss ℓ that every tie's trust loses (trust × (1 − share × ℓ)). */
    trustLossShare: number;
    /**
     * FTE at which coordination saturates: brokerage of joint projects and the growth of memory use
     * min(FTE, fteSaturation) (1 = one coordinator's worth).
     */
    fteSaturation: number;
    /** Activities members run themselves per engaged member per year (B11, B12). */
    volunteerActivities: number;
  };
  governance: {
    /** Goals co-created with the members (true) or set by the city (false). */
    coCreatedGoals: boolean;
    /** Share of the value members perceive when the goals are set for them (G4, G10). */
    goalFitImposed: number;
  };
  funding: {
    base: { eurPerYear: number; fte: number; fromYear: number; untilYear: number | null };
    projects: {
      durationYears: number;
      gapYears: number;
      successProbability: number;
      eurPerYear: number;
      fte: number;
      /** Year the first project starts (granted). */
      firstYear: number;
      /**
       * Share of project-paid FTE spent on applications and reporting rather than firm-facing work
       * (B18, B14, B19; 0.2 = one day a week, an assumption).
       */
      adminShare: number;
    };
    members: {
      /** Yearly fee per member organisation (individuals pay a tenth). */
      feeEur: number;
      startYear: number;
      /** Share of fee income spent on staff (the rest on activities). */
      staffShare: number;
    };
    anchor: {
      eurPerYear: number;
      fte: number;
      /** How far the anchor steers the goals to its own value chain (0 none, 1 fully; G12, J4). */
      steer: number;
      fromYear: number;
    };
  };
  /** Members' joint RDI projects (the impact side). */
  rdi: {
    /** Yearly probability that a trusted pair starts a joint project (with coordination). */
    rate: number;
    /** Share of that rate left without any coordination (no matchmaking, no calls shared). */
    uncoordinated: number;
    /**
     * Relative chance that a pair already working together starts another, overlapping joint project
     * (0: one project per pair at a time; 1: a running project neither helps nor hinders the next).
     */
    overlap: number;
    durationYears: number;
    /** Investment per partner per project year (EUR). */
    eurPerPartnerYear: number;
    /** Probability that a mixed-helix project with a research partner wins EU funding. */
    euProbability: number;
    /** EU share of the budget of an EU-funded project. */
    euShare: number;
    /** Jobs per million EUR of finished project investment. */
    jobsPerMEur: number;
    /** Years from a project's end to its jobs. */
    jobsLagYears: number;
  };
  /** Members' valuation, in EUR-equivalent a year. */
  value: {
    perActivity: number;
    perTrust: number;
    perProject: number;
    /** Time cost of attending one activity. */
    timePerActivity: number;
  };
  shocks: Shock[];
}

const prob = { type: 'number', minimum: 0, maximum: 1 } as const;
const nonneg = { type: 'number', minimum: 0 } as const;
const year = { type: 'integer', minimum: 0, maximum: 1000 } as const;
const roleCounts = {
  type: 'object',
  additionalProperties: false,
  properties: Object.fromEntries(HELIX_ROLES.map((r) => [r, { type: 'number', minimum: 0 }])),
} as const;

function obj(properties: Record<string, unknown>, description?: string): Record<string, unknown> {
  const o: Record<string, unknown> = { type: 'object', additionalProperties: false, properties };
  if (description) o.description = description;
  return o;
}

/** The JSON Schema of scenario files (also written to `schemas/scenario.schema.json`). */
export const SCENARIO_SCHEMA: Record<string, unknown> = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://helixlab.example/schemas/scenario.schema.json',
  title: 'HelixLab scenario',
  description: 'A cluster simulation scenario. Every field is optional; missing fields take the defaults documented in docs/model.md.',
  ...obj({
    $schema: { type: 'string' },
    name: { type: 'string', minLength: 1 },
    description: { type: 'string' },
    notes: { type: 'array', items: { type: 'string' } },
    startYear: { type: 'integer' },
    years: { type: 'integer', minimum: 1, maximum: 100 },
    posterior: {
      type: 'string',
      minLength: 1,
      description: 'Posterior sample (CSV, relative to this file) the runs draw parameters from.',
    },
    equalMoney: { ...obj({ with: { type: 'string', minLength: 1 } }), required: ['with'] },
    start: obj({
      network: { type: 'string', minLength: 1 },
      generator: obj({
        counts: roleCounts,
        sectors: { type: 'integer', minimum: 1, maximum: 1000 },
        meanDegree: { type: 'number', minimum: 0, maximum: 100 },
        trust: prob,
      }),
    }),
    network: obj({
      openness: prob,
      homophily: prob,
      closure: prob,
      contactsPerActivity: { type: 'number', minimum: 0, maximum: 50 },
      attendance: prob,
      repeat: prob,
    }),
    growth: obj({
      recruitRate: { type: 'number', minimum: 0, maximum: 5 },
      membersPerFte: { type: 'number', minimum: 1 },
      churnBase: prob,
      churnSensitivity: { type: 'number', minimum: 0, maximum: 10 },
      passiveShare: prob,
      referralShare: prob,
      feeValueMultiple: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
      entrants: roleCounts,
    }),
    trust: obj({ initial: prob, gainActivity: prob, gainProject: prob, decay: prob, dissolveBelow: prob, collaborateAbove: prob }),
    coordination: obj({
      organisations: { type: 'integer', minimum: 1, maximum: 20 },
      leaderKnowsSector: { type: 'boolean' },
      activitiesPerFte: { type: 'number', minimum: 0, maximum: 200 },
      eurPerActivity: { type: 'number', exclusiveMinimum: 0 },
      staffCostPerFte: { type: 'number', exclusiveMinimum: 0 },
      memoryLoss: prob,
      memoryGain: prob,
      memoryDecay: prob,
      projectEndTurnover: prob,
      engagementLossShare: prob,
      trustLossShare: prob,
      fteSaturation: { type: 'number', exclusiveMinimum: 0, maximum: 100 },
      volunteerActivities: { type: 'number', minimum: 0, maximum: 1 },
    }),
    governance: obj({ coCreatedGoals: { type: 'boolean' }, goalFitImposed: prob }),
    funding: obj({
      note: { type: 'string' },
      base: obj({
        eurPerYear: nonneg,
        fte: { type: 'number', minimum: 0, maximum: 100 },
        fromYear: year,
        untilYear: { type: ['integer', 'null'], minimum: 0 },
      }),
      projects: obj({
        durationYears: { type: 'integer', minimum: 1, maximum: 20 },
        gapYears: { type: 'integer', minimum: 0, maximum: 20 },
        successProbability: prob,
        eurPerYear: nonneg,
        fte: { type: 'number', minimum: 0, maximum: 100 },
        firstYear: year,
        adminShare: prob,
      }),
      members: obj({ feeEur: nonneg, startYear: year, staffShare: prob }),
      anchor: obj({ eurPerYear: nonneg, fte: { type: 'number', minimum: 0, maximum: 100 }, steer: prob, fromYear: year }),
    }),
    rdi: obj({
      rate: prob,
      uncoordinated: prob,
      overlap: prob,
      durationYears: { type: 'integer', minimum: 1, maximum: 10 },
      eurPerPartnerYear: nonneg,
      euProbability: prob,
      euShare: prob,
      jobsPerMEur: nonneg,
      jobsLagYears: { type: 'integer', minimum: 0, maximum: 20 },
    }),
    value: obj({ perActivity: nonneg, perTrust: nonneg, perProject: nonneg, timePerActivity: nonneg }),
    shocks: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['year', 'type'],
        properties: {
          year: { type: 'integer', minimum: 1, maximum: 1000 },
          type: { enum: [...SHOCK_TYPES] },
          share: prob,
          note: { type: 'string' },
        },
      },
    },
  }),
};

/** Every default, in the units documented on {@link Scenario}. */
export const SCENARIO_DEFAULTS: Omit<Scenario, 'name'> = {
  years: 15,
  start: {
    generator: {
      counts: { industry: 20, 'research-education': 4, public: 3, 'civil-society': 1, startup: 4, financier: 1 },
      sectors: 4,
      meanDegree: 4,
      trust: 0.4,
    },
  },
  network: { openness: 0.3, homophily: 0.5, closure: 0.3, contactsPerActivity: 1, attendance: 0.3, repeat: 0.6 },
  growth: {
    recruitRate: 0.15,
    membersPerFte: 150,
    churnBase: 0.03,
    churnSensitivity: 0.3,
    passiveShare: 0.3,
    referralShare: 0.15,
    feeValueMultiple: 2,
    entrants: {
      industry: 0.55,
      'research-education': 0.08,
      public: 0.05,
      'civil-society': 0.05,
      startup: 0.2,
      financier: 0.03,
      individual: 0.04,
    },
  },
  trust: { initial: 0.15, gainActivity: 0.15, gainProject: 0.25, decay: 0.3, dissolveBelow: 0.1, collaborateAbove: 0.5 },
  coordination: {
    organisations: 1,
    leaderKnowsSector: true,
    activitiesPerFte: 14,
    eurPerActivity: 4000,
    staffCostPerFte: 70000,
    memoryLoss: 0.6,
    memoryGain: 0.35,
    memoryDecay: 0.35,
    projectEndTurnover: 0,
    engagementLossShare: 1,
    trustLossShare: 0.5,
    fteSaturation: 1,
    volunteerActivities: 0.02,
  },
  governance: { coCreatedGoals: true, goalFitImposed: 0.6 },
  funding: {
    base: { eurPerYear: 0, fte: 0, fromYear: 1, untilYear: null },
    projects: { durationYears: 3, gapYears: 1, successProbability: 0.7, eurPerYear: 0, fte: 0, firstYear: 1, adminShare: 0.2 },
    members: { feeEur: 0, startYear: 1, staffShare: 0.5 },
    anchor: { eurPerYear: 0, fte: 0, steer: 0.5, fromYear: 1 },
  },
  rdi: {
    rate: 0.08,
    uncoordinated: 0.3,
    overlap: 0,
    durationYears: 2,
    eurPerPartnerYear: 50000,
    euProbability: 0.25,
    euShare: 0.6,
    jobsPerMEur: 4,
    jobsLagYears: 2,
  },
  value: { perActivity: 300, perTrust: 600, perProject: 4000, timePerActivity: 150 },
  shocks: [],
};

type Plain = Record<string, unknown>;

function isPlain(v: unknown): v is Plain {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep merge: `over` wins; arrays and role-count maps are replaced, not merged. */
function merge(base: unknown, over: unknown, path: string): unknown {
  if (!isPlain(base) || !isPlain(over)) return over === undefined ? structuredClone(base) : structuredClone(over);
  if (path.endsWith('counts') || path.endsWith('entrants')) return structuredClone(over);
  const out: Plain = {};
  for (const k of new Set([...Object.keys(base), ...Object.keys(over)])) {
    out[k] = merge(base[k], over[k], path + '.' + k);
  }
  return out;
}

/** Fill a validated scenario document with the defaults. */
export function withDefaults(doc: Plain, fallbackName: string): Scenario {
  const merged = merge(SCENARIO_DEFAULTS, doc, '') as Scenario & { $schema?: string; notes?: string[] };
  delete merged.$schema;
  if (typeof merged.name !== 'string' || merged.name === '') merged.name = fallbackName;
  return merged;
}

/** The name a scenario is shown under: its `name`. */
export function scenarioName(s: Scenario): string {
  return s.name;
}
