/**
 * Layout control: runs the deterministic ForceAtlas2 layout (`model/fa2.ts`) in a web worker
 * (`layout.worker.ts`) over the display graph, writes the positions it reports into the graph's
 * `x`/`y` (the only data the layout owns) and tells the app its progress. One run at a time; a new
 * run or `kill` ends the previous worker. Node sizes for "prevent overlap" are the degree-based
 * sizes of the opening (not the chosen size measure), so that the result does not depend on what
 * the user picked meanwhile.
 */
import type { DisplayGraph } from './model/display.js';
import { DEFAULT_LAYOUT, layoutIterations, type LayoutInput, type LayoutSettings } from './model/fa2.js';
import type { LayoutMessage, LayoutRequest } from './layout.worker.js';
import { S } from './strings.js';

export interface LayoutProgress {
  running: boolean;
  done: number;
  total: number;
  /** The last run ended by the stop button. */
  stopped: boolean;
}

/** Flat layout input of a display graph (node order = graph order). */
export function layoutInput(graph: DisplayGraph, sizeOf: (id: string) => number): LayoutInput {
  const ids = graph.nodes();
  const index = new Map(ids.map((id, i) => [id, i]));
  const positions = new Float32Array(ids.length * 2);
  const sizes = new Float32Array(ids.length);
  ids.forEach((id, i) => {
    const a = graph.getNodeAttributes(id);
    positions[2 * i] = a.x;
    positions[2 * i + 1] = a.y;
    sizes[i] = sizeOf(id);
  });
  const edges = new Uint32Array(graph.size * 2);
  const weights = new Float32Array(graph.size);
  let e = 0;
  graph.forEachEdge((_k, a, s, t) => {
    edges[2 * e] = index.get(s)!; // both ends are nodes of the graph
    edges[2 * e + 1] = index.get(t)!;
    weights[e] = a.weight > 0 ? a.weight : 1;
    e++;
  });
  return { positions, sizes, edges, weights };
}

/** Write flat positions (graph order) into the graph's x / y. */
export function applyPositions(graph: DisplayGraph, positions: Float32Array): void {
  let i = 0;
  graph.updateEachNodeAttributes(
    (_id, a) => {
      a.x = positions[2 * i]!;
      a.y = positions[2 * i + 1]!;
      i++;
      return a;
    },
    { attributes: ['x', 'y'] },
  );
}

export class LayoutControl {
  private worker: Worker | null = null;
  settings: LayoutSettings = { ...DEFAULT_LAYOUT };
  progress: LayoutProgress = { running: false, done: 0, total: 0, stopped: false };
  /** Called on every progress report and at the end. */
  onProgress: (p: LayoutProgress) => void = () => {};
  /** Called when positions were written into the graph. */
  onPositions: () => void = () => {};
  /** Called on a failure in the worker. */
  onError: (message: string) => void = () => {};
  /** Resolves when the current run ends (immediately when none runs). */
  private finished: Promise<void> = Promise.resolve();
  private resolveRun: (() => void) | null = null;
  /** The latest reported positions not yet applied, and the animation frame that will apply them. */
  private pending: Float32Array | null = null;
  private frame: number | null = null;

  constructor(
    private graph: DisplayGraph,
    private sizeOf: (id: string) => number,
  ) {}

  get running(): boolean {
    return this.progress.running;
  }

  /** Run `iterations` (default: the opening count for the graph's size) from the current positions. */
  start(iterations = layoutIterations(this.graph.order)): Promise<void> {
    this.kill();
    if (this.graph.order === 0) return Promise.resolve();
    const worker = new Worker(new URL('./layout.worker.ts', import.meta.url), { type: 'module' });
    this.worker = worker;
    this.progress = { running: true, done: 0, total: iterations, stopped: false };
    this.onProgress(this.progress);
    const big = this.graph.order > 2000 || this.graph.size > 8000;
    let resolve: () => void = () => {};
    this.finished = new Promise<void>((r) => (resolve = r));
    this.resolveRun = resolve;
    worker.onmessage = (ev: MessageEvent<LayoutMessage>) => {
      if (this.worker !== worker) return;
      const m = ev.data;
      if (m.type === 'error') {
        this.end(false);
        this.onError(m.message);
        resolve();
        return;
      }
      this.progress = { running: m.type === 'progress', done: m.done, total: m.total, stopped: m.type === 'done' && m.stopped };
      if (m.type === 'progress') {
        // Coalesced: the positions are applied at the next animation frame, the latest only, so a
        // map whose frames take longer than the reports come (software WebGL) is never flooded.
        this.pending = m.positions;
        if (this.frame === null) {
          this.frame = requestAnimationFrame(() => {
            this.frame = null;
            if (this.worker !== worker || !this.pending) return;
            applyPositions(this.graph, this.pending);
            this.pending = null;
            this.onPositions();
            this.onProgress(this.progress);
          });
        }
        return;
      }
      if (this.frame !== null) cancelAnimationFrame(this.frame);
      this.frame = null;
      this.pending = null;
      applyPositions(this.graph, m.positions);
      this.onPositions();
      worker.terminate();
      this.worker = null;
      resolve();
      this.onProgress(this.progress);
    };
    worker.onerror = (ev) => {
      if (this.worker !== worker) return;
      this.end(false);
      this.onError(ev.message || S.errors.layoutWorkerFailed);
      resolve();
    };
    const input = layoutInput(this.graph, this.sizeOf);
    const req: LayoutRequest = { type: 'start', input, settings: { ...this.settings }, iterations, reportMs: big ? 900 : 150 };
    worker.postMessage(req, [input.positions.buffer, input.sizes.buffer, input.edges.buffer, input.weights.buffer]);
    return this.finished;
  }

  /** Ask the run to stop; it posts the positions reached. */
  stop(): void {
    this.worker?.postMessage({ type: 'stop' });
  }

  /** Resolves when the current run has ended. */
  whenDone(): Promise<void> {
    return this.finished;
  }

  private end(stopped: boolean): void {
    this.worker?.terminate();
    this.worker = null;
    this.progress = { ...this.progress, running: false, stopped };
    this.onProgress(this.progress);
  }

  kill(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.frame = null;
    this.pending = null;
    if (this.worker) {
      this.worker.terminate();
      this.worker = null;
      this.progress = { ...this.progress, running: false };
    }
    this.resolveRun?.();
    this.resolveRun = null;
  }
}
