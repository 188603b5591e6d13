#!/usr/bin/env node
/**
 * `helixlab analyze` benchmark on the DE slice of CORDIS H2020 (when present).
 *
 *   npx tsc -p tsconfig.json && node bench/analyze.mjs [--reps N] [--country CC]
 *
 * 1. Builds the network file once with the built CLI (`helixlab import cordis
 *    ../shared/data/cordis-h2020/participations.csv.gz --country DE`) into a temporary directory
 *    (override the source with HELIXLAB_CORDIS=/path/to/participations.csv.gz). Skipped with a note
 *    when the data are absent (they are not part of the repository).
 * 2. Runs the whole CLI, process start included, `node dist/cli/main.js analyze FILE --format json
 *    --out TMP` N times (default 3): wall time and CPU time (user + sys of the child, all threads).
 * 3. Runs the library call once more in this process, broken down by phase (load, the centrality on
 *    worker threads from 20,000 actors as the CLI does it, then `analyzeNetwork`'s own phases via its `onPhase` hook).
 *
 * Prints a markdown section for BENCHMARKS.md, with the load average (other processes share the CPU:
 * compare CPU times rather than wall times when the load is high). Imports only from dist/.
 * Source of the data: CORDIS, European Union (CC BY 4.0).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir, availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const reps = Math.max(1, Number(opt('--reps', '3')));
const country = opt('--country', 'DE');
const source = process.env.HELIXLAB_CORDIS ?? join(root, '..', 'shared', 'data', 'cordis-h2020', 'participations.csv.gz');

const out = [];
const say = (s) => {
  out.push(s);
  console.log(s);
};
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');
const sec = (ms) => `${(ms / 1000).toFixed(2)} s`;

say(`## analyze benchmark (CORDIS H2020, ${country} slice)\n`);
if (!existsSync(source)) {
  say(`Skipped: ${source} not found (the CORDIS data are not part of the repository).`);
  process.exit(0);
}
if (!existsSync(cli)) {
  say('Skipped: dist/cli/main.js not found: build first (`npx tsc -p tsconfig.json`).');
  process.exit(0);
}

const tmp = mkdtempSync(join(tmpdir(), 'helixlab-bench-analyze-'));
try {
  const file = join(tmp, `${country.toLowerCase()}.json`);
  const imp = spawnSync(process.execPath, [cli, 'import', 'cordis', source, '--country', country, '--out', file], { encoding: 'utf8' });
  if (imp.status !== 0) {
    say(`Import failed (exit ${imp.status}):\n\n\`\`\`\n${imp.stderr}\n\`\`\``);
    process.exit(1);
  }
  say(
    `Input: \`helixlab import cordis participations.csv.gz --country ${country}\` → ${(statSync(file).size / 1e6).toFixed(1)} MB of HelixLab JSON.`,
  );
  say(`Machine: ${availableParallelism()} cores, Node ${process.version}.\n`);

  // --- the whole CLI, process start included ---------------------------------------------------
  say('### Whole CLI: `node dist/cli/main.js analyze FILE --format json --out OUT`\n');
  say('| run | wall | CPU (user+sys) | load average (1, 5, 15 min) before |');
  say('|---|---|---|---|');
  const walls = [];
  const cpus = [];
  for (let r = 1; r <= reps; r++) {
    const before = load();
    // bash's `time` keyword: wall, user and sys of the child (all its threads)
    const cmd = ['analyze', file, '--format', 'json', '--out', join(tmp, 'out.json')].map((x) => `'${x}'`).join(' ');
    const w = spawnSync('bash', ['-c', `TIMEFORMAT='%R %U %S'; time '${process.execPath}' '${cli}' ${cmd} >/dev/null 2>/dev/null`], {
      encoding: 'utf8',
    });
    const m = /([\d.]+) ([\d.]+) ([\d.]+)\s*$/.exec(w.stderr);
    if (w.status !== 0 || !m) {
      say(`\nanalyze failed (exit ${w.status}):\n\n\`\`\`\n${w.stderr}\n\`\`\``);
      process.exit(1);
    }
    const res = { wall: Number(m[1]) * 1000 };
    const cpu = (Number(m[2]) + Number(m[3])) * 1000;
    walls.push(res.wall);
    cpus.push(cpu);
    say(`| ${r} | ${sec(res.wall)} | ${sec(cpu)} | ${before} |`);
  }
  const median = (a) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)];
  say(`| median | ${sec(median(walls))} | ${sec(median(cpus))} | |\n`);

  // --- the library call by phase -------------------------------------------------------------
  const { readNetworkFiles, analyzeNetworkParallel, closeSharedPool, renderAnalysisJson } = await import(
    join(root, 'dist', 'node', 'index.js')
  );

  const phases = [];
  const cpu0 = process.cpuUsage();
  const tAll = performance.now();
  let t = performance.now();
  const mark = (name) => {
    const now = performance.now();
    phases.push([name, now - t]);
    t = now;
  };
  const loaded = readNetworkFiles([file]);
  mark('load + validate JSON (readNetworkFiles)');
  // the CLI's own call: worker threads from 20,000 actors on (PARALLEL_FROM_ACTORS)
  const result = await analyzeNetworkParallel(loaded.network, {
    top: 10,
    seed: 1,
    distance: 'hops',
    permutations: 1000,
    onPhase: (name, ms) => phases.push([`analyzeNetworkParallel: ${name}`, ms]),
  });
  t = performance.now();
  const text = renderAnalysisJson(result);
  mark(`render JSON (${(text.length / 1e6).toFixed(1)} MB)`);
  const total = performance.now() - tAll;
  const cpu = process.cpuUsage(cpu0);
  await closeSharedPool();

  say(`### Library call by phase (one run in the benchmark process; load average ${load()})\n`);
  say(`${result.graph.order} actors, ${result.graph.size} ties; resilience removes ${result.resilience.removals.length} actors.\n`);
  say('| phase | wall |');
  say('|---|---|');
  for (const [name, ms] of phases) say(`| ${name} | ${(ms / 1000).toFixed(3)} s |`);
  say(`| **total** | **${(total / 1000).toFixed(3)} s** (CPU ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s, all threads) |\n`);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
