/**
 * Deterministic job lists for sweeps, and shards.
 *
 * A sweep over S settings with R runs has S·R jobs. Job j is (setting ⌊j / R⌋, run j mod R), so
 * the jobs of a setting are contiguous and the canonical order is setting-major, run-minor. The
 * seed of a job does not depend on its position: run r of every setting uses the sweep seed and
 * `createRng(seed).stream('run', r)` inside the scenario engine — the same numbers as
 * `helixlab simulate --seed S --set ...` (common random numbers across settings).
 *
 * Sharding `i/n` (1-based) takes the jobs with j mod n = i − 1 (round-robin, so every shard gets a
 * similar mix of settings); the union of shards 1..n is every job exactly once.
 */
import { UsageError } from '../model/errors.js';

export interface Job {
  /** Canonical index. */
  index: number;
  setting: number;
  run: number;
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

export function jobAt(index: number, runs: number): Job {
  return { index, setting: Math.floor(index / runs), run: index % runs };
}

/** Parse `i/n` with 1 <= i <= n. */
export function parseShard(text: string): Shard {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new UsageError(`--shard: expected i/n (e.g. 2/8), got '${text}'`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new UsageError(`--shard: expected 1 <= i <= n, got '${text}'`);
  return { index, count };
}

export function inShard(jobIndex: number, shard: Shard | undefined): boolean {
  return shard === undefined || jobIndex % shard.count === shard.index - 1;
}

/** The canonical indices of the jobs in `shard` (all jobs when undefined), ascending. */
export function shardJobIndices(totalJobs: number, shard?: Shard): number[] {
  const out: number[] = [];
  const start = shard ? shard.index - 1 : 0;
  const step = shard ? shard.count : 1;
  for (let j = start; j < totalJobs; j += step) out.push(j);
  return out;
}
