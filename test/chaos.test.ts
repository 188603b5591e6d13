/**
 * Chaos tests of every writing command, through the built CLI: `kill -9` at seeded random moments
 * of a run, and a disk that fills up (an injected ENOSPC, `HELIXLAB_FAIL_WRITE_AFTER`, and a small
 * tmpfs where one can be mounted). Afterwards nothing is lost or half-written:
 * - a file output (`--out FILE`) holds either its old bytes or all the bytes a complete run writes,
 *   and the only debris is a hidden `.helixlab-tmp-*` file, which the next write removes;
 * - a directory output (sweep, sensitivity, explore) finishes with `--resume` to the same bytes as an
 *   uninterrupted run; `merge` leaves no runs.csv that is not complete;
 * - a failed write exits 2 and leaves the target as it was, with no temporary file.
 * `CHAOS_TRIALS` sets the kills per command (default 2; the seeded moments cover the whole run).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

const root = process.cwd();
const cli = join(root, 'dist/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'helixlab-chaos-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const TRIALS = Number(process.env['CHAOS_TRIALS'] ?? 2);

let seed = 12345;
const random = () => {
  seed = (seed * 1103515245 + 12345) % 2 ** 31;
  return seed / 2 ** 31;
};

function run(args: string[], env: Record<string, string> = {}) {
  const t0 = Date.now();
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stderr: r.stderr, ms: Date.now() - t0 };
}

/** Start a run and kill -9 it after `ms` (or let it finish first). */
function killAfter(args: string[], ms: number): Promise<void> {
  return new Promise((res) => {
    const child = spawn(process.execPath, [cli, ...args], { cwd: root, stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), ms);
    child.on('exit', () => {
      clearTimeout(timer);
      res();
    });
  });
}

/** Every file under a directory (relative path → bytes), temporary files apart. */
function tree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir, { recursive: true }).map(String)) {
    const p = join(dir, f);
    if (statSync(p).isFile()) out[relative(dir, p)] = readFileSync(p, 'latin1');
  }
  return out;
}
const temps = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.helixlab-tmp-'));

const shardArgs = (i: number, out: string) => [
  'sweep',
  'scenarios/project-driven.json',
  '--grid',
  'trust.decay=0.05,0.1,0.2',
  '--runs',
  '6',
  '--years',
  '3',
  '--shard',
  `${i}/2`,
  '--workers',
  '1',
  '--out',
  out,
  '--quiet',
];

interface FileCommand {
  name: string;
  args: (out: string) => string[];
  ext: string;
}

const FILE_COMMANDS: FileCommand[] = [
  { name: 'analyze', ext: 'md', args: (o) => ['analyze', 'data/security-pirkanmaa.json', '--out', o] },
  { name: 'analyze csv', ext: 'csv', args: (o) => ['analyze', 'data/tiny.json', '--out', o, '--format', 'csv'] },
  { name: 'convert', ext: 'gexf', args: (o) => ['convert', 'data/security-pirkanmaa.json', o] },
  { name: 'import cordis', ext: 'json', args: (o) => ['import', 'cordis', 'test/fixtures/foreign/cordis-semicolon.csv', '--out', o] },
  {
    name: 'simulate',
    ext: 'json',
    args: (o) => ['simulate', 'scenarios/permanent.json', '--runs', '20', '--years', '4', '--workers', '1', '--out', o],
  },
  {
    name: 'compare',
    ext: 'json',
    args: (o) => [
      'compare',
      'scenarios/project-driven.json',
      'scenarios/permanent.json',
      '--runs',
      '10',
      '--years',
      '3',
      '--workers',
      '1',
      '--out',
      o,
    ],
  },
];

describe('kill -9 while writing a file: the old bytes or all the new ones', () => {
  for (const c of FILE_COMMANDS) {
    it(c.name, async () => {
      const dir = join(tmp, c.name.replace(/ /g, '-'));
      mkdirSync(dir);
      const ref = join(dir, `ref.${c.ext}`);
      const r = run(c.args(ref));
      expect(r.code, r.stderr).toBe(0);
      const full = readFileSync(ref, 'latin1');
      const target = join(dir, `out.${c.ext}`);
      for (let t = 0; t < TRIALS; t++) {
        writeFileSync(target, 'the old content\n');
        await killAfter(c.args(target), Math.round(80 + random() * r.ms * 1.2));
        const now = readFileSync(target, 'latin1');
        expect(now === 'the old content\n' || now === full, `${c.name}: a half-written ${target}`).toBe(true);
        for (const f of temps(dir)) expect(f.endsWith(`-out.${c.ext}`)).toBe(true); // only its own, hidden
      }
      // the next complete write replaces the file and removes what a killed run left
      expect(run(c.args(target)).code).toBe(0);
      expect(readFileSync(target, 'latin1')).toBe(full);
      expect(temps(dir)).toEqual([]);
    });
  }
});

describe('kill -9 during a sweep, a sensitivity analysis, an exploration: --resume gives the same bytes', () => {
  const DIR_COMMANDS: Array<{ name: string; args: (o: string) => string[] }> = [
    { name: 'sweep', args: (o) => shardArgs(1, o).filter((_x, i, a) => a[i - 1] !== '--shard' && a[i] !== '--shard') },
    {
      name: 'sensitivity',
      args: (o) => [
        'sensitivity',
        'scenarios/permanent.json',
        '--method',
        'morris',
        '--param',
        'trust.decay:0.02:0.2',
        '--param',
        'network.openness:0.05:0.6',
        '--samples',
        '4',
        '--runs',
        '2',
        '--years',
        '3',
        '--metric',
        'members',
        '--workers',
        '1',
        '--out',
        o,
        '--quiet',
      ],
    },
    {
      name: 'explore',
      args: (o) => [
        'explore',
        'scenarios/project-driven.json',
        'scenarios/permanent.json',
        '--samples',
        '8',
        '--runs',
        '2',
        '--years',
        '3',
        '--workers',
        '1',
        '--out',
        o,
        '--quiet',
      ],
    },
  ];
  for (const c of DIR_COMMANDS) {
    it(c.name, async () => {
      const ref = join(tmp, `${c.name}-ref`);
      const r = run(c.args(ref));
      expect(r.code, r.stderr).toBe(0);
      const want = tree(ref);
      for (let t = 0; t < TRIALS; t++) {
        const out = join(tmp, `${c.name}-${t}`);
        await killAfter(c.args(out), Math.round(80 + random() * r.ms));
        // whatever the moment: no final file exists unless it is complete
        for (const [f, bytes] of Object.entries(tree(out))) if (!f.startsWith('.')) expect(bytes, `${c.name}: ${f}`).toBe(want[f]);
        const again = existsSync(join(out, 'manifest.json')) ? { code: 0, stderr: '' } : run([...c.args(out), '--resume']);
        expect(again.code, again.stderr).toBe(0);
        expect(tree(out)).toEqual(want);
      }
    });
  }
});

describe('merge', () => {
  beforeAll(() => {
    for (const i of [1, 2]) expect(run(shardArgs(i, join(tmp, `shard-${i}`))).code).toBe(0);
  });

  it('kill -9 leaves no incomplete runs.csv, and a failed write exits 2 and leaves nothing', async () => {
    const args = (o: string) => ['merge', join(tmp, 'shard-1'), join(tmp, 'shard-2'), '--out', o];
    const ref = join(tmp, 'merged-ref');
    const r = run(args(ref));
    expect(r.code, r.stderr).toBe(0);
    const want = tree(ref);
    for (let t = 0; t < TRIALS; t++) {
      const out = join(tmp, `merged-${t}`);
      await killAfter(args(out), Math.round(80 + random() * r.ms));
      for (const [f, bytes] of Object.entries(tree(out))) if (!f.includes('.helixlab-tmp-')) expect(bytes).toBe(want[f]);
    }
    const full = join(tmp, 'merged-full');
    const failed = run(args(full), { HELIXLAB_FAIL_WRITE_AFTER: '2000' });
    expect(failed.code).toBe(2);
    expect(failed.stderr).toContain('no space left on the device');
    expect(Object.keys(tree(full))).toEqual([]);
  });
});

describe('a full disk', () => {
  it('an injected ENOSPC at several points of every writing command: exit 2, the target unchanged, no temporary file', () => {
    for (const c of FILE_COMMANDS) {
      const dir = join(tmp, `full-${c.name.replace(/ /g, '-')}`);
      mkdirSync(dir);
      const target = join(dir, `out.${c.ext}`);
      writeFileSync(target, 'the old content\n');
      for (const after of c.name === 'analyze' ? ['0', '1000'] : ['600']) {
        const r = run(c.args(target), { HELIXLAB_FAIL_WRITE_AFTER: after });
        if (r.code === 0) continue; // the output is shorter than the point of failure
        expect(r.code, `${c.name}: ${r.stderr}`).toBe(2);
        expect(r.stderr).toContain(`${target}: error: cannot write: no space left on the device`);
        expect(readFileSync(target, 'utf8')).toBe('the old content\n');
        expect(temps(dir)).toEqual([]);
      }
    }
    const out = join(tmp, 'full-sweep');
    const r = run(shardArgs(1, out), { HELIXLAB_FAIL_WRITE_AFTER: '3000' });
    expect(r.code).toBe(2);
    expect(existsSync(join(out, 'runs.csv'))).toBe(false);
  });

  it('a small tmpfs (root with mount only; skipped elsewhere)', () => {
    const mnt = join(tmp, 'mnt');
    mkdirSync(mnt);
    if (typeof process.getuid !== 'function' || process.getuid() !== 0) return;
    if (spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', mnt]).status !== 0) return;
    try {
      const target = join(mnt, 'big.json');
      writeFileSync(target, 'old\n');
      const r = run(['convert', 'data/security-pirkanmaa.json', target]);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('no space left on the device');
      expect(readFileSync(target, 'utf8')).toBe('old\n');
      expect(readdirSync(mnt)).toEqual(['big.json']);
    } finally {
      spawnSync('umount', [mnt]);
    }
  });
});
