/**
 * `--network-run <r>` of `helixlab simulate` and `helixlab compare`: add the recorded network of
 * replication r (src/scenario/snapshots.ts) to the JSON output, under the key `network` of each
 * scenario's result. The replication is run once more with recording on — the same seed and
 * substream, so the same numbers as replication r of the batch. Without the option nothing changes.
 */
import { UsageError } from '../node/index.js';

export const NETWORK_RUN_HELP =
  'add the simulated network of replication r (0 = the first run; actors with joining and leaving years, ties with their trust year by year) to the JSON output under the key "network" (needs --format json; see docs/model.md)';

/** Fail early (before the runs) when the option cannot be honoured. */
export function checkNetworkRun(networkRun: number | undefined, runs: number, format: string): void {
  if (networkRun === undefined) return;
  if (format !== 'json') {
    throw new UsageError(
      `--network-run: the recorded network is written only in the JSON output: add --format json (or --out <file>.json), got format '${format}'`,
    );
  }
  if (networkRun >= runs) {
    throw new UsageError(`--network-run: expected a replication from 0 to ${runs - 1} (--runs ${runs}), got ${networkRun}`);
  }
}
