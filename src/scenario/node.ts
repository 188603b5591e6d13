/**
 * The scenario API for Node (files and worker threads). Re-exports the browser-safe barrel and
 * adds: {@link loadScenarioFile}, {@link runBatch} (the worker pool), and `simulate` / `compare`
 * that run on worker threads when `workers > 1`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { InputError } from '../model/errors.js';
import { readNetworkFiles } from '../io/node.js';
import { parseScenario } from './parse.js';
import type { Scenario } from './schema.js';
import { startStateFromNetwork } from './start-network.js';
import {
  compare as compareWith,
  simulate as simulateWith,
  type ComparisonResult,
  type SimulateOptions,
  type SimulationResult,
} from './simulate.js';
import { poolRunner } from './pool.js';

export * from './index.js';
export { runBatch, poolRunner, startPool, type RunBatchOptions, type ScenarioPool } from './pool.js';
export { startStateFromNetwork } from './start-network.js';

/** Load the start network of a scenario (path relative to `baseDir`). */
export function resolveStart(s: Scenario, baseDir: string, file: string): Scenario {
  if (s.start.network === undefined || s.start.resolved) return s;
  const path = resolve(baseDir, s.start.network);
  if (!existsSync(path)) {
    throw new InputError([
      { severity: 'error', file, field: 'start.network', code: 'missing-file', message: `start network '${s.start.network}' not found (looked for ${path})` },
    ]);
  }
  const net = readNetworkFiles([path]).network;
  const out = structuredClone(s);
  out.start.resolved = startStateFromNetwork(net, s.start.network);
  return out;
}

/** Read, validate and complete a scenario file; `start.network` is read relative to the file. */
export function loadScenarioFile(path: string): Scenario {
  const text = readFileSync(path, 'utf8');
  const s = parseScenario(text, path);
  return resolveStart(s, dirname(resolve(path)), path);
}

function withPool(opts: SimulateOptions): SimulateOptions {
  if (opts.runner || !opts.workers || opts.workers <= 1) return opts;
  return { ...opts, runner: poolRunner(opts.workers) };
}

/** Monte Carlo of one scenario; `workers > 1` runs on worker threads (same bytes as one thread). */
export function simulate(s: Scenario, opts: SimulateOptions): Promise<SimulationResult> {
  return simulateWith(s, withPool(opts));
}

/** Scenarios compared under common random numbers; `workers > 1` runs on worker threads. */
export function compare(ss: Scenario[], opts: SimulateOptions): Promise<ComparisonResult> {
  return compareWith(ss, withPool(opts));
}
