#!/usr/bin/env node
/**
 * Memory benchmark: peak RSS of `helixlab info` and `helixlab analyze --approx 500` on generated CSV
 * pairs of 1,000,000 ties (80,000 actors) and 5,000,000 ties (400,000 actors), against the targets of
 * the hardening issue (600 MB and 2 GB), and against python-igraph loading the same tables.
 *
 *   node bench/memory.mjs [--quick] [--keep DIR]
 *
 * The tables are made by bench/gen-csv.mjs in a temporary directory (seed 1; never committed);
 * `--keep DIR` makes them there once and reuses them. `--quick` runs the 1,000,000-tie pair only.
 * Peak RSS and wall time come from GNU time (`/usr/bin/time -f '%e %M'`), of the whole process (the
 * worker threads of `analyze` included). For comparison the same `info` is run once through the
 * graphology reader (`HELIXLAB_COMPACT_FROM` above the file size: what HelixLab did before the
 * streaming reader). igraph: `/usr/bin/python3 bench/igraph_load.py DIR` (Debian's python3-igraph)
 * reads both tables with the csv module into an igraph Graph with the helix role and the weights,
 * then merges parallel edges (`simplify`, weights summed): the same work as HelixLab's loading.
 * Prints a markdown section for BENCHMARKS.md with the load average (other processes share the CPU:
 * wall times vary, peak RSS much less).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const args = process.argv.slice(2);
const quick = args.includes('--quick');
const keep = args.includes('--keep') ? args[args.indexOf('--keep') + 1] : undefined;
const out = [];
const say = (s) => {
  out.push(s);
  console.log(s);
};
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(' ');

say('## Memory: large CSV networks (peak RSS)\n');
if (!existsSync('/usr/bin/time')) {
  say('Skipped: GNU time (/usr/bin/time) is needed to measure the peak RSS.');
  process.exit(0);
}
if (!existsSync(cli)) {
  say('Skipped: dist/cli/main.js not found: build first (`npx tsc -p tsconfig.json`).');
  process.exit(0);
}
const python = '/usr/bin/python3';
const igraph = existsSync(python) && spawnSync(python, ['-c', 'import igraph'], { stdio: 'ignore' }).status === 0;

/** Run a command under GNU time: wall seconds and peak RSS in MB. */
function measure(cmd, cmdArgs, env = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', 'HELIXLAB_TIME %e %M', cmd, ...cmdArgs], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    maxBuffer: 1 << 30,
  });
  const m = /HELIXLAB_TIME ([\d.]+) (\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) throw new Error(`${cmd} ${cmdArgs.join(' ')} failed (exit ${r.status}):\n${r.stderr.slice(-2000)}`);
  return { wall: Number(m[1]), rss: Number(m[2]) / 1024 };
}

const base = keep ?? mkdtempSync(join(tmpdir(), 'helixlab-bench-memory-'));
const sizes = [
  { name: '1M', actors: 80_000, ties: 1_000_000, target: 600 },
  ...(quick ? [] : [{ name: '5M', actors: 400_000, ties: 5_000_000, target: 2048 }]),
];
try {
  say(
    `Machine: ${availableParallelism()} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}; load average before: ${load()}.`,
  );
  say(
    `Tables: \`node bench/gen-csv.mjs DIR --actors A --ties T --seed 1\` (nodes: id,label,helix,subtype,sector,region,joined,size; edges: source,target,weight,kind,since; about 1% parallel ties).\n`,
  );
  say('| network | command | wall | peak RSS | target | |');
  say('|---|---|---|---|---|---|');
  const ratios = [];
  for (const s of sizes) {
    const dir = join(base, s.name);
    if (!existsSync(join(dir, 'edges.csv'))) {
      const g = spawnSync(
        process.execPath,
        [join(root, 'bench', 'gen-csv.mjs'), dir, '--actors', String(s.actors), '--ties', String(s.ties), '--seed', '1'],
        {
          encoding: 'utf8',
        },
      );
      if (g.status !== 0) throw new Error(g.stderr);
    }
    const mb = ((statSync(join(dir, 'nodes.csv')).size + statSync(join(dir, 'edges.csv')).size) / 1e6).toFixed(0);
    const label = `${(s.ties / 1e6).toFixed(0)}M ties, ${(s.actors / 1000).toFixed(0)}k actors (${mb} MB)`;
    const row = (cmd, r, target) =>
      say(
        `| ${label} | ${cmd} | ${r.wall.toFixed(1)} s | **${r.rss.toFixed(0)} MB** | ${target ? `${target} MB` : ''} | ${target ? (r.rss <= target ? 'met' : `missed by ${(r.rss - target).toFixed(0)} MB`) : ''} |`,
      );
    const info = measure(process.execPath, [cli, 'info', dir, '--quiet']);
    row('`helixlab info DIR`', info, s.target);
    if (s.name === '1M') {
      const before = measure(process.execPath, [cli, 'info', dir, '--quiet'], { HELIXLAB_COMPACT_FROM: '1000000000000' });
      row('`helixlab info DIR` through the graphology reader (before)', before);
    }
    const analyze = measure(process.execPath, [cli, 'analyze', dir, '--approx', '500', '--out', join(base, `${s.name}.md`), '--quiet']);
    row('`helixlab analyze DIR --approx 500`', analyze, s.target);
    if (igraph) {
      const ig = measure(python, [join(root, 'bench', 'igraph_load.py'), dir]);
      row('python-igraph: read both tables, build, merge parallel edges', ig);
      ratios.push(
        `${s.name}: HelixLab \`info\` ${(info.rss / ig.rss).toFixed(2)}× igraph's peak RSS, \`analyze --approx 500\` ${(analyze.rss / ig.rss).toFixed(2)}×`,
      );
    }
  }
  say('');
  if (igraph) say(`Ratio to igraph (the loading alone; igraph computes nothing here): ${ratios.join('; ')}.\n`);
  else say('python-igraph not found (Debian: `apt-get install python3-igraph`): no comparison.\n');
  say(`Load average after: ${load()}.`);
} finally {
  if (!keep) rmSync(base, { recursive: true, force: true });
}
