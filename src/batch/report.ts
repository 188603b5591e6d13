/**
 * The impact report: one self-contained HTML file (browser-safe, pure: data and the Chart.js
 * source in, HTML text out; the Node loader is `report-node.ts`).
 *
 * Contents, per sweep directory: fan charts by year for every metric (the mean line and the
 * 90% band between the 5th and 95th percentiles over runs, one setting at a time, chosen with a
 * selector), a comparison table of the final year (mean and 95% confidence interval of the mean
 * for every setting and metric), heatmaps of the final-year mean over the first two grid axes
 * (averaged over the other axes), and the scenario, grids, runs, seed and versions. Per sensitivity
 * directory: a bar chart of the indices (Sobol S1 and ST, or Morris μ* and σ) with their bootstrap
 * intervals drawn as whiskers, and the table of indices. Charts use Chart.js (inlined, so the file
 * opens with no network access); tables and heatmaps are plain HTML. The output has no timestamp:
 * the same inputs give the same bytes.
 */
import type { SweepManifest } from './sweep.js';
import type { SensitivityResult } from './sensitivity/run.js';

export interface SummaryRecord {
  setting: number;
  year: number;
  metric: string;
  n: number;
  mean: number;
  sd: number;
  ci95lo: number;
  ci95hi: number;
  p05: number;
  p50: number;
  p95: number;
}

export interface SweepReportInput {
  kind: 'sweep';
  /** Directory as given. */
  source: string;
  manifest: SweepManifest;
  /** Setting labels in setting order. */
  settingLabels: string[];
  /** Grid values per setting (axis order). */
  settingValues: unknown[][];
  summary: SummaryRecord[];
}

export interface SensitivityReportInput {
  kind: 'sensitivity';
  source: string;
  /** The sensitivity.json document (manifest fields + result). */
  doc: {
    scenario: { file: string; name: string; sha256: string };
    method: string;
    metric: string;
    year: number;
    runs: number;
    seed: number | string;
    samples: number;
    points: number;
    params: { name: string; lo: number; hi: number; integer?: boolean }[];
    helixlab: string;
    node: string;
    result: SensitivityResult;
  };
}

export type ReportInput = SweepReportInput | SensitivityReportInput;

export interface ReportOptions {
  title?: string;
  /** HelixLab version that wrote the report. */
  helixlab: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON safe inside a <script> element. */
export function scriptJson(v: unknown): string {
  return JSON.stringify(v).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function num(x: number, digits = 4): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? '–' : String(x);
  if (x !== 0 && (Math.abs(x) >= 1e6 || Math.abs(x) < 1e-3)) return x.toExponential(2);
  return Number(x.toPrecision(digits)).toString();
}

function round6(x: number): number | null {
  return Number.isFinite(x) ? Number(x.toPrecision(6)) : null;
}

/** Interpolate white → blue for t in [0, 1]. */
function heatColour(t: number): string {
  const c = (a: number, b: number): number => Math.round(a + (b - a) * Math.min(1, Math.max(0, t)));
  return `rgb(${c(247, 8)},${c(251, 69)},${c(255, 148)})`;
}

function sweepSection(inp: SweepReportInput, id: number): { html: string; data: unknown } {
  const m = inp.manifest;
  const years = m.years;
  const finalRows = inp.summary.filter((r) => r.year === years);
  const byKey = new Map<string, SummaryRecord>();
  for (const r of inp.summary) byKey.set(`${r.setting}|${r.year}|${r.metric}`, r);
  // chart data: metric → setting → {mean, lo, hi} by year
  const series: Record<string, { mean: (number | null)[]; p05: (number | null)[]; p95: (number | null)[] }[]> = {};
  for (const metric of m.metrics) {
    series[metric] = inp.settingLabels.map((_, s) => {
      const mean: (number | null)[] = [];
      const p05: (number | null)[] = [];
      const p95: (number | null)[] = [];
      for (let y = 0; y <= years; y++) {
        const r = byKey.get(`${s}|${y}|${metric}`);
        mean.push(r ? round6(r.mean) : null);
        p05.push(r ? round6(r.p05) : null);
        p95.push(r ? round6(r.p95) : null);
      }
      return { mean, p05, p95 };
    });
  }
  let h = `<section class="sweep" id="sweep-${id}">\n<h2>Sweep: ${escapeHtml(m.scenario.name)} <small>(${escapeHtml(inp.source)})</small></h2>\n`;
  h += '<table class="meta">';
  h += `<tr><th>scenario</th><td>${escapeHtml(m.scenario.file)} <code>sha256 ${escapeHtml(m.scenario.sha256.slice(0, 16))}…</code></td></tr>`;
  h += `<tr><th>grids</th><td>${m.grids.length ? m.grids.map((g) => `<code>${escapeHtml(g.path)}</code> = ${escapeHtml(g.values.map((v) => JSON.stringify(v)).join(', '))}`).join('<br>') : 'none (baseline only)'}</td></tr>`;
  h += `<tr><th>settings × runs</th><td>${m.settings} × ${m.runs} runs × ${m.years} years</td></tr>`;
  h += `<tr><th>seed</th><td><code>${escapeHtml(String(m.seed))}</code> — ${escapeHtml(m.seedRule)}</td></tr>`;
  h += `<tr><th>versions</th><td>HelixLab ${escapeHtml(m.helixlab)}, Node ${escapeHtml(m.node)}</td></tr>`;
  h += '</table>\n';
  h += `<h3>Fan charts: mean and 90% band (5th–95th percentile over runs) by year</h3>\n`;
  h += `<label>Setting: <select class="setting-select" data-sweep="${id}">`;
  inp.settingLabels.forEach((l, s) => {
    h += `<option value="${s}">${escapeHtml(`#${s} ${l}`)}</option>`;
  });
  h += '</select></label>\n<div class="charts">';
  m.metrics.forEach((metric, k) => {
    h += `<figure><figcaption>${escapeHtml(metric)}</figcaption><canvas id="fan-${id}-${k}" data-sweep="${id}" data-metric="${escapeHtml(metric)}" width="360" height="220"></canvas></figure>`;
  });
  h += '</div>\n';
  // comparison table (final year)
  h += `<h3>Comparison at year ${years}: mean [95% CI of the mean] over ${m.runs} runs</h3>\n<div class="scroll"><table class="cmp"><thead><tr><th>setting</th>`;
  for (const g of m.grids) h += `<th>${escapeHtml(g.path)}</th>`;
  for (const metric of m.metrics) h += `<th>${escapeHtml(metric)}</th>`;
  h += '</tr></thead><tbody>';
  inp.settingLabels.forEach((_, s) => {
    h += `<tr><td>${s}</td>`;
    for (const v of inp.settingValues[s] ?? []) h += `<td>${escapeHtml(typeof v === 'string' ? v : JSON.stringify(v))}</td>`;
    for (const metric of m.metrics) {
      const r = byKey.get(`${s}|${years}|${metric}`);
      h += r ? `<td>${num(r.mean)} <span class="ci">[${num(r.ci95lo)}, ${num(r.ci95hi)}]</span></td>` : '<td>–</td>';
    }
    h += '</tr>';
  });
  h += '</tbody></table></div>\n';
  // heatmaps over the first two axes (or one)
  if (m.grids.length >= 1) {
    const ax0 = m.grids[0]!;
    const ax1 = m.grids[1];
    h += `<h3>Heatmaps at year ${years}: mean over runs${m.grids.length > 2 ? ` (averaged over ${m.grids.slice(2).map((g) => escapeHtml(g.path)).join(', ')})` : ''}</h3>\n`;
    h += `<label>Metric: <select class="heat-select" data-sweep="${id}">`;
    m.metrics.forEach((metric, k) => {
      h += `<option value="${k}">${escapeHtml(metric)}</option>`;
    });
    h += '</select></label>\n';
    m.metrics.forEach((metric, k) => {
      const rowsVals = ax0.values;
      const colVals = ax1 ? ax1.values : [null];
      const cell: number[][] = rowsVals.map(() => colVals.map(() => 0));
      const cnt: number[][] = rowsVals.map(() => colVals.map(() => 0));
      for (const r of finalRows) {
        if (r.metric !== metric || !Number.isFinite(r.mean)) continue;
        const vals = inp.settingValues[r.setting] ?? [];
        const i = rowsVals.findIndex((v) => JSON.stringify(v) === JSON.stringify(vals[0]));
        const j = ax1 ? colVals.findIndex((v) => JSON.stringify(v) === JSON.stringify(vals[1])) : 0;
        if (i < 0 || j < 0) continue;
        cell[i]![j]! += r.mean;
        cnt[i]![j]!++;
      }
      const means = cell.map((row, i) => row.map((v, j) => (cnt[i]![j]! > 0 ? v / cnt[i]![j]! : NaN)));
      const flat = means.flat().filter(Number.isFinite);
      const lo = flat.length ? Math.min(...flat) : 0;
      const hi = flat.length ? Math.max(...flat) : 1;
      h += `<table class="heat" data-sweep="${id}" data-k="${k}"${k === 0 ? '' : ' hidden'}><caption>${escapeHtml(metric)}</caption><tr><th>${escapeHtml(ax0.path)}${ax1 ? ` \\ ${escapeHtml(ax1.path)}` : ''}</th>`;
      for (const v of colVals) h += `<th>${v === null && !ax1 ? 'mean' : escapeHtml(JSON.stringify(v))}</th>`;
      h += '</tr>';
      means.forEach((row, i) => {
        h += `<tr><th>${escapeHtml(JSON.stringify(rowsVals[i]))}</th>`;
        for (const v of row) {
          const t = hi > lo ? (v - lo) / (hi - lo) : 0.5;
          h += Number.isFinite(v) ? `<td style="background:${heatColour(t)};color:${t > 0.6 ? '#fff' : '#000'}">${num(v)}</td>` : '<td>–</td>';
        }
        h += '</tr>';
      });
      h += '</table>';
    });
    h += '\n';
  }
  h += '</section>\n';
  return { html: h, data: { id, name: `${m.scenario.name} (${inp.source})`, years, settings: inp.settingLabels, metrics: m.metrics, series } };
}

function sensitivitySection(inp: SensitivityReportInput, id: number): { html: string; data: unknown } {
  const d = inp.doc;
  const r = d.result;
  const pct = Math.round(r.confidence * 100);
  let h = `<section class="sensitivity" id="sens-${id}">\n<h2>Sensitivity (${escapeHtml(d.method)}): ${escapeHtml(d.metric)} at year ${d.year} <small>(${escapeHtml(inp.source)})</small></h2>\n`;
  h += '<table class="meta">';
  h += `<tr><th>scenario</th><td>${escapeHtml(d.scenario.name)} — ${escapeHtml(d.scenario.file)} <code>sha256 ${escapeHtml(d.scenario.sha256.slice(0, 16))}…</code></td></tr>`;
  h += `<tr><th>parameters</th><td>${d.params.map((p) => `<code>${escapeHtml(p.name)}</code> ∈ [${num(p.lo, 6)}, ${num(p.hi, 6)}]${p.integer ? ' (integer)' : ''}`).join('<br>')}</td></tr>`;
  h += `<tr><th>design</th><td>${d.method === 'sobol' ? `Saltelli, N = ${d.samples}` : `Morris, r = ${d.samples} trajectories`}; ${d.points} points × ${d.runs} runs; ${r.bootstrap} bootstrap resamples</td></tr>`;
  h += `<tr><th>seed</th><td><code>${escapeHtml(String(d.seed))}</code></td></tr>`;
  h += `<tr><th>versions</th><td>HelixLab ${escapeHtml(d.helixlab)}, Node ${escapeHtml(d.node)}</td></tr>`;
  h += '</table>\n';
  h += `<figure class="wide"><canvas id="sens-chart-${id}" width="720" height="${Math.max(200, 60 + 40 * r.indices.length)}"></canvas></figure>\n`;
  h += '<table class="cmp"><thead><tr><th>parameter</th>';
  let bars: { labels: string[]; sets: { label: string; values: number[]; lo: number[]; hi: number[] }[] };
  if (r.method === 'sobol') {
    h += `<th>S1</th><th>S1 ${pct}% CI</th><th>ST</th><th>ST ${pct}% CI</th></tr></thead><tbody>`;
    for (const ix of r.indices) h += `<tr><td>${escapeHtml(ix.name)}</td><td>${num(ix.S1.value)}</td><td>[${num(ix.S1.lo)}, ${num(ix.S1.hi)}]</td><td>${num(ix.ST.value)}</td><td>[${num(ix.ST.lo)}, ${num(ix.ST.hi)}]</td></tr>`;
    bars = {
      labels: r.indices.map((ix) => ix.name),
      sets: [
        { label: 'first order S1', values: r.indices.map((ix) => ix.S1.value), lo: r.indices.map((ix) => ix.S1.lo), hi: r.indices.map((ix) => ix.S1.hi) },
        { label: 'total ST', values: r.indices.map((ix) => ix.ST.value), lo: r.indices.map((ix) => ix.ST.lo), hi: r.indices.map((ix) => ix.ST.hi) },
      ],
    };
  } else {
    h += `<th>μ*</th><th>μ* ${pct}% CI</th><th>μ</th><th>σ</th></tr></thead><tbody>`;
    for (const ix of r.indices) h += `<tr><td>${escapeHtml(ix.name)}</td><td>${num(ix.muStar.value)}</td><td>[${num(ix.muStar.lo)}, ${num(ix.muStar.hi)}]</td><td>${num(ix.mu)}</td><td>${num(ix.sigma)}</td></tr>`;
    bars = {
      labels: r.indices.map((ix) => ix.name),
      sets: [
        { label: 'μ*', values: r.indices.map((ix) => ix.muStar.value), lo: r.indices.map((ix) => ix.muStar.lo), hi: r.indices.map((ix) => ix.muStar.hi) },
        { label: 'σ', values: r.indices.map((ix) => ix.sigma), lo: r.indices.map((ix) => ix.sigma), hi: r.indices.map((ix) => ix.sigma) },
      ],
    };
  }
  h += '</tbody></table>\n</section>\n';
  return { html: h, data: { id, bars } };
}

/**
 * With two or more sweeps (e.g. one per funding regime): overlay fan charts per shared metric (each
 * sweep's setting chosen in its own selector) and one table of final-year means with 95% intervals.
 */
function comparisonSection(sweeps: readonly { inp: SweepReportInput; id: number }[]): string {
  const metrics = sweeps[0]!.inp.manifest.metrics.filter((m) => sweeps.every((s) => s.inp.manifest.metrics.includes(m)));
  let h = '<section class="comparison" id="comparison">\n<h2>Scenario comparison</h2>\n';
  h += '<p>Each line and band is one sweep at the setting chosen in its own section (the first setting until changed).</p>\n<div class="charts">';
  metrics.forEach((metric, k) => {
    h += `<figure><figcaption>${escapeHtml(metric)}</figcaption><canvas id="cmp-${k}" data-metric="${escapeHtml(metric)}" width="360" height="220"></canvas></figure>`;
  });
  h += '</div>\n<h3>Final year: mean [95% CI of the mean]</h3>\n<div class="scroll"><table class="cmp"><thead><tr><th>sweep</th><th>setting</th><th>year</th><th>runs</th>';
  for (const m of metrics) h += `<th>${escapeHtml(m)}</th>`;
  h += '</tr></thead><tbody>';
  for (const { inp } of sweeps) {
    const years = inp.manifest.years;
    const byKey = new Map<string, SummaryRecord>();
    for (const r of inp.summary) if (r.year === years) byKey.set(`${r.setting}|${r.metric}`, r);
    inp.settingLabels.forEach((label, st) => {
      h += `<tr><td>${escapeHtml(inp.manifest.scenario.name)}</td><td>${escapeHtml(label)}</td><td>${years}</td><td>${inp.manifest.runs}</td>`;
      for (const m of metrics) {
        const r = byKey.get(`${st}|${m}`);
        h += r ? `<td>${num(r.mean)} <span class="ci">[${num(r.ci95lo)}, ${num(r.ci95hi)}]</span></td>` : '<td>–</td>';
      }
      h += '</tr>';
    });
  }
  h += '</tbody></table></div>\n</section>\n';
  return h;
}

const STYLE = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1200px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}h2 small{color:#777;font-weight:normal;font-size:.6em}
table{border-collapse:collapse;margin:.5em 0;font-size:.9em}th,td{border:1px solid #ddd;padding:.25em .5em;text-align:right}th{background:#f4f4f4}
table.meta th,table.meta td{text-align:left}.ci{color:#666;font-size:.85em}.scroll{overflow-x:auto}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:1em}figure{margin:0}figcaption{font-weight:600;font-size:.9em}
table.heat td{min-width:4em}table.cmp td{white-space:nowrap}caption{font-weight:600;text-align:left}code{background:#f4f4f4;padding:0 .2em}footer{margin-top:3em;color:#777;font-size:.85em}`;

const CLIENT = `(function(){
var DATA=JSON.parse(document.getElementById('helixlab-data').textContent);
var COLORS=['#1f77b4','#d62728','#2ca02c','#9467bd','#ff7f0e','#8c564b'];
var fans={};
function fanData(sw,metric,s){var d=sw.series[metric][s];var labels=[];for(var y=0;y<=sw.years;y++)labels.push(y);
return{labels:labels,datasets:[{label:'95th pct',data:d.p95,borderWidth:0,pointRadius:0,fill:false},
{label:'90% band',data:d.p05,borderWidth:0,pointRadius:0,backgroundColor:'rgba(31,119,180,0.2)',fill:'-1'},
{label:'mean',data:d.mean,borderColor:'#1f77b4',backgroundColor:'#1f77b4',pointRadius:1.5,borderWidth:2,fill:false}]};}
DATA.sweeps.forEach(function(sw){fans[sw.id]=[];sw.metrics.forEach(function(metric,k){var el=document.getElementById('fan-'+sw.id+'-'+k);
if(!el||typeof Chart==='undefined')return;fans[sw.id].push({metric:metric,chart:new Chart(el,{type:'line',data:fanData(sw,metric,0),
options:{animation:false,responsive:true,plugins:{legend:{display:false},tooltip:{mode:'index',intersect:false}},scales:{x:{title:{display:true,text:'year'}}}}})});});});
var chosen={};DATA.sweeps.forEach(function(sw){chosen[sw.id]=0;});var overlays=[];
function overlayData(metric){var sws=DATA.sweeps.filter(function(sw){return sw.series[metric];});var n=0;sws.forEach(function(sw){n=Math.max(n,sw.years+1);});
var labels=[];for(var y=0;y<n;y++)labels.push(y);var ds=[];sws.forEach(function(sw,i){var d=sw.series[metric][chosen[sw.id]];var c=COLORS[i%COLORS.length];
ds.push({label:sw.name+' p95',data:d.p95,borderWidth:0,pointRadius:0,fill:false});
ds.push({label:sw.name+' 90% band',data:d.p05,borderWidth:0,pointRadius:0,backgroundColor:c+'33',fill:'-1'});
ds.push({label:sw.name,data:d.mean,borderColor:c,backgroundColor:c,pointRadius:1.5,borderWidth:2,fill:false});});return{labels:labels,datasets:ds};}
if(DATA.sweeps.length>1)document.querySelectorAll('canvas[id^="cmp-"]').forEach(function(el){if(typeof Chart==='undefined')return;var metric=el.dataset.metric;
overlays.push({metric:metric,chart:new Chart(el,{type:'line',data:overlayData(metric),options:{animation:false,responsive:true,
plugins:{legend:{labels:{filter:function(item){return !/ (p95|90% band)$/.test(item.text);}}},tooltip:{mode:'index',intersect:false}},scales:{x:{title:{display:true,text:'year'}}}}})});});
document.querySelectorAll('select.setting-select').forEach(function(sel){sel.addEventListener('change',function(){var id=+sel.dataset.sweep;chosen[id]=+sel.value;
var sw=DATA.sweeps.filter(function(x){return x.id===id;})[0];(fans[id]||[]).forEach(function(f){f.chart.data=fanData(sw,f.metric,+sel.value);f.chart.update();});
overlays.forEach(function(o){o.chart.data=overlayData(o.metric);o.chart.update();});});});
document.querySelectorAll('select.heat-select').forEach(function(sel){sel.addEventListener('change',function(){
document.querySelectorAll('table.heat[data-sweep="'+sel.dataset.sweep+'"]').forEach(function(t){t.hidden=t.dataset.k!==sel.value;});});});
var whiskers={id:'whiskers',afterDatasetsDraw:function(chart){var ctx=chart.ctx;chart.data.datasets.forEach(function(ds,i){var meta=chart.getDatasetMeta(i);if(meta.hidden||!ds.lo)return;
meta.data.forEach(function(bar,j){var x=chart.scales.x,y0=bar.y,a=x.getPixelForValue(ds.lo[j]),b=x.getPixelForValue(ds.hi[j]);if(!(b>a))return;
ctx.save();ctx.strokeStyle='#000';ctx.lineWidth=1.2;ctx.beginPath();ctx.moveTo(a,y0);ctx.lineTo(b,y0);ctx.moveTo(a,y0-4);ctx.lineTo(a,y0+4);ctx.moveTo(b,y0-4);ctx.lineTo(b,y0+4);ctx.stroke();ctx.restore();});});}};
DATA.sensitivity.forEach(function(se){var el=document.getElementById('sens-chart-'+se.id);if(!el||typeof Chart==='undefined')return;
var all=[0];se.bars.sets.forEach(function(s){all=all.concat(s.lo,s.hi,s.values);});
new Chart(el,{type:'bar',data:{labels:se.bars.labels,datasets:se.bars.sets.map(function(s,i){return{label:s.label,data:s.values,lo:s.lo,hi:s.hi,backgroundColor:COLORS[i%COLORS.length]};})},
options:{indexAxis:'y',animation:false,responsive:true,scales:{x:{suggestedMin:Math.min.apply(null,all),suggestedMax:Math.max.apply(null,all)}},plugins:{legend:{position:'top'}}},plugins:[whiskers]});});
})();`;

/** Render the report. `chartJs` is the source of Chart.js's UMD build (inlined verbatim). */
export function buildReport(inputs: readonly ReportInput[], chartJs: string, options: ReportOptions): string {
  const title = options.title ?? 'HelixLab impact report';
  const sweeps: unknown[] = [];
  const sens: unknown[] = [];
  let body = '';
  inputs.forEach((inp, i) => {
    const part = inp.kind === 'sweep' ? sweepSection(inp, i) : sensitivitySection(inp, i);
    body += part.html;
    (inp.kind === 'sweep' ? sweeps : sens).push(part.data);
  });
  const sweepInputs = inputs.flatMap((inp, id) => (inp.kind === 'sweep' ? [{ inp, id }] : []));
  if (sweepInputs.length >= 2) body = comparisonSection(sweepInputs) + body;
  const toc = (sweepInputs.length >= 2 ? ['<li><a href="#comparison">Scenario comparison</a></li>'] : [])
    .concat(
      inputs.map((inp, i) =>
      inp.kind === 'sweep'
        ? `<li><a href="#sweep-${i}">Sweep: ${escapeHtml(inp.manifest.scenario.name)}</a> — ${escapeHtml(inp.source)}</li>`
        : `<li><a href="#sens-${i}">Sensitivity (${escapeHtml(inp.doc.method)}): ${escapeHtml(inp.doc.metric)}</a> — ${escapeHtml(inp.source)}</li>`,
      ),
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="HelixLab ${escapeHtml(options.helixlab)}">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>Generated by HelixLab ${escapeHtml(options.helixlab)} from ${inputs.length} result director${inputs.length === 1 ? 'y' : 'ies'}. Everything needed to reproduce a result (scenario hash, grids, seeds, versions) is listed with it.</p>
<ul>
${toc}
</ul>
${body}<footer>Charts: Chart.js (MIT), inlined. Bands are empirical 5th–95th percentiles over runs; confidence intervals of means use Student's t (mean ± t·sd/√n); sensitivity intervals are bootstrap percentile intervals.</footer>
<script type="application/json" id="helixlab-data">${scriptJson({ sweeps, sensitivity: sens })}</script>
<script>${chartJs.replace(/<\/script/gi, '<\\/script')}</script>
<script>${CLIENT}</script>
</body>
</html>
`;
}
