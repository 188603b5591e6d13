/**
 * The deterministic layout (pure; runs in `layout.worker.ts`, unit-tested in Node): ForceAtlas2
 * (Jacomy, Venturini, Heymann & Bastian 2014) through graphology-layout-forceatlas2's own iteration
 * function, for a FIXED number of iterations that depends only on the network's size
 * ({@link layoutIterations}), from the seeded initial positions of the display graph. The same file
 * therefore opens with the same positions, byte for byte, on any machine and any load: nothing
 * depends on a timer or on `Math.random`.
 *
 * Settings ({@link LayoutSettings}, the layout panel): gravity, scaling, LinLog, prevent overlap.
 * Fixed: strong gravity (a pull towards the centre that grows with the distance, so components that
 * are not connected to each other do not drift apart), ties' weights as attraction with influence
 * 0.5, Barnes–Hut above 400 actors with θ = 1.2 (Gephi's default), slow-down 1. "Prevent overlap"
 * runs the last fifth of the iterations with ForceAtlas2's `adjustSizes` (its anti-collision), with
 * the actors' drawn sizes converted to layout units once, at that point, from the spread reached
 * (so that a node of r pixels at the default zoom keeps r pixels of room).
 */
import iterateImport from 'graphology-layout-forceatlas2/iterate.js';

// CommonJS interop
const iterate: typeof iterateImport = (iterateImport as unknown as { default?: typeof iterateImport }).default ?? iterateImport;

/** Floats per node / edge in graphology-layout-forceatlas2's matrices. */
const PPN = 10;
const PPE = 3;

export interface LayoutSettings {
  gravity: number;
  scalingRatio: number;
  linLog: boolean;
  preventOverlap: boolean;
}

export const DEFAULT_LAYOUT: Readonly<LayoutSettings> = { gravity: 1, scalingRatio: 10, linLog: false, preventOverlap: true };

/** Iterations on opening: more for small networks (cheap), fewer for large ones (each costs more). */
export function layoutIterations(order: number): number {
  if (order <= 200) return 500;
  if (order <= 1000) return 400;
  if (order <= 5000) return 200;
  return 150;
}

/** The input of a layout run: flat arrays (transferable to a worker). */
export interface LayoutInput {
  /** x0, y0, x1, y1, … in node order. */
  positions: Float32Array;
  /** Drawn radius of each node in pixels at the default zoom (for "prevent overlap"). */
  sizes: Float32Array;
  /** Source and target node index of each tie. */
  edges: Uint32Array;
  /** Weight of each tie (attraction). */
  weights: Float32Array;
}

export class Fa2Run {
  private nodes: Float32Array;
  private edges: Float32Array;
  readonly order: number;
  readonly total: number;
  private done = 0;
  private overlapFrom: number;
  private settings: Parameters<typeof iterate>[0];
  private readonly pixelSizes: Float32Array;

  constructor(input: LayoutInput, settings: LayoutSettings, iterations: number) {
    // Typed-array reads below (`!`) stay within the arrays: n nodes (2n positions), m ties (2m ends).
    const n = input.sizes.length;
    this.order = n;
    this.total = Math.max(0, Math.floor(iterations));
    this.pixelSizes = input.sizes;
    this.nodes = new Float32Array(n * PPN);
    for (let i = 0; i < n; i++) {
      const j = i * PPN;
      this.nodes[j] = input.positions[2 * i]!;
      this.nodes[j + 1] = input.positions[2 * i + 1]!;
      this.nodes[j + 6] = 1; // mass: 1 + weighted degree, below
      this.nodes[j + 7] = 1; // convergence
      this.nodes[j + 8] = 1; // size (layout units), set when overlap prevention starts
    }
    const m = input.weights.length;
    this.edges = new Float32Array(m * PPE);
    for (let e = 0; e < m; e++) {
      const s = input.edges[2 * e]! * PPN;
      const t = input.edges[2 * e + 1]! * PPN;
      const w = input.weights[e]!;
      this.nodes[s + 6]! += w;
      this.nodes[t + 6]! += w;
      this.edges[e * PPE] = s;
      this.edges[e * PPE + 1] = t;
      this.edges[e * PPE + 2] = w;
    }
    this.settings = {
      linLogMode: settings.linLog,
      outboundAttractionDistribution: false,
      adjustSizes: false,
      edgeWeightInfluence: 0.5,
      scalingRatio: settings.scalingRatio,
      strongGravityMode: true,
      gravity: settings.gravity,
      slowDown: 1,
      barnesHutOptimize: n > 400,
      barnesHutTheta: 1.2,
    };
    this.overlapFrom = settings.preventOverlap ? Math.floor(this.total * 0.8) : Infinity;
  }

  get iterationsDone(): number {
    return this.done;
  }

  get finished(): boolean {
    return this.done >= this.total;
  }

  /** Run up to `k` more iterations; returns how many ran. */
  step(k: number): number {
    let ran = 0;
    while (ran < k && this.done < this.total && this.order > 0) {
      if (this.done === this.overlapFrom) this.startOverlapPrevention();
      iterate(this.settings, this.nodes, this.edges);
      this.done++;
      ran++;
    }
    return ran;
  }

  private startOverlapPrevention(): void {
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (let j = 0; j < this.nodes.length; j += PPN) {
      // j < length: the reads are defined
      const x = this.nodes[j]!;
      const y = this.nodes[j + 1]!;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
    // The map frames the spread in about 800 pixels at the default zoom.
    const unit = Math.max(maxX - minX, maxY - minY, 1e-6) / 800;
    for (let i = 0; i < this.order; i++) this.nodes[i * PPN + 8] = (this.pixelSizes[i]! + 1.5) * unit;
    this.settings = { ...this.settings, adjustSizes: true };
  }

  /** Current positions, x0, y0, x1, y1, … (a new array). */
  positions(): Float32Array {
    const out = new Float32Array(this.order * 2);
    for (let i = 0; i < this.order; i++) {
      out[2 * i] = this.nodes[i * PPN]!;
      out[2 * i + 1] = this.nodes[i * PPN + 1]!;
    }
    return out;
  }
}
