/**
 * The scenario engine plugged into the calibration: parameters set by path (the same runs as
 * `--set`, equal money kept), the engine as a simulator with checked targets and priors, a `share`
 * target, the saved state (resume gives the same bytes), shards and their merge (the same bytes as
 * one machine), worker threads (the same bytes), posterior sample files (format, provenance checks,
 * draws), and parameter uncertainty in simulate and compare.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AbcSmc,
  InputError,
  UsageError,
  calibrateSync,
  calibrationResult,
  checkParamPaths,
  checkPosteriorFor,
  compare,
  drawParticle,
  parsePosteriorSample,
  parsePriorSpec,
  parseScenario,
  posteriorSampleCsv,
  runOnce,
  scenarioFingerprint,
  scenarioSimulator,
  simulate,
  snapshotFromJson,
  snapshotToJson,
  statisticSpecs,
  statisticValue,
  targetsFromData,
  toySimulator,
  withParams,
  jobRng,
  runJob,
  type CalibrationProblem,
  type Scenario,
} from '../src/index.js';
import {
  loadScenarioWithSets,
  mergeCalibrationShards,
  runCalibrationDir,
  runCalibrationShard,
  scenarioCalibrationPlan,
} from '../src/node/index.js';
import { runCli } from './helpers/cli.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'helixlab-calsc-'));
  dirs.push(d);
  return d;
};
const scenarios = join(process.cwd(), 'scenarios');

/** A small, fast cluster (about 20 members, 6 years). */
const SMALL_TEXT = JSON.stringify({
  name: 'small',
  startYear: 2020,
  years: 6,
  start: { generator: { counts: { industry: 12, 'research-education': 4, public: 4 }, sectors: 2, meanDegree: 3, trust: 0.4 } },
  funding: { base: { eurPerYear: 100000, fte: 1 } },
});
const small: Scenario = parseScenario(SMALL_TEXT, 'small.json');

const targetsDoc = {
  startYear: 2020,
  targets: [
    { name: 'members 2026', metric: 'members', year: 2026, min: 28, max: 36 },
    { name: 'new members a year', kind: 'growth', metric: 'reached', from: 2020, to: 2026, min: 3, max: 5 },
    { name: 'members 2023', metric: 'members', year: 2023, min: 22, holdout: true },
  ],
};
const prior = [parsePriorSpec('growth.recruitRate=0.05:0.6'), parsePriorSpec('growth.churnBase=0.005:0.3')];

function plan(extra: { holdout?: string[]; particles?: number; generations?: number } = {}) {
  return scenarioCalibrationPlan({
    scenarioFile: 'small.json',
    scenario: small,
    targets: targetsFromData(targetsDoc, 'small-targets.json'),
    params: prior,
    ...(extra.holdout ? { holdout: extra.holdout } : {}),
    options: { particles: extra.particles ?? 80, seed: 5, maxGenerations: extra.generations ?? 3, predictive: 40 },
    sampleSize: 50,
  });
}

const filesOf = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir).sort()) if (!f.startsWith('.')) out[f] = readFileSync(join(dir, f), 'utf8');
  return out;
};

describe('parameters by path', () => {
  it('withParams gives the runs of --set, without changing the scenario', () => {
    const set = parseScenario(
      SMALL_TEXT.replace('"years":6', '"years":6,"growth":{"recruitRate":0.4},"trust":{"decay":0.2}'),
      'small.json',
    );
    const fast = withParams(small, ['growth.recruitRate', 'trust.decay'], [0.4, 0.2]);
    expect(small.growth.recruitRate).toBe(0.15);
    expect(small.trust.decay).toBe(0.3);
    for (let r = 0; r < 3; r++) expect(runOnce(fast, 9, r).metrics).toEqual(runOnce(set, 9, r).metrics);
  });

  it('sets a parameter in the equal-money reference too, as --set does', () => {
    const viaSet = loadScenarioWithSets(join(scenarios, 'permanent.json'), ['funding.projects.successProbability=0.4']);
    const base = loadScenarioWithSets(join(scenarios, 'permanent.json'), []);
    const fast = withParams(base, ['funding.projects.successProbability'], [0.4]);
    expect(fast.equalMoney!.reference!.funding.projects.successProbability).toBe(0.4);
    expect(base.equalMoney!.reference!.funding.projects.successProbability).toBe(0.7);
    const a = runOnce(fast, 2, 0, { years: 8 }).metrics;
    const b = runOnce(viaSet, 2, 0, { years: 8 }).metrics;
    expect(a).toEqual(b);
    // the equal-money factor moved: less expected project money, a smaller permanent budget
    expect(a.publicCost[8]).not.toEqual(runOnce(base, 2, 0, { years: 8 }).metrics.publicCost[8]);
  });

  it('checks paths and ranges once: unknown, whole-number, non-numeric, outside the legal domain', () => {
    expect(() => checkParamPaths(small, [{ name: 'growth.recruitRat' }])).toThrow(/no parameter 'growth.recruitRat'/);
    expect(() => checkParamPaths(small, [{ name: 'rdi.durationYears' }])).toThrow(/whole-number parameter/);
    expect(() => checkParamPaths(small, [{ name: 'governance.coCreatedGoals' }])).toThrow(UsageError);
    let err: unknown;
    try {
      checkParamPaths(small, [{ name: 'trust.decay', lo: 0.1, hi: 1.5 }]);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(InputError);
    const d = (err as InputError).diagnostics[0]!;
    expect(d.field).toBe('trust.decay');
    expect(d.message).toMatch(/expected a number from 0 to 1, got 1.5.*legal domain/);
    expect(() => parsePriorSpec('trust.decay=0.3:0.3')).toThrow(/zero width/);
  });
});

describe('the engine as a calibration simulator', () => {
  it('reports the engine metrics, participations and the tie counts, from a seed drawn from the job stream', () => {
    const sim = scenarioSimulator(small, ['growth.recruitRate']);
    expect(sim.metrics).toContain('participations');
    expect(sim.metrics).toContain('tieAfter');
    expect(sim.startYear).toBe(2020);
    const a = sim.run({ 'growth.recruitRate': 0.3 }, jobRng(1, { phase: 'simulate', generation: 0, index: 4 }));
    const b = sim.run({ 'growth.recruitRate': 0.3 }, jobRng(1, { phase: 'simulate', generation: 0, index: 4 }));
    expect(a).toEqual(b);
    const members = a.members as Float64Array;
    expect(members[0]).toBe(20);
    const part = a.participations as Float64Array;
    expect(part[0]).toBe(0);
    expect(part[3]).toBeGreaterThan(0);
    const pairs = a.tiePairs as Float64Array;
    const again = a.tieAgain as Float64Array;
    for (let t = 0; t <= 6; t++) expect(again[t]).toBe((a.tieOverlap as Float64Array)[t]! + (a.tieAfter as Float64Array)[t]!);
    expect(pairs[0]).toBe(0);
  });

  it('a share target pools numerator and denominator over the years', () => {
    const set = targetsFromData({
      startYear: 2020,
      targets: [{ kind: 'share', numerator: 'tieAfter', denominator: 'tiePairs', from: 2021, to: 2023, max: 0.5 }],
    });
    const spec = statisticSpecs(set)[0]!;
    const series = { tieAfter: [0, 1, 0, 2, 9], tiePairs: [0, 4, 2, 4, 9] };
    expect(statisticValue(spec, series)).toBe(3 / 10);
    expect(set.targets[0]!.name).toBe('tieAfter/tiePairs 2021-2023');
  });

  it('refuses an unknown metric, a year outside the horizon and a holdout that is not a target, with the place', () => {
    const bad = (doc: unknown, holdout?: string[]) => () =>
      scenarioCalibrationPlan({
        scenarioFile: 'small.json',
        scenario: small,
        targets: targetsFromData(doc, 't.json'),
        params: prior,
        ...(holdout ? { holdout } : {}),
        options: { particles: 10 },
      });
    const msg = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return e instanceof InputError ? e.diagnostics.map((d) => `${d.field}: ${d.message}`).join('\n') : (e as Error).message;
      }
      return 'no error';
    };
    expect(msg(bad({ startYear: 2020, targets: [{ metric: 'member', year: 2024, value: 3 }] }))).toMatch(
      /targets\[0\]\.metric: unknown metric 'member' \(did you mean 'members'\?\)/,
    );
    expect(msg(bad({ startYear: 2020, targets: [{ metric: 'members', year: 2030, value: 3 }] }))).toMatch(
      /targets\[0\]\.year: year 2030 is outside the simulated horizon 2020–2026/,
    );
    expect(msg(bad(targetsDoc, ['members 2027']))).toMatch(/--holdout: 'members 2027' is not a target of t.json/);
    expect(msg(bad(targetsDoc, ['members 2026', 'new members a year']))).toMatch(/every target would be held out/);
  });
});

describe('saved state', () => {
  it('a snapshot after any batch, restored, finishes with the same outcome (toy, in this thread)', () => {
    const problem: CalibrationProblem = {
      params: [{ name: 'mu', lo: -5, hi: 5, scale: 'uniform' }],
      targets: { targets: targetsFromData({ targets: [{ metric: 'mean', year: 0, value: 0.7 }] }).targets },
    };
    const sim = toySimulator({ toy: 'normal-mean', sigma: 1, n: 25 });
    const options = { particles: 120, seed: 4, maxGenerations: 5, predictive: 30 };
    const straight = calibrateSync(problem, sim, options);
    for (const stopAfter of [1, 2, 4]) {
      let smc = new AbcSmc(problem, options);
      let batches = 0;
      for (let jobs = smc.nextBatch(); jobs; jobs = smc.nextBatch()) {
        smc.tell(jobs.map((j) => runJob(sim, problem, options.seed, j)));
        if (++batches === stopAfter) smc = AbcSmc.restore(problem, options, snapshotFromJson(snapshotToJson(smc.snapshot())));
      }
      expect(calibrationResult(smc.outcome())).toEqual(calibrationResult(straight));
    }
  });
});

describe('a calibration directory', () => {
  it('interrupted and resumed, sharded and merged, or on 2 threads: the same bytes as one uninterrupted run', async () => {
    const p = plan();
    const one = join(tmp(), 'one');
    const done = await runCalibrationDir(p, one);
    expect(done.status).toBe('done');
    const want = filesOf(one);
    expect(Object.keys(want)).toEqual(['calibration.json', 'calibration.md', 'posterior-sample.csv', 'posterior.csv']);

    // Ctrl-C after 2 batches, then --resume
    const two = join(tmp(), 'two');
    let batches = 0;
    const stopped = await runCalibrationDir(p, two, { onBatch: () => batches++, shouldStop: () => batches >= 2 });
    expect(stopped.status).toBe('stopped');
    await expect(runCalibrationDir(p, two)).rejects.toThrow(/unfinished calibration: rerun with --resume/);
    const resumed = await runCalibrationDir(p, two, { resume: true });
    expect(resumed.resumedAt).toBeGreaterThan(0);
    expect(filesOf(two)).toEqual(want);
    expect(readdirSync(two)).not.toContain('.calibrate');
    // a finished directory: nothing to do; another plan: refused
    expect((await runCalibrationDir(p, two, { resume: true })).status).toBe('already-finished');
    await expect(runCalibrationDir(plan({ particles: 60 }), two, { resume: true })).rejects.toThrow(/another calibration/);

    // 3 shards per round, merged round by round into the state directory
    const base = tmp();
    const state = join(base, 'state');
    let rounds = 0;
    for (;;) {
      const shards = [1, 2, 3].map((i) => join(base, `shard-${i}`));
      for (let i = 1; i <= 3; i++)
        await runCalibrationShard(p, { shard: { index: i, count: 3 }, outDir: shards[i - 1]!, ...(rounds > 0 ? { stateDir: state } : {}) });
      rounds++;
      expect(() => mergeCalibrationShards(shards.slice(0, 2), state)).toThrow(/shard 3\/3 missing/);
      const m = mergeCalibrationShards([shards[2]!, shards[0]!, shards[1]!], state);
      if (m.status === 'done') break;
      // the same round cannot be merged twice
      expect(() => mergeCalibrationShards(shards, state)).toThrow(/already merged/);
    }
    expect(rounds).toBeGreaterThan(2);
    expect(filesOf(state)).toEqual(want);

    // worker threads: the compiled worker (npm test builds dist/ first), from the built entry
    const lib = (await import(pathToFileURL(join(process.cwd(), 'dist/node/index.js')).href)) as typeof import('../src/node/index.js');
    const pool = lib.startPool(2);
    expect(pool).toBeDefined();
    try {
      const threads = join(tmp(), 'threads');
      await lib.runCalibrationDir(p, threads, { pool: pool! });
      expect(filesOf(threads)).toEqual(want);
    } finally {
      await pool?.destroy();
    }
  }, 240_000);
});

describe('posterior samples', () => {
  const sampleText = (over: Partial<{ scenario: string; parameters: string[]; values: number[] }> = {}) =>
    posteriorSampleCsv({
      scenario: over.scenario ?? 'small',
      fingerprint: scenarioFingerprint(small, ['growth.recruitRate']),
      parameters: over.parameters ?? ['growth.recruitRate'],
      values: over.values ?? [0.1, 0.5, 0.9],
      weights: [1, 1, 2],
    });

  it('round-trips, and draws the same particle for run r whatever the scenario', () => {
    const post = parsePosteriorSample(sampleText(), 'p.csv');
    expect(post.n).toBe(3);
    expect(Array.from(post.values)).toEqual([0.1, 0.5, 0.9]);
    expect(checkPosteriorFor(post, small, false)).toEqual([]);
    const picks = Array.from({ length: 400 }, (_v, r) => drawParticle(post, 7, r).values[0]);
    expect(picks).toEqual(Array.from({ length: 400 }, (_v, r) => drawParticle(post, 7, r).values[0]));
    const share09 = picks.filter((x) => x === 0.9).length / 400;
    expect(share09).toBeGreaterThan(0.4);
    expect(share09).toBeLessThan(0.6);
  });

  it('refuses another scenario, a damaged or truncated file, an illegal value; warns when the scenario changed', () => {
    const post = parsePosteriorSample(sampleText({ scenario: 'other' }), 'p.csv');
    expect(() => checkPosteriorFor(post, small, false)).toThrow(/the posterior of scenario 'other', not of 'small'/);
    expect(checkPosteriorFor(post, small, true)).toEqual([]); // declared by the scenario file: a variant
    const full = sampleText();
    const lines = full.trim().split('\n');
    const diag = (text: string) => {
      try {
        parsePosteriorSample(text, 'p.csv');
      } catch (e) {
        return (e as InputError).diagnostics[0]!;
      }
      return undefined;
    };
    expect(diag(lines.slice(0, -1).join('\n'))).toMatchObject({
      line: lines.length,
      message: expect.stringMatching(/declares 3 particles but the file holds 2/),
    });
    expect(diag(full.replace('2,2,0.9', '2,2'))).toMatchObject({
      line: lines.length,
      message: expect.stringMatching(/expected 3 fields, got 2/),
    });
    expect(diag('particle,weight,x\n0,1,2\n')).toMatchObject({ line: 1, message: expect.stringMatching(/not a posterior sample/) });
    expect(() => checkPosteriorFor(parsePosteriorSample(sampleText({ values: [0.1, 0.5, 7] }), 'p.csv'), small, false)).toThrow(
      /illegal value/,
    );
    const changed = withParams(small, ['trust.decay'], [0.5]);
    expect(checkPosteriorFor(post, { ...changed, name: 'other' }, false)[0]).toMatch(/has changed since this posterior was made/);
  });

  it('carries parameter uncertainty into simulate and compare, and says so', async () => {
    const post = parsePosteriorSample(sampleText(), 'p.csv');
    const fixed = await simulate(small, { runs: 30, seed: 3 });
    const drawn = await simulate(small, { runs: 30, seed: 3, posteriors: [post] });
    expect(fixed.uncertainty.kind).toBe('run-to-run noise');
    expect(drawn.uncertainty.kind).toBe('run-to-run noise and parameter uncertainty');
    expect(drawn.uncertainty.statement).toMatch(/posterior p.csv, 3 particles; growth.recruitRate drawn per run/);
    const sd = (r: typeof fixed) => r.metrics.members.final.sd!;
    expect(sd(drawn)).toBeGreaterThan(sd(fixed));
    // run r of each scenario with the same posterior gets the same particle: identical scenarios, no difference
    const same = await compare([small, { ...small, name: 'copy' }], { runs: 20, seed: 3, posteriors: [post, post] });
    expect(same.differences['copy']!.members.meanDiff).toBe(0);
    expect(same.differences['copy']!.ties.ci95).toEqual([0, 0]);
    const mixed = await compare([small, { ...small, name: 'copy' }], { runs: 20, seed: 3, posteriors: [post, null] });
    expect(mixed.differences['copy']!.members.meanDiff).not.toBe(0);
  });
});

describe('helixlab calibrate, simulate --posterior, report (built CLI)', () => {
  it('calibrates into a directory, the report renders it, and simulate uses its posterior sample', async () => {
    const d = tmp();
    writeFileSync(join(d, 'small.json'), SMALL_TEXT);
    writeFileSync(join(d, 't.json'), JSON.stringify(targetsDoc));
    const out = join(d, 'cal');
    const r = await runCli([
      'calibrate',
      join(d, 'small.json'),
      '--targets',
      join(d, 't.json'),
      '--params',
      'growth.recruitRate=0.05:0.6,growth.churnBase=0.005:0.3',
      '--particles',
      '60',
      '--generations',
      '3',
      '--sample',
      '40',
      '--workers',
      '1',
      '--out',
      out,
    ]);
    expect(r.stderr).toMatch(/generation 2: ε = /);
    expect(r.code).toBe(0);
    const sample = readFileSync(join(out, 'posterior-sample.csv'), 'utf8');
    expect(sample.split('\n')[1]).toBe('# scenario: small');
    const sim = await runCli([
      'simulate',
      join(d, 'small.json'),
      '--runs',
      '20',
      '--posterior',
      join(out, 'posterior-sample.csv'),
      '--format',
      'json',
    ]);
    expect(sim.code).toBe(0);
    const json = JSON.parse(sim.stdout) as { uncertainty: { kind: string; posterior: { particles: number } } };
    expect(json.uncertainty).toMatchObject({ kind: 'run-to-run noise and parameter uncertainty', posterior: { particles: 40 } });
    const other = await runCli([
      'simulate',
      join(scenarios, 'permanent.json'),
      '--runs',
      '5',
      '--posterior',
      join(out, 'posterior-sample.csv'),
    ]);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/posterior-sample.csv: error: this is the posterior of scenario 'small', not of 'permanent'/);
    const html = join(d, 'r.html');
    const rep = await runCli(['report', out, '--out', html]);
    expect(rep.code).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Calibration: small');
    expect(page).toContain('Posterior predictive checks');
    expect(page.match(/<svg class="cal-marginal"/g)).toHaveLength(2);
    expect(page.match(/<svg class="cal-pair"/g)).toHaveLength(1);
    expect(page.match(/<svg class="cal-pred"/g)).toHaveLength(3);
    // in Finnish: the same section with Finnish words and decimal commas
    const fiHtml = join(d, 'r-fi.html');
    expect((await runCli(['report', out, '--lang', 'fi', '--out', fiHtml])).code).toBe(0);
    const fiPage = readFileSync(fiHtml, 'utf8');
    expect(fiPage).toContain('Kalibrointi: small');
    expect(fiPage).toContain('<h3>Posteriorin ennustetarkistukset</h3>');
    expect(fiPage).toMatch(
      /<li>[a-zA-Z.]+: (tarkasti määritetty|kaventunut|heikosti tunnistettu|ei tunnistettavissa)[^<]*90 %:n väli \d+,\d+/,
    );
    expect(fiPage.match(/<svg class="cal-pred"/g)).toHaveLength(3);
    // a simulation drawn from the posterior: its report says what the bands contain
    const simFile = join(d, 'sim.json');
    writeFileSync(simFile, sim.stdout);
    const simHtml = join(d, 's.html');
    expect((await runCli(['report', simFile, '--out', simHtml])).code).toBe(0);
    expect(readFileSync(simHtml, 'utf8')).toMatch(/<th>bands contain<\/th><td>Bands contain run-to-run noise and parameter uncertainty/);
  }, 120_000);

  it('exit 2 with the place for bad input', async () => {
    const d = tmp();
    writeFileSync(join(d, 'small.json'), SMALL_TEXT);
    writeFileSync(join(d, 't.json'), JSON.stringify(targetsDoc));
    const run = (...extra: string[]) =>
      runCli(['calibrate', join(d, 'small.json'), '--targets', join(d, 't.json'), '--out', join(d, 'x'), '--workers', '1', ...extra]);
    const range = await run('--params', 'trust.decay=0.1:2');
    expect(range.code).toBe(2);
    expect(range.stderr).toMatch(/trust.decay.*expected a number from 0 to 1, got 2/);
    const zero = await run('--params', 'trust.decay=0.2:0.2');
    expect(zero.code).toBe(2);
    expect(zero.stderr).toMatch(/zero width/);
    const hold = await run('--params', 'trust.decay=0.1:0.5', '--holdout', 'nope');
    expect(hold.code).toBe(2);
    expect(hold.stderr).toMatch(/--holdout: 'nope' is not a target/);
    writeFileSync(
      join(d, 'bad.json'),
      JSON.stringify({ startYear: 2020, targets: [{ metric: 'members', year: 2031, value: 3 }] }, null, 2),
    );
    const year = await runCli([
      'calibrate',
      join(d, 'small.json'),
      '--targets',
      join(d, 'bad.json'),
      '--params',
      'trust.decay=0.1:0.5',
      '--out',
      join(d, 'y'),
    ]);
    expect(year.code).toBe(2);
    expect(year.stderr).toMatch(/bad.json:6:\d+: error: targets\[0\]\.year: year 2031 is outside the simulated horizon 2020–2026/);
  }, 60_000);
});
