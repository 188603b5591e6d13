/**
 * Calibration inputs: prior specs (priors.ts) and targets files (targets.ts) — parsing, located
 * errors with did-you-mean, the check against a simulator's metrics and horizon, the published JSON
 * Schema, the statistics and deviations. Values are computed by hand.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { InputError, UsageError, type Diagnostic } from '../src/model/errors.js';
import { fromSampling, parsePriorSpec, parsePriorSpecs, toSampling } from '../src/calibrate/priors.js';
import {
  TARGETS_SCHEMA,
  checkTargets,
  deviation,
  observationText,
  parseTargets,
  statisticSpecs,
  statisticValues,
  type TargetSet,
} from '../src/calibrate/targets.js';
import { SCENARIO_METRICS } from '../src/scenario/observers.js';

const root = process.cwd();
const examplePath = join(root, 'test/fixtures/calibration/targets-example.json');
const exampleText = readFileSync(examplePath, 'utf8');
const engine = { metrics: SCENARIO_METRICS, years: 14, startYear: 2011 };

function diagnostics(fn: () => unknown): Diagnostic[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputError) return e.diagnostics;
    throw e;
  }
  throw new Error('expected an InputError');
}

/** Parse a targets document given as an object (pretty-printed, so every field is on its own line). */
function parseDoc(doc: unknown): TargetSet {
  return parseTargets(JSON.stringify(doc, null, 2), 't.json');
}

const t = (extra: Record<string, unknown>) => ({ targets: [{ metric: 'members', year: 3, value: 40, ...extra }] });

describe('prior specs', () => {
  it('parses uniform and log-uniform ranges', () => {
    expect(parsePriorSpec('network.openness=0.1:0.6')).toEqual({ name: 'network.openness', lo: 0.1, hi: 0.6, scale: 'uniform' });
    const p = parsePriorSpec('growth.recruitRate=0.01:1:log');
    expect(p).toEqual({ name: 'growth.recruitRate', lo: 0.01, hi: 1, scale: 'log-uniform' });
    expect(toSampling(p, 0.1)).toBeCloseTo(Math.log(0.1), 15);
    expect(fromSampling(p, Math.log(0.5))).toBeCloseTo(0.5, 15);
    expect(parsePriorSpecs(['a=0:1', 'b=-2:2']).map((x) => x.name)).toEqual(['a', 'b']);
  });

  it('rejects zero-width, inverted, malformed, duplicate and non-positive log ranges with the option named', () => {
    const msg = (spec: string) => {
      try {
        parsePriorSpec(spec);
      } catch (e) {
        expect(e).toBeInstanceOf(UsageError);
        return (e as Error).message;
      }
      return '';
    };
    expect(msg('x=1:1')).toBe('--param x: the range 1:1 has zero width; give lo < hi (or fix the parameter instead)');
    expect(msg('x=2:1')).toBe('--param x: the range 2:1 is inverted; expected lo < hi (did you mean 1:2?)');
    expect(msg('x=0:1:log')).toBe('--param x: a log-uniform prior needs 0 < lo, got 0');
    expect(msg('x:0:1')).toMatch(/^--param: expected path=lo:hi or path=lo:hi:log .* got 'x:0:1'$/);
    expect(msg('x=a:1')).toBe("--param x: expected two numbers lo:hi, got 'a' and '1'");
    expect(msg('x=0:1:int')).toMatch(/expected path=lo:hi or path=lo:hi:log/);
    expect(() => parsePriorSpecs(['x=0:1', 'x=1:2'])).toThrow('--param x is given twice');
    expect(() => parsePriorSpecs([])).toThrow('give at least one --param path=lo:hi');
  });
});

describe('targets files', () => {
  it('reads every kind, with default names, sources and holdouts', () => {
    const set = parseTargets(exampleText, examplePath);
    expect(set.startYear).toBe(2011);
    expect(set.targets.map((x) => x.name)).toEqual([
      'members 2025',
      'reached growth 2011-2025',
      'members relative growth 2011-2018',
      'partnerships/members@2020',
      'meanTrust@2015',
    ]);
    expect(set.targets[0]).toMatchObject({ kind: 'value', metric: 'members', year: 2025, min: 110, holdout: false });
    expect(set.targets[0]!.source).toMatch(/^E7: more than 110/);
    expect(set.targets[1]).toMatchObject({ kind: 'growth', from: 2011, to: 2025, min: 15, max: 25, relative: false });
    expect(set.targets[2]).toMatchObject({ kind: 'growth', relative: true, value: 0.12 });
    expect(set.targets[3]).toMatchObject({ kind: 'ratio', numerator: 'partnerships', denominator: 'members', max: 2 });
    expect(set.targets[4]).toMatchObject({ holdout: true, value: 0.4 });
    expect(() => checkTargets(set, engine)).not.toThrow();
    expect(set.targets.map((x) => observationText(x))).toEqual(['≥ 110', '[15, 25]', '0.12', '≤ 2', '0.4']);
  });

  it('locates problems of the file itself: line, column, field, and what was expected', () => {
    const text = '{\n  "targets": [\n    { "metric": "members", "yaer": 3, "value": 40 }\n  ]\n}\n';
    const d = diagnostics(() => parseTargets(text, 't.json'));
    expect(d.map((x) => [x.line, x.column, x.field, x.message])).toEqual([
      [
        3,
        28,
        'targets[0].yaer',
        "unknown field 'yaer' for a value target (did you mean 'year'?); fields here: kind, name, source, holdout, value, min, max, metric, year",
      ],
      [3, 5, 'targets[0]', "missing required field 'year' (a value target needs metric, year)"],
    ]);
    const syntax = diagnostics(() => parseTargets('{\n  "targets": [\n    { "metric": "members" "year": 3 }\n  ]\n}', 't.json'));
    expect(syntax[0]).toMatchObject({ line: 3, code: 'bad-json' });
  });

  it('reports each kind of mistake with its own message', () => {
    const one = (doc: unknown) => diagnostics(() => parseDoc(doc)).map((x) => `${x.field}: ${x.message}`);
    expect(one(t({ min: 30 }))).toEqual(['targets[0].value: give either "value" or a range ("min" and/or "max"), not both']);
    expect(one({ targets: [{ metric: 'members', year: 3 }] })).toEqual([
      'targets[0]: missing the observation: give "value", or a range with "min" and/or "max"',
    ]);
    expect(one({ targets: [{ metric: 'members', year: 3, min: 50, max: 40 }] })).toEqual([
      'targets[0].min: the range is inverted: min 50 > max 40',
    ]);
    expect(one({ targets: [{ kind: 'growth', metric: 'members', from: 5, to: 5, value: 1 }] })).toEqual([
      'targets[0].to: a growth target needs from < to, got from 5 and to 5',
    ]);
    expect(one(t({ from: 1 }))).toEqual([
      "targets[0].from: unknown field 'from' for a value target ('from' belongs to kind 'growth'; this target is kind 'value'); fields here: kind, name, source, holdout, value, min, max, metric, year",
    ]);
    expect(one(t({ kind: 'grwoth' }))).toEqual([
      'targets[0].kind: expected one of value, growth, ratio, got "grwoth" (did you mean \'growth\'?)',
    ]);
    expect(one(t({ year: 2.5 }))).toEqual(['targets[0].year: expected an integer year, got 2.5']);
    expect(one(t({ value: '40' }))).toEqual(['targets[0].value: expected a number, got "40"']);
    expect(one(t({ holdout: true }))).toEqual(['targets: every target is a holdout: at least one must be fitted (holdout false)']);
    expect(
      one({
        targets: [
          { metric: 'members', year: 3, value: 1 },
          { metric: 'members', year: 3, value: 2 },
        ],
      }),
    ).toEqual([`targets[1]: the target name 'members@3' is used twice (also targets[0]); give each target its own "name"`]);
    expect(one({ target: [] })).toEqual([
      "target: unknown field 'target' (did you mean 'targets'?); known fields here: $schema, format, description, startYear, targets",
      "targets: missing required field 'targets' (a list of observations)",
    ]);
    expect(one([])).toEqual(['(top level): a targets file is a JSON object {"targets": [...]}, got an array']);
  });

  it('checks metric names and years against the simulator: did-you-mean, horizon, start year', () => {
    const set = parseDoc({
      startYear: 2011,
      targets: [
        { metric: 'member', year: 2015, value: 40 },
        { kind: 'ratio', numerator: 'partnerships', denominator: 'meanTrsut', year: 2030, value: 1 },
      ],
    });
    const d = diagnostics(() => checkTargets(set, engine));
    expect(d.map((x) => `${x.file}:${x.line}: ${x.field}: ${x.message}`)).toEqual([
      `t.json:5: targets[0].metric: unknown metric 'member' (did you mean 'members'?); the simulation reports: ${SCENARIO_METRICS.join(', ')}`,
      `t.json:12: targets[1].denominator: unknown metric 'meanTrsut' (did you mean 'meanTrust'?); the simulation reports: ${SCENARIO_METRICS.join(', ')}`,
      't.json:13: targets[1].year: year 2030 is outside the simulated horizon 2011–2025',
    ]);
    const indices = parseDoc({ targets: [{ metric: 'members', year: 2025, value: 40 }] });
    expect(diagnostics(() => checkTargets(indices, engine))[0]!.message).toBe(
      'year 2025 is outside the simulated horizon 0–14 (year indices; 0 = the starting state); it looks like a calendar year: add "startYear": 2011 at the top of the file',
    );
    const other = parseDoc({ startYear: 2015, targets: [{ metric: 'members', year: 2016, value: 40 }] });
    expect(diagnostics(() => checkTargets(other, engine))[0]).toMatchObject({
      field: 'startYear',
      line: 2,
      message:
        'the targets give years from startYear 2015 but the simulation starts in 2011; use the same start year (years are counted from it)',
    });
    expect(() => checkTargets(parseDoc(t({})), { metrics: ['members'], years: 3 })).not.toThrow();
    expect(diagnostics(() => checkTargets(parseDoc(t({})), { metrics: ['members'], years: 2 }))[0]!.message).toBe(
      'year 3 is outside the simulated horizon 0–2 (year indices; 0 = the starting state)',
    );
  });

  it('schemas/targets.schema.json is the schema in the code, and it agrees with the parser on structure', () => {
    const onDisk = JSON.parse(readFileSync(join(root, 'schemas', 'targets.schema.json'), 'utf8')) as unknown;
    expect(onDisk).toEqual(JSON.parse(JSON.stringify(TARGETS_SCHEMA)));
    const validate = new Ajv({ allErrors: true, strict: false }).compile(TARGETS_SCHEMA);
    expect(validate(JSON.parse(exampleText))).toBe(true);
    const bad = [
      t({ min: 30 }),
      { targets: [{ metric: 'members', year: 3 }] },
      { targets: [{ kind: 'growth', metric: 'members', year: 3, from: 1, to: 4, value: 1 }] },
      { targets: [{ kind: 'ratio', numerator: 'a', year: 3, value: 1 }] },
      t({ yaer: 3 }),
      t({ year: 2.5 }),
      { targets: [] },
      { startYear: 2011 },
    ];
    for (const doc of bad) {
      expect(validate(doc), JSON.stringify(doc)).toBe(false);
      expect(() => parseDoc(doc)).toThrow(InputError);
    }
  });
});

describe('statistics and deviations', () => {
  const series = {
    members: [30, 40, 50, 60],
    partnerships: [0, 5, 10, 30],
    empty: [0, 0, 0, 0],
  };
  it('value, growth (absolute and compound), ratio, NaN', () => {
    const set = parseDoc({
      targets: [
        { metric: 'members', year: 2, value: 0 },
        { kind: 'growth', metric: 'members', from: 0, to: 3, value: 0 },
        { kind: 'growth', metric: 'members', from: 0, to: 3, relative: true, value: 0 },
        { kind: 'ratio', numerator: 'partnerships', denominator: 'members', year: 3, value: 0 },
        { kind: 'ratio', numerator: 'partnerships', denominator: 'empty', year: 0, value: 0 },
      ],
    });
    const v = statisticValues(statisticSpecs(set), series);
    expect(v[0]).toBe(50);
    expect(v[1]).toBe(10); // (60 − 30) / 3
    expect(v[2]).toBeCloseTo(Math.cbrt(2) - 1, 14); // (60 / 30)^(1/3) − 1
    expect(v[3]).toBe(0.5);
    expect(v[4]).toBeNaN(); // 0 / 0
    // calendar years: index = year − startYear
    const cal = parseDoc({ startYear: 2011, targets: [{ metric: 'members', year: 2013, value: 0 }] });
    expect(statisticValues(statisticSpecs(cal), series)[0]).toBe(50);
  });

  it('deviation: distance to a value, 0 inside a range, ∞ for NaN', () => {
    expect(deviation({ value: 110 }, 100)).toBe(10);
    expect(deviation({ min: 110 }, 100)).toBe(10);
    expect(deviation({ min: 110 }, 150)).toBe(0);
    expect(deviation({ min: 15, max: 25 }, 20)).toBe(0);
    expect(deviation({ min: 15, max: 25 }, 27)).toBe(2);
    expect(deviation({ max: 2 }, 1)).toBe(0);
    expect(deviation({ value: 1 }, NaN)).toBe(Infinity);
  });
});
