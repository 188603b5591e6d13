/**
 * The HTML impact report without the scenario engine: a toy sweep written by runSweep and a Sobol
 * result on Ishigami, rendered with the real Chart.js bundle. Checks self-containment, escaping,
 * the numbers in the comparison table and heatmap, the embedded chart data, and determinism.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRng } from '../src/util/rng.js';
import { parseGrids } from '../src/batch/grid.js';
import { runSweep, type JobExecutor } from '../src/batch/node.js';
import type { SweepPlan } from '../src/batch/sweep.js';
import { chartJsSource, loadReportInput, reportFromDirs } from '../src/batch/report-node.js';
import { buildReport, escapeHtml, scriptJson } from '../src/batch/report.js';
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
    const result = sobolAnalyze(d, d.points.map((x) => ishigami(x)), createRng(1), { bootstrap: 50 });
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
    expect(html).toMatch(/<tr><td>0<\/td><td>1<\/td><td>&lt;script&gt;alert\(1\)&lt;\/script&gt;<\/td><td>4(\.\d+)? <span class="ci">\[3\.9\d*, 4\.0\d*\]<\/span>/);
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
    expect([...sec.matchAll(/<tr><td>toy &lt;b&gt;scenario&lt;\/b&gt;<\/td><td>k=\d, tag=[^<]*<\/td><td>4<\/td><td>5<\/td>/g)].length).toBe(12);
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
