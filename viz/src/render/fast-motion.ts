/**
 * Cheap camera motion for large networks in sigma.js 4, measured on software WebGL (Chromium
 * `--disable-gpu`: ANGLE on SwiftShader, as in CI and on machines without a usable GPU).
 *
 * Where a pan / zoom frame went (10,000 actors, 50,000 ties, edges already hidden while moving):
 * SwiftShader pays a fixed cost per *instance* of an instanced draw (≈ 25–40 µs; 10,000 tiny
 * quads ≈ 0.2–0.4 s, the same quads off-screen still ≈ 0.17 s), and sigma draws its nodes as
 * instanced quads twice per frame (screen + picking buffer), plus an edge "frame pass" over all
 * 50,000 edges even when the edges are hidden. A non-instanced `gl.POINTS` draw of the same
 * 10,000 nodes costs a few tens of ms. Separately, sigma re-runs the node and edge reducers for
 * *every* item whenever a graph-level state flag flips (`isPanning`, `isZooming`, `hasHovered`),
 * i.e. at the start and end of every pan, every wheel step and every hover: ≈ 0.6–0.9 s of main
 * thread on 60,000 items, because reducers are opaque and sigma must assume they read that state.
 *
 * So, while the camera moves (sigma's own definition of "moving", the one `hideEdgesOnMove`
 * uses), this module:
 * - skips sigma's node program (screen and picking passes) and its edge frame pass, and
 * - draws the visible nodes itself as round points, one non-instanced draw, reading position,
 *   size and colour from sigma's own node data texture (so colours, sizes, fading and filters are
 *   exactly what the reducers produced);
 * and, at any size, it tells sigma that the reducers depend on item state only (they read the
 * view state of `GraphView`, never sigma's graph state), so flag flips no longer re-run them.
 * When the camera stops, sigma renders a normal frame: sigma's node program, picking (hover,
 * click), labels and edges are all back.
 *
 * The two first levers touch sigma 4.0 internals (`nodeProgram`, `edgeFramePass`,
 * style-dependency analysis) through a narrow, run-time-checked view: when a future sigma renames
 * them, the corresponding lever simply switches off (`FastMotion.active` says which are on) and
 * the map renders as plain sigma does, only slower.
 */
import type { Attributes } from 'graphology-types';
import type Sigma from 'sigma';
import type { RenderParams } from 'sigma/types';

type AnyFn = (...args: unknown[]) => unknown;

/** The private sigma 4.0 members used here; each is checked before use. */
interface SigmaPrivates {
  nodeProgram?: Record<string, unknown>;
  edgeFramePass?: Record<string, unknown>;
  internals?: { nodeStyleAnalysis?: { dependency?: unknown } };
  edgeStyleAnalysis?: { dependency?: unknown };
}

export interface FastMotionOptions {
  /** Draw nodes as points and skip sigma's node program / picking / edge frame pass while moving. */
  points: boolean;
  /**
   * Whether the node reducer shows this node. Read once per gesture for every node; when absent,
   * sigma's display data are read instead (a copy per node: ≈ 0.1–0.2 s on 10,000 nodes).
   */
  isVisible?: (id: string) => boolean;
}

export interface FrameStats {
  /** Frames sigma rendered since the last reset. */
  frames: number;
  /** Of which rendered while the camera moved. */
  movingFrames: number;
  /** Main-thread time of each render (ms), `beforeRender` → `afterRender`, in order. */
  renderMs: number[];
  /** Same, only the frames rendered while moving. */
  movingRenderMs: number[];
}

export interface FastMotion {
  /** Which levers are on (false when sigma's internals were not found, or not asked for). */
  readonly active: { points: boolean; skipNodeProgram: boolean; skipEdgeFramePass: boolean; reducerDependency: boolean };
  /** Sigma's "camera is moving" test (camera animation, mouse drag, wheel zoom, touch move). */
  moving(): boolean;
  stats(): FrameStats;
  resetStats(): void;
  kill(): void;
}

const LAYER_ID = 'helixlab-motion-points';

const VERTEX_SHADER = /* glsl */ `#version 300 es
in float a_index;
uniform sampler2D u_nodeData;
uniform int u_nodeDataWidth;
uniform mat3 u_matrix;
uniform float u_sizeScale;
uniform vec2 u_halfViewport;
out vec4 v_color;
out float v_radius;
out float v_half;

vec4 texel(int t) {
  return texelFetch(u_nodeData, ivec2(t % u_nodeDataWidth, t / u_nodeDataWidth), 0);
}

void main() {
  int t = int(a_index) * 2;
  vec4 geometry = texel(t);     // x, y (framed graph), size, shape
  vec4 flags = texel(t + 1);    // rotation, label rotation, packed rgb, alpha
  // As sigma's node program: the quad's half side, in framed-graph units, then in pixels.
  float size = geometry.z * u_sizeScale;
  vec2 edge = (u_matrix * vec3(size, 0.0, 0.0)).xy * u_halfViewport;
  float half_ = length(edge);
  gl_Position = vec4((u_matrix * vec3(geometry.xy, 1.0)).xy, 0.0, 1.0);
  gl_PointSize = max(1.0, 2.0 * half_);
  int rgb = int(flags.z + 0.5);
  v_color = vec4(float((rgb >> 16) & 255), float((rgb >> 8) & 255), float(rgb & 255), 255.0 * flags.w) / 255.0;
  v_half = 0.5 * gl_PointSize;
  // sigma's hard-edged disc stops inside its quad by its anti-aliasing margin: half a pixel
  // matched sigma's own frame best (0.6% of the node pixels differ, all on disc rims).
  v_radius = max(0.5, half_ - 0.5);
}
`;

const FRAGMENT_SHADER = /* glsl */ `#version 300 es
precision highp float;
in vec4 v_color;
in float v_radius;
in float v_half;
out vec4 fragColor;
void main() {
  vec2 p = (gl_PointCoord - 0.5) * 2.0 * v_half;
  if (dot(p, p) > v_radius * v_radius) discard;
  fragColor = vec4(v_color.rgb * v_color.a, v_color.a);
}
`;

/** Installs the motion levers on a sigma instance (see the module comment). */
export function installFastMotion<N extends Attributes, E extends Attributes>(sigma: Sigma<N, E>, options: FastMotionOptions): FastMotion {
  const priv = sigma as unknown as SigmaPrivates;
  const camera = sigma.getCamera();
  const mouse = sigma.getMouseCaptor();
  const touch = sigma.getTouchCaptor();
  const moving = (): boolean =>
    camera.isAnimating() || mouse.isMoving || mouse.draggedEvents > 0 || mouse.currentWheelDirection !== 0 || touch.isMoving;

  const active = { points: false, skipNodeProgram: false, skipEdgeFramePass: false, reducerDependency: false };

  // 1. Reducers read GraphView's state, not sigma's graph state: item-level dependency is exact.
  const nodeAnalysis = priv.internals?.nodeStyleAnalysis;
  const edgeAnalysis = priv.edgeStyleAnalysis;
  if (nodeAnalysis?.dependency === 'graph-state' && edgeAnalysis?.dependency === 'graph-state') {
    nodeAnalysis.dependency = 'item-state';
    edgeAnalysis.dependency = 'item-state';
    active.reducerDependency = true;
  }

  // 2. While moving: no sigma node program (screen + picking), no edge frame pass. Programs are
  //    rebuilt after a lost WebGL context, so the wrappers are (re)checked before every frame.
  let pointsOn = false;
  const wrapped = new WeakSet<object>();
  const wrap = (obj: Record<string, unknown> | undefined, key: string, skip: () => boolean): boolean => {
    if (!obj || typeof obj[key] !== 'function') return false;
    if (wrapped.has(obj)) return true;
    const original = obj[key] as AnyFn;
    obj[key] = function (this: unknown, ...args: unknown[]): unknown {
      return skip() ? undefined : original.apply(this, args);
    };
    wrapped.add(obj);
    return true;
  };
  const ensureWrapped = (): void => {
    if (!options.points) return;
    active.skipNodeProgram = wrap(priv.nodeProgram, 'render', () => pointsOn);
    active.skipEdgeFramePass = wrap(priv.edgeFramePass, 'run', () => pointsOn && sigma.getSetting('hideEdgesOnMove'));
  };

  // 3. The replacement: visible nodes as points, in node-data-texture index order.
  let indices = new Float32Array(0);
  let indicesDirty = true;
  const rebuildIndices = (): void => {
    const texture = sigma.getNodeDataTexture();
    const graph = sigma.getGraph();
    const out = new Float32Array(graph.order);
    let k = 0;
    const isVisible = options.isVisible ?? ((id: string) => sigma.getNodeDisplayData(id)?.visibility !== 'hidden');
    graph.forEachNode((id) => {
      if (!isVisible(id)) return;
      const i = texture.getIndex(id);
      if (i >= 0) out[k++] = i;
    });
    indices = out.subarray(0, k);
    indicesDirty = false;
  };

  const pointsLayer = (gl: WebGL2RenderingContext) => {
    const compile = (type: number, src: string): WebGLShader => {
      const s = gl.createShader(type);
      if (!s) throw new Error('fast-motion: cannot create a shader');
      gl.shaderSource(s, src);
      gl.compileShader(s);
      if (!gl.getShaderParameter(s, gl.COMPILE_STATUS))
        throw new Error(`fast-motion: shader: ${gl.getShaderInfoLog(s) ?? 'compile error'}`);
      return s;
    };
    const vs = compile(gl.VERTEX_SHADER, VERTEX_SHADER);
    const fs = compile(gl.FRAGMENT_SHADER, FRAGMENT_SHADER);
    const program = gl.createProgram();
    if (!program) throw new Error('fast-motion: cannot create a program');
    gl.attachShader(program, vs);
    gl.attachShader(program, fs);
    gl.linkProgram(program);
    if (!gl.getProgramParameter(program, gl.LINK_STATUS)) throw new Error(`fast-motion: link: ${gl.getProgramInfoLog(program) ?? 'error'}`);
    const u = {
      nodeData: gl.getUniformLocation(program, 'u_nodeData'),
      nodeDataWidth: gl.getUniformLocation(program, 'u_nodeDataWidth'),
      matrix: gl.getUniformLocation(program, 'u_matrix'),
      sizeScale: gl.getUniformLocation(program, 'u_sizeScale'),
      halfViewport: gl.getUniformLocation(program, 'u_halfViewport'),
    };
    const aIndex = gl.getAttribLocation(program, 'a_index');
    const vao = gl.createVertexArray();
    const buffer = gl.createBuffer();
    gl.bindVertexArray(vao);
    gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
    gl.enableVertexAttribArray(aIndex);
    gl.vertexAttribPointer(aIndex, 1, gl.FLOAT, false, 0, 0);
    gl.bindVertexArray(null);
    gl.bindBuffer(gl.ARRAY_BUFFER, null);
    let uploaded: Float32Array | null = null;
    return {
      render(params: RenderParams): void {
        if (!pointsOn) return;
        if (indicesDirty) rebuildIndices();
        if (indices.length === 0) return;
        gl.bindBuffer(gl.ARRAY_BUFFER, buffer);
        if (uploaded !== indices) {
          gl.bufferData(gl.ARRAY_BUFFER, indices, gl.DYNAMIC_DRAW);
          uploaded = indices;
        }
        gl.bindBuffer(gl.ARRAY_BUFFER, null);
        gl.useProgram(program);
        gl.uniform1i(u.nodeData, params.nodeDataTextureUnit);
        gl.uniform1i(u.nodeDataWidth, params.nodeDataTextureWidth);
        gl.uniformMatrix3fv(u.matrix, false, params.matrix);
        gl.uniform1f(u.sizeScale, (params.correctionRatio / params.sizeRatio) * 2);
        gl.uniform2f(u.halfViewport, (params.width * params.pixelRatio) / 2, (params.height * params.pixelRatio) / 2);
        const blend = gl.isEnabled(gl.BLEND);
        gl.enable(gl.BLEND);
        gl.blendFunc(gl.ONE, gl.ONE_MINUS_SRC_ALPHA);
        gl.bindVertexArray(vao);
        gl.drawArrays(gl.POINTS, 0, indices.length);
        gl.bindVertexArray(null);
        if (!blend) gl.disable(gl.BLEND);
      },
      kill(): void {
        gl.deleteBuffer(buffer);
        gl.deleteVertexArray(vao);
        gl.deleteProgram(program);
        gl.deleteShader(vs);
        gl.deleteShader(fs);
        uploaded = null;
      },
    };
  };

  // Frame statistics (main thread), and the per-frame switch.
  const stats: FrameStats = { frames: 0, movingFrames: 0, renderMs: [], movingRenderMs: [] };
  const MAX_KEPT = 2000;
  let t0 = 0;
  let frameMoving = false;
  let wasMoving = false;
  let layerAdded = false;
  const onBeforeRender = (): void => {
    t0 = performance.now();
    ensureWrapped();
    frameMoving = moving();
    // The layer is added on the first moving frame, inside this render: adding it earlier would
    // schedule one more full frame (all edges) right after the first one.
    if (frameMoving && active.points && !layerAdded) {
      try {
        sigma.addCustomLayerProgram(LAYER_ID, 'nodes', pointsLayer);
        layerAdded = true;
      } catch (e) {
        // No points without the layer: sigma's node program keeps drawing (plain sigma, slower).
        active.points = false;
        console.warn(`HelixLab map: fast motion is off: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
    pointsOn = active.points && active.skipNodeProgram && frameMoving;
    if (pointsOn && !wasMoving) indicesDirty = true; // a new gesture: visibility may have changed since the last one
    wasMoving = frameMoving;
  };
  const onAfterRender = (): void => {
    const dt = performance.now() - t0;
    stats.frames++;
    if (stats.renderMs.length < MAX_KEPT) stats.renderMs.push(dt);
    if (frameMoving) {
      stats.movingFrames++;
      if (stats.movingRenderMs.length < MAX_KEPT) stats.movingRenderMs.push(dt);
    }
    pointsOn = false;
  };
  const onAfterProcess = (): void => {
    indicesDirty = true;
  };
  sigma.on('beforeRender', onBeforeRender);
  sigma.on('afterRender', onAfterRender);
  sigma.on('afterProcess', onAfterProcess);

  if (options.points) {
    ensureWrapped();
    active.points = active.skipNodeProgram;
  }

  return {
    active,
    moving,
    stats: () => ({
      frames: stats.frames,
      movingFrames: stats.movingFrames,
      renderMs: [...stats.renderMs],
      movingRenderMs: [...stats.movingRenderMs],
    }),
    resetStats: () => {
      stats.frames = 0;
      stats.movingFrames = 0;
      stats.renderMs = [];
      stats.movingRenderMs = [];
    },
    kill: () => {
      sigma.off('beforeRender', onBeforeRender);
      sigma.off('afterRender', onAfterRender);
      sigma.off('afterProcess', onAfterProcess);
      if (layerAdded) sigma.removeCustomLayerProgram(LAYER_ID);
      pointsOn = false;
    },
  };
}
