/**
 * The HTML impact report. Without the scenario engine: a toy sweep written by runSweep and a Sobol
 * result on Ishigami, rendered with the real Chart.js bundle (self-containment, escaping, the numbers
 * in the comparison table and heatmap, the embedded chart data, determinism), and a pinned hash of
 * a report of literal sweep and sensitivity inputs (reports of directories keep their bytes).
 * With the built CLI (`node dist/cli/main.js`; `npm test` builds first): `compare` / `simulate`
 * JSON files made here on a tiny scenario, rendered by `helixlab report` — the chart code run with
 * a recording Chart stub (one chart per metric, one dataset triple per scenario), the final-year
 * table parsed back and equal to the JSON, escaping of scenario names, the ignored `network` key,
 * and exit 2 with the file name for files that are not such results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli as run } from './helpers/cli.js';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { createRng } from '../src/util/rng.js';
import { parseGrids } from '../src/batch/grid.js';
import { batchVersions, runSweep, type JobExecutor } from '../src/node/index.js';
import type { SweepPlan } from '../src/batch/sweep.js';
import { chartJsSource, loadReportInput, parseScenarioResultJson, reportFromDirs } from '../src/node/batch/report.js';
import { buildReport, scenarioReportInput, scriptJson, type ReportInput } from '../src/report/impact.js';
import { escapeHtml } from '../src/report/render.js';
import { compare } from '../src/scenario/simulate.js';
import { parseScenario } from '../src/scenario/parse.js';
import { ishigami, sobolAnalyze, sobolDesign } from '../src/batch/sensitivity/sobol.js';

const tmp = mkdtempSync(join(tmpdir(), 'helixlab-batch-report-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

// level_t = k·t + small noise (run r): final-year means are ≈ k·years, so heatmap ordering is known
const plan: SweepPlan = {
  scenarioFile: 'toy.json',
  scenarioSha256: 'a'.repeat(64),
  scenarioName: 'toy <b>scenario</b>',
  scenario: {},
  axes: parseGrids(['k=1,2,3', 'tag="<script>alert(1)</script>",plain']),
  runs: 5,
  seed: 3,
  years: 4,
  metrics: ['level', 'other'],
};
const exec: JobExecutor = async (jobs, onResult) => {
  for (const job of jobs) {
    const k = [1, 2, 3][Math.floor(job.setting / 2)]!;
    const rng = createRng(plan.seed).stream('run', job.run);
    const level = Array.from({ length: plan.years + 1 }, (_, t) => k * t + rng.uniform(-0.01, 0.01));
    onResult(job, [level, level.map((v) => -v)]);
  }
};

describe('impact report', () => {
  const sweepDir = join(tmp, 'sweep');
  const sensDir = join(tmp, 'sens');

  it('renders a self-contained, escaped, deterministic report', async () => {
    await runSweep({ outDir: sweepDir, plan, executor: exec, versions: { helixlab: '9.9.9', node: 'v20' } });
    const d = sobolDesign(
      [0, 1, 2].map((i) => ({ name: `x${i + 1}`, lo: -Math.PI, hi: Math.PI })),
      512,
      createRng(1),
    );
    const result = sobolAnalyze(
      d,
      d.points.map((x) => ishigami(x)),
      createRng(1),
      { bootstrap: 50 },
    );
    mkdirSync(sensDir, { recursive: true });
    const doc = {
      kind: 'sensitivity',
      scenario: { file: 'ishigami', name: 'Ishigami', sha256: 'b'.repeat(64) },
      method: 'sobol',
      metric: 'y',
      year: 0,
      runs: 1,
      seed: 1,
      samples: 512,
      points: d.points.length,
      params: d.params,
      helixlab: '9.9.9',
      node: 'v20',
      result,
    };
    writeFileSync(join(sensDir, 'sensitivity.json'), JSON.stringify(doc));
    writeFileSync(join(sensDir, 'manifest.json'), JSON.stringify({ kind: 'sensitivity' }));

    const html = reportFromDirs([sweepDir, sensDir], { helixlab: '9.9.9' });
    // self-contained: Chart.js inlined, nothing fetched
    expect(html).toContain(chartJsSource().slice(0, 200));
    expect(html).not.toMatch(/<script[^>]+src=/);
    expect(html).not.toMatch(/<link[^>]+href=/);
    // escaping: the grid value and the scenario name never appear as markup
    expect(html).not.toContain('<script>alert(1)');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('toy <b>scenario</b>');
    // the embedded data parses and holds the fan-chart series of every setting and metric
    const data = JSON.parse(/<script type="application\/json" id="helixlab-data">([^]*?)<\/script>/.exec(html)![1]!);
    expect(data.sweeps[0].settings.length).toBe(6);
    expect(data.sweeps[0].series.level.length).toBe(6);
    const s5 = data.sweeps[0].series.level[5]; // k = 3
    expect(s5.mean[4]).toBeCloseTo(12, 1);
    expect(s5.p05[4]).toBeLessThanOrEqual(s5.mean[4]);
    expect(s5.p95[4]).toBeGreaterThanOrEqual(s5.mean[4]);
    expect(data.sensitivity[0].bars.labels).toEqual(['x1', 'x2', 'x3']);
    // comparison table: final-year mean of level for setting 0 (k = 1) is about 4, shown with its CI
    expect(html).toMatch(
      /<tr><td>0<\/td><td>1<\/td><td>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/td><td>4(\.\d+)? <span class="ci">\[3\.9\d*, 4\.0\d*\]<\/span>/,
    );
    // heatmap k × tag for level: rows 1,2,3 increase down the table (≈ 4, 8, 12)
    const heat = /<table class="heat" data-sweep="0" data-k="0">([^]*?)<\/table>/.exec(html)![1]!;
    const cells = [...heat.matchAll(/<td style="[^"]*">([^<]+)<\/td>/g)].map((m) => Number(m[1]));
    expect(cells.length).toBe(6);
    expect(cells[0]).toBeCloseTo(4, 1);
    expect(cells[2]).toBeCloseTo(8, 1);
    expect(cells[4]).toBeCloseTo(12, 1);
    // the sensitivity table shows S1 of x2 with its interval
    expect(html).toContain(`<td>x2</td><td>${Number(result.indices[1]!.S1.value.toPrecision(4))}</td>`);
    // deterministic
    expect(reportFromDirs([sweepDir, sensDir], { helixlab: '9.9.9' })).toBe(html);
    // manifest versions are shown
    expect(html).toContain('HelixLab 9.9.9, Node v20');
  });

  it('loads sweep directories with labels per setting', () => {
    const inp = loadReportInput(sweepDir);
    expect(inp.kind).toBe('sweep');
    if (inp.kind === 'sweep') {
      expect(inp.settingLabels[1]).toBe('k=1, tag=plain');
      expect(inp.summary.length).toBe(6 * 5 * 2);
    }
  });

  it('adds a scenario comparison (overlay charts, one table) when two or more sweeps are given', () => {
    const one = reportFromDirs([sweepDir], { helixlab: '9.9.9' });
    expect(one).not.toContain('id="comparison"');
    const two = reportFromDirs([sweepDir, sweepDir], { helixlab: '9.9.9' });
    const sec = /<section class="comparison" id="comparison">([^]*?)<\/section>/.exec(two)![1]!;
    expect(sec).toContain('id="cmp-0" data-metric="level"');
    expect(sec).toContain('id="cmp-1" data-metric="other"');
    // 6 settings from each of the two sweeps, final year 4, 5 runs
    expect([...sec.matchAll(/<tr><td>toy &lt;b&gt;scenario&lt;\/b&gt;<\/td><td>k=\d, tag=[^<]*<\/td><td>4<\/td><td>5<\/td>/g)].length).toBe(
      12,
    );
  });

  it('rejects a directory that is not a result', () => {
    expect(() => reportFromDirs([join(tmp, 'nothing')], { helixlab: '0' })).toThrow(/no such file/);
  });

  it('escapes HTML and script-embedded JSON', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    expect(scriptJson({ s: '</script><script>' })).not.toContain('</script>');
    expect(JSON.parse(scriptJson({ s: '</script>' })).s).toBe('</script>');
    expect(buildReport([], 'var x = "</script>";', { helixlab: '1' })).not.toContain('"</script>"');
  });
});

// ---------------------------------------------------------------------------------------------
// Reports of directories keep their bytes
// ---------------------------------------------------------------------------------------------

/** A sweep (two axes, 4 settings, 2 metrics, 3 years) and a Morris analysis, as literals. */
function pinnedInputs(): ReportInput[] {
  const metrics = ['partnerships', 'lock<In>'];
  const summary = [];
  for (let s = 0; s < 4; s++) {
    for (let year = 0; year <= 3; year++) {
      for (const [m, metric] of metrics.entries()) {
        const mean = (s + 1) * year + m * 0.5;
        summary.push({
          setting: s,
          year,
          metric,
          n: 5,
          mean,
          sd: 0.25 * year,
          ci95lo: mean - 0.1 * year,
          ci95hi: mean + 0.1 * year,
          p05: mean - 0.3 * year,
          p50: mean,
          p95: mean + 0.3 * year,
        });
      }
    }
  }
  return [
    {
      kind: 'sweep',
      source: 'out/<sweep>',
      manifest: {
        format: 'helixlab-sweep/1',
        kind: 'sweep',
        helixlab: '1.2.3',
        node: 'v20.0.0',
        scenario: { file: 'scenarios/x.json', sha256: 'c'.repeat(64), name: 'X & <i>Y</i>', document: {} },
        grids: [
          { path: 'network.openness', values: [0.1, 0.5] },
          { path: 'tag', values: ['a', '<b>'] },
        ],
        settings: 4,
        runs: 5,
        seed: 'w"ord',
        seedRule: 'rule',
        years: 3,
        metrics,
        jobs: 20,
        jobsHere: 20,
        files: {},
      },
      settingLabels: [
        'network.openness=0.1, tag=a',
        'network.openness=0.1, tag=<b>',
        'network.openness=0.5, tag=a',
        'network.openness=0.5, tag=<b>',
      ],
      settingValues: [
        [0.1, 'a'],
        [0.1, '<b>'],
        [0.5, 'a'],
        [0.5, '<b>'],
      ],
      summary,
    },
    {
      kind: 'sensitivity',
      source: 'out/morris',
      doc: {
        scenario: { file: 'scenarios/x.json', name: 'X', sha256: 'd'.repeat(64) },
        method: 'morris',
        metric: 'partnerships',
        year: 3,
        runs: 2,
        seed: 7,
        samples: 4,
        points: 12,
        params: [
          { name: 'network.openness', lo: 0.05, hi: 0.6 },
          { name: 'k', lo: 1, hi: 4, integer: true },
        ],
        helixlab: '1.2.3',
        node: 'v20.0.0',
        result: {
          method: 'morris',
          r: 4,
          levels: 4,
          delta: 2 / 3,
          evaluations: 12,
          bootstrap: 100,
          confidence: 0.95,
          indices: [
            { name: 'network.openness', muStar: { value: 1.5, lo: 1.1, hi: 1.9, sd: 0.2 }, mu: 1.2, sigma: 0.4, effects: [] },
            { name: 'k', muStar: { value: 0.25, lo: 0.1, hi: 0.4, sd: 0.1 }, mu: -0.2, sigma: 0.05, effects: [] },
          ],
        },
      },
    },
  ];
}

describe('impact report of directories', () => {
  it('gives the same bytes as before simulate/compare results were added', () => {
    // sha256 of the reports the builder gave before it read simulate/compare JSON (commit 1dc6c78);
    // a deliberate change to the sweep or sensitivity sections updates these hashes.
    const sha = (t: string): string => createHash('sha256').update(t).digest('hex');
    const inputs = pinnedInputs();
    expect(sha(buildReport(inputs, '/* chart.js */', { helixlab: '1.2.3' }))).toBe(
      'f824377dc85bc8279b0ad51488f504cf7c941ca73721ab8d285438d79938cb20',
    );
    expect(sha(buildReport([inputs[0]!, inputs[0]!], '/* chart.js */', { title: 'T', helixlab: '1.2.3' }))).toBe(
      '1f203d49beeb113daca856e09a9b885dad8b51bee8c5e3509f5fa1857ecdac99',
    );
  });
});

// ---------------------------------------------------------------------------------------------
// simulate / compare JSON files through the built CLI
// ---------------------------------------------------------------------------------------------

interface Band {
  mean: number | null;
  p05: number | null;
  p95: number | null;
}
interface ResultJson {
  scenario: string;
  runs: number;
  metrics: Record<
    string,
    { byYear: (Band & { year: number })[]; final: { mean: number | null; ci95: [number, number] | null; n: number } }
  >;
  diagnostics: {
    ties: {
      window: [number, number] | null;
      pairs: number;
      shareAgain: number | null;
      shareOverlap: number | null;
      shareAfter: number | null;
    };
  };
}
interface CompareJson {
  baseline: string;
  runs: number;
  years: number;
  scenarios: ResultJson[];
  differences: Record<string, Record<string, { meanDiff: number | null; ci95: [number, number] | null; probGreater: number | null }>>;
}
interface RecordedChart {
  id: string;
  type: string;
  labels: number[];
  datasets: { label: string; data: (number | null)[] }[];
}

/** Run the report's own scripts (the embedded data and the client code, not Chart.js) with a recording Chart stub. */
function chartsOf(html: string): RecordedChart[] {
  const data = /<script type="application\/json" id="helixlab-data">([^]*?)<\/script>/.exec(html)![1]!;
  const scripts = [...html.matchAll(/<script>([^]*?)<\/script>/g)].map((m) => m[1]!);
  const client = scripts[scripts.length - 1]!;
  const canvases = new Set([...html.matchAll(/<canvas id="([^"]+)"/g)].map((m) => m[1]!));
  const charts: RecordedChart[] = [];
  class Chart {
    constructor(
      el: { id: string },
      config: { type: string; data: { labels: number[]; datasets: { label: string; data: (number | null)[] }[] } },
    ) {
      charts.push({ id: el.id, type: config.type, labels: config.data.labels, datasets: config.data.datasets });
    }
  }
  const document = {
    getElementById: (id: string) => (id === 'helixlab-data' ? { textContent: data } : canvases.has(id) ? { id } : null),
    querySelectorAll: () => [],
  };
  runInNewContext(client, { document, Chart });
  return charts;
}

/** The final-year table of section `id`: metric → its cells' numbers (null for '–'). */
function finalTable(html: string, id: number): Map<string, (number | null)[]> {
  const table = new RegExp(`<table class="cmp scn-final" data-id="${id}">([^]*?)</table>`).exec(html)![1]!;
  const rows = new Map<string, (number | null)[]>();
  for (const m of table.matchAll(/<tr data-metric="([^"]+)">([^]*?)<\/tr>/g)) {
    const cells = [...m[2]!.matchAll(/<td>([^]*?)<\/td>/g)].slice(1); // after the unit
    const nums: (number | null)[] = [];
    for (const c of cells) {
      const t = c[1]!.replace(/ <span class="ci">\(n = \d+\)<\/span>/, '');
      const v = /^([^ <]+)(?: <span class="ci">\[([^,]+), ([^\]]+)\]<\/span>)?$/.exec(t);
      expect(v, `cell '${c[1]}'`).not.toBeNull();
      const num = (x: string | undefined): number | null => (x === undefined || x === '–' ? null : Number(x));
      nums.push(num(v![1]));
      if (v![2] !== undefined) nums.push(num(v![2]), num(v![3]));
    }
    rows.set(m[1]!, nums);
  }
  return rows;
}

const EVIL = '<script>alert(1)</script> & "co"';

describe('impact report of simulate and compare JSON (built CLI)', () => {
  const dir = join(tmp, 'cmp');
  const small = JSON.parse(readFileSync('test/fixtures/batch/small.json', 'utf8')) as Record<string, unknown>;
  const files = {
    base: join(dir, 'base.json'),
    perm: join(dir, 'perm.json'),
    half: join(dir, 'half.json'),
    cmp: join(dir, 'cmp.json'),
    cmpNet: join(dir, 'cmp-network.json'),
    sim: join(dir, 'sim.json'),
    html: join(dir, 'report.html'),
  };
  let cmp: CompareJson;

  beforeAll(async () => {
    mkdirSync(dir, { recursive: true });
    writeFileSync(files.base, JSON.stringify(small));
    writeFileSync(files.perm, JSON.stringify({ ...small, name: EVIL, funding: { base: { eurPerYear: 108152, fte: 0.72 } } }));
    writeFileSync(files.half, JSON.stringify({ ...small, name: 'half', funding: { base: { eurPerYear: 54076, fte: 0.36 } } }));
    const common = ['--runs', '8', '--seed', '5', '--workers', '1', '--quiet'];
    for (const args of [
      ['compare', files.base, files.perm, files.half, ...common, '--format', 'json', '--out', files.cmp],
      ['compare', files.base, files.perm, files.half, ...common, '--network-run', '0', '--format', 'json', '--out', files.cmpNet],
      ['simulate', files.perm, ...common, '--format', 'json', '--out', files.sim],
    ]) {
      const r = await run(args);
      expect(r.code, r.stderr).toBe(0);
    }
    cmp = JSON.parse(readFileSync(files.cmp, 'utf8')) as CompareJson;
  });

  it('draws one chart per metric with one dataset triple (p95 edge, 90% band, mean) per scenario', async () => {
    const r = await run(['report', files.cmp, '--out', files.html, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    const html = readFileSync(files.html, 'utf8');
    // the built CLI renders what the sources do (a stale dist/ fails here: rebuild it)
    expect(html).toBe(reportFromDirs([files.cmp], { helixlab: batchVersions().helixlab }));
    const metrics = Object.keys(cmp.scenarios[0]!.metrics);
    expect(metrics.length).toBeGreaterThanOrEqual(14);
    expect([...html.matchAll(/<canvas id="scn-0-\d+"/g)].length).toBe(metrics.length);
    const charts = chartsOf(html);
    expect(charts.map((c) => c.id)).toEqual(metrics.map((_, k) => `scn-0-${k}`));
    const names = cmp.scenarios.map((s) => s.scenario);
    expect(names).toEqual(['small-batch', EVIL, 'half']);
    charts.forEach((c, k) => {
      const metric = metrics[k]!;
      expect(c.type).toBe('line');
      expect(c.labels).toEqual([0, 1, 2, 3, 4, 5, 6]);
      expect(c.datasets.map((d) => d.label)).toEqual(names.flatMap((n) => [`${n} p95`, `${n} 90% band`, n]));
      cmp.scenarios.forEach((s, i) => {
        const by = s.metrics[metric]!.byYear;
        expect(c.datasets[3 * i]!.data).toEqual(by.map((y) => y.p95));
        expect(c.datasets[3 * i + 1]!.data).toEqual(by.map((y) => y.p05));
        expect(c.datasets[3 * i + 2]!.data).toEqual(by.map((y) => y.mean));
      });
    });
    // the regimes really differ, so the test would see swapped scenarios
    const members = charts[metrics.indexOf('members')]!;
    expect(members.datasets[5]!.data[6]).toBeGreaterThan(members.datasets[2]!.data[6]!);
  });

  it('shows the final-year table with the numbers of the JSON, the tie diagnostics and the provenance', () => {
    const html = readFileSync(files.html, 'utf8');
    const table = finalTable(html, 0);
    const metrics = Object.keys(cmp.scenarios[0]!.metrics);
    expect([...table.keys()]).toEqual(metrics);
    let nulls = 0;
    for (const m of metrics) {
      const want: (number | null)[] = [];
      for (const s of cmp.scenarios) {
        const f = s.metrics[m]!.final;
        want.push(f.mean);
        if (f.ci95) want.push(...f.ci95);
      }
      for (const s of cmp.scenarios.slice(1)) {
        const d = cmp.differences[s.scenario]![m]!;
        want.push(d.meanDiff);
        if (d.ci95) want.push(...d.ci95);
        want.push(d.probGreater);
      }
      expect(table.get(m), m).toEqual(want);
      nulls += want.filter((v) => v === null).length;
    }
    // partnershipsPerMillion has no value without public money (the baseline): shown as '–'
    expect(nulls).toBeGreaterThan(0);
    expect(cmp.differences[EVIL]!['members']!.probGreater).toBe(1);
    // tie diagnostics (measured as in CORDIS), one row per scenario, as in the JSON
    const ren = /<table class="cmp scn-ties">([^]*?)<\/table>/.exec(html)![1]!;
    const rows = [
      ...ren.matchAll(/<tr><th>([^<]*)<\/th><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><\/tr>/g),
    ];
    expect(rows.map((r) => r[1])).toEqual(cmp.scenarios.map((s) => escapeHtml(s.scenario)));
    const num = (x: string | undefined) => (x === '–' ? null : Number(x));
    rows.forEach((r, i) => {
      const t = cmp.scenarios[i]!.diagnostics.ties;
      expect(r[2]).toBe(t.window ? `${t.window[0]}–${t.window[1]}` : '–');
      expect([Number(r[3]), num(r[4]), num(r[5]), num(r[6])]).toEqual([t.pairs, t.shareAgain, t.shareOverlap, t.shareAfter]);
    });
    expect(cmp.scenarios.some((sc) => sc.diagnostics.ties.pairs > 0)).toBe(true);
    // provenance
    expect(html).toContain('<tr><th>runs × years</th><td>8 paired runs (common random numbers) × 6 years</td></tr>');
    expect(html).toContain('<tr><th>seed</th><td><code>5</code>');
    expect(html).toContain('<code>helixlab compare --format json</code>');
    expect(html).toContain('HelixLab version not recorded in the file');
    expect(html).toContain(`small-batch (baseline)<br>${escapeHtml(EVIL)}<br>half`);
  });

  it('is self-contained and escapes scenario names everywhere', () => {
    const html = readFileSync(files.html, 'utf8');
    expect(html).toContain(chartJsSource().slice(0, 200));
    const markup = html.replace(/<script>[^]*?<\/script>/g, '<script></script>');
    expect(markup).not.toMatch(/https?:\/\//);
    expect(markup).not.toMatch(/\ssrc=|<link|@import|url\(/);
    expect(html).not.toContain('<script>alert(1)');
    const e = escapeHtml(EVIL);
    expect(e).toBe('&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;');
    expect(html).toContain(`<li><a href="#scn-0">Comparison: small-batch vs ${e} vs half</a>`);
    expect(html).toContain(`<h2>Comparison: small-batch vs ${e} vs half <small>`);
    expect(html).toContain(`<th>small-batch</th><th>${e}</th><th>half</th><th>${e} − small-batch</th><th>P(${e} &gt; small-batch)</th>`);
    expect(html).toContain(`<tr><th>${e}</th><td>`);
    // the embedded chart data keeps the name exactly, with no markup
    const data = JSON.parse(/<script type="application\/json" id="helixlab-data">([^]*?)<\/script>/.exec(html)![1]!) as {
      scenarios: { names: string[] }[];
    };
    expect(data.scenarios[0]!.names[1]).toBe(EVIL);
  });

  it('gives the same table as the library compare on the same scenarios, and the same bytes each time', async () => {
    const ss = [files.base, files.perm, files.half].map((f) => parseScenario(readFileSync(f, 'utf8'), f));
    const lib = await compare(ss, { runs: 8, seed: 5 });
    const fromFile = reportFromDirs([files.cmp], { helixlab: '0' });
    const inMemory = buildReport([scenarioReportInput(lib, files.cmp)], chartJsSource(), { helixlab: '0' });
    expect(inMemory).toBe(fromFile);
    expect(reportFromDirs([files.cmp], { helixlab: '0' })).toBe(fromFile);
  });

  it('ignores the recorded network of --network-run (and says so)', () => {
    const net = reportFromDirs([files.cmpNet], { helixlab: '0' });
    const plain = reportFromDirs([files.cmp], { helixlab: '0' });
    expect(readFileSync(files.cmpNet, 'utf8')).toContain('"network"');
    const note = /<tr><th>network<\/th><td>[^]*?<\/td><\/tr>/.exec(net)![0];
    expect(note).toContain('does not use it');
    expect(net.replace(note, '').replaceAll('cmp-network.json', 'cmp.json')).toBe(plain);
  });

  it('reads a simulate result: one dataset triple per chart, no differences', () => {
    const html = reportFromDirs([files.sim, files.cmp], { helixlab: '0' });
    const sim = JSON.parse(readFileSync(files.sim, 'utf8')) as ResultJson;
    const charts = chartsOf(html).filter((c) => c.id.startsWith('scn-0-'));
    expect(charts.length).toBe(Object.keys(sim.metrics).length);
    for (const c of charts) expect(c.datasets.map((d) => d.label)).toEqual([`${EVIL} p95`, `${EVIL} 90% band`, EVIL]);
    const table = finalTable(html, 0);
    expect(table.get('members')).toEqual([sim.metrics['members']!.final.mean, ...sim.metrics['members']!.final.ci95!]);
    expect(html).toContain('<code>helixlab simulate --format json</code>');
    expect(html).toContain('from 2 <code>simulate</code>/<code>compare</code> JSON files.');
    // the simulate run of the scenario equals its part of the comparison (same seed, same runs)
    expect(sim.metrics['members']!.final.mean).toBe(cmp.scenarios[1]!.metrics['members']!.final.mean);
  });

  it('rejects a file that is not a simulate/compare result: exit 2, the file, line and what was expected', async () => {
    const syntax = join(dir, 'syntax.json');
    writeFileSync(syntax, '{\n  "baseline": "a",\n  "runs": 3,,\n}\n');
    const other = join(dir, 'other.json');
    writeFileSync(other, JSON.stringify({ hello: 1 }));
    const broken = join(dir, 'broken.json');
    const text = readFileSync(files.cmp, 'utf8').replace(/("probGreater": )[^,\n]+/, '$1"high"');
    writeFileSync(broken, text);
    const line = text.slice(0, text.indexOf('"high"')).split('\n').length;
    const out = join(dir, 'never.html');
    for (const [file, want] of [
      [
        syntax,
        new RegExp(
          `^${syntax}:3:13: error: not valid JSON: expected a key in double quotes, found ','; expected the JSON written by \`helixlab simulate --format json\``,
        ),
      ],
      [other, new RegExp(`^${other}:1:1: error: expected the JSON written by .*; got an object with the keys hello\\n$`)],
      [
        broken,
        new RegExp(
          `^${broken}:${line}:\\d+: error: differences\\.${EVIL.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.members\\.probGreater: expected a number from 0 to 1 or null, got "high"\\n$`,
        ),
      ],
    ] as const) {
      const r = await run(['report', files.cmp, file, '--out', out]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(want);
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    }
  });

  it('points to the right input when given a result directory file or a scenario', () => {
    expect(() => parseScenarioResultJson(JSON.stringify({ kind: 'sweep', format: 'x' }), 'out/sweep/manifest.json')).toThrow(
      'out/sweep/manifest.json:1:1: error: this is a file of the sweep output directory out/sweep: give the directory itself',
    );
    expect(() => parseScenarioResultJson(JSON.stringify(small), 'small.json')).toThrow(
      /^small\.json:1:1: error: this is a scenario file: run it first/,
    );
    expect(() => parseScenarioResultJson('[1]', 'a.json')).toThrow(/a\.json:1:1: error: expected the JSON written by .*; got an array/);
  });
});
