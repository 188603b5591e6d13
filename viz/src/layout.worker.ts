/**
 * The layout in a web worker: a fixed number of ForceAtlas2 iterations (`model/fa2.ts`), with the
 * positions posted back every few iterations (progress, and the map moving as it settles) and once
 * more at the end. The iterations and their results do not depend on when the positions are
 * posted, so the final positions are the same on every run. A `stop` message ends the run after the
 * current batch, with the positions reached.
 */
import { Fa2Run, type LayoutInput, type LayoutSettings } from './model/fa2.js';

export interface LayoutRequest {
  type: 'start';
  input: LayoutInput;
  settings: LayoutSettings;
  iterations: number;
  /** Post positions at most this often (ms). */
  reportMs: number;
}
export type LayoutMessage =
  | { type: 'progress'; done: number; total: number; positions: Float32Array }
  | { type: 'done'; done: number; total: number; positions: Float32Array; stopped: boolean }
  | { type: 'error'; message: string };

let stopRequested = false;
const post = (m: LayoutMessage, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(m, transfer);

self.onmessage = (ev: MessageEvent<LayoutRequest | { type: 'stop' }>) => {
  const req = ev.data;
  if (req.type === 'stop') {
    stopRequested = true;
    return;
  }
  try {
    const run = new Fa2Run(req.input, req.settings, req.iterations);
    let last = performance.now();
    const loop = () => {
      // Batches of iterations between message-queue turns, so that a `stop` is seen.
      const until = performance.now() + 40;
      while (!run.finished && !stopRequested && performance.now() < until) run.step(1);
      if (run.finished || stopRequested) {
        const positions = run.positions();
        post({ type: 'done', done: run.iterationsDone, total: run.total, positions, stopped: !run.finished }, [positions.buffer]);
        return;
      }
      if (performance.now() - last >= req.reportMs) {
        last = performance.now();
        const positions = run.positions();
        post({ type: 'progress', done: run.iterationsDone, total: run.total, positions }, [positions.buffer]);
      }
      setTimeout(loop, 0);
    };
    loop();
  } catch (e) {
    post({ type: 'error', message: e instanceof Error ? e.message : String(e) });
  }
};
