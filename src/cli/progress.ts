/**
 * Progress and interruption for long commands: a progress bar (cli-progress) on a terminal, plain
 * lines every few seconds otherwise, nothing with `--quiet`; Ctrl-C stops cleanly after the work in
 * flight (a second Ctrl-C exits at once).
 */
import cliProgress from 'cli-progress';

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

function formatDuration(sec: number): string {
  if (!Number.isFinite(sec)) return '?';
  const s = Math.round(sec);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

/** A progress bar on a terminal, plain lines every few seconds otherwise, nothing with --quiet. */
export function makeProgress(label: string, unit = 'runs'): Progress {
  if (process.argv.includes('--quiet')) return { update() {}, stop() {} };
  if (process.stderr.isTTY) {
    const bar = new cliProgress.SingleBar(
      {
        stream: process.stderr,
        format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | ETA {eta_formatted}`,
        etaBuffer: 50,
        hideCursor: true,
      },
      cliProgress.Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total) {
        if (!started) {
          bar.start(total, done);
          started = true;
        } else bar.update(done);
      },
      stop() {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  const t0 = Date.now();
  let last = t0;
  let first = -1;
  let printed = false;
  return {
    update(done, total) {
      if (first < 0) first = done;
      const now = Date.now();
      // a line every 5 s, and the last one if any was printed: short runs print nothing
      if (done < total ? now - last < 5000 : !printed) return;
      last = now;
      printed = true;
      const rate = (done - first) / ((now - t0) / 1000);
      const eta = rate > 0 ? (total - done) / rate : Infinity;
      process.stderr.write(
        `${label}: ${done}/${total} ${unit} (${((100 * done) / Math.max(1, total)).toFixed(0)}%), ETA ${formatDuration(eta)}\n`,
      );
    },
    stop() {},
  };
}

/** Ctrl-C: the first stops cleanly after the work in flight, the second exits at once. */
export function installStopHandler(): { stopped: () => boolean; dispose: () => void } {
  let stop = false;
  const handler = (): void => {
    if (stop) process.exit(130);
    stop = true;
    process.stderr.write('\nstopping after the runs in flight (Ctrl-C again to abort)...\n');
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    stopped: () => stop,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
    },
  };
}
