#!/usr/bin/env node
/**
 * Betweenness / centrality benchmark on real CORDIS H2020 data (when present).
 *
 *   npx tsc -p tsconfig.json && node bench/betweenness.mjs [--approx K] [--seed S] [--skip-full] [--exact-full]
 *
 * Reads ../shared/data/cordis-h2020/participations.csv.gz (relative to the repository root; override
 * with HELIXLAB_CORDIS=/path/to/participations.csv.gz). Projects projects onto organisations: two
 * organisations are tied once per shared project, weight = number of shared projects; organisations
 * without any tie are left out. Prints a markdown section with timings and peak RSS.
 * Source: CORDIS, European Union (CC BY 4.0). The data are not part of the repository.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { UndirectedGraph } from 'graphology';
import graphologyBetweenness from 'graphology-metrics/centrality/betweenness.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => join(root, 'dist', p);
const { csrFromPairs } = await import(dist('metrics/csr.js'));
const { betweenness, twinClasses } = await import(dist('metrics/betweenness.js'));
const { betweennessParallel, centralityParallel } = await import(dist('node/index.js'));
const { centrality } = await import(dist('metrics/centrality.js'));
const { structuralHoles } = await import(dist('metrics/structural-holes.js'));
const { brokerageFromGroups } = await import(dist('metrics/brokerage.js'));

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const K = Number(opt('--approx', '1000'));
const seed = opt('--seed', '1');
const file = process.env.HELIXLAB_CORDIS ?? join(root, '..', 'shared', 'data', 'cordis-h2020', 'participations.csv.gz');

const out = [];
const say = (s) => {
  out.push(s);
  console.log(s);
};
const ms = (t) => `${(t / 1000).toFixed(3)} s`;
/** Wall time; the CPU time of the whole process (all threads) goes to the table's third column. */
let lastCpu = 0;
const time = async (f) => {
  const c = process.cpuUsage();
  const t = performance.now();
  const r = await f();
  const u = process.cpuUsage(c);
  lastCpu = (u.user + u.system) / 1000;
  return [r, performance.now() - t];
};

if (!existsSync(file)) {
  say(`## Betweenness benchmark\n\nSkipped: ${file} not found (CORDIS data are not part of the repository).`);
  process.exit(0);
}

/** Parse participations (rcn, pic, type, country) and project onto organisations. */
function project(rows, keep) {
  const byProject = new Map();
  const orgIndex = new Map();
  const orgType = [];
  for (const r of rows) {
    if (!keep(r)) continue;
    let i = orgIndex.get(r.pic);
    if (i === undefined) {
      i = orgType.length;
      orgIndex.set(r.pic, i);
      orgType.push(r.type);
    }
    let list = byProject.get(r.rcn);
    if (!list) byProject.set(r.rcn, (list = new Set()));
    list.add(i);
  }
  const N = orgType.length;
  const pairW = new Map();
  for (const members of byProject.values()) {
    const a = [...members].sort((x, y) => x - y);
    for (let x = 0; x < a.length; x++)
      for (let y = x + 1; y < a.length; y++) {
        const key = a[x] * N + a[y];
        pairW.set(key, (pairW.get(key) ?? 0) + 1);
      }
  }
  // keep organisations with at least one tie, renumbered in first-appearance order
  const has = new Uint8Array(N);
  for (const key of pairW.keys()) {
    has[Math.floor(key / N)] = 1;
    has[key % N] = 1;
  }
  const newId = new Int32Array(N).fill(-1);
  const types = [];
  for (let i = 0; i < N; i++)
    if (has[i]) {
      newId[i] = types.length;
      types.push(orgType[i]);
    }
  const s = new Int32Array(pairW.size);
  const t = new Int32Array(pairW.size);
  const w = new Float64Array(pairW.size);
  let k = 0;
  for (const [key, weight] of pairW) {
    s[k] = newId[Math.floor(key / N)];
    t[k] = newId[key % N];
    w[k] = weight;
    k++;
  }
  return { n: types.length, s, t, w, types, orgs: N };
}

const [rows, tParse] = await time(() => {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const lines = text.split('\n');
  const head = lines[0].split(',');
  const iR = head.indexOf('rcn');
  const iP = head.indexOf('pic');
  const iT = head.indexOf('type');
  const iC = head.indexOf('country');
  const rs = [];
  for (let l = 1; l < lines.length; l++) {
    if (!lines[l]) continue;
    const f = lines[l].split(',');
    rs.push({ rcn: f[iR], pic: f[iP], type: f[iT], country: f[iC] });
  }
  return rs;
});

say('## Betweenness benchmark (CORDIS H2020 projection; Source: CORDIS, European Union)');
say('');
say(
  `Node ${process.version}, ${(await import('node:os')).availableParallelism()} cores available, load average ${(await import('node:os'))
    .loadavg()
    .map((x) => x.toFixed(1))
    .join(' ')}. Parsing ${rows.length} participations: ${ms(tParse)}.`,
);
say('');

// ---- DE slice ----
const de = project(rows, (r) => r.country === 'DE');
const csr = csrFromPairs(de.n, de.s, de.t, de.w);
say(`### DE slice: ${de.n} organisations with ties, ${csr.offsets[de.n] / 2} ties`);
say('');
say('| computation | wall time | CPU time (all threads) |');
say('|---|---|---|');
const [b1, t1] = await time(() => betweenness(csr));
say(`| HelixLab betweenness, exact, 1 thread | ${ms(t1)} | ${ms(lastCpu)} |`);
const [b2, t2] = await time(() => betweennessParallel(csr, { workers: 2 }));
say(`| HelixLab betweenness, exact, 2 worker threads (incl. worker start) | ${ms(t2)} | ${ms(lastCpu)} |`);
let identical = b1.length === b2.length && b1.every((x, i) => Object.is(x, b2[i]));
const g = new UndirectedGraph();
for (let i = 0; i < de.n; i++) g.addNode(String(i));
for (let k = 0; k < de.s.length; k++) g.addEdge(String(de.s[k]), String(de.t[k]), { weight: de.w[k] });
const [bg, tg] = await time(() => graphologyBetweenness(g, { getEdgeWeight: null, normalized: true }));
say(`| graphology-metrics betweenness (unweighted, normalized) | ${ms(tg)} | ${ms(lastCpu)} |`);
let maxDiff = 0;
for (let i = 0; i < de.n; i++) maxDiff = Math.max(maxDiff, Math.abs(bg[String(i)] - b1[i]));
const [, tc1] = await time(() => centrality(csr));
say(`| HelixLab centrality() (all measures), 1 thread | ${ms(tc1)} | ${ms(lastCpu)} |`);
const [, tc2] = await time(() => centralityParallel(csr, { workers: 2 }));
say(`| HelixLab centralityParallel() (all measures), 2 workers | ${ms(tc2)} | ${ms(lastCpu)} |`);
const [, tsh] = await time(() => structuralHoles(csr));
say(`| structural holes (constraint, effective size, efficiency) | ${ms(tsh)} | ${ms(lastCpu)} |`);
const typeIdx = new Map();
const cl = Int32Array.from(de.types, (t) => typeIdx.get(t) ?? (typeIdx.set(t, typeIdx.size), typeIdx.size - 1));
const [, tbr] = await time(() => brokerageFromGroups(csr, cl, [...typeIdx.keys()]));
say(`| brokerage by activity type | ${ms(tbr)} | ${ms(lastCpu)} |`);
say('');
say('');
say('Pivot-sampled betweenness on the DE slice against the exact values (seeds 1–3):');
say('');
say('| K | Σ|approx − exact| / Σ exact | max |approx − exact| | top-20 overlap |');
say('|---|---|---|---|');
const top = (a, k) =>
  new Set(
    Array.from(a.keys())
      .sort((x, y) => a[y] - a[x])
      .slice(0, k),
  );
const exactTop = top(b1, 20);
for (const k of [100, 300, 1000]) {
  const rel = [];
  const mx = [];
  const ov = [];
  for (const sd of [1, 2, 3]) {
    const a = betweenness(csr, { approx: k, seed: sd });
    let e = 0;
    let sum = 0;
    let m = 0;
    for (let i = 0; i < de.n; i++) {
      e += Math.abs(a[i] - b1[i]);
      sum += b1[i];
      m = Math.max(m, Math.abs(a[i] - b1[i]));
    }
    rel.push(e / sum);
    mx.push(m);
    const at = top(a, 20);
    ov.push([...exactTop].filter((x) => at.has(x)).length);
  }
  say(
    `| ${k} | ${rel.map((x) => x.toFixed(3)).join(' / ')} | ${mx.map((x) => x.toExponential(1)).join(' / ')} | ${ov.join(' / ')} of 20 |`,
  );
}
say('');
say(
  `Twin classes (structurally equivalent organisations, one BFS each): ${twinClasses(csr).sources.length} sources for ${de.n} organisations.`,
);
say(`1 thread vs 2 workers bit-identical: ${identical}. Max |HelixLab − graphology-metrics| = ${maxDiff.toExponential(2)}.`);
say('Reference timings on this machine (from the task): igraph C 0.62 s, graphology-metrics 1.17 s, NetworkX 45 s.');
say('');

if (!args.includes('--skip-full')) {
  const all = project(rows, () => true);
  const full = csrFromPairs(all.n, all.s, all.t, all.w);
  say(`### Full H2020: ${all.n} organisations with ties (of ${all.orgs}), ${full.offsets[all.n] / 2} ties`);
  say('');
  say('| computation | wall time | CPU time (all threads) |');
  say('|---|---|---|');
  const [ba, ta] = await time(() => betweennessParallel(full, { workers: 2, approx: K, seed }));
  say(`| betweenness, --approx ${K} (seed ${seed}), 2 workers | ${ms(ta)} | ${ms(lastCpu)} |`);
  const [ca, tca] = await time(() => centralityParallel(full, { workers: 2, approx: K, seed }));
  say(`| centralityParallel(), --approx ${K}, 2 workers (all measures) | ${ms(tca)} | ${ms(lastCpu)} |`);
  const [, tsh2] = await time(() => structuralHoles(full));
  say(`| structural holes | ${ms(tsh2)} | ${ms(lastCpu)} |`);
  const tIdx = new Map();
  const cl2 = Int32Array.from(all.types, (t) => tIdx.get(t) ?? (tIdx.set(t, tIdx.size), tIdx.size - 1));
  const [, tbr2] = await time(() => brokerageFromGroups(full, cl2, [...tIdx.keys()]));
  say(`| brokerage by activity type | ${ms(tbr2)} | ${ms(lastCpu)} |`);
  if (args.includes('--exact-full')) {
    const [be, te] = await time(() => betweennessParallel(full, { workers: 2 }));
    say(`| betweenness, exact, 2 workers | ${ms(te)} | ${ms(lastCpu)} |`);
    let err = 0;
    let sum = 0;
    let top = 0;
    for (let i = 0; i < all.n; i++) {
      err += Math.abs(ba[i] - be[i]);
      sum += be[i];
      if (be[i] > be[top]) top = i;
    }
    say(
      `| (error of --approx ${K}: Σ|approx − exact| / Σ exact = ${(err / sum).toFixed(4)}; top node exact ${be[top].toExponential(3)}, approx ${ba[top].toExponential(3)}) | |`,
    );
  }
  say('');
  if (ca.graph.betweennessNote) say(`Note: ${ca.graph.betweennessNote}.`);
  if (ca.graph.eigenvectorNote) say(`Note: ${ca.graph.eigenvectorNote}.`);
  say('');
}
say(`Peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB.`);
