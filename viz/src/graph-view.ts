/**
 * The network canvas: sigma.js over the display graph. All appearance lives in the node / edge
 * reducers (colour from the current colouring, size by the chosen measure, hidden when filtered
 * out, faded outside the selected actor's neighbourhood); the graph data are never modified for
 * display. An overlay canvas, redrawn after each sigma frame, carries what sigma does not draw:
 * the markers by shape (`model/marker-shapes.ts`), the labels placed without collisions and
 * truncated (`model/labels.ts`; sigma's own labels are off), and the full name of the hovered actor.
 *
 * The camera is driven from the graph's own positions (never sigma's display cache, which holds
 * un-normalised coordinates between a graph update and the next frame: reading it sent the camera
 * tens of thousands of pixels away): {@link GraphView.fitNodes} frames a set of actors,
 * {@link GraphView.focusActor} centres one and zooms to its partners.
 *
 * Large graphs (above 2,000 actors): edges hidden while moving, nodes drawn as cheap points while
 * the camera moves (`render/fast-motion.ts`). With a software WebGL renderer (no GPU) sigma is given
 * the actors only and the ties are drawn by a Canvas 2D layer under its stage
 * (`render/canvas-edges.ts`), all in one first frame; with a GPU the first frame shows the actors
 * and sigma's ties follow in the next (progressive opening). See the constructor. The overlay is
 * `render/overlay.ts`, the image exports `render/image-export.ts`.
 */
import Sigma, { DEPTHLESS_STYLES } from 'sigma';
import type { CameraState, NodeDisplayData, EdgeDisplayData } from 'sigma/types';
import type { DisplayEdgeAttributes, DisplayGraph, DisplayNodeAttributes } from './model/display.js';
import { edgeSize } from './model/display.js';
import { fade } from './model/palette.js';
import type { Markers } from './model/measures.js';
import { installFastMotion, type FastMotion, type FrameStats } from './render/fast-motion.js';
import { installCanvasEdges, isSoftwareRenderer, webglRenderer, type CanvasEdges } from './render/canvas-edges.js';
import { MapOverlay } from './render/overlay.js';
import { viewToPng, viewToSvg, type ImageHost } from './render/image-export.js';

/** Above this many actors: edges hidden and nodes drawn as points while the camera moves, coarser picking. */
export const BIG_VIEW = 2000;
/** …or above this many ties (a dense network of fewer actors, e.g. the CORDIS sample: 1,819 actors, 21,541 ties). */
export const BIG_TIES = 8000;

/** Does this graph take the large-graph paths (2D ties in software WebGL, points while moving)? */
export function isHeavy(graph: { order: number; size: number }): boolean {
  return graph.order > BIG_VIEW || graph.size > BIG_TIES;
}

export interface ViewState {
  visibleNodes: ReadonlySet<string> | null;
  visibleEdges: ReadonlySet<string> | null;
  selected: string | null;
  sizeOf: (id: string) => number;
  colorOf: (id: string) => string;
  /** The text of an actor's label (full; the map truncates it). */
  labelOf: (id: string) => string;
  /** Actors labelled first, in order (the top actors by the size measure). */
  forcedLabels: readonly string[];
  /** Label other actors too, largest first, where there is room. */
  moreLabels: boolean;
  markers: Markers;
}

/**
 * Runs `f` (which renders a frame synchronously) with sigma's node program told not to draw the
 * picking buffer (its render skips that pass when `pickingFrameBuffer` is null). Sigma 4.0.4's
 * `nodeProgram` is private: when it is not found, `f` simply runs with picking.
 */
function withoutNodePicking(sigma: Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>, f: () => void): void {
  const program = (sigma as unknown as { nodeProgram?: Record<string, unknown> }).nodeProgram;
  const render = program?.render;
  if (!program || typeof render !== 'function') {
    f();
    return;
  }
  program.render = function (this: unknown, params: unknown, ...rest: unknown[]): unknown {
    const p = params && typeof params === 'object' ? { ...params, pickingFrameBuffer: null } : params;
    return (render as (...args: unknown[]) => unknown).call(this, p, ...rest);
  };
  try {
    f();
  } finally {
    program.render = render;
  }
}

export class GraphView {
  readonly sigma: Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>;
  private graph: DisplayGraph;
  private overlay: MapOverlay;
  private motion: FastMotion;
  /** The Canvas 2D tie layer (large graphs on software WebGL), or null: sigma draws the ties. */
  private edges2d: CanvasEdges | null = null;
  /** Large-graph paths on (see {@link isHeavy}). */
  readonly heavy: boolean;
  /** The WebGL renderer string (`WEBGL_debug_renderer_info`), when known. */
  readonly renderer: string | null;
  /** Large graphs: sigma still shows the actors-only copy; the ties follow (`showTies`). */
  private tiesPending = false;
  private tiesFrame: number | null = null;
  private tiesTimer: ReturnType<typeof setTimeout> | null = null;
  /** `performance.now()` when the frame with the ties was rendered (main thread), or null. */
  private tiesAt: number | null = null;
  private neighbours = new Set<string>();
  private frame: ReturnType<GraphView['framing']> | null = null;
  /** Software WebGL, large graphs: the actors-only graph sigma shows (the ties are the 2D layer's), else null. */
  private nodesOnly: DisplayGraph | null = null;
  private hovered: string | null = null;
  /** Called after the overlay was drawn (the app's map summary listens). */
  onFrame: () => void = () => {};
  state: ViewState = {
    visibleNodes: null,
    visibleEdges: null,
    selected: null,
    sizeOf: () => 5,
    colorOf: () => '#888888',
    labelOf: (id) => id,
    forcedLabels: [],
    moreLabels: true,
    markers: { gatekeepers: new Set(), liaisons: new Set(), hotSpots: new Set() },
  };

  /** The sigma constructor draws the first frame synchronously: pass the initial view state in. */
  constructor(container: HTMLElement, graph: DisplayGraph, initial: Partial<ViewState> = {}) {
    this.graph = graph;
    this.state = { ...this.state, ...initial };
    const big = isHeavy(graph);
    this.heavy = big;
    // Large graphs render progressively. Sigma is built on a graph with no nodes (`nullCopy`: a
    // cheap, empty first render), so that its WebGL renderer can be asked first; on a software
    // renderer the ties go to a 2D canvas layer that replaces sigma's edge program. Then sigma is
    // given a copy with the actors and no ties (`emptyCopy` keeps nodes and attributes): that
    // frame (`setGraph` renders synchronously) shows the actors, coloured and sized, without
    // processing 50,000 ties first, and without the picking pass (nothing can be hovered before
    // it is on screen). The real graph, with its ties, is handed over once that frame has been
    // presented (`showTies`: the next task after the next animation frame); its frame redraws
    // the picking buffer, so hover and click work from then on.
    this.sigma = new Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>(big ? graph.nullCopy() : graph, container, {
      // No depth layers (z-sorting of every item): cheaper on large graphs.
      styles: DEPTHLESS_STYLES,
      settings: {
        hideEdgesOnMove: big,
        hideLabelsOnMove: true,
        // Labels are drawn by this view's overlay (collision-free, truncated): sigma draws none.
        renderLabels: false,
        renderEdgeLabels: false,
        enableNodeDrag: false,
        itemSizesReference: 'screen',
        // The map is hidden (zero width) while the Scenarios tab is shown and the layout may still
        // be moving nodes: let sigma skip those frames; switching back resizes and redraws.
        allowInvalidContainer: true,
        // The framing is the actors' positions; the camera (fitNodes) adds room for their sizes.
        autoRescaleContent: 'positions',
        // Large graphs: a coarser picking buffer and no antialiasing keep frames cheap.
        pickingDownSizingRatio: big ? 4 : 2,
        antialiasEdges: !big,
        antialiasNodes: !big,
        minEdgeThickness: 0.6,
        stagePadding: 30,
        minCameraRatio: 0.005,
        maxCameraRatio: 20,
      },
      nodeReducer: (id, _data, attrs) => this.nodeReducer(id, attrs as Record<string, unknown>),
      edgeReducer: (id, _data, attrs, _s, _gs, g) => this.edgeReducer(id, attrs as Record<string, unknown>, g.extremities(id)),
    });
    // Reducers never re-run on sigma's own state flags; large graphs move with nodes as points.
    this.motion = installFastMotion(this.sigma, {
      points: big,
      isVisible: (id) => !this.state.visibleNodes || this.state.visibleNodes.has(id), // as nodeReducer
    });
    this.renderer = big ? webglRenderer(this.sigma.getWebGLContext()) : null;
    if (big && isSoftwareRenderer(this.renderer)) {
      // Software WebGL: the ties are drawn by the 2D layer, from the display graph and this
      // view's edge reducer; sigma is given the actors only (a copy whose positions follow the
      // display graph, see `positionsChanged`) and never processes a tie (that cost ≈ 10 µs per
      // tie: 0.5 s for 50,000). One frame with everything.
      this.nodesOnly = graph.emptyCopy();
      this.edges2d = installCanvasEdges(this.sigma, {
        graph,
        moving: () => this.motion.moving(),
        edgeStyle: (e, a, s, t) => {
          const d = this.edgeReducer(e, a, [s, t]);
          return d.visibility === 'hidden' ? null : { color: d.color ?? '#c8ced8', size: d.size ?? 1 };
        },
      });
      // The first frame without the picking pass (its rasterisation is slow in software); the
      // next frame, once this one is on screen, draws it, and hover and click work from then on.
      withoutNodePicking(this.sigma, () => this.sigma.setGraph(this.nodesOnly!)); // set just above
      this.tiesAt = performance.now();
      this.tiesFrame = requestAnimationFrame(() => {
        this.tiesFrame = null;
        this.tiesTimer = setTimeout(() => {
          this.tiesTimer = null;
          this.sigma.scheduleRender();
        }, 0);
      });
    } else if (big) {
      this.tiesPending = true;
      withoutNodePicking(this.sigma, () => this.sigma.setGraph(graph.emptyCopy())); // the actors' frame
      // rAF runs just before the actors' frame is presented; the timeout's task comes after it.
      this.tiesFrame = requestAnimationFrame(() => {
        this.tiesFrame = null;
        this.tiesTimer = setTimeout(() => {
          this.tiesTimer = null;
          this.showTies();
        }, 0);
      });
    }
    this.overlay = new MapOverlay({
      sigma: this.sigma,
      graph,
      state: () => this.state,
      hovered: () => this.hovered,
      moving: () => this.motion.moving(),
      heavy: big,
      isShown: (id) => this.isShown(id),
      onFrame: () => this.onFrame(),
    });
    this.sigma.on('afterRender', () => this.overlay.draw());
    this.sigma.on('enterNode', ({ node }) => {
      this.hovered = node;
      this.overlay.draw();
    });
    this.sigma.on('leaveNode', () => {
      this.hovered = null;
      this.overlay.draw();
    });
    // The first view is sigma's default camera: it frames every actor's position, and the stage
    // padding (30 px) holds the largest disc (16 px). No second frame for a camera move.
  }

  /** True until the ties have been handed to sigma (large graphs only: see the constructor). */
  get tiesPendingNow(): boolean {
    return this.tiesPending;
  }

  /**
   * Hands the real graph (actors and ties) to sigma, which renders it synchronously; a no-op once
   * done. Called by itself after the actors' first frame; exports call it first so that they
   * never miss the ties.
   */
  showTies(): void {
    if (this.tiesFrame !== null) cancelAnimationFrame(this.tiesFrame);
    if (this.tiesTimer !== null) clearTimeout(this.tiesTimer);
    this.tiesFrame = null;
    this.tiesTimer = null;
    if (!this.tiesPending) return;
    this.tiesPending = false;
    this.sigma.setGraph(this.graph);
    this.tiesAt = performance.now();
  }

  private nodeReducer(id: string, _attrs: Record<string, unknown>): Partial<NodeDisplayData> {
    const s = this.state;
    // `label: null` everywhere: sigma draws no label (and skips its label grid); the overlay does.
    if (s.visibleNodes && !s.visibleNodes.has(id)) return { visibility: 'hidden', label: null };
    const base = s.colorOf(id);
    const size = s.sizeOf(id);
    if (s.selected && id !== s.selected && !this.neighbours.has(id)) return { color: fade(base, 0.8), size, label: null };
    return { color: base, size: id === s.selected ? size + 2 : size, label: null };
  }

  private edgeReducer(id: string, attrs: Record<string, unknown>, ends: [string, string]): Partial<EdgeDisplayData> {
    const s = this.state;
    if (s.visibleEdges && !s.visibleEdges.has(id)) return { visibility: 'hidden' };
    const w = typeof attrs.weight === 'number' ? attrs.weight : 1;
    if (s.selected) {
      if (ends[0] === s.selected || ends[1] === s.selected) return { color: '#5b6b86', size: edgeSize(w) + 0.6 };
      return { color: '#f0f1f4', size: edgeSize(w) };
    }
    return { color: '#c8ced8', size: edgeSize(w) };
  }

  setState(patch: Partial<ViewState>): void {
    const keys = Object.keys(patch) as Array<keyof ViewState>;
    if (keys.every((k) => this.state[k] === patch[k])) return; // nothing changed: no re-render
    this.state = { ...this.state, ...patch };
    this.edges2d?.invalidate();
    if ('sizeOf' in patch || 'visibleNodes' in patch) this.overlay.invalidateOrder();
    if ('selected' in patch) {
      this.neighbours = new Set(
        this.state.selected && this.graph.hasNode(this.state.selected) ? this.graph.neighbors(this.state.selected) : [],
      );
    }
    this.sigma.scheduleRefresh();
  }

  /** Positions changed in the graph (layout): redraw. */
  positionsChanged(): void {
    this.frame = null;
    const copy = this.nodesOnly;
    if (copy) {
      // Sigma shows the actors-only copy: bring it the new positions.
      copy.updateEachNodeAttributes(
        (id, a) => {
          const src = this.graph.getNodeAttributes(id);
          a.x = src.x;
          a.y = src.y;
          return a;
        },
        { attributes: ['x', 'y'] },
      );
    }
    this.edges2d?.invalidate();
    this.sigma.scheduleRefresh();
  }

  /**
   * Sigma's framing of the graph as its next frame will compute it (autoRescale over every
   * actor's position: sigma's `createNormalizationFunction` of that extent), so that the camera
   * can be aimed right after the layout moved the actors, before sigma has re-rendered.
   */
  private framing(): { norm: (p: { x: number; y: number }) => { x: number; y: number }; dims: { width: number; height: number } } {
    if (this.frame) return this.frame;
    let x0 = Infinity;
    let x1 = -Infinity;
    let y0 = Infinity;
    let y1 = -Infinity;
    this.graph.forEachNode((_id, a) => {
      if (a.x < x0) x0 = a.x;
      if (a.x > x1) x1 = a.x;
      if (a.y < y0) y0 = a.y;
      if (a.y > y1) y1 = a.y;
    });
    if (x0 === Infinity) x0 = x1 = y0 = y1 = 0;
    let ratio = Math.max(x1 - x0, y1 - y0);
    if (!(ratio > 0) || !Number.isFinite(ratio)) ratio = 1;
    const dx = (x1 + x0) / 2;
    const dy = (y1 + y0) / 2;
    this.frame = {
      norm: (p) => ({ x: 0.5 + (p.x - dx) / ratio, y: 0.5 + (p.y - dy) / ratio }),
      dims: { width: x1 - x0 || 1, height: y1 - y0 || 1 },
    };
    return this.frame;
  }

  get hoveredNode(): string | null {
    return this.hovered;
  }

  private isShown(id: string): boolean {
    return this.graph.hasNode(id) && (!this.state.visibleNodes || this.state.visibleNodes.has(id));
  }

  /** Framed-graph coordinates of an actor, from its position in the graph. */
  private framedOf(id: string): { x: number; y: number } | null {
    if (!this.graph.hasNode(id)) return null;
    const a = this.graph.getNodeAttributes(id);
    return this.framing().norm({ x: a.x, y: a.y });
  }

  /**
   * Viewport position of a shown actor (pixels from the map's top-left; its radius too), from its
   * graph position and the current camera; null when hidden or unknown.
   */
  nodeViewport(id: string): { x: number; y: number; r: number } | null {
    if (!this.isShown(id)) return null;
    const f = this.framedOf(id)!; // shown, so in the graph
    const p = this.sigma.framedGraphToViewport(f, { graphDimensions: this.framing().dims });
    return { x: p.x, y: p.y, r: this.sigma.scaleSize(this.state.sizeOf(id)) };
  }

  /** The camera state that frames the given framed-graph box in the map, with room for `pad` pixels. */
  private cameraFor(box: { x0: number; y0: number; x1: number; y1: number }, pad: number, maxRatio: number): CameraState {
    const { width, height } = this.sigma.getDimensions();
    const cx = (box.x0 + box.x1) / 2;
    const cy = (box.y0 + box.y1) / 2;
    const at1 = { x: cx, y: cy, ratio: 1, angle: 0 };
    const graphDimensions = this.framing().dims;
    const a = this.sigma.framedGraphToViewport({ x: box.x0, y: box.y0 }, { cameraState: at1, graphDimensions });
    const b = this.sigma.framedGraphToViewport({ x: box.x1, y: box.y1 }, { cameraState: at1, graphDimensions });
    const availW = Math.max(20, width - 2 * pad);
    const availH = Math.max(20, height - 2 * pad);
    let ratio = Math.max(Math.abs(b.x - a.x) / availW, Math.abs(b.y - a.y) / availH);
    if (!Number.isFinite(ratio) || ratio <= 0) ratio = Math.min(0.2, maxRatio);
    ratio = Math.min(maxRatio, Math.max(0.01, ratio));
    return { x: cx, y: cy, ratio, angle: 0 };
  }

  private moveCamera(state: CameraState, duration: number): Promise<void> {
    const cam = this.sigma.getCamera();
    if (duration <= 0 || this.heavy) {
      cam.setState(state);
      return Promise.resolve();
    }
    return cam.animate(state, { duration });
  }

  /**
   * Frame the given actors (null: every shown actor; hidden ones are skipped) so that they and
   * their discs fit in the map. Returns when the camera has arrived.
   */
  fitNodes(ids: Iterable<string> | null, duration = 350): Promise<void> {
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    let y1 = -Infinity;
    let maxR = 0;
    const see = (id: string) => {
      if (!this.isShown(id)) return;
      const p = this.framedOf(id);
      if (!p) return;
      if (p.x < x0) x0 = p.x;
      if (p.x > x1) x1 = p.x;
      if (p.y < y0) y0 = p.y;
      if (p.y > y1) y1 = p.y;
      maxR = Math.max(maxR, this.state.sizeOf(id));
    };
    if (ids === null && !this.state.visibleNodes) return this.moveCamera({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, duration);
    if (ids === null) this.graph.forEachNode((id) => see(id));
    else for (const id of ids) see(id);
    if (x0 === Infinity) return this.moveCamera({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, duration);
    return this.moveCamera(this.cameraFor({ x0, y0, x1, y1 }, 24 + maxR, 1.2), duration);
  }

  /**
   * Centre an actor and zoom so that its shown partners fit around it (at most twice as far out as
   * the whole network). Returns when the camera has arrived.
   */
  focusActor(id: string, duration = 450): Promise<void> {
    const c = this.framedOf(id);
    if (!c || !this.isShown(id)) return Promise.resolve();
    let dx = 0;
    let dy = 0;
    let maxR = this.state.sizeOf(id);
    this.graph.forEachNeighbor(id, (n) => {
      if (!this.isShown(n)) return;
      const p = this.framedOf(n);
      if (!p) return;
      dx = Math.max(dx, Math.abs(p.x - c.x));
      dy = Math.max(dy, Math.abs(p.y - c.y));
      maxR = Math.max(maxR, this.state.sizeOf(n));
    });
    // An isolate, or partners on top of it: a close view (a twentieth of the network's span).
    if (dx === 0 && dy === 0) dx = dy = 0.05;
    // Up to twice the whole view: a hub at the rim still has its partners around it.
    const state = this.cameraFor({ x0: c.x - dx, y0: c.y - dy, x1: c.x + dx, y1: c.y + dy }, 24 + maxR, 2);
    return this.moveCamera(state, duration);
  }

  zoom(factor: number): void {
    const cam = this.sigma.getCamera();
    void cam.animate({ ratio: cam.ratio / factor }, { duration: 200 });
  }

  /** True while the camera animates or the user drags / zooms. */
  get moving(): boolean {
    return this.motion.moving();
  }

  /** Viewport position and radius of a shown node from sigma's display data (valid after a render). */
  private displayed(id: string): { x: number; y: number; r: number } | null {
    return this.overlay.displayed(id);
  }

  /** The labels on the map now (id and the text drawn), for tests and the export. */
  shownLabels(): Array<{ id: string; text: string; x: number; y: number; w: number; h: number }> {
    return this.overlay.placed.map((l) => ({ ...l }));
  }

  /** The hovered actor and the full name shown for it, or null. */
  hoverLabel(): { id: string; text: string } | null {
    return this.hovered && this.overlay.hoverText !== null ? { id: this.hovered, text: this.overlay.hoverText } : null;
  }

  // ------------------------------------------------------------------ exports

  /** Pixels per layout unit at the default framing (camera ratio 1), for sizes in exports. */
  pixelsPerUnit(): number {
    const cam = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
    const o = this.sigma.framedGraphToViewport(this.sigma.graphToFramedGraph({ x: 0, y: 0 }), { cameraState: cam });
    const u = this.sigma.framedGraphToViewport(this.sigma.graphToFramedGraph({ x: 1, y: 0 }), { cameraState: cam });
    return Math.hypot(u.x - o.x, u.y - o.y) || 1;
  }

  /** A tie's display data (colour, size, hidden), from sigma or, when sigma has no ties, the edge reducer. */
  edgeDisplay(e: string, source: string, target: string): { color: string; size: number } | null {
    const d = this.nodesOnly ? this.edgeReducer(e, this.graph.getEdgeAttributes(e), [source, target]) : this.sigma.getEdgeDisplayData(e);
    if (!d || d.visibility === 'hidden') return null;
    return { color: d.color ?? '#c8ced8', size: d.size ?? 1 };
  }

  /** The current view as SVG: visible nodes and edges at their screen positions, the labels shown, markers by shape. */
  toSvg(title: string, legend: Array<{ label: string; color: string }>): string {
    this.showTies(); // an export right after opening still has every tie
    return viewToSvg(this.imageHost(), title, legend);
  }

  /** The current view as PNG (the SVG rasterised at 2× for print). */
  toPng(title: string, legend: Array<{ label: string; color: string }>): Promise<Blob> {
    this.showTies();
    return viewToPng(this.imageHost(), title, legend);
  }

  private imageHost(): ImageHost {
    return {
      sigma: this.sigma,
      graph: this.graph,
      state: this.state,
      labels: this.overlay.placed,
      displayed: (id) => this.displayed(id),
      edge: (e, s, t) => this.edgeDisplay(e, s, t),
    };
  }

  // ------------------------------------------------------------------ benchmarks

  /** Render statistics since the last reset, and which motion levers are on (benchmarks). */
  renderStats(reset = false): FrameStats & {
    active: FastMotion['active'];
    renderer: string | null;
    /** The Canvas 2D tie layer: on or not, and its last drawing (main thread), or null when not installed. */
    canvasEdges: { active: boolean; lastDrawMs: number; edges: number } | null;
    /**
     * Progressive opening (large graphs): whether the ties still wait, and when their frame was
     * rendered (`performance.now()`, or null).
     */
    ties: { pending: boolean; renderedAt: number | null };
  } {
    const d = this.edges2d?.lastDraw();
    const s = {
      ...this.motion.stats(),
      active: { ...this.motion.active },
      renderer: this.renderer,
      canvasEdges: this.edges2d && d ? { active: this.edges2d.active, lastDrawMs: d.ms, edges: d.edges } : null,
      ties: { pending: this.tiesPending, renderedAt: this.tiesAt },
    };
    if (reset) this.motion.resetStats();
    return s;
  }

  /**
   * Waits for the GPU to finish the frames submitted so far (a one-pixel synchronous read of the
   * map's WebGL canvas, and of the 2D tie layer when it is on) and returns how long that took, in
   * ms. For benchmarks: a frame is on screen only once this has returned, which in software WebGL
   * can be seconds after sigma's render call.
   */
  gpuSync(): number {
    const t0 = performance.now();
    const gl = this.sigma.getWebGLContext();
    gl.bindFramebuffer(gl.FRAMEBUFFER, null);
    gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, new Uint8Array(4));
    this.edges2d?.sync(); // the 2D tie layer's drawing, rasterised
    return performance.now() - t0;
  }

  kill(): void {
    if (this.tiesFrame !== null) cancelAnimationFrame(this.tiesFrame);
    if (this.tiesTimer !== null) clearTimeout(this.tiesTimer);
    this.tiesPending = false;
    this.edges2d?.kill();
    this.motion.kill();
    this.sigma.kill();
  }
}
