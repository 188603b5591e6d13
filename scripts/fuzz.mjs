#!/usr/bin/env node
// The fuzzing harness at length: runs test/fuzz.test.ts with many inputs per reader and a fresh
// seed, and saves every input that breaks a reader under test/fixtures/fuzz/<reader>/ (commit it:
// `npm test` replays that corpus). Usage: npm run fuzz [-- --runs 5000] [-- --seed 123]
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name, dflt) => (args.includes(name) ? args[args.indexOf(name) + 1] : dflt);
const runs = opt('--runs', '5000');
const seed = opt('--seed', String(Math.floor(Math.random() * 2 ** 31)));
process.stderr.write(`fuzzing every reader with ${runs} inputs each, seed ${seed} (rerun with --seed ${seed})\n`);
const r = spawnSync('npx', ['vitest', 'run', 'test/fuzz.test.ts'], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, FUZZ_RUNS: runs, FUZZ_SEED: seed, FUZZ_SAVE: '1' },
});
process.exit(r.status ?? 1);
