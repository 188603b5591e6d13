/**
 * The batch commands end to end on the built CLI (`node dist/cli/main.js`; `npm test` builds first):
 * - kill -9 in the middle of a sweep, then --resume, equals the uninterrupted run byte for byte;
 * - shards 1/2 + 2/2 merged equal the single run byte for byte;
 * - 1 and 2 worker threads give the same bytes;
 * - Ctrl-C (SIGINT) stops cleanly (exit 130), keeps the finished runs, and --resume finishes;
 * - a bad grid path or value is a clear error (exit 2) before any run starts;
 * - a sweep point equals the scenario engine's run with the same seed and settings;
 * - sensitivity (Morris, Sobol) and the HTML report run and hold the expected content.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, root, runCli as run } from './helpers/cli.js';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applySet, runOnce } from '../src/index.js';
import { loadScenarioFile } from '../src/node/scenario.js';

const scenario = 'test/fixtures/batch/small.json';
const tmp = mkdtempSync(join(tmpdir(), 'helixlab-cli-batch-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const files = (dir: string): string[] => ['runs.csv', 'summary.csv', 'manifest.json'].map((f) => readFileSync(join(dir, f), 'utf8'));
const logLines = (dir: string): number => {
  const p = join(dir, '.sweep', 'results.ndjson');
  return existsSync(p) ? readFileSync(p, 'utf8').split('\n').length - 1 : 0;
};
/** Start a sweep, wait until at least `lines` results are logged, send `signal`, return the exit. */
async function interrupt(
  args: string[],
  dir: string,
  lines: number,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) =>
    child.on('exit', (code, sig) => res({ code, signal: sig })),
  );
  const t0 = Date.now();
  while (logLines(dir) < lines && Date.now() - t0 < 60_000 && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
  child.kill(signal);
  const e = await exited;
  return { ...e, stderr };
}

const GRID = ['--grid', 'network.openness=0.1,0.5', '--grid', 'trust.decay=0.05,0.3'];
const base = (out: string, runs = 80): string[] => ['sweep', scenario, ...GRID, '--runs', String(runs), '--seed', '7', '--out', out];
const ref = join(tmp, 'ref');
const hasCli = existsSync(cli);

describe.skipIf(!hasCli)('helixlab sweep / merge', () => {
  beforeAll(async () => {
    const r = await run([...base(ref), '--workers', '2']);
    if (r.code !== 0) throw new Error(`reference sweep failed: ${r.stderr}`);
  });

  it('writes tidy runs, summary and manifest', async () => {
    const [runs, summary, manifest] = files(ref);
    const lines = runs!.trim().split('\n');
    expect(lines[0]!.startsWith('setting,network.openness,trust.decay,run,year,members,')).toBe(true);
    expect(lines.length).toBe(1 + 4 * 80 * 7);
    expect(summary!.split('\n')[0]).toBe('setting,network.openness,trust.decay,year,metric,n,mean,sd,ci95_lo,ci95_hi,p05,p50,p95');
    const m = JSON.parse(manifest!);
    expect(m).toMatchObject({ kind: 'sweep', settings: 4, runs: 80, seed: 7, years: 6, jobs: 320, node: process.version });
    expect(m.helixlab).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
    expect(m.grids).toEqual([
      { path: 'network.openness', values: [0.1, 0.5] },
      { path: 'trust.decay', values: [0.05, 0.3] },
    ]);
    expect(m.scenario.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a sweep point equals the engine run with the same seed and --set values', async () => {
    const s = applySet(applySet(loadScenarioFile(scenario), 'network.openness=0.5'), 'trust.decay=0.05');
    const out = runOnce(s, 7, 3);
    const rows = readFileSync(join(ref, 'runs.csv'), 'utf8').trim().split('\n');
    const header = rows[0]!.split(',');
    // setting 2 = (openness 0.5, decay 0.05), run 3, year 6
    const row = rows.find((l) => l.startsWith('2,0.5,0.05,3,6,'))!.split(',');
    for (const metric of ['members', 'ties', 'meanTrust', 'lockIn']) {
      const v = row[header.indexOf(metric)]!;
      expect(Number(v), metric).toBe((out.metrics as Record<string, Float64Array>)[metric]![6]);
    }
  });

  it('a sweep setting summarises exactly like `helixlab simulate --set` (same seeds, same statistics)', async () => {
    const r = await run([
      'simulate',
      scenario,
      '--runs',
      '80',
      '--seed',
      '7',
      '--set',
      'network.openness=0.5',
      '--set',
      'trust.decay=0.05',
      '--format',
      'json',
      '--workers',
      '2',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const sim = JSON.parse(r.stdout) as {
      metrics: Record<
        string,
        { byYear: { year: number; mean: number | null; sd: number | null; p05: number | null; p50: number | null; p95: number | null }[] }
      >;
    };
    const rows = readFileSync(join(ref, 'summary.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1)
      .map((l) => l.split(','));
    const r6 = (x: string): number | null => (x === '' ? null : Number(Number(x).toPrecision(6))); // simulate's JSON rounds to 6 digits
    let compared = 0;
    for (const row of rows.filter((q) => q[0] === '2')) {
      const [, , , year, metric, , mean, sd, , , p05, p50, p95] = row;
      const y = sim.metrics[metric!]!.byYear[Number(year)]!;
      expect([r6(mean!), r6(sd!), r6(p05!), r6(p50!), r6(p95!)], `${metric} year ${year}`).toEqual([y.mean, y.sd, y.p05, y.p50, y.p95]);
      compared++;
    }
    expect(compared).toBe(15 * 7);
  });

  it('1 worker gives the same bytes as 2 workers', async () => {
    const d = join(tmp, 'w1');
    expect((await run([...base(d), '--workers', '1'])).code).toBe(0);
    expect(files(d)).toEqual(files(ref));
  });

  it('kill -9 mid-run, then --resume, equals the uninterrupted run byte for byte', async () => {
    const d = join(tmp, 'killed');
    const e = await interrupt([...base(d), '--workers', '1'], d, 40, 'SIGKILL');
    expect(e.signal).toBe('SIGKILL');
    const saved = logLines(d);
    expect(saved).toBeGreaterThanOrEqual(40);
    expect(saved).toBeLessThan(320);
    expect(existsSync(join(d, 'runs.csv'))).toBe(false);
    const r = await run([...base(d), '--workers', '2', '--resume']);
    expect(r.code, r.stderr).toBe(0);
    expect(files(d)).toEqual(files(ref));
    expect(existsSync(join(d, '.sweep'))).toBe(false);
  });

  it('Ctrl-C stops cleanly, keeps finished runs, and --resume finishes to the same bytes', async () => {
    const d = join(tmp, 'sigint');
    const e = await interrupt([...base(d), '--workers', '1'], d, 30, 'SIGINT');
    expect(e.code).toBe(130);
    expect(e.stderr).toMatch(/--resume/);
    const saved = logLines(d);
    expect(saved).toBeGreaterThanOrEqual(30);
    expect(saved).toBeLessThan(320);
    expect(readdirSync(d).filter((f) => f.includes('helixlab-tmp'))).toEqual([]);
    const cp = JSON.parse(readFileSync(join(d, '.sweep', 'checkpoint.json'), 'utf8'));
    expect(cp.done).toBe(saved);
    // without --resume the directory is refused
    const again = await run(base(d));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/unfinished sweep.*--resume/);
    expect((await run([...base(d), '--resume'])).code).toBe(0);
    expect(files(d)).toEqual(files(ref));
  });

  it('shard 1/2 + shard 2/2 merged equal the single run byte for byte', async () => {
    const s1 = join(tmp, 'shard1');
    const s2 = join(tmp, 'shard2');
    expect((await run([...base(s1), '--shard', '1/2', '--workers', '1'])).code).toBe(0);
    expect((await run([...base(s2), '--shard', '2/2', '--workers', '2'])).code).toBe(0);
    expect(JSON.parse(readFileSync(join(s2, 'manifest.json'), 'utf8')).shard).toEqual({ index: 2, count: 2 });
    const merged = join(tmp, 'merged');
    const r = await run(['merge', s2, s1, '--out', merged]);
    expect(r.code, r.stderr).toBe(0);
    expect(files(merged)).toEqual(files(ref));
    const missing = await run(['merge', s1, '--out', join(tmp, 'm2')]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing shard 2\/2/);
  });

  it('stopping on bad input while the worker threads are still starting is exit 2, not a V8 abort', async () => {
    // The threads start before the grid is checked; closing them while Node was loading the ES module
    // worker synchronously (piscina's require) aborted the process now and then (exit 134, "IsGraphAsync
    // must be used on an instantiated module"); the threads now load it with import() (worker-entry.cts).
    // Run at once, so that the machine is busy and the threads slow to start.
    const rs = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        run(['sweep', scenario, '--grid', 'network.openness=0.1,1.5', '--runs', '4', '--workers', '2', '--out', join(tmp, `race-${i}`)]),
      ),
    );
    for (const r of rs) {
      expect(r.stderr).not.toMatch(/FATAL ERROR/);
      expect(r.code).toBe(2);
    }
  }, 60_000);

  it('a bad grid path or value is a clear error before any run starts (exit 2)', async () => {
    const cases: [string[], RegExp][] = [
      [['--grid', 'network.opennes=0.1,0.2'], /opennes/],
      [['--grid', 'network.openness=0.1,1.5'], /network\.openness/],
      [['--grid', 'trust.decay=0.1', '--grid', 'trust.decay=0.2'], /swept twice/], // (grid syntax errors: batch-core.test.ts)
    ];
    for (const [grid, re] of cases) {
      const d = join(tmp, 'bad');
      const t0 = Date.now();
      const r = await run(['sweep', scenario, ...grid, '--runs', '100000', '--out', d]);
      expect(r.code, grid.join(' ') + ': ' + r.stderr).toBe(2);
      expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(d)).toBe(false); // nothing started
      expect(Date.now() - t0).toBeLessThan(20_000);
    }
    const noFile = await run(['sweep', 'test/fixtures/batch/nope.json', '--runs', '2', '--out', join(tmp, 'x')]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/nope\.json/);
    const badShard = await run([...base(join(tmp, 'y')), '--shard', '3/2']);
    expect(badShard.code).toBe(2);
    expect(badShard.stderr).toMatch(/--shard/);
  });
});

describe.skipIf(!hasCli)('helixlab sensitivity and report', () => {
  const morris = join(tmp, 'morris');
  const sobol = join(tmp, 'sobol');
  const params = [
    '--param',
    'network.openness:0.05:0.6',
    '--param',
    'trust.decay:0.02:0.4',
    '--param',
    'coordination.organisations:1:4:int',
  ];

  it('morris writes indices with mu*, mu, sigma for each parameter; same seed → same bytes', async () => {
    const r = await run([
      'sensitivity',
      scenario,
      '--method',
      'morris',
      ...params,
      '--samples',
      '6',
      '--runs',
      '3',
      '--metric',
      'ties',
      '--out',
      morris,
      '--workers',
      '2',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Morris elementary effects of ties at year 6/);
    const doc = JSON.parse(readFileSync(join(morris, 'sensitivity.json'), 'utf8'));
    expect(doc.result.method).toBe('morris');
    expect(doc.result.evaluations).toBe(6 * 4);
    expect(doc.result.indices.map((i: { name: string }) => i.name)).toEqual([
      'network.openness',
      'trust.decay',
      'coordination.organisations',
    ]);
    for (const ix of doc.result.indices) {
      expect(ix.muStar.value).toBeGreaterThanOrEqual(Math.abs(ix.mu) - 1e-12);
      expect(ix.effects.length).toBe(6);
    }
    const samples = readFileSync(join(morris, 'samples.csv'), 'utf8').trim().split('\n');
    expect(samples.length).toBe(1 + 24);
    for (const line of samples.slice(1)) expect(Number.isInteger(Number(line.split(',')[3]))).toBe(true); // :int parameter
    const again = await run([
      'sensitivity',
      scenario,
      '--method',
      'morris',
      ...params,
      '--samples',
      '6',
      '--runs',
      '3',
      '--metric',
      'ties',
      '--workers',
      '1',
      '--format',
      'json',
    ]);
    expect(JSON.parse(again.stdout).result).toEqual(doc.result);
  });

  it('sobol writes S1 and ST with bootstrap intervals', async () => {
    const r = await run([
      'sensitivity',
      scenario,
      '--method',
      'sobol',
      ...params.slice(0, 4),
      '--samples',
      '16',
      '--runs',
      '2',
      '--metric',
      'members',
      '--bootstrap',
      '100',
      '--out',
      sobol,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const doc = JSON.parse(readFileSync(join(sobol, 'sensitivity.json'), 'utf8'));
    expect(doc.result.evaluations).toBe(16 * 4);
    for (const ix of doc.result.indices) {
      expect(ix.S1.lo).toBeLessThanOrEqual(ix.S1.hi);
      expect(ix.ST.lo).toBeLessThanOrEqual(ix.ST.hi);
    }
    expect(readFileSync(join(sobol, 'sensitivity.csv'), 'utf8').split('\n')[0]).toBe('parameter,S1,S1_lo,S1_hi,S1_sd,ST,ST_lo,ST_hi,ST_sd');
  });

  it('sobol sampling is recorded (default sobol, --sampling random); a non-power-of-2 N is warned about', async () => {
    const args = [
      'sensitivity',
      scenario,
      '--method',
      'sobol',
      ...params.slice(0, 4),
      '--runs',
      '1',
      '--metric',
      'ties',
      '--bootstrap',
      '0',
      '--format',
      'json',
      '--workers',
      '1',
    ];
    const sob = await run([...args, '--samples', '12']);
    expect(sob.code, sob.stderr).toBe(0);
    expect(JSON.parse(sob.stdout).sampling).toBe('sobol');
    expect(sob.stderr).toMatch(/--samples 12 is not a power of 2.*e\.g\. 8 or 16/);
    const rnd = await run([...args, '--samples', '12', '--sampling', 'random']);
    expect(JSON.parse(rnd.stdout).sampling).toBe('random');
    expect(rnd.stderr).not.toMatch(/power of 2/);
    // other design points, so another output mean (measured: 10.79 with sobol, 11.21 with random)
    expect(JSON.parse(rnd.stdout).result.mean).not.toBe(JSON.parse(sob.stdout).result.mean);
    const morrisSampling = await run([
      'sensitivity',
      scenario,
      '--method',
      'morris',
      ...params.slice(0, 2),
      '--sampling',
      'random',
      '--metric',
      'ties',
    ]);
    expect(morrisSampling.code).toBe(2);
    expect(morrisSampling.stderr).toMatch(/--sampling applies to --method sobol only/);
  });

  it('sobol: kill -9 mid-run, then --resume, equals the uninterrupted run byte for byte; other settings are refused', async () => {
    const args = (out: string): string[] => [
      'sensitivity',
      scenario,
      '--method',
      'sobol',
      ...params.slice(0, 4),
      '--samples',
      '32',
      '--runs',
      '8',
      '--metric',
      'members',
      '--seed',
      '11',
      '--out',
      out,
    ];
    const sensFiles = (dir: string): string[] =>
      ['sensitivity.json', 'sensitivity.csv', 'samples.csv', 'manifest.json'].map((f) => readFileSync(join(dir, f), 'utf8'));
    const logged = (dir: string): number => {
      const p = join(dir, '.sensitivity', 'results.ndjson');
      return existsSync(p) ? readFileSync(p, 'utf8').split('\n').length - 1 : 0;
    };
    const whole = join(tmp, 'sens-whole');
    const r0 = await run([...args(whole), '--workers', '2']);
    expect(r0.code, r0.stderr).toBe(0);
    expect(existsSync(join(whole, '.sensitivity'))).toBe(false);

    const d = join(tmp, 'sens-killed');
    const child = spawn(process.execPath, [cli, ...args(d), '--workers', '1'], { cwd: root, stdio: ['ignore', 'ignore', 'ignore'] });
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_c, sig) => res(sig)));
    const t0 = Date.now();
    while (logged(d) < 20 && Date.now() - t0 < 60_000 && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const saved = logged(d);
    expect(saved).toBeGreaterThanOrEqual(20);
    expect(saved).toBeLessThan(128);
    expect(existsSync(join(d, 'sensitivity.json'))).toBe(false);

    // a different seed, or no --resume, is refused (exit 2) and leaves the saved points alone
    const other = await run([...args(d).map((a) => (a === '11' ? '12' : a)), '--resume', '--workers', '1']);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/different seed \(11, now 12\)/);
    const plain = await run([...args(d), '--workers', '1']);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/unfinished sensitivity analysis.*--resume/);

    const r = await run([...args(d), '--workers', '2', '--resume']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(new RegExp(`resumed: ${saved} of 128 points`));
    expect(sensFiles(d)).toEqual(sensFiles(whole));
    expect(existsSync(join(d, '.sensitivity'))).toBe(false);
  });

  it('bad parameters and metrics are errors before any run (exit 2)', async () => {
    const bad: [string[], RegExp][] = [
      [['--param', 'network.openness:0:2', '--metric', 'ties'], /network\.openness/],
      [['--param', 'network.openness:0.5:0.1', '--metric', 'ties'], /lo < hi/],
      [['--param', 'network.openness:0:1', '--metric', 'memebrs'], /did you mean members/],
    ];
    for (const [args, re] of bad) {
      const r = await run(['sensitivity', scenario, '--method', 'morris', ...args, '--samples', '4']);
      expect(r.code, args.join(' ') + ': ' + r.stderr).toBe(2);
      expect(r.stderr).toMatch(re);
    }
  });

  it('report: one self-contained HTML file with fan charts, tables, heatmaps and sensitivity bars', async () => {
    const out = join(tmp, 'report.html');
    const r = await run(['report', ref, morris, sobol, '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(statSync(out).size).toBeGreaterThan(150_000); // Chart.js inlined
    expect(html).toMatch(/<script>[^]*Chart\.js v4/);
    expect(html).not.toMatch(/<script[^>]+src=/); // nothing fetched
    expect(html).not.toMatch(/<link[^>]+href=/);
    expect(html).toContain('id="fan-0-0"'); // first metric's fan chart
    expect(html).toContain('Heatmaps at year 6');
    expect(html).toContain('Sensitivity (morris)');
    expect(html).toContain('Sensitivity (sobol)');
    expect(html).toContain('network.openness');
    // the comparison table shows the summary's final-year mean of members for setting 0
    const sum = readFileSync(join(ref, 'summary.csv'), 'utf8')
      .split('\n')
      .find((l) => l.startsWith('0,0.1,0.05,6,members,'))!
      .split(',');
    const mean = Number(Number(sum[6]).toPrecision(4)).toString();
    expect(html).toContain(`<td>${mean} <span class="ci">`);
    // deterministic
    const out2 = join(tmp, 'report2.html');
    await run(['report', ref, morris, sobol, '--out', out2]);
    expect(readFileSync(out2, 'utf8')).toBe(html);
    const bad = await run(['report', join(tmp, 'nothing-here'), '--out', join(tmp, 'r3.html')]);
    expect(bad.code).toBe(2);
  });
});

describe.skipIf(!hasCli)('worker pool started early (built code)', () => {
  it('an empty batch on a pool that is already running returns at once (a --resume with nothing left to run)', async () => {
    const mod = (await import(pathToFileURL(resolve(root, 'dist/node/index.js')).href)) as typeof import('../src/node/index.js');
    const pool = mod.startPool(2);
    expect(pool).toBeDefined();
    let calls = 0;
    const t0 = Date.now();
    await mod.runBatch([], () => calls++, { pool: pool! });
    await pool!.destroy();
    expect(calls).toBe(0);
    expect(Date.now() - t0).toBeLessThan(5000);
  }, 20_000);
});
