/**
 * Posterior samples of a scenario's parameters (browser-safe, pure): the file `helixlab calibrate`
 * writes as `posterior-sample.csv` and the case presets ship beside their scenario
 * (`scenarios/case-*.posterior.csv`), and the draws that carry parameter uncertainty into
 * `simulate`, `compare`, `sweep` and `explore` (`--posterior FILE`, or the scenario's own
 * `"posterior"` field).
 *
 * Format (`helixlab-posterior/1`): comment lines `# key: value` first — `# helixlab-posterior/1`
 * on the first line, then at least `scenario` (the calibrated scenario's name), `fingerprint`
 * ({@link scenarioFingerprint} of the scenario that was calibrated), `parameters` (the scenario
 * paths, comma-separated) and `particles` (the number of rows, so a truncated file is recognised),
 * and any others for people (targets file, command, seed) — then a CSV header
 * `particle,weight,<path…>` and one row per particle (weights ≥ 0, relative: they need not sum to 1;
 * numbers in shortest round-trip form). {@link parsePosteriorSample} reports every problem with its
 * line.
 *
 * Which posterior belongs to which scenario ({@link checkPosteriorFor}): the file's scenario name must
 * be the scenario's, unless the scenario file itself declares the file (`"posterior": "…"`: a variant of
 * a calibrated case — another funding regime of the same cluster — takes the case's posterior on
 * purpose); every parameter must be a numeric parameter of the scenario; a fingerprint that differs
 * (the scenario changed since it was calibrated) is a warning, not an error.
 *
 * Draws ({@link drawParticle}): run r takes the particle picked by weight with the uniform number of
 * `createRng(seed).stream('posterior', r)` — a substream of its own, so the engine's draws are those of
 * the same run without a posterior, and run r of every scenario of a comparison that uses the same
 * posterior gets the same particle (common random numbers carry over to the parameters).
 *
 * Indexing: particles and parameters are indexed by loop counters below their counts; the `!` on
 * element reads (required by `noUncheckedIndexedAccess`) marks in-bounds reads.
 */
import { DiagnosticCollector, InputError } from '../model/errors.js';
import { createRng, hashString, type SeedPart } from '../util/rng.js';
import { scenarioDocument } from './parse.js';
import type { Scenario } from './schema.js';
import { checkParamPaths, withParams } from './params.js';

/** Format name on the first line of a posterior sample. */
export const POSTERIOR_FORMAT = 'helixlab-posterior/1';

/** A posterior sample as read from a file. */
export interface PosteriorSample {
  /** The file (as given). */
  file: string;
  /** The calibrated scenario's name. */
  scenario: string;
  /** {@link scenarioFingerprint} of the calibrated scenario. */
  fingerprint: string;
  /** Parameter paths, in column order. */
  parameters: string[];
  /** Number of particles. */
  n: number;
  /** n × parameters values, row by row. */
  values: Float64Array;
  /** Relative weights (≥ 0, sum > 0). */
  weights: Float64Array;
  /** Every `# key: value` line of the header. */
  header: Record<string, string>;
}

/** A particle's parameters for one run: paths and values (plain data, for worker threads). */
export interface ParamDraw {
  paths: string[];
  values: number[];
}

/**
 * A fingerprint of a scenario (16 hex digits) for telling whether a posterior was made from it: a
 * hash of its document as run — every parameter with its defaults, the equal-money reference, the
 * start network — leaving out what does not change a run (name, description, notes, the `posterior`
 * field) and the parameters in `ignore` (those a posterior sets anyway).
 */
export function scenarioFingerprint(s: Scenario, ignore: readonly string[] = []): string {
  const doc = scenarioDocument(s) as Record<string, unknown>;
  for (const k of ['name', 'description', 'notes', 'posterior', '$schema']) delete doc[k];
  for (const path of ignore) {
    const parts = path.split('.');
    let cur: unknown = doc;
    for (let i = 0; i < parts.length - 1 && cur && typeof cur === 'object'; i++) cur = (cur as Record<string, unknown>)[parts[i]!];
    if (cur && typeof cur === 'object') delete (cur as Record<string, unknown>)[parts[parts.length - 1]!];
  }
  if (s.equalMoney?.reference) doc.equalMoney = { with: s.equalMoney.with, reference: scenarioDocument(s.equalMoney.reference) };
  if (s.start.resolved) doc.startNetwork = s.start.resolved;
  const text = canonicalJson(doc);
  const a = hashString(text, 0x811c9dc5).toString(16).padStart(8, '0');
  const b = hashString(text, 0x01000193).toString(16).padStart(8, '0');
  return a + b;
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

/** What a posterior sample file is made of (see the module doc). */
export interface PosteriorSampleSpec {
  scenario: string;
  fingerprint: string;
  parameters: readonly string[];
  /** n × parameters, row by row. */
  values: ArrayLike<number>;
  weights: ArrayLike<number>;
  /** More `# key: value` lines, in order (e.g. the targets file, the command). */
  notes?: ReadonlyArray<[string, string]>;
}

/** The text of a posterior sample file. */
export function posteriorSampleCsv(p: PosteriorSampleSpec): string {
  const d = p.parameters.length;
  const n = p.weights.length;
  const lines = [
    `# ${POSTERIOR_FORMAT}`,
    `# scenario: ${p.scenario}`,
    `# fingerprint: ${p.fingerprint}`,
    `# parameters: ${p.parameters.join(', ')}`,
    `# particles: ${n}`,
  ];
  for (const [k, v] of p.notes ?? []) lines.push(`# ${k}: ${v.replace(/[\r\n]+/g, ' ')}`);
  lines.push(['particle', 'weight', ...p.parameters].join(','));
  for (let i = 0; i < n; i++) {
    const row = [String(i), String(p.weights[i]!)];
    for (let j = 0; j < d; j++) row.push(String(p.values[i * d + j]!));
    lines.push(row.join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * Systematic resampling of a weighted sample to `size` particles of equal weight (one uniform draw
 * from `createRng(seed).stream('posterior-sample')`): the shipped presets' small posterior files.
 * Returns the indices picked, in order.
 */
export function resampleIndices(weights: ArrayLike<number>, size: number, seed: SeedPart): number[] {
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  const u0 = createRng(seed).stream('posterior-sample').next() / size;
  const out: number[] = [];
  let cum = 0;
  let i = 0;
  for (let k = 0; k < size; k++) {
    const u = (u0 + k / size) * total;
    while (i < weights.length - 1 && cum + weights[i]! <= u) cum += weights[i++]!;
    out.push(i);
  }
  return out;
}

/** Read a posterior sample file (see the module doc); every problem with its line, exit 2 in the CLI. */
export function parsePosteriorSample(text: string, file: string): PosteriorSample {
  const dc = new DiagnosticCollector(file);
  const lines = text.split(/\r?\n/);
  if ((lines[0] ?? '').trim() !== `# ${POSTERIOR_FORMAT}`) {
    dc.error(
      'bad-posterior',
      `not a posterior sample: the first line must be '# ${POSTERIOR_FORMAT}' (the posterior-sample.csv that \`helixlab calibrate --out DIR\` writes)`,
      { line: 1 },
    );
    dc.throwIfErrors();
  }
  const header: Record<string, string> = {};
  const headerLine: Record<string, number> = {};
  let k = 1;
  for (; k < lines.length && lines[k]!.startsWith('#'); k++) {
    const m = /^#\s*([^:]+):\s*(.*)$/.exec(lines[k]!);
    if (m) {
      header[m[1]!.trim()] = m[2]!.trim();
      headerLine[m[1]!.trim()] = k + 1;
    }
  }
  for (const key of ['scenario', 'fingerprint', 'parameters', 'particles']) {
    if (header[key] === undefined || header[key] === '') dc.error('bad-posterior', `missing the header line '# ${key}: …'`, { line: k });
  }
  const declared = Number(header.particles);
  if (header.particles !== undefined && !(Number.isInteger(declared) && declared >= 1))
    dc.error('bad-posterior', `'# particles:' must be a whole number >= 1, got '${header.particles}'`, { line: headerLine.particles ?? k });
  dc.throwIfErrors();
  const parameters = header.parameters!.split(',').map((x) => x.trim());
  // plain comma-separated fields (names and numbers: nothing is quoted), so each problem keeps its line
  const cols = (lines[k] ?? '').split(',').map((x) => x.trim());
  const rows: string[][] = [];
  const rowLine: number[] = [];
  for (let i = k + 1; i < lines.length; i++) {
    if (lines[i]!.trim() === '') continue;
    rows.push(lines[i]!.split(',').map((x) => x.trim()));
    rowLine.push(i + 1);
  }
  const want = ['particle', 'weight', ...parameters];
  if (JSON.stringify(cols) !== JSON.stringify(want)) {
    dc.error('bad-posterior', `expected the columns ${want.join(',')}, got ${cols.join(',') || 'none'}`, { line: k + 1 });
    dc.throwIfErrors();
  }
  const d = parameters.length;
  const n = rows.length;
  const values = new Float64Array(n * d);
  const weights = new Float64Array(n);
  let total = 0;
  rows.forEach((r, i) => {
    const line = rowLine[i]!;
    if (r.length !== want.length) {
      dc.error('bad-posterior', `expected ${want.length} fields, got ${r.length} (a truncated or damaged line)`, { line });
      return;
    }
    if (r[0] !== String(i)) dc.error('bad-posterior', `expected particle ${i}, got '${r[0]}'`, { line, field: 'particle' });
    const w = Number(r[1]);
    if (r[1] === '' || !(w >= 0) || !Number.isFinite(w))
      dc.error('bad-posterior', `the weight must be a number >= 0, got '${r[1]}'`, { line, field: 'weight' });
    else {
      weights[i] = w;
      total += w;
    }
    for (let j = 0; j < d; j++) {
      const x = Number(r[2 + j]);
      if (r[2 + j] === '' || !Number.isFinite(x))
        dc.error('bad-posterior', `expected a number, got '${r[2 + j]}'`, { line, field: parameters[j]! });
      else values[i * d + j] = x;
    }
  });
  if (dc.errorCount === 0 && n !== declared) {
    dc.error(
      'truncated-posterior',
      `the header declares ${declared} particles but the file holds ${n}: it is truncated or damaged; copy it again`,
      { line: (rowLine[n - 1] ?? k + 1) + 1 },
    );
  }
  if (dc.errorCount === 0 && !(total > 0)) dc.error('bad-posterior', 'every weight is 0', { line: k + 2 });
  dc.throwIfErrors();
  return { file, scenario: header.scenario!, fingerprint: header.fingerprint!, parameters, n, values, weights, header };
}

/**
 * Check that `post` belongs to `s` (see the module doc): an `InputError` naming the posterior file
 * when it does not; the returned warnings (e.g. the scenario changed since the calibration) are for
 * people. `declared`: the scenario file names this posterior in its own `posterior` field.
 */
export function checkPosteriorFor(post: PosteriorSample, s: Scenario, declared: boolean): string[] {
  const fail = (message: string): never => {
    throw new InputError([{ severity: 'error', code: 'posterior-mismatch', file: post.file, message }]);
  };
  if (post.scenario !== s.name && !declared) {
    fail(
      `this is the posterior of scenario '${post.scenario}', not of '${s.name}': give the scenario's own posterior, ` +
        `declare this one in the scenario file ("posterior": "…") if the scenario is a variant of '${post.scenario}', or use --posterior none`,
    );
  }
  try {
    checkParamPaths(
      s,
      post.parameters.map((name) => ({ name })),
      'posterior parameter',
    );
  } catch (err) {
    fail(`${(err as Error).message} (scenario '${s.name}')`);
  }
  // the values must be legal for the scenario (e.g. shares within 0–1): check the box they span
  const d = post.parameters.length;
  const box = post.parameters.map((name, j) => {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < post.n; i++) {
      const x = post.values[i * d + j]!;
      if (x < lo) lo = x;
      if (x > hi) hi = x;
    }
    return { name, lo, hi };
  });
  try {
    checkParamPaths(s, box, 'posterior parameter');
  } catch (err) {
    const msg = err instanceof InputError ? err.diagnostics.map((x) => x.message).join('; ') : (err as Error).message;
    fail(`a particle has an illegal value for scenario '${s.name}': ${msg}`);
  }
  const warnings: string[] = [];
  if (post.scenario === s.name && scenarioFingerprint(s, post.parameters) !== post.fingerprint) {
    warnings.push(
      `${post.file}: scenario '${s.name}' has changed since this posterior was made (fingerprint ${post.fingerprint}, now ${scenarioFingerprint(s, post.parameters)}); the posterior may not fit it — calibrate again`,
    );
  }
  return warnings;
}

/** The particle of run `run` (see the module doc): its parameters, ready for `withParams`. */
export function drawParticle(post: PosteriorSample, seed: SeedPart, run: number, cum?: Float64Array): ParamDraw {
  const c = cum ?? cumulativeWeights(post);
  const u = createRng(seed).stream('posterior', run).next();
  let lo = 0;
  let hi = c.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (c[mid]! > u) hi = mid;
    else lo = mid + 1;
  }
  const d = post.parameters.length;
  return { paths: [...post.parameters], values: Array.from(post.values.subarray(lo * d, lo * d + d)) };
}

/** `s` with the parameters of run `run` drawn from `post` (or `s` itself without a posterior), e.g. to record that run's network. */
export function scenarioForRun(s: Scenario, post: PosteriorSample | null, seed: SeedPart, run: number): Scenario {
  if (!post) return s;
  const d = drawParticle(post, seed, run);
  return withParams(s, d.paths, d.values);
}

/** Cumulative normalised weights (last = 1), for repeated {@link drawParticle} calls. */
export function cumulativeWeights(post: PosteriorSample): Float64Array {
  const c = new Float64Array(post.n);
  let s = 0;
  for (let i = 0; i < post.n; i++) c[i] = s += post.weights[i]!;
  for (let i = 0; i < post.n; i++) c[i] = c[i]! / s;
  if (post.n > 0) c[post.n - 1] = 1;
  return c;
}

/** What kind of uncertainty the bands of a result contain, for outputs. */
export interface UncertaintyStatement {
  kind: 'run-to-run noise' | 'run-to-run noise and parameter uncertainty';
  /** The posterior the parameters were drawn from (null: fixed parameters). */
  posterior: { file: string; scenario: string; particles: number; parameters: string[] } | null;
  /** The statement for people. */
  statement: string;
}

/** The statement for a result with (or without) a posterior. */
export function uncertaintyStatement(post: PosteriorSample | null): UncertaintyStatement {
  if (!post) {
    return {
      kind: 'run-to-run noise',
      posterior: null,
      statement: 'Bands contain run-to-run noise only: the parameters are fixed at the scenario values.',
    };
  }
  return {
    kind: 'run-to-run noise and parameter uncertainty',
    posterior: { file: post.file, scenario: post.scenario, particles: post.n, parameters: [...post.parameters] },
    statement: `Bands contain run-to-run noise and parameter uncertainty (posterior ${post.file}, ${post.n} particles; ${post.parameters.join(', ')} drawn per run).`,
  };
}
