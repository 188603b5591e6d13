/**
 * `helixlab simulate` and `helixlab compare` through the built CLI (dist/cli/main.js; `npm test`
 * builds first): the JSON contract on stdout, tables, --set, errors for people with exit code 2,
 * atomic --out, and the same bytes for 1 and 2 worker threads (the piscina pool).
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordNetwork } from '../src/index.js';
import { loadScenarioWithSets } from '../src/node/scenario.js';

const root = process.cwd();
const cli = join(root, 'dist', 'cli', 'main.js');
let dir = '';

/** Run the CLI without blocking the test worker's event loop. */
function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : -1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

beforeAll(() => {
  if (!existsSync(cli)) execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: root, stdio: 'ignore' });
  dir = mkdtempSync(join(tmpdir(), 'helixlab-sim-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('helixlab simulate', () => {
  it('--format json: stdout holds only the JSON contract', async () => {
    const r = await run(['simulate', 'scenarios/permanent.json', '--runs', '12', '--years', '5', '--seed', '3', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j).toMatchObject({ scenario: 'permanent', runs: 12, seed: 3, years: 5 });
    expect(j.metrics.members.byYear).toHaveLength(6);
    expect(j.metrics.members.byYear[0]).toMatchObject({ year: 0, mean: 33, sd: 0, p05: 33, p50: 33, p95: 33 });
    expect(j.metrics.partnerships.final.ci95).toHaveLength(2);
    expect(Object.keys(j.metrics)).toEqual(
      expect.arrayContaining([
        'members',
        'ties',
        'meanTrust',
        'crossHelixShare',
        'activities',
        'coordinatorFte',
        'partnerships',
        'jointProjects',
        'rdiInvestment',
        'euFunding',
        'jobs',
        'lockIn',
        'publicCost',
        'partnershipsPerMillion',
      ]),
    );
  });

  it('the same seed gives the same bytes on 1 and 2 worker threads', async () => {
    const a = await run(['simulate', 'scenarios/project-driven.json', '--runs', '60', '--seed', '9', '--format', 'json', '--workers', '1']);
    const b = await run(['simulate', 'scenarios/project-driven.json', '--runs', '60', '--seed', '9', '--format', 'json', '--workers', '2']);
    expect(a.code).toBe(0);
    expect(b.code).toBe(0);
    expect(b.stdout).toBe(a.stdout);
  });

  it('prints a readable table by default and honours --set', async () => {
    const r = await run([
      'simulate',
      'scenarios/project-driven.json',
      '--runs',
      '8',
      '--years',
      '6',
      '--set',
      'funding.projects.successProbability=0',
      '--set',
      'funding.projects.durationYears=2',
    ]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Scenario project-driven: 8 runs, seed 1, 6 years/);
    expect(r.stdout).toMatch(/coordinatorFte\s+FTE\s+0\s+0/);
    // success 0 and 2-year projects: no coordinator after year 2
    const j = JSON.parse(
      (
        await run([
          'simulate',
          'scenarios/project-driven.json',
          '--runs',
          '4',
          '--years',
          '6',
          '--set',
          'funding.projects.successProbability=0',
          '--set',
          'funding.projects.durationYears=2',
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect(j.metrics.coordinatorFte.byYear.map((b: { mean: number }) => b.mean)).toEqual([0, 1, 1, 0, 0, 0, 0]);
  });

  it('--out writes the file (format from the extension) and CSV has one row per metric and year', async () => {
    const out = join(dir, 'sim.json');
    const r = await run(['simulate', 'scenarios/permanent.json', '--runs', '4', '--years', '3', '--out', out]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).years).toBe(3);
    const csv = (await run(['simulate', 'scenarios/permanent.json', '--runs', '4', '--years', '3', '--format', 'csv'])).stdout
      .trim()
      .split('\n');
    expect(csv[0]).toBe('scenario,metric,year,mean,sd,p05,p50,p95');
    expect(csv).toHaveLength(1 + 15 * 4);
  });

  it('bad input: file:line messages and exit code 2, no stack trace', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{\n  "years": 10,\n  "network": { "opennes": 0.2 }\n}\n');
    const r = await run(['simulate', bad, '--runs', '2']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`${bad}:3: error: network.opennes: unknown field 'opennes' (did you mean 'openness'?)`);
    expect(r.stderr).not.toMatch(/at .*\.js:\d+/);
    const s = await run(['simulate', 'scenarios/permanent.json', '--set', 'network.openness=2']);
    expect(s.code).toBe(2);
    expect(s.stderr).toMatch(/--set: error: network\.openness: expected a number from 0 to 1, got 2/);
    expect((await run(['simulate', 'no/such.json'])).code).toBe(2);
    expect((await run(['simulate', 'scenarios/permanent.json', '--runs', '0'])).code).toBe(2);
  });
});

describe('helixlab simulate from a network file', () => {
  it('start.network is read relative to the scenario file, in any importer format', async () => {
    const net = {
      format: 'helixlab',
      version: 1,
      actors: [
        { id: 'a', label: 'A', helix: 'industry', sector: 'ict' },
        { id: 'b', label: 'B', helix: 'research-education' },
        { id: 'c', label: 'C', helix: 'public' },
        { id: 'd', label: 'D', helix: 'industry', sector: 'ict' },
        { id: 'e', label: 'E', helix: 'startup', sector: 'ict' },
      ],
      ties: [
        { source: 'a', target: 'b' },
        { source: 'c', target: 'd' },
        { source: 'd', target: 'e' },
      ],
    };
    writeFileSync(join(dir, 'net.json'), JSON.stringify(net));
    writeFileSync(
      join(dir, 'from-file.json'),
      JSON.stringify({ name: 'from-file', start: { network: 'net.json' }, funding: { base: { eurPerYear: 50000, fte: 0.5 } } }),
    );
    const r = await run(['simulate', join(dir, 'from-file.json'), '--runs', '3', '--years', '2', '--format', 'json']);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout);
    expect(j.metrics.members.byYear[0].mean).toBe(5);
    expect(j.metrics.ties.byYear[0].mean).toBe(3);
    writeFileSync(join(dir, 'missing.json'), JSON.stringify({ start: { network: 'nope.json' } }));
    const m = await run(['simulate', join(dir, 'missing.json'), '--runs', '1']);
    expect(m.code).toBe(2);
    expect(m.stderr).toContain("start.network: start network 'nope.json' not found");
  });
});

describe('helixlab compare', () => {
  it('prints final means and paired differences; --format json has the differences contract', async () => {
    const t = await run(['compare', 'scenarios/project-driven.json', 'scenarios/permanent.json', '--runs', '10', '--years', '6']);
    expect(t.code).toBe(0);
    expect(t.stdout).toContain('permanent − project-driven (final year; and the mean over years 1–6):');
    expect(t.stdout).toContain(
      'Equal public money (expected over the horizon, within 1%): project-driven 691,500 EUR, permanent 691,500 EUR.',
    );
    expect(t.stdout).toMatch(/partnerships\s+\S+\s+\S+ … \S+\s+[01]\.\d\d/);
    const j = JSON.parse(
      (
        await run([
          'compare',
          'scenarios/project-driven.json',
          'scenarios/permanent.json',
          'scenarios/city-led.json',
          '--runs',
          '10',
          '--years',
          '6',
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect(j.baseline).toBe('project-driven');
    expect(j.scenarios.map((s: { scenario: string }) => s.scenario)).toEqual(['project-driven', 'permanent', 'city-led']);
    expect(Object.keys(j.differences)).toEqual(['permanent', 'city-led']);
    expect(Object.keys(j.differences.permanent.members)).toEqual(['meanDiff', 'ci95', 'probGreater']);
  });

  it('--set applies to every scenario, and one scenario is a usage error', async () => {
    const j = JSON.parse(
      (
        await run([
          'compare',
          'scenarios/project-driven.json',
          'scenarios/permanent.json',
          '--runs',
          '3',
          '--set',
          'years=4',
          '--format',
          'json',
        ])
      ).stdout,
    );
    expect(j.years).toBe(4);
    const r = await run(['compare', 'scenarios/permanent.json']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('at least two scenario files');
  });
});

describe('--network-run: the recorded network of one replication in the JSON', () => {
  it("simulate: the key `network` only with the flag, equal to the library's recording, the rest unchanged", async () => {
    const args = [
      'simulate',
      'scenarios/permanent.json',
      '--runs',
      '6',
      '--years',
      '5',
      '--seed',
      '3',
      '--format',
      'json',
      '--workers',
      '1',
    ];
    const plain = await run(args);
    const withNet = await run([...args, '--network-run', '2']);
    expect(plain.code).toBe(0);
    expect(withNet.code).toBe(0);
    const p = JSON.parse(plain.stdout);
    const j = JSON.parse(withNet.stdout);
    expect(Object.keys(p)).not.toContain('network');
    expect(Object.keys(j)).toEqual([...Object.keys(p), 'network']);
    const { network, ...rest } = j;
    expect(rest).toEqual(p);
    // the text before the key is the plain output's, byte for byte
    expect(withNet.stdout.startsWith(plain.stdout.slice(0, plain.stdout.lastIndexOf('\n}')))).toBe(true);
    const s = loadScenarioWithSets(join(root, 'scenarios/permanent.json'), []);
    const ref = recordNetwork(s, 3, 2, { years: 5 });
    expect(network).toEqual(JSON.parse(JSON.stringify(ref.network)));
    expect(network).toMatchObject({ format: 'helixlab-network-history', version: 1, scenario: 'permanent', seed: 3, run: 2, years: 5 });
    expect(network.actors.filter((a: { joined: number }) => a.joined === 0)).toHaveLength(33);
    // one line per actor: compact even though the rest is indented
    expect(withNet.stdout.split('\n').filter((l) => l.startsWith('      {"id":"a'))).toHaveLength(network.actors.length);
  });

  it('compare: one network per scenario, same replication, same starting cluster (common random numbers)', async () => {
    const out = join(dir, 'cmp-net.json');
    const r = await run([
      'compare',
      'scenarios/project-driven.json',
      'scenarios/permanent.json',
      '--runs',
      '4',
      '--years',
      '4',
      '--seed',
      '8',
      '--network-run',
      '1',
      '--out',
      out,
      '--workers',
      '1',
    ]);
    expect(r.code).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8'));
    expect(Object.keys(j)).toEqual([
      'baseline',
      'runs',
      'seed',
      'years',
      'moneyCheck',
      'scenarios',
      'differences',
      'differencesOverYears',
      'differencesCumulated',
      'provenance',
    ]);
    const [a, b] = j.scenarios.map(
      (x: { network: { scenario: string; run: number; actors: Array<{ joined: number }>; ties: Array<{ from: number }> } }) => x.network,
    );
    expect([a.scenario, b.scenario, a.run, b.run]).toEqual(['project-driven', 'permanent', 1, 1]);
    expect(a.actors.filter((x: { joined: number }) => x.joined === 0)).toEqual(b.actors.filter((x: { joined: number }) => x.joined === 0));
    const start = (n: { ties: Array<{ source: number; target: number; from: number; trust: number[] }> }) =>
      n.ties.filter((e) => e.from === 0).map((e) => [e.source, e.target, e.trust[0]]);
    expect(start(a)).toEqual(start(b));
    expect(start(a).length).toBeGreaterThan(20);
    const plain = JSON.parse(
      (
        await run([
          'compare',
          'scenarios/project-driven.json',
          'scenarios/permanent.json',
          '--runs',
          '4',
          '--years',
          '4',
          '--seed',
          '8',
          '--format',
          'json',
          '--workers',
          '1',
        ])
      ).stdout,
    );
    expect(plain.scenarios.every((x: object) => !('network' in x))).toBe(true);
  });

  it('errors for people: not JSON, or a replication that is not run', async () => {
    const t = await run(['simulate', 'scenarios/permanent.json', '--runs', '3', '--network-run', '0']);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('--network-run: the recorded network is written only in the JSON output');
    const c = await run([
      'compare',
      'scenarios/project-driven.json',
      'scenarios/permanent.json',
      '--runs',
      '3',
      '--network-run',
      '3',
      '--format',
      'json',
    ]);
    expect(c.code).toBe(2);
    expect(c.stderr).toContain('--network-run: expected a replication from 0 to 2 (--runs 3), got 3');
    expect(c.stdout).toBe('');
  });
});
