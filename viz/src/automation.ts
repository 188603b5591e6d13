/**
 * Read-only hooks for the end-to-end tests and the benchmark (`window.__helixlab`): what the app
 * shows (counts, selection, the map's viewport positions of actors, the labels drawn, the camera),
 * and a few drivers (open a text, a scripted camera tour, GPU sync). They read the app state; the
 * only change they make is `openText`, which opens files as a drop would.
 */
import { openDecoded } from './open.js';
import type { GraphView } from './graph-view.js';
import { app, type Timings } from './state.js';

interface Hooks {
  ready: boolean;
  state(): {
    actors: number;
    visible: number;
    analysed: boolean;
    layoutRunning: boolean;
    /** The layout has finished its iterations (or there was none to run). */
    layoutDone: boolean;
    layoutIterations: { done: number; total: number };
    selected: string | null;
    colour: string | null;
    cameraMoving: boolean;
    panelScope: string | null;
    filteredAnalysed: boolean;
    timings: Timings | null;
  };
  /** Page coordinates of an actor's centre (null when hidden), from its position and the camera. */
  nodeScreenPosition(id: string): { x: number; y: number } | null;
  /** The map's rectangle in the page. */
  mapRect(): { left: number; top: number; width: number; height: number };
  /** Every actor's position in the layout (graph order). */
  positions(): Array<[string, number, number]>;
  /** The colour the map gives an actor now. */
  colourOf(id: string): string | null;
  /** The labels drawn on the map now. */
  labels(): Array<{ id: string; text: string; x: number; y: number; w: number; h: number }>;
  /** The hovered actor and the full name the map shows for it. */
  hover(): { id: string; text: string } | null;
  openText(files: Array<{ name: string; text: string }>): Promise<void>;
  svg(): string;
  /**
   * A scripted camera tour (pan, zoom in, zoom out; `ms` in all), with the requestAnimationFrame
   * timestamps seen meanwhile (benchmarks).
   */
  cameraTour(ms: number): Promise<number[]>;
  /** The map's render statistics (main-thread ms per sigma frame, moving or not); `reset` starts a new count (benchmarks). */
  renderStats(reset?: boolean): ReturnType<GraphView['renderStats']> | null;
  /** Waits until the GPU has finished the map's submitted frames; returns the wait in ms (benchmarks). */
  gpuSync(): number;
}

declare global {
  interface Window {
    __helixlab?: Hooks;
  }
}

export function installAutomation(sigmaBox: HTMLElement): void {
  window.__helixlab = {
    ready: true,
    state: () => {
      const c = app.cur;
      const p = c?.layout.progress;
      return {
        actors: c?.display.order ?? 0,
        visible: c?.visible.size ?? 0,
        analysed: !!c?.analysis,
        layoutRunning: c?.layout.running ?? false,
        layoutDone: !!c && !c.layout.running && (c.positionsFromFile || (p !== undefined && p.total > 0 && p.done === p.total)),
        layoutIterations: { done: p?.done ?? 0, total: p?.total ?? 0 },
        selected: c?.view.state.selected ?? null,
        colour: c?.appearance.color ?? null,
        cameraMoving: c ? c.view.sigma.getCamera().isAnimating() : false,
        panelScope: c?.panelScope ?? null,
        filteredAnalysed: !!c?.filtered?.analysis,
        timings: app.timings,
      };
    },
    nodeScreenPosition: (id) => {
      const p = app.cur?.view.nodeViewport(id);
      if (!p) return null;
      const r = sigmaBox.getBoundingClientRect();
      return { x: r.left + p.x, y: r.top + p.y };
    },
    mapRect: () => {
      const r = sigmaBox.getBoundingClientRect();
      return { left: r.left, top: r.top, width: r.width, height: r.height };
    },
    positions: () => {
      const c = app.cur;
      if (!c) return [];
      return c.display.mapNodes((id, a) => [id, a.x, a.y] as [string, number, number]);
    },
    colourOf: (id) => {
      const c = app.cur;
      return c && c.display.hasNode(id) ? c.view.state.colorOf(id) : null;
    },
    labels: () => app.cur?.view.shownLabels() ?? [],
    hover: () => app.cur?.view.hoverLabel() ?? null,
    openText: async (files) => {
      await openDecoded(files, { kind: 'files', name: files.map((f) => f.name).join(' + ') });
    },
    svg: () => (app.cur ? app.cur.view.toSvg(app.cur.label, []) : ''),
    cameraTour: async (ms) => {
      const frames: number[] = [];
      const c = app.cur;
      if (!c) return frames;
      let on = true;
      const tick = (ts: number) => {
        frames.push(ts);
        if (on) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
      const cam = c.view.sigma.getCamera();
      const start = cam.getState();
      const step = ms / 4;
      await cam.animate({ x: start.x + 0.2 * start.ratio, y: start.y + 0.1 * start.ratio }, { duration: step });
      await cam.animate({ ratio: start.ratio / 3 }, { duration: step });
      await cam.animate({ x: start.x - 0.1 * start.ratio }, { duration: step });
      await cam.animate({ x: start.x, y: start.y, ratio: start.ratio }, { duration: step });
      on = false;
      return frames;
    },
    renderStats: (reset = false) => app.cur?.view.renderStats(reset) ?? null,
    gpuSync: () => app.cur?.view.gpuSync() ?? 0,
  };
}
