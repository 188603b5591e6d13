/**
 * The Node calibration runner (src/node/calibrate.ts): result files written atomically into a
 * directory, the same bytes from an in-thread simulator object and from a spec; and, with the
 * compiled worker (`npm test` builds dist/ first), the same bytes on 1 and on 2 worker threads.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { runCalibration, writeCalibration } from '../src/node/calibrate.js';
import { calibrationJson, calibrationMarkdown, posteriorCsv } from '../src/calibrate/format.js';
import { toySimulator, type ToySpec } from '../src/calibrate/toys.js';
import type { CalibrationProblem } from '../src/calibrate/smc.js';
import type { CalibrationResult } from '../src/calibrate/result.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const cluster: ToySpec = { toy: 'synthetic-cluster' };
const problem: CalibrationProblem = {
  params: [
    { name: 'recruitRate', lo: 0.05, hi: 0.6, scale: 'uniform' },
    { name: 'churn', lo: 0.01, hi: 0.2, scale: 'log-uniform' },
  ],
  targets: {
    startYear: 2010,
    targets: [
      { kind: 'value', metric: 'members', year: 2025, min: 110, max: 140, name: 'members 2025', holdout: false },
      { kind: 'growth', metric: 'reached', from: 2010, to: 2025, value: 15, name: 'inflow', holdout: false },
      { kind: 'value', metric: 'members', year: 2018, value: 90, name: 'members 2018', holdout: true },
    ],
  },
};
const opts = { particles: 150, seed: 3, maxGenerations: 4, predictive: 60 };
const bytes = (r: CalibrationResult) => [calibrationJson(r), posteriorCsv(r), calibrationMarkdown(r)];

describe('calibration runner', () => {
  it('writes calibration.json, posterior.csv and calibration.md; a spec and an object give the same bytes', async () => {
    const fromSpec = await runCalibration(problem, cluster, opts);
    const fromObject = await runCalibration(problem, toySimulator(cluster), { ...opts, provenance: { simulator: cluster } });
    expect(bytes(fromObject)).toEqual(bytes(fromSpec));
    const dir = mkdtempSync(join(tmpdir(), 'helixlab-calib-'));
    dirs.push(dir);
    const written = writeCalibration(join(dir, 'out'), fromSpec);
    expect(written.map((p) => p.slice(dir.length + 5))).toEqual(['calibration.json', 'posterior.csv', 'calibration.md']);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(['calibration.json', 'calibration.md', 'posterior.csv']); // no temporary files left
    const doc = JSON.parse(readFileSync(written[0]!, 'utf8')) as Record<string, unknown> & {
      generations: Array<{ epsilon: number | null }>;
    };
    expect(doc.format).toBe('helixlab-calibration/1');
    expect(doc.generations[0]!.epsilon).toBeNull(); // ∞ is written as null
    expect((doc.provenance as Record<string, unknown>).simulator).toEqual(cluster);
    const csv = readFileSync(written[1]!, 'utf8').trim().split('\n');
    expect(csv[0]).toBe('particle,weight,distance,recruitRate,churn,members 2025,inflow,members 2018');
    expect(csv).toHaveLength(151);
    const weights = csv.slice(1).map((line) => Number(line.split(',')[1]));
    expect(weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 12);
    expect(readFileSync(written[2]!, 'utf8')).toMatch(/^# Calibration \(ABC-SMC\)/);
  });
});

// Worker threads load the compiled worker (npm test builds dist/ first).
const distNode = join(process.cwd(), 'dist/node/index.js');
type NodeEntry = typeof import('../src/node/index.js');

describe('calibration on worker threads', () => {
  it('1 and 2 workers give the same bytes', async () => {
    const lib = (await import(pathToFileURL(distNode).href)) as NodeEntry;
    const one = await lib.runCalibration(problem, cluster, { ...opts, workers: 1 });
    const two = await lib.runCalibration(problem, cluster, { ...opts, workers: 2 });
    const pool = lib.startPool(2);
    expect(pool).toBeDefined(); // the compiled worker exists: the second run really used threads
    await pool?.destroy();
    expect([lib.calibrationJson(two), lib.posteriorCsv(two)]).toEqual([lib.calibrationJson(one), lib.posteriorCsv(one)]);
    // and the sources give the same as the build
    const src = await runCalibration(problem, cluster, opts);
    expect(posteriorCsv(src)).toBe(lib.posteriorCsv(one));
  });
});
