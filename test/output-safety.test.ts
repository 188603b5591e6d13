/**
 * Output safety (src/node/atomic.ts and its callers), through the built CLI: `--out` never replaces
 * what is not a regular file (a device, a FIFO, a directory, a path ending in a slash), problems of
 * the target exit 2 naming the target as given (never the hidden temporary file), a symbolic link
 * keeps pointing at the rewritten file, a temporary file left by a killed process is cleaned up, a
 * write that fails part-way (the fault-injection hook) changes nothing, and `merge --out` refuses to
 * overwrite one of its inputs.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();
const cli = join(root, 'dist/cli/main.js');
const tmp = mkdtempSync(join(tmpdir(), 'helixlab-out-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function run(args: string[], env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const analyze = (out: string, env: Record<string, string> = {}) => run(['analyze', 'data/tiny.json', '--format', 'md', '--out', out], env);
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hidden = (dir: string) => readdirSync(dir).filter((f) => f.startsWith('.helixlab-tmp-'));

describe('--out onto something that is not a regular file', () => {
  it('a character device is refused with exit 2 and stays a device (root can mknod; else /dev/null is used)', () => {
    let dev = '/dev/null';
    if (isRoot) {
      dev = join(tmp, 'null-device');
      const mk = spawnSync('mknod', [dev, 'c', '1', '3']);
      if (mk.status !== 0) dev = '/dev/null';
    }
    const r = analyze(dev);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toContain(`${dev}: error: is a device, not a regular file`);
    expect(r.stderr).not.toContain('internal error');
    expect(statSync(dev).isCharacterDevice()).toBe(true);
  });

  it('a FIFO is refused and stays a FIFO', () => {
    const fifo = join(tmp, 'pipe');
    const mk = spawnSync('mkfifo', [fifo]);
    if (mk.status !== 0) return; // no mkfifo on this system
    const r = analyze(fifo);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${fifo}: error: is a named pipe (FIFO)`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('a directory and a path ending in a slash exit 2 naming the target, not the temporary file', () => {
    const dir = join(tmp, 'adir');
    mkdirSync(dir);
    const a = analyze(dir);
    expect(a.code).toBe(2);
    expect(a.stderr.trim()).toBe(`${dir}: error: is a directory; give a file name`);
    const b = analyze(dir + '/');
    expect(b.code).toBe(2);
    expect(b.stderr.trim()).toBe(`${dir}/: error: names a directory (it ends with a slash); give a file name`);
    const c = analyze(join(tmp, 'new-dir') + '/');
    expect(c.code).toBe(2);
    expect(c.stderr).not.toContain('.helixlab-tmp');
    expect(readdirSync(dir)).toEqual([]);
    expect(hidden(tmp)).toEqual([]);
  });

  it('a parent that is a file, and a directory that cannot be created, exit 2', () => {
    const file = join(tmp, 'plain.txt');
    writeFileSync(file, 'x');
    const r = analyze(join(file, 'report.md'));
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('report.md: error:');
    expect(r.stderr).not.toContain('internal error');
    const p = analyze('/proc/helixlab-no-such-dir/report.md');
    expect(p.code).toBe(2);
    expect(p.stderr).toContain('/proc/helixlab-no-such-dir/report.md: error: cannot create the directory');
  });

  it('a directory without write permission exits 2 (as root: a path the kernel refuses)', () => {
    if (isRoot) {
      const r = analyze('/proc/helixlab-report.md');
      expect(r.code).toBe(2);
      expect(r.stderr).toContain('/proc/helixlab-report.md: error: cannot write:');
      expect(r.stderr).not.toContain('.helixlab-tmp');
      return;
    }
    const dir = join(tmp, 'readonly');
    mkdirSync(dir);
    chmodSync(dir, 0o555);
    const r = analyze(join(dir, 'report.md'));
    chmodSync(dir, 0o755);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${join(dir, 'report.md')}: error: cannot write: permission denied`);
  });
});

describe('regular files', () => {
  it('missing parent directories are created; a symbolic link keeps pointing at the rewritten file', () => {
    const deep = join(tmp, 'a', 'b', 'c', 'report.md');
    expect(analyze(deep).code).toBe(0);
    expect(readFileSync(deep, 'utf8')).toContain('# Network analysis');
    const real = join(tmp, 'real.md');
    const link = join(tmp, 'link.md');
    writeFileSync(real, 'old');
    symlinkSync(real, link);
    const r = analyze(link);
    expect(r.code, r.stderr).toBe(0);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toContain('# Network analysis');
  });

  it('a temporary file left by a killed process is removed by the next write to the same target', () => {
    const dir = join(tmp, 'stale');
    mkdirSync(dir);
    // pid 2^22 + 1 is above Linux's pid_max limit: no process has it
    const stale = join(dir, `.helixlab-tmp-4194305-1-report.md`);
    const other = join(dir, `.helixlab-tmp-4194305-1-other.md`);
    writeFileSync(stale, 'half');
    writeFileSync(other, 'half');
    expect(analyze(join(dir, 'report.md')).code).toBe(0);
    expect(existsSync(stale)).toBe(false);
    expect(existsSync(other)).toBe(true); // another target's: left alone
  });

  it('a write that fails part-way (no space left) exits 2 and leaves the old file and no temporary file', () => {
    const target = join(tmp, 'full.md');
    writeFileSync(target, 'the old report\n');
    const r = analyze(target, { HELIXLAB_FAIL_WRITE_AFTER: '100' });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe(`${target}: error: cannot write: no space left on the device (nothing was changed)`);
    expect(readFileSync(target, 'utf8')).toBe('the old report\n');
    expect(hidden(tmp)).toEqual([]);
  });
});

describe('merge --out', () => {
  it('refuses to write into one of its input directories', () => {
    const sh = (i: number) => join(tmp, `shard-${i}`);
    for (const i of [1, 2]) {
      const r = run([
        'sweep',
        'scenarios/project-driven.json',
        '--grid',
        'trust.decay=0.05,0.1',
        '--runs',
        '2',
        '--years',
        '2',
        '--shard',
        `${i}/2`,
        '--workers',
        '1',
        '--out',
        sh(i),
        '--quiet',
      ]);
      expect(r.code, r.stderr).toBe(0);
    }
    const before = readFileSync(join(sh(1), 'runs.csv'), 'utf8');
    const r = run(['merge', sh(1), sh(2), '--out', sh(1)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${sh(1)}: error: --out: is the input directory '${sh(1)}'`);
    expect(readFileSync(join(sh(1), 'runs.csv'), 'utf8')).toBe(before);
    // the same directory named another way
    const r2 = run(['merge', sh(1), sh(2), '--out', join(sh(1), '..', 'shard-2')]);
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain('is the input directory');
    const ok = run(['merge', sh(1), sh(2), '--out', join(tmp, 'merged')]);
    expect(ok.code, ok.stderr).toBe(0);
  });
});
