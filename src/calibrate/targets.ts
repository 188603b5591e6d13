/**
 * Calibration targets: what a simulated run is compared with (browser-safe, pure). A targets file
 * (JSON Schema `schemas/targets.schema.json`, {@link TARGETS_SCHEMA}; docs/calibration.md) lists
 * observations on summary statistics of a run:
 *
 * - `{"metric": "members", "year": 2025, "value": 110}` (kind `value`, the default): the metric at
 *   a year;
 * - `{"kind": "growth", "metric": "members", "from": 2011, "to": 2025, ...}`: the mean growth per
 *   year, (m[to] − m[from]) / (to − from); with `"relative": true` the compound yearly rate
 *   (m[to] / m[from])^(1 / (to − from)) − 1;
 * - `{"kind": "ratio", "numerator": "partnerships", "denominator": "members", "year": 2020, ...}`:
 *   numerator / denominator at a year.
 *
 * Each has an observed `value`, or a range `min` and/or `max` (distance 0 inside it: "about 20 new
 * members a year" is `"min": 15, "max": 25`, "over 110" is `"min": 110`), an optional `name`
 * (default: derived, e.g. `members@2025`; names are unique), an optional `source` (free text, e.g.
 * cookbook line numbers) and `holdout` (true: not fitted, only checked against the posterior
 * predictive distribution).
 *
 * Years: with a top-level `"startYear"` the years are calendar years (t = year − startYear);
 * without it they are year indices of the run (0 = the starting state, 1 = after the first
 * simulated year, …). A run's series (`RunSeries`) holds each metric by year index.
 *
 * Checks happen in two steps: {@link parseTargets} checks the file on its own (JSON syntax, fields,
 * types, value vs range, from < to, unique names), with the line and column of each problem;
 * {@link checkTargets} checks it against a simulator's metric names and horizon (an unknown metric
 * with a did-you-mean, a year outside the horizon, a startYear that differs from the simulator's).
 * Both throw one `InputError` with every problem (exit code 2 in the CLI).
 *
 * A statistic that is not a number in a run (NaN: e.g. a ratio with a zero denominator, or
 * `partnershipsPerMillion` before any public money is spent) puts that run at an infinite
 * distance: it is never accepted.
 *
 * Size: about 600 lines: one format — its JSON Schema, the parser with located messages for every
 * kind of mistake, the check against a simulator, and the statistics it defines.
 */
import { DiagnosticCollector, didYouMean } from '../model/errors.js';
import { JsonSyntaxError, parseJsonWithPositions, type JsonPositions } from '../io/json.js';

/** Format name written into (and accepted in) targets files. */
export const TARGETS_FORMAT = 'helixlab-targets/1';

export type TargetKind = 'value' | 'growth' | 'ratio';

/** What was observed: a value, or a range with either or both ends. */
export interface Observation {
  value?: number;
  min?: number;
  max?: number;
}

interface TargetCommon extends Observation {
  name: string;
  source?: string;
  /** Not fitted; only checked against the posterior predictive distribution. */
  holdout: boolean;
}

/** A metric at a year. */
export interface ValueTarget extends TargetCommon {
  kind: 'value';
  metric: string;
  year: number;
}

/** Mean growth per year of a metric between two years (absolute, or compound relative). */
export interface GrowthTarget extends TargetCommon {
  kind: 'growth';
  metric: string;
  from: number;
  to: number;
  relative: boolean;
}

/** Ratio of two metrics at a year. */
export interface RatioTarget extends TargetCommon {
  kind: 'ratio';
  numerator: string;
  denominator: string;
  year: number;
}

export type Target = ValueTarget | GrowthTarget | RatioTarget;

/** A parsed, self-consistent targets file. */
export interface TargetSet {
  /** The file name (for messages). */
  file: string;
  /** Years are calendar years from this start (year index = year − startYear); absent: indices. */
  startYear?: number;
  description?: string;
  targets: Target[];
  /** Line and column of each field (`targets[2].year`), for later messages. */
  locations?: ReadonlyMap<string, { line: number; column: number }>;
}

/** What a simulator reports, for {@link checkTargets}. */
export interface SimulatorInfo {
  /** Metric names a run reports. */
  metrics: readonly string[];
  /** Simulated years: a run's series have indices 0..years. */
  years: number;
  /** Calendar year of index 0, when the simulator has one. */
  startYear?: number;
}

/** A run's metrics by year index (index 0 = the starting state). */
export type RunSeries = Readonly<Record<string, ArrayLike<number>>>;

/** The statistic of a target with its year indices resolved (plain data: it travels to worker threads). */
export type StatisticSpec =
  | { kind: 'value'; metric: string; t: number }
  | { kind: 'growth'; metric: string; from: number; to: number; relative: boolean }
  | { kind: 'ratio'; numerator: string; denominator: string; t: number };

const COMMON_FIELDS = ['kind', 'name', 'source', 'holdout', 'value', 'min', 'max'] as const;
const KIND_FIELDS: Record<TargetKind, readonly string[]> = {
  value: ['metric', 'year'],
  growth: ['metric', 'from', 'to', 'relative'],
  ratio: ['numerator', 'denominator', 'year'],
};
const TOP_FIELDS = ['$schema', 'format', 'description', 'startYear', 'targets'] as const;

/** The JSON Schema of targets files (also `schemas/targets.schema.json`). */
export const TARGETS_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://helixlab.example/schemas/targets.schema.json',
  title: 'HelixLab calibration targets',
  description:
    'Observations on summary statistics of a simulated run, for calibration (docs/calibration.md). Each target has a value or a range (min and/or max).',
  type: 'object',
  additionalProperties: false,
  required: ['targets'],
  properties: {
    $schema: { type: 'string' },
    format: { const: TARGETS_FORMAT },
    description: { type: 'string' },
    startYear: { type: 'integer', description: 'When given, years are calendar years; otherwise year indices (0 = the starting state).' },
    targets: {
      type: 'array',
      minItems: 1,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          kind: { enum: ['value', 'growth', 'ratio'], description: "Default 'value'." },
          name: { type: 'string', minLength: 1 },
          source: { type: 'string' },
          holdout: { type: 'boolean' },
          value: { type: 'number' },
          min: { type: 'number' },
          max: { type: 'number' },
          metric: { type: 'string', minLength: 1 },
          year: { type: 'integer' },
          from: { type: 'integer' },
          to: { type: 'integer' },
          relative: { type: 'boolean' },
          numerator: { type: 'string', minLength: 1 },
          denominator: { type: 'string', minLength: 1 },
        },
        anyOf: [{ required: ['value'] }, { required: ['min'] }, { required: ['max'] }],
        not: { anyOf: [{ required: ['value', 'min'] }, { required: ['value', 'max'] }] },
        allOf: [
          {
            if: { required: ['kind'], properties: { kind: { const: 'growth' } } },
            then: {
              required: ['metric', 'from', 'to'],
              not: { anyOf: [{ required: ['year'] }, { required: ['numerator'] }, { required: ['denominator'] }] },
            },
          },
          {
            if: { required: ['kind'], properties: { kind: { const: 'ratio' } } },
            then: {
              required: ['numerator', 'denominator', 'year'],
              not: { anyOf: [{ required: ['metric'] }, { required: ['from'] }, { required: ['to'] }, { required: ['relative'] }] },
            },
          },
          {
            if: { anyOf: [{ not: { required: ['kind'] } }, { properties: { kind: { const: 'value' } } }] },
            then: {
              required: ['metric', 'year'],
              not: {
                anyOf: [
                  { required: ['from'] },
                  { required: ['to'] },
                  { required: ['relative'] },
                  { required: ['numerator'] },
                  { required: ['denominator'] },
                ],
              },
            },
          },
        ],
      },
    },
  },
} as const;

type Where = { line?: number; column?: number; field?: string };

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return JSON.stringify(v);
}

/** The default name of a target. */
export function defaultTargetName(t: Omit<ValueTarget, 'name'> | Omit<GrowthTarget, 'name'> | Omit<RatioTarget, 'name'>): string {
  if (t.kind === 'value') return `${t.metric}@${t.year}`;
  if (t.kind === 'growth') return `${t.metric} ${t.relative ? 'relative growth' : 'growth'} ${t.from}-${t.to}`;
  return `${t.numerator}/${t.denominator}@${t.year}`;
}

/**
 * Parse and check a targets file on its own (see the module doc). Throws `InputError` with
 * every problem, each with the line and column of the field.
 */
export function parseTargets(text: string, file: string): TargetSet {
  const dc = new DiagnosticCollector(file);
  let pos: JsonPositions;
  try {
    pos = parseJsonWithPositions(text);
  } catch (err) {
    if (err instanceof JsonSyntaxError) {
      const { line, column } = lineColOf(text, err.offset);
      dc.error('bad-json', `not valid JSON: ${err.message}`, { line, column });
      dc.throwIfErrors();
    }
    throw err;
  }
  const locations = new Map<string, { line: number; column: number }>();
  for (const [path, off] of pos.valueAt) locations.set(path, pos.lineCol(off));
  const keyWhere = (path: string): Where => {
    const off = pos.keyAt.get(path) ?? pos.valueAt.get(path);
    return off === undefined ? { field: path || '(top level)' } : { ...pos.lineCol(off), field: path || '(top level)' };
  };
  const valWhere = (path: string): Where => {
    const off = pos.valueAt.get(path) ?? pos.keyAt.get(path);
    return off === undefined ? { field: path || '(top level)' } : { ...pos.lineCol(off), field: path || '(top level)' };
  };
  for (const d of pos.duplicateKeys)
    dc.error('duplicate-key', 'this field is given twice in one object', { ...pos.lineCol(d.offset), field: d.path });

  const doc = pos.value;
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    dc.error('bad-type', `a targets file is a JSON object {"targets": [...]}, got ${describe(doc)}`, {
      line: 1,
      column: 1,
      field: '(top level)',
    });
    dc.throwIfErrors();
  }
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d)) {
    if (!(TOP_FIELDS as readonly string[]).includes(k)) {
      const dym = didYouMean(k, TOP_FIELDS);
      dc.error(
        'unknown-field',
        `unknown field '${k}'${dym ? ` (did you mean '${dym}'?)` : ''}; known fields here: ${TOP_FIELDS.join(', ')}`,
        keyWhere(k),
      );
    }
  }
  if (d.format !== undefined && d.format !== TARGETS_FORMAT)
    dc.error('bad-value', `expected "${TARGETS_FORMAT}", got ${describe(d.format)}`, valWhere('format'));
  if (d.description !== undefined && typeof d.description !== 'string')
    dc.error('bad-type', `expected a string, got ${describe(d.description)}`, valWhere('description'));
  let startYear: number | undefined;
  if (d.startYear !== undefined) {
    if (typeof d.startYear !== 'number' || !Number.isInteger(d.startYear))
      dc.error('bad-type', `expected an integer (a calendar year), got ${describe(d.startYear)}`, valWhere('startYear'));
    else startYear = d.startYear;
  }
  const targets: Target[] = [];
  if (!Array.isArray(d.targets)) {
    dc.error(
      d.targets === undefined ? 'missing-field' : 'bad-type',
      d.targets === undefined
        ? "missing required field 'targets' (a list of observations)"
        : `expected a list of targets, got ${describe(d.targets)}`,
      d.targets === undefined ? { line: 1, column: 1, field: 'targets' } : valWhere('targets'),
    );
  } else if (d.targets.length === 0) {
    dc.error('bad-value', 'expected at least one target', valWhere('targets'));
  } else {
    const docIndex: number[] = [];
    d.targets.forEach((raw, i) => {
      const t = parseTarget(raw, `targets[${i}]`, dc, keyWhere, valWhere);
      if (t) {
        targets.push(t);
        docIndex.push(i);
      }
    });
    const seen = new Map<string, number>();
    targets.forEach((t, k) => {
      const i = docIndex[k]!;
      const first = seen.get(t.name);
      if (first !== undefined) {
        dc.error(
          'duplicate-name',
          `the target name '${t.name}' is used twice (also targets[${first}]); give each target its own "name"`,
          valWhere(`targets[${i}]`),
        );
      } else seen.set(t.name, i);
    });
    if (targets.length === d.targets.length && targets.every((t) => t.holdout)) {
      dc.error('no-fitted-target', 'every target is a holdout: at least one must be fitted (holdout false)', valWhere('targets'));
    }
  }
  dc.throwIfErrors();
  const set: TargetSet = { file, targets, locations };
  if (startYear !== undefined) set.startYear = startYear;
  if (typeof d.description === 'string') set.description = d.description;
  return set;
}

function lineColOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

function parseTarget(
  raw: unknown,
  at: string,
  dc: DiagnosticCollector,
  keyWhere: (path: string) => Where,
  valWhere: (path: string) => Where,
): Target | undefined {
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    dc.error('bad-type', `expected a target object, got ${describe(raw)}`, valWhere(at));
    return undefined;
  }
  const r = raw as Record<string, unknown>;
  const before = dc.errorCount;
  let kind: TargetKind = 'value';
  if (r.kind !== undefined) {
    if (r.kind === 'value' || r.kind === 'growth' || r.kind === 'ratio') kind = r.kind;
    else {
      const dym = typeof r.kind === 'string' ? didYouMean(r.kind, ['value', 'growth', 'ratio']) : undefined;
      dc.error(
        'bad-value',
        `expected one of value, growth, ratio, got ${describe(r.kind)}${dym ? ` (did you mean '${dym}'?)` : ''}`,
        valWhere(`${at}.kind`),
      );
      return undefined;
    }
  }
  const allowed = [...COMMON_FIELDS, ...KIND_FIELDS[kind]];
  for (const k of Object.keys(r)) {
    if (allowed.includes(k)) continue;
    const otherKind = (Object.keys(KIND_FIELDS) as TargetKind[]).find((kk) => KIND_FIELDS[kk].includes(k));
    const dym = didYouMean(k, allowed);
    const hint = dym
      ? ` (did you mean '${dym}'?)`
      : otherKind
        ? ` ('${k}' belongs to kind '${otherKind}'; this target is kind '${kind}')`
        : '';
    dc.error(
      'unknown-field',
      `unknown field '${k}' for a ${kind} target${hint}; fields here: ${allowed.join(', ')}`,
      keyWhere(`${at}.${k}`),
    );
  }
  const str = (k: string, required: boolean): string | undefined => {
    const v = r[k];
    if (v === undefined) {
      if (required)
        dc.error(
          'missing-field',
          `missing required field '${k}' (a ${kind} target needs ${KIND_FIELDS[kind].filter((f) => f !== 'relative').join(', ')})`,
          valWhere(at),
        );
      return undefined;
    }
    if (typeof v !== 'string' || v.trim() === '') {
      dc.error('bad-type', `expected a non-empty string, got ${describe(v)}`, valWhere(`${at}.${k}`));
      return undefined;
    }
    return v;
  };
  const int = (k: string, required: boolean): number | undefined => {
    const v = r[k];
    if (v === undefined) {
      if (required)
        dc.error(
          'missing-field',
          `missing required field '${k}' (a ${kind} target needs ${KIND_FIELDS[kind].filter((f) => f !== 'relative').join(', ')})`,
          valWhere(at),
        );
      return undefined;
    }
    if (typeof v !== 'number' || !Number.isInteger(v)) {
      dc.error('bad-type', `expected an integer year, got ${describe(v)}`, valWhere(`${at}.${k}`));
      return undefined;
    }
    return v;
  };
  const num = (k: string): number | undefined => {
    const v = r[k];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      dc.error('bad-type', `expected a number, got ${describe(v)}`, valWhere(`${at}.${k}`));
      return undefined;
    }
    return v;
  };
  const bool = (k: string): boolean => {
    const v = r[k];
    if (v === undefined) return false;
    if (typeof v !== 'boolean') {
      dc.error('bad-type', `expected true or false, got ${describe(v)}`, valWhere(`${at}.${k}`));
      return false;
    }
    return v;
  };
  const obs: Observation = {};
  const value = num('value');
  const min = num('min');
  const max = num('max');
  if (value !== undefined) obs.value = value;
  if (min !== undefined) obs.min = min;
  if (max !== undefined) obs.max = max;
  if (r.value !== undefined && (r.min !== undefined || r.max !== undefined)) {
    dc.error('conflict', 'give either "value" or a range ("min" and/or "max"), not both', valWhere(`${at}.value`));
  } else if (r.value === undefined && r.min === undefined && r.max === undefined) {
    dc.error('missing-field', 'missing the observation: give "value", or a range with "min" and/or "max"', valWhere(at));
  }
  if (min !== undefined && max !== undefined && min > max) {
    dc.error('bad-range', `the range is inverted: min ${min} > max ${max}`, valWhere(`${at}.min`));
  }
  const holdout = bool('holdout');
  const name = r.name === undefined ? undefined : str('name', false);
  const source =
    r.source === undefined
      ? undefined
      : typeof r.source === 'string'
        ? r.source
        : (dc.error('bad-type', `expected a string, got ${describe(r.source)}`, valWhere(`${at}.source`)), undefined);
  let t: Target | undefined;
  if (kind === 'value') {
    const metric = str('metric', true);
    const year = int('year', true);
    if (metric !== undefined && year !== undefined) t = { kind, metric, year, name: '', holdout, ...obs };
  } else if (kind === 'growth') {
    const metric = str('metric', true);
    const from = int('from', true);
    const to = int('to', true);
    const relative = bool('relative');
    if (from !== undefined && to !== undefined && !(from < to)) {
      dc.error('bad-range', `a growth target needs from < to, got from ${from} and to ${to}`, valWhere(`${at}.to`));
    }
    if (metric !== undefined && from !== undefined && to !== undefined) t = { kind, metric, from, to, relative, name: '', holdout, ...obs };
  } else {
    const numerator = str('numerator', true);
    const denominator = str('denominator', true);
    const year = int('year', true);
    if (numerator !== undefined && denominator !== undefined && year !== undefined)
      t = { kind, numerator, denominator, year, name: '', holdout, ...obs };
  }
  if (!t || dc.errorCount > before) return undefined;
  t.name = name ?? defaultTargetName(t);
  if (source !== undefined) t.source = source;
  return t;
}

/** The metric names a target reads, with the field each comes from. */
function targetMetrics(t: Target): Array<{ metric: string; field: string }> {
  if (t.kind === 'ratio') {
    return [
      { metric: t.numerator, field: 'numerator' },
      { metric: t.denominator, field: 'denominator' },
    ];
  }
  return [{ metric: t.metric, field: 'metric' }];
}

/** The years a target reads, with the field each comes from. */
function targetYears(t: Target): Array<{ year: number; field: string }> {
  if (t.kind === 'growth') {
    return [
      { year: t.from, field: 'from' },
      { year: t.to, field: 'to' },
    ];
  }
  return [{ year: t.year, field: 'year' }];
}

/**
 * Check targets against a simulator's metrics and horizon (see the module doc). Throws
 * `InputError` naming the file, line and field of each problem, with a did-you-mean for a
 * misspelt metric.
 */
export function checkTargets(set: TargetSet, info: SimulatorInfo): void {
  const dc = new DiagnosticCollector(set.file);
  const where = (path: string): Where => {
    const loc = set.locations?.get(path);
    return loc ? { ...loc, field: path } : { field: path };
  };
  if (set.startYear !== undefined && info.startYear !== undefined && set.startYear !== info.startYear) {
    dc.error(
      'start-year-mismatch',
      `the targets give years from startYear ${set.startYear} but the simulation starts in ${info.startYear}; use the same start year (years are counted from it)`,
      where('startYear'),
    );
  }
  const base = set.startYear;
  const horizon = base !== undefined ? `${base}–${base + info.years}` : `0–${info.years} (year indices; 0 = the starting state)`;
  set.targets.forEach((t, i) => {
    for (const { metric, field } of targetMetrics(t)) {
      if (info.metrics.includes(metric)) continue;
      const dym = didYouMean(metric, info.metrics);
      dc.error(
        'unknown-metric',
        `unknown metric '${metric}'${dym ? ` (did you mean '${dym}'?)` : ''}; the simulation reports: ${info.metrics.join(', ')}`,
        where(`targets[${i}].${field}`),
      );
    }
    for (const { year, field } of targetYears(t)) {
      const idx = base !== undefined ? year - base : year;
      if (idx >= 0 && idx <= info.years) continue;
      let hint = '';
      if (base === undefined && info.startYear !== undefined && year >= info.startYear && year <= info.startYear + info.years) {
        hint = `; it looks like a calendar year: add "startYear": ${info.startYear} at the top of the file`;
      }
      dc.error('year-outside-horizon', `year ${year} is outside the simulated horizon ${horizon}${hint}`, where(`targets[${i}].${field}`));
    }
  });
  dc.throwIfErrors();
}

/** The statistics of targets, with year indices resolved (plain data for worker threads). */
export function statisticSpecs(set: Pick<TargetSet, 'startYear' | 'targets'>): StatisticSpec[] {
  const base = set.startYear ?? 0;
  return set.targets.map((t): StatisticSpec => {
    if (t.kind === 'value') return { kind: 'value', metric: t.metric, t: t.year - base };
    if (t.kind === 'growth') return { kind: 'growth', metric: t.metric, from: t.from - base, to: t.to - base, relative: t.relative };
    return { kind: 'ratio', numerator: t.numerator, denominator: t.denominator, t: t.year - base };
  });
}

function at(series: RunSeries, metric: string, t: number): number {
  const s = series[metric];
  if (!s) throw new Error(`the simulator returned no metric '${metric}'`);
  const v = s[t];
  return v === undefined ? NaN : v;
}

/** The value of one statistic in a run (NaN when it is not defined). */
export function statisticValue(spec: StatisticSpec, series: RunSeries): number {
  if (spec.kind === 'value') return at(series, spec.metric, spec.t);
  if (spec.kind === 'ratio') return at(series, spec.numerator, spec.t) / at(series, spec.denominator, spec.t);
  const a = at(series, spec.metric, spec.from);
  const b = at(series, spec.metric, spec.to);
  const span = spec.to - spec.from;
  return spec.relative ? Math.pow(b / a, 1 / span) - 1 : (b - a) / span;
}

/** Every statistic of a run, in target order. */
export function statisticValues(specs: readonly StatisticSpec[], series: RunSeries, out = new Float64Array(specs.length)): Float64Array {
  for (let i = 0; i < specs.length; i++) out[i] = statisticValue(specs[i]!, series);
  return out;
}

/**
 * How far a statistic lies from an observation, unscaled: |s − value|, or the distance to the
 * range [min, max] (0 inside it); +∞ when s is not a number.
 */
export function deviation(obs: Observation, s: number): number {
  if (Number.isNaN(s)) return Infinity;
  if (obs.value !== undefined) return Math.abs(s - obs.value);
  if (obs.min !== undefined && s < obs.min) return obs.min - s;
  if (obs.max !== undefined && s > obs.max) return s - obs.max;
  return 0;
}

/** True when the observation is a range (min and/or max) rather than a value. */
export function isRange(obs: Observation): boolean {
  return obs.value === undefined;
}

/** The observation as text: `110`, `[15, 25]`, `≥ 110`, `≤ 5`. */
export function observationText(obs: Observation): string {
  if (obs.value !== undefined) return String(obs.value);
  if (obs.min !== undefined && obs.max !== undefined) return `[${obs.min}, ${obs.max}]`;
  if (obs.min !== undefined) return `≥ ${obs.min}`;
  return `≤ ${obs.max}`;
}

/** A targets document given as data (not read from a file), checked as {@link parseTargets} checks a file. */
export function targetsFromData(doc: unknown, file = '<targets>'): TargetSet {
  return parseTargets(JSON.stringify(doc, null, 2), file);
}
