/**
 * `--network-run <r>` of `helixlab simulate` and `helixlab compare`: add the recorded network of
 * replication r (src/scenario/snapshots.ts) to the JSON output, under the key `network` of each
 * scenario's result (simulate: the top-level object; compare: each element of `scenarios`). The
 * replication is run once more with recording on — the same seed and substream, so the same
 * numbers as replication r of the batch. Without the option nothing changes (same bytes).
 */
import { UsageError } from '../model/errors.js';
import {
  networkHistoryToJson,
  recordNetwork,
  resultToJson,
  type ComparisonResult,
  type NetworkHistory,
  type Scenario,
  type SimulationResult,
} from '../scenario/index.js';

export const NETWORK_RUN_HELP =
  'add the simulated network of replication r (0 = the first run; actors with joining and leaving years, ties with their trust year by year) to the JSON output under the key "network" (needs --format json; see docs/model.md)';

/** Fail early (before the runs) when the option cannot be honoured. */
export function checkNetworkRun(networkRun: number | undefined, runs: number, format: string): void {
  if (networkRun === undefined) return;
  if (format !== 'json') {
    throw new UsageError(`--network-run: the recorded network is written only in the JSON output: add --format json (or --out <file>.json), got format '${format}'`);
  }
  if (networkRun >= runs) {
    throw new UsageError(`--network-run: expected a replication from 0 to ${runs - 1} (--runs ${runs}), got ${networkRun}`);
  }
}

/** Record replication `run` of each scenario (names as in the result). */
export function recordNetworks(ss: readonly Scenario[], names: readonly string[], seed: number | string, run: number, years: number): NetworkHistory[] {
  return ss.map((s, i) => recordNetwork(s, seed, run, { years, name: names[i] ?? s.name }).network);
}

const TOKEN = (i: number) => `@@helixlab-network-${i}@@`;

/**
 * The JSON of `resultToJson` with `network` added to each scenario's result; the networks are
 * written one actor / tie spell per line ({@link networkHistoryToJson}) instead of one number per line.
 */
export function resultWithNetworksToJson(result: SimulationResult | ComparisonResult, networks: readonly NetworkHistory[]): string {
  const tagged: SimulationResult | ComparisonResult =
    'scenarios' in result
      ? { ...result, scenarios: result.scenarios.map((s, i) => ({ ...s, network: TOKEN(i) })) }
      : ({ ...result, network: TOKEN(0) } as SimulationResult);
  return resultToJson(tagged).replace(/^( *)"network": "@@helixlab-network-(\d+)@@"/gm, (_m, indent: string, i: string) => {
    const h = networks[Number(i)];
    if (!h) throw new Error(`no recorded network for scenario ${i}`);
    return `${indent}"network": ${networkHistoryToJson(h, indent)}`;
  });
}
