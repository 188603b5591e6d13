/**
 * `helixlab explore` and the research outputs of `compare` on the built CLI: bad input exits 2 with
 * the field and what was expected; the same bytes for 1 and 2 worker threads; kill -9 then --resume
 * equals the uninterrupted run; shards merged equal the single run; `compare --format csv` writes tidy
 * paired per-run rows with a provenance file beside them; JSON outputs carry provenance.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, root, runCli as run } from './helpers/cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'helixlab-cli-explore-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const hasCli = existsSync(cli);
const A = 'scenarios/project-driven.json';
const B = 'scenarios/permanent.json';
const SMALL = ['--samples', '16', '--runs', '3', '--years', '6', '--seed', '5', '--metrics', 'partnerships,members'];
const files = (dir: string): string[] =>
  ['explore.json', 'explore.md', 'points.csv', 'manifest.json'].map((f) => readFileSync(join(dir, f), 'utf8'));

describe.skipIf(!hasCli)('helixlab explore', () => {
  it('prints the share, the deciding parameters and the flip conditions; the same bytes for 1 and 2 workers', async () => {
    const d1 = join(tmp, 'w1');
    const d2 = join(tmp, 'w2');
    const r1 = await run(['explore', A, B, ...SMALL, '--out', d1, '--workers', '1']);
    expect(r1.code, r1.stderr).toBe(0);
    expect(r1.stdout).toMatch(/^# Where does it hold\? permanent against project-driven/);
    expect(r1.stdout).toMatch(
      /permanent beats project-driven on members \(more is better\) in \d+% of the plausible settings \[95% CI \d+%–\d+%/,
    );
    expect(r1.stdout).toContain('## Parameters that decide the sign');
    expect(r1.stdout).toContain('## Where the sign flips (PRIM boxes)');
    const r2 = await run(['explore', A, B, ...SMALL, '--out', d2, '--workers', '2']);
    expect(r2.code, r2.stderr).toBe(0);
    expect(files(d2)).toEqual(files(d1));
    const doc = JSON.parse(readFileSync(join(d1, 'explore.json'), 'utf8'));
    expect(doc.summary.points).toBe(16);
    expect(doc.provenance.scenarios).toHaveLength(2);
    expect(doc.provenance.scenarios[1].equalMoney.with).toBe('project-driven.json');
    expect(readFileSync(join(d1, 'points.csv'), 'utf8').split('\n')[0]).toMatch(
      /^point,coordination\.projectEndTurnover,.*,partnerships_diff,partnerships_ci_lo/,
    );
    // the HTML view
    const html = join(tmp, 'explore.html');
    const rep = await run(['report', d1, '--out', html]);
    expect(rep.code, rep.stderr).toBe(0);
    const page = readFileSync(html, 'utf8');
    expect(page).toContain('Where does it hold? permanent against project-driven');
    expect(page).toContain(doc.summary.metrics[1].statement.replace(/&/g, '&amp;').replace(/'/g, '&#39;').slice(0, 60));
  }, 120_000);

  it('kill -9, then --resume, equals the uninterrupted run byte for byte', async () => {
    const args = (out: string) => [
      'explore',
      A,
      B,
      '--samples',
      '48',
      '--runs',
      '4',
      '--years',
      '6',
      '--seed',
      '5',
      '--out',
      out,
      '--workers',
      '1',
    ];
    const whole = join(tmp, 'whole');
    expect((await run(args(whole))).code).toBe(0);
    const d = join(tmp, 'killed');
    const log = join(d, '.explore', 'results.ndjson');
    const lines = () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').length - 1 : 0);
    const child = spawn(process.execPath, [cli, ...args(d)], { cwd: root, stdio: ['ignore', 'ignore', 'ignore'] });
    const exited = new Promise<NodeJS.Signals | null>((res) => child.on('exit', (_c, sig) => res(sig)));
    const t0 = Date.now();
    while (lines() < 8 && Date.now() - t0 < 60_000 && child.exitCode === null) await new Promise((r) => setTimeout(r, 10));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(lines()).toBeGreaterThanOrEqual(8);
    expect(existsSync(join(d, 'explore.json'))).toBe(false);
    const again = await run(args(d));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/unfinished exploration .*--resume/);
    const resumed = await run([...args(d), '--resume']);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resumed: \d+ points were read back/);
    expect(files(d)).toEqual(files(whole));
    expect(existsSync(join(d, '.explore'))).toBe(false);
  }, 180_000);

  it('shards 1/2 and 2/2 merged equal the single run', async () => {
    const single = join(tmp, 'single');
    const base = ['explore', A, B, ...SMALL];
    expect((await run([...base, '--out', single])).code).toBe(0);
    const s1 = join(tmp, 's1');
    const s2 = join(tmp, 's2');
    expect((await run([...base, '--out', s1, '--shard', '1/2'])).code).toBe(0);
    expect((await run([...base, '--out', s2, '--shard', '2/2'])).code).toBe(0);
    const merged = join(tmp, 'merged');
    const m = await run(['merge', s2, s1, '--out', merged]);
    expect(m.code, m.stderr).toBe(0);
    expect(files(merged)).toEqual(files(single));
    // one shard alone is refused, naming the missing one
    const half = await run(['merge', s1, '--out', join(tmp, 'half')]);
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/shard\(s\) 2\/2 missing/);
  }, 180_000);

  it('bad input exits 2 with the field and what was expected', async () => {
    const ranges = (doc: unknown): string => {
      const f = join(tmp, `r${Math.random().toString(36).slice(2)}.json`);
      writeFileSync(f, JSON.stringify(doc));
      return f;
    };
    const cases: [string[], RegExp][] = [
      [
        ['--ranges', ranges({ ranges: { 'trust.decy': [0.1, 0.3] } })],
        /trust\.decy: not a numeric scenario parameter \(did you mean 'trust\.decay'\?\)/,
      ],
      [['--ranges', ranges({ ranges: { 'trust.decay': [0.3, 0.3] } })], /trust\.decay: empty range \[0\.3, 0\.3\]/],
      [['--ranges', ranges({ ranges: { 'trust.decay': [0.1, 1.5] } })], /trust\.decay: 1\.5 is outside the parameter's legal domain/],
      [['--ranges', ranges({ nothing: 1 })], /expected an object with "ranges"/],
      [['--ranges', join(tmp, 'missing.json')], /missing\.json: error: no such file/],
      [['--samples', '0'], /--samples: expected an integer >= 1 <= 10000000, got '0'/],
      [['--metrics', 'partnershps'], /unknown metric 'partnershps' \(did you mean 'partnerships'\?\)/],
    ];
    for (const [args, re] of cases) {
      const r = await run(['explore', A, B, '--runs', '1', '--samples', '2', ...args]);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(re);
      expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    }
  }, 120_000);
});

describe.skipIf(!hasCli)('compare for research', () => {
  it('--format csv writes tidy paired per-run rows, and its provenance beside the file', async () => {
    const out = join(tmp, 'pairs.csv');
    const r = await run(['compare', A, B, '--runs', '3', '--years', '4', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('run,scenario,metric,final,mean_over_years,cumulated');
    // 3 runs × 2 scenarios × 15 metrics
    expect(lines).toHaveLength(1 + 3 * 2 * 15);
    expect(lines[1]).toMatch(/^0,project-driven,members,\d+,[\d.]+,\d+$/);
    const prov = JSON.parse(readFileSync(`${out}.provenance.json`, 'utf8'));
    expect(prov.helixlab).toMatch(/^\d+\.\d+\.\d+/);
    expect(prov.files).toEqual([A, B]);
    expect(prov.moneyCheck.equal).toBe(true);
  });

  it('JSON carries differences over the years and cumulated, public money, and provenance with every default', async () => {
    const r = await run(['compare', A, B, '--runs', '5', '--years', '5', '--format', 'json', '--set', 'trust.decay=0.2']);
    expect(r.code, r.stderr).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(Object.keys(j.differencesOverYears.permanent.partnerships)).toEqual(['meanDiff', 'ci95', 'probGreater']);
    expect(j.differencesCumulated.permanent.members.meanDiff).toEqual(expect.any(Number));
    expect(j.moneyCheck.equal).toBe(true);
    expect(j.scenarios[1].publicMoney.equalMoneyWith).toBe('project-driven.json');
    const p = j.provenance;
    expect(p.seed).toBe(1);
    expect(p.runs).toBe(5);
    expect(p.scenarios[0].trust.decay).toBe(0.2);
    // every default is written, also those the file does not set
    expect(p.scenarios[0].growth.referralShare).toBe(0.15);
    expect(p).toHaveProperty('gitCommit');
  });

  it('says so in plain words when the public money differs', async () => {
    const r = await run(['compare', A, 'scenarios/membership-only.json', '--runs', '2', '--years', '3']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(
      /NOT an equal-money comparison: the baseline|NOT an equal-money comparison: expected public money differs by up to 100\.0%/,
    );
  });
});
