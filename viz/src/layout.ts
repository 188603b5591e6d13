/**
 * Layout control: ForceAtlas2 (Jacomy et al. 2014) in a web worker
 * (`graphology-layout-forceatlas2/worker`, settings inferred from the graph size, Barnes–Hut for
 * large graphs, edge weights as attraction), started and stopped by the user; when stopped,
 * noverlap (`graphology-layout-noverlap`) spreads overlapping nodes apart. Positions are written
 * to the display graph's `x`/`y` (the only data the layout owns).
 */
import FA2LayoutImport from 'graphology-layout-forceatlas2/worker.js';
import { inferSettings } from 'graphology-layout-forceatlas2';
import noverlapImport from 'graphology-layout-noverlap';
import type { DisplayGraph } from './model/display.js';

// CommonJS interop (as in src/metrics/communities.ts): Vite gives module.exports as the default
// import, while the NodeNext typings describe a namespace with a `default` member.
type FA2LayoutClass = typeof FA2LayoutImport.default;
type FA2Layout = InstanceType<FA2LayoutClass>;
const FA2Layout: FA2LayoutClass = (FA2LayoutImport as unknown as { default?: FA2LayoutClass }).default ?? (FA2LayoutImport as unknown as FA2LayoutClass);
type Noverlap = typeof noverlapImport.default;
const noverlap: Noverlap = (noverlapImport as unknown as { default?: Noverlap }).default ?? (noverlapImport as unknown as Noverlap);

export class LayoutControl {
  private fa2: FA2Layout | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  onChange: (running: boolean) => void = () => {};

  constructor(
    private graph: DisplayGraph,
    private sizeOf: () => (id: string) => number,
  ) {}

  get running(): boolean {
    return this.fa2?.isRunning() ?? false;
  }

  start(autoStopMs?: number): void {
    if (this.graph.order === 0) return;
    if (!this.fa2) {
      const settings = { ...inferSettings(this.graph), barnesHutOptimize: this.graph.order > 400, edgeWeightInfluence: 0.5, slowDown: 5 };
      this.fa2 = new FA2Layout(this.graph, { settings, getEdgeWeight: 'weight' });
    }
    this.fa2.start();
    this.onChange(true);
    if (this.timer) clearTimeout(this.timer);
    if (autoStopMs) this.timer = setTimeout(() => this.stop(), autoStopMs);
  }

  /** Stop ForceAtlas2, then remove overlaps. */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.fa2?.isRunning()) this.fa2.stop();
    this.removeOverlaps();
    this.onChange(false);
  }

  removeOverlaps(): void {
    const n = this.graph.order;
    if (n === 0 || n > 5000) return; // noverlap is O(n log n) per pass but slow in JS beyond a few thousand
    const size = this.sizeOf();
    // Node sizes are in pixels; positions in graph units — scale sizes to the layout's spread.
    let minX = Infinity, maxX = -Infinity;
    this.graph.forEachNode((_id, a) => {
      if (a.x < minX) minX = a.x;
      if (a.x > maxX) maxX = a.x;
    });
    const unit = (maxX - minX) / 800 || 1;
    noverlap.assign(this.graph, {
      maxIterations: 60,
      inputReducer: (key: string, attrs: { x: number; y: number }) => ({ x: attrs.x, y: attrs.y, size: size(key) * unit }),
      settings: { margin: 1 * unit, ratio: 1.1 },
    });
  }

  kill(): void {
    if (this.timer) clearTimeout(this.timer);
    this.fa2?.kill();
    this.fa2 = null;
  }
}
