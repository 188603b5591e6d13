/**
 * Batch core without the scenario engine: grid parsing and expansion, job lists and shards, CSV
 * escaping, summary statistics, the append-only log (torn lines after kill -9), stop + resume, and
 * shard + merge equal to a single run byte for byte — with a small deterministic toy model.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, appendFileSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../src/util/rng.js';
import { InputError } from '../src/model/errors.js';
import { expandGrid, parseGridSpec, parseGrids, settingAt, gridSize } from '../src/batch/grid.js';
import { parseShard, shardJobIndices, jobAt } from '../src/batch/jobs.js';
import { csvRow, escapeFormula, parseCsv } from '../src/util/csv.js';
import { SettingAccumulator, type SweepPlan, type RunValues } from '../src/batch/sweep.js';
import { runSweep, type JobExecutor } from '../src/node/index.js';
import { mergeSweeps } from '../src/node/batch/merge.js';

const tmp = mkdtempSync(join(tmpdir(), 'helixlab-batch-core-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('grids', () => {
  it('parses JSON values, bare words and ranges', () => {
    expect(parseGridSpec('a.b=1,2.5,-3').values).toEqual([1, 2.5, -3]);
    expect(parseGridSpec('regime=projects,mixed,"x,y"').values).toEqual(['projects', 'mixed', 'x,y']);
    expect(parseGridSpec('shocks=[{"year":5,"type":"x"}],[]').values).toEqual([[{ year: 5, type: 'x' }], []]);
    expect(parseGridSpec('p=0.1:0.5:0.1').values).toEqual([0.1, 0.2, 0.3, 0.4, 0.5]);
    expect(parseGridSpec('flag=true,false').values).toEqual([true, false]);
  });

  it('rejects malformed grids with a diagnostic naming the path', () => {
    const bad = ['novalue', 'a.b=', 'a.b=1,,2', 'a.b=1,1', '9x=1', 'a=1:0:1'];
    for (const b of bad) {
      let err: unknown;
      try {
        parseGridSpec(b);
      } catch (e) {
        err = e;
      }
      expect(err, b).toBeInstanceOf(InputError);
      expect((err as InputError).diagnostics[0]!.file).toBe('--grid');
    }
    expect(() => parseGrids(['a=1,2', 'a=3'])).toThrow(/swept twice/);
  });

  it('expands the full factorial with the first axis slowest', () => {
    const axes = parseGrids(['x=1,2', 'y=a,b,c']);
    const s = expandGrid(axes);
    expect(gridSize(axes)).toBe(6);
    expect(s.map((q) => q.values)).toEqual([
      [1, 'a'],
      [1, 'b'],
      [1, 'c'],
      [2, 'a'],
      [2, 'b'],
      [2, 'c'],
    ]);
    expect(s[4]!.assignments).toEqual(['x=2', 'y="b"']);
    expect(settingAt(axes, 5)).toEqual(s[5]);
    expect(expandGrid([])).toEqual([{ index: 0, values: [], assignments: [] }]);
  });
});

describe('jobs and shards', () => {
  it('numbers jobs setting-major and shards round-robin into a partition', () => {
    expect(jobAt(7, 3)).toEqual({ index: 7, setting: 2, run: 1 });
    const n = 3;
    const all = [1, 2, 3].flatMap((i) => shardJobIndices(10, { index: i, count: n }));
    expect(all.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(shardJobIndices(10, { index: 2, count: 3 })).toEqual([1, 4, 7]);
    expect(parseShard('2/8')).toEqual({ index: 2, count: 8 });
    for (const b of ['0/2', '3/2', '1', 'a/b']) expect(() => parseShard(b)).toThrow(/--shard/);
  });
});

describe('csv', () => {
  it('escapes formula-like text cells but not negative numbers, and quotes per RFC 4180', () => {
    expect(csvRow(['=SUM(A1)', '+1', '-x', '@me', -0.5, 'a,b', 'say "hi"', true, null, NaN, Infinity, 'a\rb', "'=x"])).toBe(
      `'=SUM(A1),'+1,'-x,'@me,-0.5,"a,b","say ""hi""",true,,,,"a\rb",''=x\n`,
    );
    const back = parseCsv('h1,h2\n"a,b",-2\n');
    expect(back).toEqual({ header: ['h1', 'h2'], rows: [['a,b', '-2']] });
  });
});

describe('summary statistics', () => {
  it('summary rows match hand-computed values (R: mean, sd, t CI, quantile type 7)', () => {
    const plan: SweepPlan = {
      scenarioFile: 'x',
      scenarioSha256: '',
      scenarioName: 'x',
      scenario: null,
      axes: parseGrids(['g=5']),
      runs: 5,
      seed: 1,
      years: 1,
      metrics: ['m'],
    };
    const acc = new SettingAccumulator(plan, settingAt(plan.axes, 0));
    for (const v of [1, 2, 3, 4, 10]) acc.add([[v, v === 2 ? NaN : -v]]);
    const rows = acc
      .summaryRows()
      .trim()
      .split('\n')
      .map((l) => l.split(','));
    // year 0: mean 4, sd sqrt(50/4), t(0.975, 4) = 2.776445 (R: qt(0.975, 4)), R quantile(c(1,2,3,4,10), c(.05,.5,.95)) = 1.2 3 8.8
    const [setting, g, year, metric, n, mean, sd, lo, hi, p05, p50, p95] = rows[0]!;
    expect([setting, g, year, metric, n]).toEqual(['0', '5', '0', 'm', '5']);
    expect(Number(mean)).toBe(4);
    expect(Number(sd)).toBeCloseTo(Math.sqrt(12.5), 12);
    expect(Number(hi) - 4).toBeCloseTo((2.776445105197799 * Math.sqrt(12.5)) / Math.sqrt(5), 6);
    expect(4 - Number(lo)).toBeCloseTo((2.776445105197799 * Math.sqrt(12.5)) / Math.sqrt(5), 6);
    expect(Number(p05)).toBeCloseTo(1.2, 12);
    expect(Number(p50)).toBe(3);
    expect(Number(p95)).toBeCloseTo(8.8, 12);
    // year 1: the NaN run is left out (n = 4), values -1 -3 -4 -10
    expect(rows[1]!.slice(0, 6)).toEqual(['0', '5', '1', 'm', '4', '-4.5']);
  });
});

// ---- a toy model: two metrics, 3 years, seeded by (seed, run) like the scenario engine
function toyPlan(shard?: { index: number; count: number }): SweepPlan {
  const plan: SweepPlan = {
    scenarioFile: 'toy.json',
    scenarioSha256: '0'.repeat(64),
    scenarioName: 'toy',
    scenario: { name: 'toy' },
    axes: parseGrids(['k=1,2,3', 'label="=bad",ok']),
    runs: 7,
    seed: 42,
    years: 3,
    metrics: ['level', 'delta'],
  };
  if (shard) plan.shard = shard;
  return plan;
}
function toyValues(plan: SweepPlan, setting: number, run: number): RunValues {
  const k = settingAt(plan.axes, setting).values[0] as number;
  const rng = createRng(plan.seed).stream('run', run);
  const level: number[] = [];
  const delta: number[] = [];
  let x = 0;
  for (let y = 0; y <= plan.years; y++) {
    const d = rng.normal(0, 1) * k;
    x += d;
    level.push(x);
    delta.push(y === 2 ? NaN : d);
  }
  return [level, delta];
}
/** Runs jobs in a scrambled order in "batches" of 3, like a pool finishing out of order. */
function toyExecutor(plan: SweepPlan, opts: { crashAfter?: number } = {}): JobExecutor {
  return async (jobs, onResult, shouldStop) => {
    let n = 0;
    for (let s = 0; s < jobs.length; s += 3) {
      if (shouldStop()) return;
      const batch = jobs.slice(s, s + 3).reverse();
      for (const job of batch) {
        if (opts.crashAfter !== undefined && n >= opts.crashAfter) throw new Error('simulated crash');
        onResult(job, toyValues(plan, job.setting, job.run));
        n++;
      }
    }
  };
}
const versions = { helixlab: '0.0.0-test', node: 'v0' };
const files = (dir: string) => ['runs.csv', 'summary.csv', 'manifest.json'].map((f) => readFileSync(join(dir, f), 'utf8'));

describe('sweep run, stop, crash and resume (toy model)', () => {
  const full = join(tmp, 'full');
  it('writes runs, summary and manifest', async () => {
    const plan = toyPlan();
    const r = await runSweep({ outDir: full, plan, executor: toyExecutor(plan), versions });
    expect(r).toEqual({ complete: true, done: 42, total: 42, computed: 42 });
    const [runs, summary, manifest] = files(full);
    const lines = runs!.trim().split('\n');
    expect(lines[0]).toBe('setting,k,label,run,year,level,delta');
    expect(lines.length).toBe(1 + 6 * 7 * 4);
    expect(lines[1]!.startsWith("0,1,'=bad,0,0,")).toBe(true); // formula-escaped grid value
    // the first run's level at year 0 equals the toy model's value
    expect(Number(lines[1]!.split(',')[5])).toBe((toyValues(plan, 0, 0)[0] as number[])[0]);
    const sl = summary!.trim().split('\n');
    expect(sl[0]).toBe('setting,k,label,year,metric,n,mean,sd,ci95_lo,ci95_hi,p05,p50,p95');
    expect(sl.length).toBe(1 + 6 * 4 * 2);
    // summary of setting 0, year 1, level = stats of the 7 runs
    const vals = Array.from({ length: 7 }, (_, r) => (toyValues(plan, 0, r)[0] as number[])[1]!);
    const row = sl.find((l) => l.startsWith("0,1,'=bad,1,level,"))!.split(',');
    expect(Number(row[5])).toBe(7);
    expect(Number(row[6])).toBeCloseTo(vals.reduce((a, b) => a + b, 0) / 7, 14);
    // NaN cells are counted out: year 2 delta has n = 0
    expect(sl.find((l) => l.startsWith("0,1,'=bad,2,delta,"))!.split(',')[5]).toBe('0');
    const m = JSON.parse(manifest!);
    expect(m).toMatchObject({ kind: 'sweep', runs: 7, seed: 42, years: 3, settings: 6, jobs: 42, helixlab: '0.0.0-test' });
    expect(m.shard).toBeUndefined();
    expect(existsSync(join(full, '.sweep'))).toBe(false);
    expect(readdirSync(full).filter((f) => f.startsWith('.helixlab-tmp'))).toEqual([]);
  });

  it('refuses to overwrite a finished sweep without --resume', async () => {
    const plan = toyPlan();
    await expect(runSweep({ outDir: full, plan, executor: toyExecutor(plan), versions })).rejects.toThrow(/finished sweep/);
  });

  it('stop (Ctrl-C) keeps finished runs; resume completes to identical bytes', async () => {
    const plan = toyPlan();
    const dir = join(tmp, 'stopped');
    let calls = 0;
    const r1 = await runSweep({ outDir: dir, plan, executor: toyExecutor(plan), versions, shouldStop: () => ++calls > 4 });
    expect(r1.complete).toBe(false);
    expect(r1.done).toBe(12);
    expect(existsSync(join(dir, 'runs.csv'))).toBe(false);
    await expect(runSweep({ outDir: dir, plan, executor: toyExecutor(plan), versions })).rejects.toThrow(/--resume/);
    const r2 = await runSweep({ outDir: dir, plan, executor: toyExecutor(plan), versions, resume: true });
    expect(r2).toEqual({ complete: true, done: 42, total: 42, computed: 30 });
    expect(files(dir)).toEqual(files(full));
  });

  it('a crash leaving a torn last line resumes to identical bytes', async () => {
    const plan = toyPlan();
    const dir = join(tmp, 'crashed');
    await expect(runSweep({ outDir: dir, plan, executor: toyExecutor(plan, { crashAfter: 17 }), versions })).rejects.toThrow(
      /simulated crash/,
    );
    const log = join(dir, '.sweep', 'results.ndjson');
    const before = statSync(log).size;
    appendFileSync(log, '{"j":30,"m":[[0.1,0.2'); // torn write
    const r = await runSweep({ outDir: dir, plan, executor: toyExecutor(plan), versions, resume: true });
    expect(before).toBeGreaterThan(0);
    expect(r.computed).toBe(42 - 17);
    expect(files(dir)).toEqual(files(full));
  });

  it('refuses an --out that is a file', async () => {
    const plan = toyPlan();
    const f = join(tmp, 'a-file');
    appendFileSync(f, 'x');
    await expect(runSweep({ outDir: f, plan, executor: toyExecutor(plan), versions })).rejects.toThrow(/not a directory/);
  });

  it('refuses to resume a different sweep', async () => {
    const plan = toyPlan();
    const dir = join(tmp, 'other');
    await runSweep({
      outDir: dir,
      plan,
      executor: toyExecutor(plan),
      versions,
      shouldStop: (() => {
        let c = 0;
        return () => ++c > 2;
      })(),
    });
    const other = { ...toyPlan(), runs: 8 };
    await expect(runSweep({ outDir: dir, plan: other, executor: toyExecutor(other), versions, resume: true })).rejects.toThrow(/different/);
  });

  it('shards 1/3..3/3 merged equal the single run byte for byte', async () => {
    const dirs: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const plan = toyPlan({ index: i, count: 3 });
      const d = join(tmp, `shard${i}`);
      const r = await runSweep({ outDir: d, plan, executor: toyExecutor(plan), versions });
      expect(r.total).toBe(14);
      expect(JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')).shard).toEqual({ index: i, count: 3 });
      dirs.push(d);
    }
    const merged = join(tmp, 'merged');
    expect(mergeSweeps([dirs[2]!, dirs[0]!, dirs[1]!], merged)).toBe(42);
    expect(files(merged)).toEqual(files(full));
    expect(() => mergeSweeps([dirs[0]!, dirs[1]!], join(tmp, 'm2'))).toThrow(/missing shard 3\/3/);
    expect(() => mergeSweeps([dirs[0]!, dirs[0]!, dirs[1]!], join(tmp, 'm3'))).toThrow(/given twice/);
    expect(() => mergeSweeps([dirs[0]!, full], join(tmp, 'm4'))).toThrow(/shard count/);
  });

  it('merges by streaming: grid cells with commas, quotes and newlines; a damaged shard is an error with file and line, and nothing is written', async () => {
    const odd = (shard?: { index: number; count: number }): SweepPlan => ({
      ...toyPlan(shard),
      axes: parseGrids(['k=1,2', 'label="a,b","x\\ny \\"q\\""']),
    });
    expect(odd().axes[1]!.values).toEqual(['a,b', 'x\ny "q"']);
    const whole = join(tmp, 'odd-whole');
    await runSweep({ outDir: whole, plan: odd(), executor: toyExecutor(odd()), versions });
    expect(readFileSync(join(whole, 'runs.csv'), 'utf8')).toContain('"x\ny ""q"""');
    const dirs: string[] = [];
    for (let i = 1; i <= 2; i++) {
      const d = join(tmp, `odd${i}`);
      await runSweep({ outDir: d, plan: odd({ index: i, count: 2 }), executor: toyExecutor(odd({ index: i, count: 2 })), versions });
      dirs.push(d);
    }
    expect(mergeSweeps([dirs[1]!, dirs[0]!], join(tmp, 'odd-merged'))).toBe(28);
    expect(files(join(tmp, 'odd-merged'))).toEqual(files(whole));
    // cut the second shard's runs.csv after its 10th line: the merge names the file and fails
    const runsFile = join(dirs[1]!, 'runs.csv');
    const text = readFileSync(runsFile, 'utf8');
    writeFileSync(runsFile, text.split('\n').slice(0, 10).join('\n') + '\n');
    const out = join(tmp, 'odd-broken');
    expect(() => mergeSweeps([dirs[0]!, dirs[1]!], out)).toThrow(/odd2\/runs\.csv.*ends early/);
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);
    // a shard whose rows were swapped is refused at the first row out of place
    const lines = text.split('\n');
    [lines[1], lines[2]] = [lines[2]!, lines[1]!];
    writeFileSync(runsFile, lines.join('\n'));
    expect(() => mergeSweeps([dirs[0]!, dirs[1]!], out)).toThrow(/runs\.csv:2: error: expected setting 0, run 1, year 0/);
  });
});

describe('csvRow fast path', () => {
  it('writes exactly what csv-stringify writes for mixed rows', async () => {
    const { stringify } = await import('csv-stringify/sync');
    const rows: (string | number | boolean | null)[][] = [
      [
        1,
        -2.5,
        1e-7,
        1e21,
        NaN,
        Infinity,
        -0,
        'plain',
        '=x',
        '-y',
        '+z',
        '@w',
        '\tq',
        'a,b',
        'q"r',
        'line\nbreak',
        '',
        null,
        true,
        false,
        'ＮＵＬ',
        '＝1',
        'cr\ronly',
        "'=already",
        "'plain",
      ],
    ];
    // csv-stringify with HelixLab's conventions: formulas escaped by escapeFormula (one more ' in
    // front of a formula start, also after apostrophes), a bare \r quoted, non-finite numbers empty
    const lib = stringify(
      rows.map((r) => r.map((c) => (typeof c === 'string' ? escapeFormula(c) : c))),
      {
        escape_formulas: false,
        eof: true,
        record_delimiter: 'unix',
        quote_record_delimiter: true,
        cast: { boolean: (v: boolean) => (v ? 'true' : 'false'), number: (v: number) => (Number.isFinite(v) ? String(v) : '') },
      },
    );
    expect(csvRow(rows[0]!)).toBe(lib);
  });
});
