/**
 * Ties of large networks drawn on a Canvas 2D layer under sigma's WebGL stage, for machines whose
 * WebGL is a software renderer (Chromium `--disable-gpu` / no usable GPU: ANGLE on SwiftShader,
 * Mesa llvmpipe, ...).
 *
 * Why: sigma 4 draws ties as instanced quads, and a software WebGL renderer pays ≈ 25–40 µs per
 * instance whatever the zoom: 50,000 ties ≈ 5–7 s per full frame (even one non-instanced draw of
 * 50,000 lines took 2.5 s). Skia (Canvas 2D, CPU) strokes *hairlines* (width ≤ 1 px: one
 * anti-aliased pass, alpha scaled by the width) very fast: 50,000 ties in one path ≈ 0.2–0.3 s
 * measured here. Wider strokes go through Skia's general stroker and are slow again (≈ 1 s for
 * 50,000 2-px lines even in small batches, 14 s in one path), so a tie wider than 1 px is drawn as
 * ⌈w⌉ parallel hairlines of width w/⌈w⌉ each, side by side across the tie: the same total ink,
 * at ⌈w⌉ × the hairline cost (ties here are 0.6–4 px).
 *
 * What is drawn is sigma's own display data, after the reducers: the colour, size and visibility
 * of every tie (hidden ties and ties of hidden actors are skipped), node positions in the framed
 * graph system mapped with sigma's current viewport transform. Sigma's own edge program and its
 * edge frame pass are switched off while this layer is on (both wrapped, checked at run time like
 * `fast-motion.ts`), so no tie is drawn twice.
 *
 * When: on every sigma frame where the camera does not move and something changed since the last
 * drawing (camera, size, sigma's data, graph, or `invalidate()` from the view); while the camera
 * moves (and `hideEdgesOnMove` is set) the layer is cleared, as sigma hides its own ties then.
 */
import type { Attributes } from 'graphology-types';
import type Sigma from 'sigma';

type AnyFn = (...args: unknown[]) => unknown;

/** Words in `WEBGL_debug_renderer_info`'s renderer string that mean software rasterisation. */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render driver/i;

/**
 * The unmasked WebGL renderer string of a context (e.g. "ANGLE (Google, Vulkan 1.3.0 (SwiftShader
 * Device (Subzero) ...), SwiftShader driver)" in Debian's Chromium with `--disable-gpu`), or null
 * when the `WEBGL_debug_renderer_info` extension is unavailable (some browsers hide it).
 */
export function webglRenderer(gl: WebGL2RenderingContext): string | null {
  try {
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const name: unknown = ext ? gl.getParameter(ext.UNMASKED_RENDERER_WEBGL) : null;
    return typeof name === 'string' ? name : null;
  } catch {
    return null;
  }
}

/** True when the renderer string names a software rasteriser (unknown renderer: false). */
export function isSoftwareRenderer(renderer: string | null): boolean {
  return renderer !== null && SOFTWARE_RENDERERS.test(renderer);
}

export interface CanvasEdges {
  /** Whether sigma's edge program is replaced (false: sigma's internals not found; plain sigma). */
  readonly active: boolean;
  /** Forces a redraw at the next still frame (call after the reducers' inputs changed). */
  invalidate(): void;
  /** Main-thread time of the last drawing (ms) and how many ties it drew. */
  lastDraw(): { ms: number; edges: number };
  /** The layer's canvas (for exports that composite it). */
  readonly canvas: HTMLCanvasElement;
  /** Waits until the layer's drawing is rasterised (a one-pixel read); returns the wait in ms (benchmarks). */
  sync(): number;
  kill(): void;
}

interface SigmaPrivates {
  edgeProgram?: Record<string, unknown>;
  edgeFramePass?: Record<string, unknown>;
  processEdges?: unknown;
  itemBuckets?: { edges?: Record<string, unknown> };
  internals?: {
    nodeDataCache?: Record<string, { x: number; y: number; visibility?: string } | undefined>;
    edgeDataCache?: Record<string, { color: string; size: number; visibility?: string } | undefined>;
  };
}

const LAYER_ID = 'helixlab-edges-2d';

/**
 * Installs the 2D tie layer on a sigma instance. Call right after constructing sigma, before its
 * first frame with ties (see `GraphView`: it constructs sigma on an empty graph for that reason).
 */
export function installCanvasEdges<N extends Attributes, E extends Attributes>(
  sigma: Sigma<N, E>,
  options: {
    /** The graph sigma shows (or is about to be given with `setGraph`). */
    graph: ReturnType<Sigma<N, E>['getGraph']>;
    /** Sigma's "camera is moving" test (as `FastMotion.moving`). */
    moving: () => boolean;
    /**
     * The ties' appearance, when sigma is not given the ties at all (its graph holds the actors
     * only): colour and size of a tie, or null when hidden. Without it, sigma's own display data
     * of the ties are read.
     */
    edgeStyle?: (edge: string, attrs: Attributes, source: string, target: string) => { color: string; size: number } | null;
  },
): CanvasEdges {
  const priv = sigma as unknown as SigmaPrivates;
  const graph = options.graph;
  let on = false;

  // 1. Sigma's edge program and edge frame pass: skipped while this layer is on. Programs are
  //    rebuilt after a lost WebGL context, so the wrappers are (re)checked before every frame.
  const wrapped = new WeakSet<object>();
  const wrap = (obj: Record<string, unknown> | undefined, key: string): boolean => {
    if (!obj || typeof obj[key] !== 'function') return false;
    if (wrapped.has(obj)) return true;
    const original = obj[key] as AnyFn;
    obj[key] = function (this: unknown, ...args: unknown[]): unknown {
      return on ? undefined : original.apply(this, args);
    };
    wrapped.add(obj);
    return true;
  };
  const ensureWrapped = (): boolean => wrap(priv.edgeProgram, 'render') && wrap(priv.edgeFramePass, 'run');
  on = ensureWrapped();

  // 1b. Sigma's edge processing (`processEdges`: per tie, its edge-data-texture slot, its vertex
  //     data for the edge program and its picking id) feeds only the WebGL edge program, the edge
  //     frame pass, edge labels and edge picking: while this layer is on, the first two are
  //     switched off, and the map has no edge labels and no edge events. So it runs over no
  //     ties then (≈ 0.45 s for 50,000 ties on software WebGL, at each full refresh): its
  //     bucket of ties reads as empty for that call. The ties' display data (what this layer
  //     draws) are computed before, by sigma's refresh, and are unaffected. If this layer turns
  //     off (sigma's internals changed under it), a full refresh re-processes the ties.
  let skippedEdges = false;
  const edgesNeeded = (): boolean => sigma.getSetting('enableEdgeEvents') === true || sigma.getSetting('renderEdgeLabels') === true;
  const processEdges = priv.processEdges;
  const buckets = priv.itemBuckets?.edges;
  const skipEdgeProcessing = typeof processEdges === 'function' && !!buckets && typeof buckets.getSorted === 'function';
  const ownProcessEdges = Object.prototype.hasOwnProperty.call(priv, 'processEdges');
  if (skipEdgeProcessing) {
    priv.processEdges = function (this: unknown, ...args: unknown[]): unknown {
      if (!on || edgesNeeded()) {
        skippedEdges = false;
        return (processEdges as AnyFn).apply(this, args);
      }
      const own = Object.prototype.hasOwnProperty.call(buckets, 'getSorted');
      const getSorted = buckets.getSorted;
      buckets.getSorted = (): string[] => [];
      try {
        return (processEdges as AnyFn).apply(this, args);
      } finally {
        if (own) buckets.getSorted = getSorted;
        else delete buckets.getSorted;
        skippedEdges = true;
      }
    };
  }

  // 2. The layer: a 2D canvas under the WebGL stage (nodes and labels stay above the ties).
  const canvas = sigma.createCanvas(LAYER_ID, { beforeLayer: 'stage', style: { pointerEvents: 'none' } });
  const ctx = canvas.getContext('2d', { alpha: true });

  let dirty = true;
  let drawn = false;
  let last = { ms: 0, edges: 0 };
  const invalidate = (): void => {
    dirty = true;
  };

  // Edge list (keys and extremities), rebuilt when the graph's structure changes.
  let edgeKeys: string[] = [];
  let sources: string[] = [];
  let targets: string[] = [];
  let attributes: Attributes[] = [];
  let structureDirty = true;
  const rebuildStructure = (): void => {
    const k: string[] = [];
    const s: string[] = [];
    const t: string[] = [];
    const at: Attributes[] = [];
    graph.forEachEdge((e, a, src, tgt) => {
      k.push(e);
      s.push(src);
      t.push(tgt);
      at.push(a as Attributes);
    });
    edgeKeys = k;
    sources = s;
    targets = t;
    attributes = at;
    structureDirty = false;
  };
  const onStructure = (): void => {
    structureDirty = true;
    dirty = true;
  };
  const structureEvents = ['nodeAdded', 'nodeDropped', 'edgeAdded', 'edgeDropped', 'cleared', 'edgesCleared'] as const;
  const attributeEvents = [
    'nodeAttributesUpdated',
    'eachNodeAttributesUpdated',
    'edgeAttributesUpdated',
    'eachEdgeAttributesUpdated',
    'attributesUpdated',
  ] as const;
  for (const ev of structureEvents) graph.on(ev, onStructure);
  for (const ev of attributeEvents) graph.on(ev, invalidate);
  const camera = sigma.getCamera();
  camera.on('updated', invalidate);
  sigma.on('resize', invalidate);
  sigma.on('afterProcess', invalidate);

  const draw = (): void => {
    if (!ctx) return;
    const t0 = performance.now();
    const dpr = window.devicePixelRatio || 1;
    const { width, height } = sigma.getDimensions();
    const cw = Math.round(width * dpr);
    const ch = Math.round(height * dpr);
    if (canvas.width !== cw || canvas.height !== ch) {
      canvas.width = cw;
      canvas.height = ch;
      canvas.style.width = `${width}px`;
      canvas.style.height = `${height}px`;
    }
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, cw, ch);
    if (structureDirty) rebuildStructure();

    // Sigma's viewport transform (framed graph → CSS pixels) is affine: read it off three points.
    const o = sigma.framedGraphToViewport({ x: 0, y: 0 });
    const ex = sigma.framedGraphToViewport({ x: 1, y: 0 });
    const ey = sigma.framedGraphToViewport({ x: 0, y: 1 });
    const a = (ex.x - o.x) * dpr;
    const b = (ex.y - o.y) * dpr;
    const c = (ey.x - o.x) * dpr;
    const d = (ey.y - o.y) * dpr;
    const e = o.x * dpr;
    const f = o.y * dpr;

    // Display data: sigma's caches read in place (no copy per item) when present, else the API.
    const nodeCache = priv.internals?.nodeDataCache;
    const edgeCache = priv.internals?.edgeDataCache;
    const nodeData = nodeCache ? (id: string) => nodeCache[id] : (id: string) => sigma.getNodeDisplayData(id);
    const style = options.edgeStyle;
    const edgeData = style
      ? (id: string, i: number) => style(id, attributes[i]!, sources[i]!, targets[i]!)
      : edgeCache
        ? (id: string) => edgeCache[id]
        : (id: string) => sigma.getEdgeDisplayData(id);
    const minThickness = sigma.getSetting('minEdgeThickness');
    // Screen-size scale of a tie's `size` at this zoom (as sigma's `scaleSize`).
    const sizeScale = sigma.scaleSize(1);

    // Group by colour and width (rounded to 0.1 px): one path per group.
    const groups = new Map<string, { color: string; width: number; coords: number[] }>();
    const margin = 8 * dpr;
    let count = 0;
    for (let i = 0; i < edgeKeys.length; i++) {
      const ed = edgeData(edgeKeys[i]!, i) as { color: string; size: number; visibility?: string } | null | undefined;
      if (!ed || ed.visibility === 'hidden') continue;
      const s = nodeData(sources[i]!);
      const t = nodeData(targets[i]!);
      if (!s || !t || s.visibility === 'hidden' || t.visibility === 'hidden') continue;
      const x1 = a * s.x + c * s.y + e;
      const y1 = b * s.x + d * s.y + f;
      const x2 = a * t.x + c * t.y + e;
      const y2 = b * t.x + d * t.y + f;
      // Off-screen ties (both ends beyond the same side) are skipped.
      if (
        (x1 < -margin && x2 < -margin) ||
        (y1 < -margin && y2 < -margin) ||
        (x1 > cw + margin && x2 > cw + margin) ||
        (y1 > ch + margin && y2 > ch + margin)
      )
        continue;
      const w = Math.round(Math.max(minThickness, ed.size * sizeScale) * dpr * 10) / 10;
      const key = `${ed.color}|${w}`;
      let g = groups.get(key);
      if (!g) {
        g = { color: ed.color, width: w, coords: [] };
        groups.set(key, g);
      }
      g.coords.push(x1, y1, x2, y2);
      count++;
    }

    ctx.lineCap = 'butt';
    for (const g of groups.values()) {
      ctx.strokeStyle = g.color;
      const passes = Math.max(1, Math.ceil(g.width - 1e-6));
      const lw = g.width / passes; // ≤ 1 px: Skia's hairline path
      ctx.lineWidth = lw;
      const xy = g.coords;
      ctx.beginPath();
      if (passes === 1) {
        for (let j = 0; j < xy.length; j += 4) {
          ctx.moveTo(xy[j]!, xy[j + 1]!);
          ctx.lineTo(xy[j + 2]!, xy[j + 3]!);
        }
      } else {
        for (let j = 0; j < xy.length; j += 4) {
          const x1 = xy[j]!;
          const y1 = xy[j + 1]!;
          const x2 = xy[j + 2]!;
          const y2 = xy[j + 3]!;
          const len = Math.hypot(x2 - x1, y2 - y1) || 1;
          const nx = -(y2 - y1) / len;
          const ny = (x2 - x1) / len;
          for (let p = 0; p < passes; p++) {
            const off = (p - (passes - 1) / 2) * lw;
            ctx.moveTo(x1 + nx * off, y1 + ny * off);
            ctx.lineTo(x2 + nx * off, y2 + ny * off);
          }
        }
      }
      ctx.stroke();
    }
    drawn = true;
    dirty = false;
    last = { ms: performance.now() - t0, edges: count };
  };

  const clear = (): void => {
    if (!ctx || !drawn) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    drawn = false;
    dirty = true; // the ties come back at the next still frame
  };

  const onBeforeRender = (): void => {
    on = ensureWrapped();
    // The layer is off now but sigma's ties were not processed: process them (next frame).
    if (!on && skippedEdges) {
      skippedEdges = false;
      sigma.scheduleRefresh();
    }
  };
  const onAfterRender = (): void => {
    if (!on) {
      clear();
      return;
    }
    if (options.moving() && sigma.getSetting('hideEdgesOnMove')) clear();
    else if (dirty || !drawn) draw();
  };
  sigma.on('beforeRender', onBeforeRender);
  sigma.on('afterRender', onAfterRender);

  return {
    get active() {
      return on;
    },
    canvas,
    invalidate,
    lastDraw: () => ({ ...last }),
    sync: () => {
      const t0 = performance.now();
      ctx?.getImageData(0, 0, 1, 1);
      return performance.now() - t0;
    },
    kill: () => {
      sigma.off('beforeRender', onBeforeRender);
      sigma.off('afterRender', onAfterRender);
      sigma.off('resize', invalidate);
      sigma.off('afterProcess', invalidate);
      camera.off('updated', invalidate);
      for (const ev of structureEvents) graph.off(ev, onStructure);
      for (const ev of attributeEvents) graph.off(ev, invalidate);
      if (skipEdgeProcessing) {
        if (ownProcessEdges) priv.processEdges = processEdges;
        else delete priv.processEdges;
      }
      on = false;
    },
  };
}
