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
 * Large graphs: edges hidden while moving, nodes drawn as cheap points while the camera moves
 * (`render/fast-motion.ts`); with a software WebGL renderer (no GPU) their ties are drawn on a
 * Canvas 2D layer under sigma's stage (`render/canvas-edges.ts`); the first frame shows the actors
 * and the ties follow (progressive opening, see the constructor).
 */
import Sigma, { DEPTHLESS_STYLES } from 'sigma';
import type { CameraState, NodeDisplayData, EdgeDisplayData } from 'sigma/types';
import type { DisplayEdgeAttributes, DisplayGraph, DisplayNodeAttributes } from './model/display.js';
import { edgeSize } from './model/display.js';
import { fade, MARK_COLORS } from './model/palette.js';
import type { Markers } from './model/measures.js';
import { placeLabels, truncateLabel, type LabelCandidate, type PlacedLabel } from './model/labels.js';
import { markerPaths, type MarkerKind } from './model/marker-shapes.js';
import { toSvg, type SvgEdge, type SvgNode } from './model/svg.js';
import { installFastMotion, type FastMotion, type FrameStats } from './render/fast-motion.js';
import { installCanvasEdges, isSoftwareRenderer, webglRenderer, type CanvasEdges } from './render/canvas-edges.js';

/** Above this many actors: edges hidden and nodes drawn as points while the camera moves, coarser picking. */
export const BIG_VIEW = 2000;

const LABEL_FONT = '12px Inter, "Segoe UI", system-ui, Helvetica, Arial, sans-serif';
const LABEL_HEIGHT = 16;

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
  private overlay: HTMLCanvasElement;
  private motion: FastMotion;
  /** The Canvas 2D tie layer (large graphs on software WebGL), or null: sigma draws the ties. */
  private edges2d: CanvasEdges | null = null;
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
  private hovered: string | null = null;
  /** Actors by decreasing size (for "more labels"), recomputed when sizes or visibility change. */
  private bySize: string[] | null = null;
  private readonly textWidth = new Map<string, number>();
  /** The labels drawn on the last frame (for the SVG export and the tests). */
  private placed: PlacedLabel[] = [];
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
    const big = graph.order > BIG_VIEW;
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
    if (big) {
      if (isSoftwareRenderer(this.renderer)) this.edges2d = installCanvasEdges(this.sigma, { graph, moving: () => this.motion.moving() });
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
    this.overlay = this.sigma.createCanvas('markers', { style: { pointerEvents: 'none' } });
    this.sigma.on('afterRender', () => this.drawOverlay());
    this.sigma.on('enterNode', ({ node }) => {
      this.hovered = node;
      this.drawOverlay();
    });
    this.sigma.on('leaveNode', () => {
      this.hovered = null;
      this.drawOverlay();
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
    if ('sizeOf' in patch || 'visibleNodes' in patch) this.bySize = null;
    if ('selected' in patch) {
      this.neighbours = new Set(this.state.selected && this.graph.hasNode(this.state.selected) ? this.graph.neighbors(this.state.selected) : []);
    }
    this.sigma.scheduleRefresh();
  }

  /** Positions changed in the graph (layout): redraw. */
  positionsChanged(): void {
    this.frame = null;
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
    if (duration <= 0 || this.graph.order > BIG_VIEW) {
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

  // ------------------------------------------------------------------ overlay: markers, labels

  private measure(text: string, ctx: CanvasRenderingContext2D): number {
    let w = this.textWidth.get(text);
    if (w === undefined) {
      w = ctx.measureText(text).width;
      if (this.textWidth.size > 50_000) this.textWidth.clear();
      this.textWidth.set(text, w);
    }
    return w;
  }

  /** Viewport position and radius of a shown node from sigma's display data (valid after a render). */
  private displayed(id: string): { x: number; y: number; r: number } | null {
    const d = this.sigma.getNodeDisplayData(id);
    if (!d || d.visibility === 'hidden') return null;
    const p = this.sigma.framedGraphToViewport({ x: d.x, y: d.y });
    return { x: p.x, y: p.y, r: this.sigma.scaleSize(d.size) };
  }

  private labelCandidates(width: number, height: number): LabelCandidate[] {
    const s = this.state;
    const out: LabelCandidate[] = [];
    const seen = new Set<string>();
    const add = (id: string) => {
      if (seen.has(id) || id === this.hovered) return;
      seen.add(id);
      const p = this.displayed(id);
      if (!p || p.x < -20 || p.y < -20 || p.x > width + 20 || p.y > height + 20) return;
      out.push({ id, x: p.x, y: p.y, r: p.r, text: truncateLabel(s.labelOf(id)) });
    };
    if (s.selected) add(s.selected);
    for (const id of s.forcedLabels) add(id);
    if (s.moreLabels) {
      if (!this.bySize) {
        const ids = this.graph.filterNodes((id) => this.isShown(id));
        this.bySize = ids.sort((a, b) => s.sizeOf(b) - s.sizeOf(a) || (a < b ? -1 : 1));
      }
      // Enough candidates to fill the map; the rest would not find room anyway.
      for (let i = 0; i < this.bySize.length && out.length < 1500; i++) add(this.bySize[i]!);
    }
    return out;
  }

  private drawOverlay(): void {
    const c = this.overlay;
    const dpr = window.devicePixelRatio || 1;
    const { width, height } = this.sigma.getDimensions();
    if (c.width !== Math.round(width * dpr) || c.height !== Math.round(height * dpr)) {
      c.width = Math.round(width * dpr);
      c.height = Math.round(height * dpr);
      c.style.width = `${width}px`;
      c.style.height = `${height}px`;
    }
    const ctx = c.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, width, height);
    const moving = this.motion.moving();
    const big = this.graph.order > BIG_VIEW;
    if (moving && big) {
      this.placed = [];
      return; // the points of fast motion only; markers and labels come back when the camera stops
    }
    // Markers, by shape.
    const draw = (ids: Iterable<string>, kind: MarkerKind, color: string) => {
      ctx.strokeStyle = color;
      for (const id of ids) {
        const p = this.displayed(id);
        if (!p) continue;
        for (const path of markerPaths(kind, p.x, p.y, p.r)) {
          ctx.lineWidth = path.width;
          ctx.setLineDash(path.dash);
          ctx.stroke(new Path2D(path.d));
        }
      }
    };
    const m = this.state.markers;
    draw(m.hotSpots, 'hotSpot', MARK_COLORS.hotSpot);
    draw(m.gatekeepers, 'gatekeeper', MARK_COLORS.gatekeeper);
    draw(m.liaisons, 'liaison', MARK_COLORS.liaison);
    if (this.state.selected) draw([this.state.selected], 'selected', MARK_COLORS.selected);
    ctx.setLineDash([]);
    // Labels, placed without collisions; none while a small graph's camera moves (they would jitter).
    ctx.font = LABEL_FONT;
    this.placed = moving
      ? []
      : placeLabels(this.labelCandidates(width, height), (t) => this.measure(t, ctx), {
          width,
          height,
          lineHeight: LABEL_HEIGHT,
          max: Math.max(8, Math.round((width * height) / 9000)),
        });
    ctx.textBaseline = 'middle';
    for (const l of this.placed) {
      ctx.fillStyle = 'rgba(255,255,255,0.78)';
      ctx.fillRect(l.x, l.y + 1, l.w, l.h - 2);
      ctx.fillStyle = l.id === this.state.selected ? '#0b2f5c' : '#1d2433';
      ctx.fillText(l.text, l.x + 2, l.y + l.h / 2);
    }
    // The hovered actor: its full name in a box.
    if (this.hovered) {
      const p = this.displayed(this.hovered);
      if (p) {
        ctx.font = `600 ${LABEL_FONT}`;
        const text = this.state.labelOf(this.hovered);
        const w = Math.min(width - 8, ctx.measureText(text).width + 12);
        const x = Math.min(Math.max(4, p.x + p.r + 6), width - w - 4);
        const y = Math.min(Math.max(4, p.y - 11), height - 26);
        ctx.fillStyle = '#ffffff';
        ctx.strokeStyle = '#1d2433';
        ctx.lineWidth = 1;
        ctx.fillRect(x, y, w, 22);
        ctx.strokeRect(x + 0.5, y + 0.5, w - 1, 21);
        ctx.fillStyle = '#1d2433';
        ctx.save();
        ctx.beginPath();
        ctx.rect(x, y, w - 6, 22);
        ctx.clip();
        ctx.fillText(text, x + 6, y + 11);
        ctx.restore();
      }
    }
    this.onFrame();
  }

  /** The labels on the map now (id and the text drawn), for tests and the export. */
  shownLabels(): Array<{ id: string; text: string; x: number; y: number; w: number; h: number }> {
    return this.placed.map((l) => ({ ...l }));
  }

  // ------------------------------------------------------------------ exports

  /** Pixels per layout unit at the default framing (camera ratio 1), for sizes in exports. */
  pixelsPerUnit(): number {
    const cam = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
    const o = this.sigma.framedGraphToViewport(this.sigma.graphToFramedGraph({ x: 0, y: 0 }), { cameraState: cam });
    const u = this.sigma.framedGraphToViewport(this.sigma.graphToFramedGraph({ x: 1, y: 0 }), { cameraState: cam });
    return Math.hypot(u.x - o.x, u.y - o.y) || 1;
  }

  /** The current view as SVG: visible nodes and edges at their screen positions, the labels shown, markers by shape. */
  toSvg(title: string, legend: Array<{ label: string; color: string }>): string {
    this.showTies(); // an export right after opening still has every tie
    const { width, height } = this.sigma.getDimensions();
    const labels = new Map(this.placed.map((l) => [l.id, l]));
    const m = this.state.markers;
    const nodes: SvgNode[] = [];
    this.graph.forEachNode((id) => {
      const p = this.displayed(id);
      if (!p) return;
      if (p.x < -50 || p.y < -50 || p.x > width + 50 || p.y > height + 50) return;
      const d = this.sigma.getNodeDisplayData(id)!; // displayed() found it
      const l = labels.get(id);
      const marks: NonNullable<SvgNode['marks']> = [];
      if (m.hotSpots.has(id)) marks.push({ kind: 'hotSpot', color: MARK_COLORS.hotSpot });
      if (m.gatekeepers.has(id)) marks.push({ kind: 'gatekeeper', color: MARK_COLORS.gatekeeper });
      if (m.liaisons.has(id)) marks.push({ kind: 'liaison', color: MARK_COLORS.liaison });
      if (id === this.state.selected) marks.push({ kind: 'selected', color: MARK_COLORS.selected });
      const n: SvgNode = { id, x: p.x, y: p.y, size: p.r, color: d.color, label: l ? l.text : null, marks };
      if (l) n.labelAt = { x: l.x, y: l.y };
      nodes.push(n);
    });
    const ids = new Set(nodes.map((n) => n.id));
    const edges: SvgEdge[] = [];
    this.graph.forEachEdge((e, _a, s, t) => {
      if (!ids.has(s) || !ids.has(t)) return;
      const d = this.sigma.getEdgeDisplayData(e);
      if (!d || d.visibility === 'hidden') return;
      edges.push({ source: s, target: t, size: Math.max(0.5, this.sigma.scaleSize(d.size)), color: d.color });
    });
    return toSvg(nodes, edges, width, height, { title, legend });
  }

  /** The current view as PNG (the SVG rasterised at 2× for print). */
  async toPng(title: string, legend: Array<{ label: string; color: string }>): Promise<Blob> {
    const svg = this.toSvg(title, legend);
    const { width, height } = this.sigma.getDimensions();
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
    try {
      const img = new Image();
      img.decoding = 'async';
      img.src = url;
      await img.decode();
      const scale = 2;
      const canvas = document.createElement('canvas');
      canvas.width = Math.round(width * scale);
      canvas.height = Math.round(height * scale);
      const ctx = canvas.getContext('2d');
      if (!ctx) throw new Error('no 2D canvas');
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, width, height);
      return await new Promise<Blob>((res, rej) => canvas.toBlob((b) => (b ? res(b) : rej(new Error('PNG encoding failed'))), 'image/png'));
    } finally {
      URL.revokeObjectURL(url);
    }
  }

  // ------------------------------------------------------------------ benchmarks

  /** Render statistics since the last reset, and which motion levers are on (benchmarks). */
  renderStats(reset = false): FrameStats & {
    active: FastMotion['active'];
    renderer: string | null;
    /** The Canvas 2D tie layer: on or not, and its last drawing (main thread), or null when not installed. */
    canvasEdges: { active: boolean; lastDrawMs: number; edges: number } | null;
    /** Progressive opening (large graphs): whether the ties still wait, and when their frame was rendered (`performance.now()`, or null). */
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
