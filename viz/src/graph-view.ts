/**
 * The network canvas: sigma.js over the display graph. All appearance lives in the node / edge
 * reducers (colour by helix role, size by the chosen measure, hidden when filtered out, faded
 * outside the selected actor's neighbourhood, labels forced for the most central actors); the
 * graph data are never modified for display. Brokers and lock-in hot spots are drawn as rings
 * on an overlay canvas after each sigma frame. Large graphs: edges hidden while moving, sparser labels,
 * and nodes drawn as cheap points while the camera moves (see `render/fast-motion.ts`); with a
 * software WebGL renderer (no GPU), their ties are drawn on a Canvas 2D layer under sigma's stage
 * instead of by sigma's WebGL edge program (see `render/canvas-edges.ts`).
 */
import Sigma, { DEPTHLESS_STYLES } from 'sigma';
import type { NodeDisplayData, EdgeDisplayData } from 'sigma/types';
import type { DisplayEdgeAttributes, DisplayGraph, DisplayNodeAttributes } from './model/display.js';
import { edgeSize } from './model/display.js';
import { fade, helixColor } from './model/palette.js';
import type { Markers } from './model/measures.js';
import { toSvg, type SvgEdge, type SvgNode } from './model/svg.js';
import { installFastMotion, type FastMotion, type FrameStats } from './render/fast-motion.js';
import { installCanvasEdges, isSoftwareRenderer, webglRenderer, type CanvasEdges } from './render/canvas-edges.js';

/** Above this many actors: edges hidden and nodes drawn as points while the camera moves, coarser picking. */
export const BIG_VIEW = 2000;

export const MARK_COLORS = { gatekeeper: '#1d2433', liaison: '#7b2cbf', hotSpot: '#d62828', selected: '#0b5cad' } as const;

export interface ViewState {
  visibleNodes: ReadonlySet<string> | null;
  visibleEdges: ReadonlySet<string> | null;
  selected: string | null;
  sizeOf: (id: string) => number;
  forcedLabels: ReadonlySet<string>;
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
  private hovered: string | null = null;
  state: ViewState = {
    visibleNodes: null,
    visibleEdges: null,
    selected: null,
    sizeOf: () => 5,
    forcedLabels: new Set(),
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
    // frame (`setGraph` renders synchronously) shows the actors, coloured, sized and labelled,
    // without processing 50,000 ties first, and without the picking pass (nothing can be hovered
    // before it is on screen). The real graph, with its ties, is handed over once that frame has
    // been presented (`showTies`: the next task after the next animation frame); its frame
    // redraws the picking buffer, so hover and click work from then on.
    this.sigma = new Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>(big ? graph.nullCopy() : graph, container, {
      // No depth layers (z-sorting of every item): cheaper on large graphs; hover still shows labels.
      styles: DEPTHLESS_STYLES,
      settings: {
        hideEdgesOnMove: big,
        hideLabelsOnMove: graph.order > 5000,
        renderEdgeLabels: false,
        labelDensity: big ? 0.35 : 0.5,
        labelGridCellSize: big ? 140 : 110,
        labelRenderedSizeThreshold: big ? 9 : 5,
        enableNodeDrag: false,
        itemSizesReference: 'screen',
        // The map is hidden (zero width) while the Scenarios tab is shown and the layout may still
        // be moving nodes: let sigma skip those frames; switching back resizes and redraws.
        allowInvalidContainer: true,
        // Small graphs: frame the view so that labels fit too (sigma 4 iterates the fit).
        autoRescaleContent: big ? 'nodes' : 'labels',
        // Large graphs: a coarser picking buffer and no edge antialiasing keep frames cheap.
        pickingDownSizingRatio: big ? 4 : 2,
        antialiasEdges: !big,
        antialiasNodes: !big,
        minEdgeThickness: 0.6,
        stagePadding: 30,
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
    this.sigma.on('afterRender', () => this.drawMarkers());
    this.sigma.on('enterNode', ({ node }) => {
      this.hovered = node;
    });
    this.sigma.on('leaveNode', () => {
      this.hovered = null;
    });
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

  private nodeReducer(id: string, attrs: Record<string, unknown>): Partial<NodeDisplayData> {
    const s = this.state;
    if (s.visibleNodes && !s.visibleNodes.has(id)) return { visibility: 'hidden', label: null };
    const base = helixColor(attrs.helix);
    const size = s.sizeOf(id);
    const label = typeof attrs.label === 'string' ? attrs.label : id;
    if (s.selected) {
      if (id === s.selected) return { color: base, size: size + 2, label, labelVisibility: 'visible' };
      if (this.neighbours.has(id)) return { color: base, size, label , labelVisibility: s.forcedLabels.has(id) ? 'visible' : 'auto' };
      return { color: fade(base, 0.8), size, label: null };
    }
    if (s.forcedLabels.has(id)) return { color: base, size, label, labelVisibility: 'visible' };
    return { color: base, size, label };
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
    if ('selected' in patch) {
      this.neighbours = new Set(this.state.selected && this.graph.hasNode(this.state.selected) ? this.graph.neighbors(this.state.selected) : []);
    }
    this.sigma.scheduleRefresh();
  }

  get hoveredNode(): string | null {
    return this.hovered;
  }

  /** Viewport position of a node (pixels), or null when hidden / unknown. */
  nodeViewport(id: string): { x: number; y: number; r: number } | null {
    const d = this.sigma.getNodeDisplayData(id);
    if (!d || d.visibility === 'hidden') return null;
    const p = this.sigma.framedGraphToViewport({ x: d.x, y: d.y });
    return { x: p.x, y: p.y, r: this.sigma.scaleSize(d.size) };
  }

  private drawMarkers(): void {
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
    const ring = (ids: ReadonlySet<string>, color: string, extra: number, dash: number[]) => {
      ctx.strokeStyle = color;
      ctx.lineWidth = 2;
      ctx.setLineDash(dash);
      for (const id of ids) {
        const p = this.nodeViewport(id);
        if (!p) continue;
        ctx.beginPath();
        ctx.arc(p.x, p.y, p.r + extra, 0, Math.PI * 2);
        ctx.stroke();
      }
    };
    const m = this.state.markers;
    ring(m.hotSpots, MARK_COLORS.hotSpot, 3, [3, 2]);
    ring(m.gatekeepers, MARK_COLORS.gatekeeper, 3, []);
    ring(m.liaisons, MARK_COLORS.liaison, 6, []);
    if (this.state.selected) ring(new Set([this.state.selected]), MARK_COLORS.selected, 9, []);
  }

  focus(id: string): void {
    const d = this.sigma.getNodeDisplayData(id);
    if (!d) return;
    void this.sigma.getCamera().animate({ x: d.x, y: d.y, ratio: Math.min(this.sigma.getCamera().ratio, 0.4) }, { duration: 450 });
  }

  zoom(factor: number): void {
    const cam = this.sigma.getCamera();
    void cam.animate({ ratio: cam.ratio / factor }, { duration: 200 });
  }

  resetCamera(): void {
    void this.sigma.getCamera().animate({ x: 0.5, y: 0.5, ratio: 1, angle: 0 }, { duration: 300 });
  }

  /** The current view as SVG: visible nodes and edges at their screen positions, shown labels. */
  toSvg(title: string, legend: Array<{ label: string; color: string }>): string {
    this.showTies(); // an export right after opening still has every tie
    const { width, height } = this.sigma.getDimensions();
    const shown = this.sigma.getNodeDisplayedLabels();
    const nodes: SvgNode[] = [];
    this.graph.forEachNode((id) => {
      const d = this.sigma.getNodeDisplayData(id);
      if (!d || d.visibility === 'hidden') return;
      const p = this.sigma.framedGraphToViewport({ x: d.x, y: d.y });
      if (p.x < -50 || p.y < -50 || p.x > width + 50 || p.y > height + 50) return;
      const m = this.state.markers;
      const ring = m.gatekeepers.has(id) ? MARK_COLORS.gatekeeper : m.liaisons.has(id) ? MARK_COLORS.liaison : m.hotSpots.has(id) ? MARK_COLORS.hotSpot : undefined;
      const n: SvgNode = { id, x: p.x, y: p.y, size: this.sigma.scaleSize(d.size), color: d.color, label: shown.has(id) ? d.label : null };
      if (ring) n.ring = ring;
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
      const ctx = canvas.getContext('2d')!;
      ctx.scale(scale, scale);
      ctx.drawImage(img, 0, 0, width, height);
      return await new Promise<Blob>((res, rej) => canvas.toBlob((b) => (b ? res(b) : rej(new Error('PNG encoding failed'))), 'image/png'));
    } finally {
      URL.revokeObjectURL(url);
    }
  }

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
   * map's WebGL canvas, and of the 2D tie layer when it is on) and returns how long that took, in ms. For benchmarks: a frame is on
   * screen only once this has returned, which in software WebGL can be seconds after sigma's
   * render call.
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
