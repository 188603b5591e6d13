/**
 * Node-only. Loading the impact report's inputs — sweep and sensitivity output directories, and the
 * JSON files of `helixlab simulate --format json` / `helixlab compare --format json` (told apart by
 * their content, checked field by field with the line and column of every problem) — and reading
 * Chart.js's UMD build from node_modules at report time (so the report inlines it and opens with no
 * network access).
 */
import type { CalibrationReportInput, ExploreReportInput } from '../../report/impact.js';
import type { Locale } from '../../i18n/index.js';
import { CALIBRATION_FORMAT, type CalibrationResult } from '../../calibrate/result.js';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { InputError, type Diagnostic } from '../../model/errors.js';
import { JsonSyntaxError, MAX_JSON_DEPTH, jsonTooDeepAt, offsetToLineCol, parseJsonWithPositions } from '../../io/json.js';
import { readJsonFile } from '../files.js';
import { parseCsv } from '../../util/csv.js';
import { settingAt, settingLabel } from '../../batch/grid.js';
import { planFromManifest, readSweepManifest } from './merge.js';
import {
  buildReport,
  type ReportInput,
  type ScenarioDifference,
  type ScenarioReportInput,
  type ScenarioSummary,
  type SensitivityReportInput,
  type SummaryRecord,
} from '../../report/impact.js';

/** The Chart.js UMD bundle (minified when available). */
export function chartJsSource(): string {
  const req = createRequire(import.meta.url);
  const main = req.resolve('chart.js'); // …/chart.js/dist/chart.cjs
  for (const f of ['chart.umd.min.js', 'chart.umd.js']) {
    const p = join(dirname(main), f);
    if (existsSync(p)) return readFileSync(p, 'utf8');
  }
  throw new Error(`Chart.js UMD build not found beside ${main}`);
}

function readSummary(dir: string, axes: number, metrics: readonly string[]): SummaryRecord[] {
  const file = join(dir, 'summary.csv');
  const { header, rows } = parseCsv(readFileSync(file, 'utf8'), file);
  const want = ['year', 'metric', 'n', 'mean', 'sd', 'ci95_lo', 'ci95_hi', 'p05', 'p50', 'p95'];
  if (header[0] !== 'setting' || JSON.stringify(header.slice(axes + 1)) !== JSON.stringify(want)) {
    throw new InputError([
      {
        severity: 'error',
        code: 'bad-summary',
        file,
        line: 1,
        message: `unexpected header; expected setting,<grid paths>,${want.join(',')}`,
      },
    ]);
  }
  const known = new Set(metrics);
  return rows.map((r, i) => {
    const c = (k: number): number => (r[axes + 1 + k] === '' ? NaN : Number(r[axes + 1 + k]));
    const metric = r[axes + 2]!;
    if (!known.has(metric))
      throw new InputError([{ severity: 'error', code: 'bad-summary', file, line: i + 2, message: `unknown metric '${metric}'` }]);
    return {
      setting: Number(r[0]),
      year: c(0),
      metric,
      n: c(2),
      mean: c(3),
      sd: c(4),
      ci95lo: c(5),
      ci95hi: c(6),
      p05: c(7),
      p50: c(8),
      p95: c(9),
    };
  });
}

const EXPECTED =
  'expected the JSON written by `helixlab simulate --format json` (keys scenario, runs, seed, years, metrics, diagnostics) or `helixlab compare --format json` (keys baseline, runs, seed, years, scenarios, differences), or a directory written by `helixlab sweep`, `merge` or `sensitivity --out`';

/** At most this many problems are reported for one file. */
const MAX_PROBLEMS = 100;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** What a value is, for messages. */
function got(v: unknown): string {
  if (v === undefined) return 'nothing (the key is missing)';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  const t = JSON.stringify(v);
  return t.length > 40 ? t.slice(0, 37) + '…' : t;
}

/**
 * Field-by-field reader of a simulate/compare result: each getter returns the typed value (or a
 * stand-in) and records a problem at the field's JSON path when it is not what is expected.
 */
class ResultReader {
  readonly problems: { path: string; message: string }[] = [];
  private problem(path: string, message: string): void {
    if (this.problems.length < MAX_PROBLEMS + 1) this.problems.push({ path, message });
  }
  /** The object at `key`, or undefined (a problem recorded) when it is not one: its fields are then not checked. */
  obj(o: Obj, key: string, path: string): Obj | undefined {
    const v = o[key];
    if (isObj(v)) return v;
    this.problem(path, `expected an object, got ${got(v)}`);
    return undefined;
  }
  arr(o: Obj, key: string, path: string): unknown[] {
    const v = o[key];
    if (Array.isArray(v)) return v;
    this.problem(path, `expected an array, got ${got(v)}`);
    return [];
  }
  str(o: Obj, key: string, path: string): string {
    const v = o[key];
    if (typeof v === 'string') return v;
    this.problem(path, `expected a string, got ${got(v)}`);
    return '';
  }
  int(o: Obj, key: string, path: string, min: number): number {
    const v = o[key];
    if (typeof v === 'number' && Number.isInteger(v) && v >= min) return v;
    this.problem(path, `expected an integer >= ${min}, got ${got(v)}`);
    return min;
  }
  /** A count or sum that may be fractional (>= 0). */
  count(o: Obj, key: string, path: string): number {
    const v = o[key];
    if (typeof v === 'number' && v >= 0) return v;
    this.problem(path, `expected a number >= 0, got ${got(v)}`);
    return 0;
  }
  seed(o: Obj, key: string, path: string): number | string {
    const v = o[key];
    if (typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v))) return v;
    this.problem(path, `expected a seed (a number or a string), got ${got(v)}`);
    return '';
  }
  numOrNull(o: Obj, key: string, path: string, range?: [number, number]): number | null {
    const v = o[key];
    if (v === null) return null;
    if (typeof v === 'number' && (!range || (v >= range[0] && v <= range[1]))) return v;
    this.problem(path, `expected a number${range ? ` from ${range[0]} to ${range[1]}` : ''} or null, got ${got(v)}`);
    return null;
  }
  interval(o: Obj, key: string, path: string): [number, number] | null {
    const v = o[key];
    if (v === null) return null;
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && typeof v[1] === 'number') return [v[0], v[1]];
    this.problem(path, `expected an interval [lo, hi] or null, got ${got(v)}`);
    return null;
  }
  /** `metrics`, `diagnostics` and the header of one scenario's result. */
  summary(o: Obj, path: string): ScenarioSummary {
    const at = (k: string) => (path ? `${path}.${k}` : k);
    const scenario = this.str(o, 'scenario', at('scenario'));
    const runs = this.int(o, 'runs', at('runs'), 1);
    const seed = this.seed(o, 'seed', at('seed'));
    const years = this.int(o, 'years', at('years'), 1);
    const mo = this.obj(o, 'metrics', at('metrics')) ?? {};
    if (isObj(o['metrics']) && Object.keys(mo).length === 0)
      this.problem(at('metrics'), 'expected at least one metric, got an empty object');
    const metrics: ScenarioSummary['metrics'] = {};
    for (const name of Object.keys(mo)) {
      const mp = `${at('metrics')}.${name}`;
      const m = this.obj(mo, name, mp);
      if (!m) continue;
      const rows = this.arr(m, 'byYear', `${mp}.byYear`);
      if (Array.isArray(m['byYear']) && rows.length !== years + 1)
        this.problem(`${mp}.byYear`, `expected ${years + 1} entries (years 0 to ${years}), got ${rows.length}`);
      const byYear = rows.map((r, y) => {
        const rp = `${mp}.byYear[${y}]`;
        if (!isObj(r)) {
          this.problem(rp, `expected an object, got ${got(r)}`);
          return { year: y, mean: null, p05: null, p95: null };
        }
        const year = r['year'];
        if (year !== y) this.problem(`${rp}.year`, `expected ${y} (entries in year order from 0), got ${got(year)}`);
        return {
          year: y,
          mean: this.numOrNull(r, 'mean', `${rp}.mean`),
          p05: this.numOrNull(r, 'p05', `${rp}.p05`),
          p95: this.numOrNull(r, 'p95', `${rp}.p95`),
        };
      });
      const f = this.obj(m, 'final', `${mp}.final`) ?? {};
      const final = isObj(m['final'])
        ? {
            mean: this.numOrNull(f, 'mean', `${mp}.final.mean`),
            ci95: this.interval(f, 'ci95', `${mp}.final.ci95`),
            n: this.int(f, 'n', `${mp}.final.n`, 0),
          }
        : { mean: null, ci95: null, n: 0 };
      metrics[name] = { byYear, final };
    }
    const d = this.obj(o, 'diagnostics', at('diagnostics'));
    if (!d) return { scenario, runs, seed, years, metrics, diagnostics: { renewalPairs: 0, renewedAfterEnd: 0, renewalShare: null } };
    if (!('ties' in d)) {
      // a result written before the CORDIS tie-dynamics measure
      const legacy = {
        renewalPairs: this.count(d, 'renewalPairs', `${at('diagnostics')}.renewalPairs`),
        renewedAfterEnd: this.count(d, 'renewedAfterEnd', `${at('diagnostics')}.renewedAfterEnd`),
        renewalShare: this.numOrNull(d, 'renewalShare', `${at('diagnostics')}.renewalShare`, [0, 1]),
      };
      return { scenario, runs, seed, years, metrics, diagnostics: legacy };
    }
    const u = o['uncertainty'];
    const uncertainty =
      isObj(u) && typeof u['statement'] === 'string' ? { uncertainty: uncertaintyOf(u['statement'], u['posterior']) } : {};
    const tp = `${at('diagnostics')}.ties`;
    const t = this.obj(d, 'ties', tp) ?? {};
    const w = t['window'];
    let window: [number, number] | null = null;
    if (Array.isArray(w) && w.length === 2 && w.every((x) => typeof x === 'number' && Number.isInteger(x)))
      window = [w[0] as number, w[1] as number];
    else if (w !== null) this.problem(`${tp}.window`, `expected [first year, last year] or null, got ${got(w)}`);
    const ties = {
      window,
      pairs: this.count(t, 'pairs', `${tp}.pairs`),
      again: this.count(t, 'again', `${tp}.again`),
      overlap: this.count(t, 'overlap', `${tp}.overlap`),
      after: this.count(t, 'after', `${tp}.after`),
      shareAgain: this.numOrNull(t, 'shareAgain', `${tp}.shareAgain`, [0, 1]),
      shareOverlap: this.numOrNull(t, 'shareOverlap', `${tp}.shareOverlap`, [0, 1]),
      shareAfter: this.numOrNull(t, 'shareAfter', `${tp}.shareAfter`, [0, 1]),
    };
    return { scenario, runs, seed, years, metrics, diagnostics: { ties }, ...uncertainty };
  }
  difference(o: Obj, key: string, path: string): ScenarioDifference {
    const d = this.obj(o, key, path);
    if (!d) return { meanDiff: null, ci95: null, probGreater: null };
    return {
      meanDiff: this.numOrNull(d, 'meanDiff', `${path}.meanDiff`),
      ci95: this.interval(d, 'ci95', `${path}.ci95`),
      probGreater: this.numOrNull(d, 'probGreater', `${path}.probGreater`, [0, 1]),
    };
  }
}

/** Why a JSON document is not a simulate/compare result, when it is recognisably something else. */
function notAResult(doc: unknown, file: string): string {
  if (!isObj(doc)) return `${EXPECTED}; got ${got(doc)}`;
  if (doc['kind'] === 'sweep' || doc['kind'] === 'sensitivity') {
    return `this is a file of the ${String(doc['kind'])} output directory ${dirname(file)}: give the directory itself`;
  }
  if ('actors' in doc && 'ties' in doc)
    return 'this is a network file: simulate it first (a scenario with start.network, then `helixlab compare A.json B.json --format json --out cmp.json`) and give that output';
  if ('start' in doc || 'funding' in doc)
    return 'this is a scenario file: run it first (`helixlab simulate FILE --format json --out sim.json` or `helixlab compare A.json B.json --format json --out cmp.json`) and give that output';
  const keys = Object.keys(doc);
  return `${EXPECTED}; got an object with ${keys.length ? `the keys ${keys.slice(0, 8).join(', ')}${keys.length > 8 ? ', …' : ''}` : 'no keys'}`;
}

/**
 * Read the JSON of `helixlab simulate --format json` or `helixlab compare --format json` (told apart
 * by content). A `network` key (the recorded network of `--network-run`) is ignored. Throws an
 * InputError with the file, line, column and field of every problem (up to 100).
 */
export function parseScenarioResultJson(text: string, file: string): ScenarioReportInput {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const fail = (diags: Omit<Diagnostic, 'severity' | 'code' | 'file'>[]): never => {
    throw new InputError(diags.map((d) => ({ severity: 'error', code: 'bad-result-json', file, ...d })));
  };
  let doc: unknown;
  const deep = jsonTooDeepAt(src);
  if (deep >= 0) fail([{ ...offsetToLineCol(src, deep), message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels; ${EXPECTED}` }]);
  try {
    doc = JSON.parse(src);
  } catch {
    try {
      parseJsonWithPositions(src);
    } catch (err) {
      if (err instanceof JsonSyntaxError) {
        const lc = offsetToLineCol(src, err.offset);
        fail([{ ...lc, message: `not valid JSON: ${err.message}; ${EXPECTED}` }]);
      }
      throw err;
    }
    fail([{ message: `not valid JSON; ${EXPECTED}` }]);
  }
  if (isObj(doc) && (doc['kind'] === 'sweep' || doc['kind'] === 'sensitivity'))
    return fail([{ line: 1, column: 1, message: notAResult(doc, file) }]);
  const isCompare = isObj(doc) && ('scenarios' in doc || 'differences' in doc || 'baseline' in doc);
  const isSimulate = isObj(doc) && !isCompare && 'scenario' in doc && 'metrics' in doc;
  if (!isObj(doc) || (!isCompare && !isSimulate)) return fail([{ line: 1, column: 1, message: notAResult(doc, file) }]);
  const rd = new ResultReader();
  let result: ScenarioReportInput;
  if (isSimulate) {
    const s = rd.summary(doc, '');
    result = {
      kind: 'scenarios',
      source: file,
      command: 'simulate',
      baseline: s.scenario,
      runs: s.runs,
      seed: s.seed,
      years: s.years,
      scenarios: [s],
      differences: {},
      hasNetwork: 'network' in doc,
    };
  } else {
    const baseline = rd.str(doc, 'baseline', 'baseline');
    const runs = rd.int(doc, 'runs', 'runs', 1);
    const seed = rd.seed(doc, 'seed', 'seed');
    const years = rd.int(doc, 'years', 'years', 1);
    const list = rd.arr(doc, 'scenarios', 'scenarios');
    if (Array.isArray(doc['scenarios']) && list.length === 0)
      rd.problems.push({ path: 'scenarios', message: 'expected at least one scenario, got an empty array' });
    const scenarios = list.flatMap((v, i) => {
      if (isObj(v)) return [rd.summary(v, `scenarios[${i}]`)];
      rd.problems.push({ path: `scenarios[${i}]`, message: `expected an object (one scenario's result), got ${got(v)}` });
      return [];
    });
    const first = scenarios[0];
    if (first && typeof doc['baseline'] === 'string' && first.scenario !== baseline) {
      rd.problems.push({ path: 'baseline', message: `expected the first scenario's name '${first.scenario}', got '${baseline}'` });
    }
    const metricNames = first ? Object.keys(first.metrics) : [];
    scenarios.forEach((s, i) => {
      if (s.years !== years)
        rd.problems.push({ path: `scenarios[${i}].years`, message: `expected ${years} (the comparison's years), got ${s.years}` });
      for (const m of metricNames)
        if (i > 0 && !(m in s.metrics))
          rd.problems.push({ path: `scenarios[${i}].metrics`, message: `no metric '${m}' (the baseline has it)` });
    });
    const dobj = rd.obj(doc, 'differences', 'differences');
    const differences: ScenarioReportInput['differences'] = {};
    for (const s of scenarios.slice(1)) {
      if (!dobj) break;
      const p = `differences.${s.scenario}`;
      const per = dobj[s.scenario];
      if (!isObj(per)) {
        rd.problems.push({
          path: per === undefined ? 'differences' : p,
          message:
            per === undefined
              ? `no entry for the scenario '${s.scenario}' (expected one for every scenario after the first)`
              : `expected an object, got ${got(per)}`,
        });
        continue;
      }
      const rec: Record<string, ScenarioDifference> = {};
      for (const m of metricNames) rec[m] = rd.difference(per, m, `${p}.${m}`);
      differences[s.scenario] = rec;
    }
    result = {
      kind: 'scenarios',
      source: file,
      command: 'compare',
      baseline,
      runs,
      seed,
      years,
      scenarios,
      differences,
      hasNetwork: list.some((v) => isObj(v) && 'network' in v),
    };
  }
  if (typeof doc['helixlab'] === 'string') result.helixlab = doc['helixlab'];
  if (rd.problems.length > 0) fail(locate(src, rd.problems));
  return result;
}

/** Add the line and column of each problem's field (or of its nearest enclosing value). */
function locate(text: string, problems: readonly { path: string; message: string }[]): Omit<Diagnostic, 'severity' | 'code' | 'file'>[] {
  const pos = parseJsonWithPositions(text);
  const out = problems.slice(0, MAX_PROBLEMS).map((p) => {
    let path: string | undefined = p.path;
    let at: number | undefined;
    while (path !== undefined && (at = pos.valueAt.get(path)) === undefined) path = parent(path);
    const d: Omit<Diagnostic, 'severity' | 'code' | 'file'> = { field: p.path, message: p.message };
    if (at !== undefined) Object.assign(d, pos.lineCol(at));
    return d;
  });
  if (problems.length > MAX_PROBLEMS) out.push({ message: `stopped after ${MAX_PROBLEMS} problems` });
  return out;
}

function parent(path: string): string | undefined {
  if (path === '') return undefined;
  const m = /^(.*?)(?:\.[^.[\]]*|\[\d+\])$/.exec(path);
  return m ? m[1]! : '';
}

/** Read a `simulate`/`compare` JSON file. */
export function loadScenarioResultFile(file: string): ScenarioReportInput {
  return parseScenarioResultJson(readFileSync(file, 'utf8'), file);
}

/**
 * Read one report input: a sweep or sensitivity output directory, or a `simulate`/`compare` JSON
 * file (any file is read as one).
 */
export function loadReportInput(dir: string): ReportInput {
  if (!existsSync(dir)) {
    throw new InputError([
      {
        severity: 'error',
        code: 'no-input',
        file: dir,
        message: 'no such file or directory (expected a sweep or sensitivity output directory, or a simulate/compare JSON file)',
      },
    ]);
  }
  if (statSync(dir).isFile()) return loadScenarioResultFile(dir);
  const mp = join(dir, 'manifest.json');
  if (!existsSync(mp) && (existsSync(join(dir, 'calibration.json')) || existsSync(join(dir, '.calibrate')))) return loadCalibrationDir(dir);
  if (existsSync(mp)) {
    const kind = (readJsonFile(mp, 'a manifest') as { kind?: unknown } | null)?.kind;
    if (kind === 'explore') {
      const ep = join(dir, 'explore.json');
      if (!existsSync(ep)) {
        throw new InputError([
          {
            severity: 'error',
            code: 'no-input',
            file: dir,
            message: 'an unfinished or sharded exploration (no explore.json): finish it with --resume, or merge the shards',
          },
        ]);
      }
      const doc = readJsonFile(ep, 'the explore.json of `helixlab explore`') as {
        summary: ExploreReportInput['summary'];
        provenance: Record<string, unknown>;
      };
      return { kind: 'explore', source: dir, summary: doc.summary, provenance: doc.provenance };
    }
    if (kind === 'sensitivity') {
      const sp = join(dir, 'sensitivity.json');
      const doc = readJsonFile(sp, 'the sensitivity.json of `helixlab sensitivity`') as SensitivityReportInput['doc'];
      return { kind: 'sensitivity', source: dir, doc };
    }
  }
  const manifest = readSweepManifest(dir);
  const plan = planFromManifest(manifest);
  const settings = Array.from({ length: manifest.settings }, (_, s) => settingAt(plan.axes, s));
  return {
    kind: 'sweep',
    source: dir,
    manifest,
    settingLabels: settings.map((s) => settingLabel(plan.axes, s)),
    settingValues: settings.map((s) => s.values),
    summary: readSummary(dir, plan.axes.length, manifest.metrics),
  };
}

/**
 * A calibration directory (`helixlab calibrate --out DIR`): calibration.json with the particles of
 * posterior.csv put back (non-finite numbers, written as null, become ∞ for the tolerances).
 */
export function loadCalibrationDir(dir: string): CalibrationReportInput {
  const jp = join(dir, 'calibration.json');
  const bad = (file: string, message: string, line?: number): never => {
    throw new InputError([{ severity: 'error', code: 'bad-calibration', file, message, ...(line !== undefined ? { line } : {}) }]);
  };
  if (!existsSync(jp))
    bad(dir, 'an unfinished calibration (no calibration.json): finish it with `helixlab calibrate … --resume`, or merge its shards');
  let doc: CalibrationResult;
  try {
    doc = JSON.parse(readFileSync(jp, 'utf8')) as CalibrationResult;
  } catch (err) {
    return bad(jp, `not valid JSON (${(err as Error).message})`);
  }
  if (doc.format !== CALIBRATION_FORMAT) bad(jp, `expected a ${CALIBRATION_FORMAT} result, got format ${JSON.stringify(doc.format)}`);
  for (const g of doc.generations) if (g.epsilon === null) g.epsilon = Infinity;
  if (doc.posterior.epsilon === null) doc.posterior.epsilon = Infinity;
  const cp = join(dir, 'posterior.csv');
  if (!existsSync(cp)) bad(cp, 'no such file (the particles of the calibration)');
  const { header, rows } = parseCsv(readFileSync(cp, 'utf8'));
  const d = doc.params.length;
  const m = doc.targets.length;
  const want = ['particle', 'weight', 'distance', ...doc.params.map((p) => p.name), ...doc.targets.map((t) => t.name)];
  if (JSON.stringify(header) !== JSON.stringify(want)) bad(cp, `expected the columns ${want.join(',')}`, 1);
  if (rows.length !== doc.posterior.particles)
    bad(cp, `holds ${rows.length} particles, calibration.json says ${doc.posterior.particles}: the file is truncated or from another run`);
  const cell = (x: string | undefined): number => (x === undefined || x === '' ? NaN : Number(x));
  const values: number[][] = [];
  const weights: number[] = [];
  const distances: number[] = [];
  const statistics: number[][] = [];
  rows.forEach((r, i) => {
    weights.push(cell(r[1]));
    distances.push(cell(r[2]));
    const v = r.slice(3, 3 + d).map(cell);
    if (v.some((x) => !Number.isFinite(x)) || !(weights[i]! >= 0)) bad(cp, 'a particle without a weight or a parameter value', i + 2);
    values.push(v);
    statistics.push(r.slice(3 + d, 3 + d + m).map(cell));
  });
  doc.posterior = { ...doc.posterior, values, weights, distances, statistics };
  return { kind: 'calibration', source: dir, result: doc };
}

/** Build the report HTML for `dirs`: output directories and `simulate`/`compare` JSON files, in order. */
export function reportFromDirs(dirs: readonly string[], options: { title?: string; helixlab: string; lang?: Locale }): string {
  if (dirs.length === 0) {
    throw new InputError([
      {
        severity: 'error',
        code: 'no-input',
        message: 'give at least one sweep or sensitivity output directory or simulate/compare JSON file',
      },
    ]);
  }
  return buildReport(dirs.map(loadReportInput), chartJsSource(), options);
}

/** What a result's bands contain: the statement, and the posterior when the file names one (for other languages). */
function uncertaintyOf(statement: string, p: unknown): NonNullable<ScenarioSummary['uncertainty']> {
  if (p === null) return { statement, posterior: null };
  if (!isObj(p)) return { statement };
  const { file, particles, parameters } = p;
  if (typeof file !== 'string' || typeof particles !== 'number' || !Array.isArray(parameters)) return { statement };
  if (!parameters.every((x): x is string => typeof x === 'string')) return { statement };
  return { statement, posterior: { file, particles, parameters } };
}
