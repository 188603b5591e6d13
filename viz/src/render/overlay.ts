/**
 * The map's overlay canvas, drawn after every sigma frame: what sigma does not draw. Markers by
 * shape (`model/marker-shapes.ts`: square = gatekeeper, diamond = liaison, dashed circle =
 * lock-in hot spot, double circle = selected), the labels placed without collisions and cut to
 * length (`model/labels.ts`; candidates: the selected actor, the top actors, then the others by
 * size), and the hovered actor's full name in a box. Large graphs show none of it while the
 * camera moves (the fast-motion points only).
 */
import type Sigma from 'sigma';
import type { DisplayEdgeAttributes, DisplayGraph, DisplayNodeAttributes } from '../model/display.js';
import { MARK_COLORS } from '../model/palette.js';
import { placeLabels, truncateLabel, type LabelCandidate, type PlacedLabel } from '../model/labels.js';
import { markerPaths, type MarkerKind } from '../model/marker-shapes.js';
import type { ViewState } from '../graph-view.js';

const LABEL_FONT = '12px Inter, "Segoe UI", system-ui, Helvetica, Arial, sans-serif';
const LABEL_HEIGHT = 16;

export interface OverlayHost {
  sigma: Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>;
  graph: DisplayGraph;
  state(): ViewState;
  hovered(): string | null;
  moving(): boolean;
  /** The map takes the large-graph paths (no overlay while the camera moves). */
  heavy: boolean;
  isShown(id: string): boolean;
  /** Called after each drawing. */
  onFrame(): void;
}

export class MapOverlay {
  private readonly canvas: HTMLCanvasElement;
  /** Actors by decreasing size (for "more labels"), recomputed after `invalidateOrder`. */
  private bySize: string[] | null = null;
  private readonly textWidth = new Map<string, number>();
  /** The labels drawn on the last frame (for the SVG export and the tests). */
  placed: PlacedLabel[] = [];
  /** The full name drawn for the hovered actor on the last frame, or null. */
  hoverText: string | null = null;

  constructor(private host: OverlayHost) {
    this.canvas = host.sigma.createCanvas('markers', { style: { pointerEvents: 'none' } });
  }

  /** Sizes or visibility changed: the order of label candidates is recomputed. */
  invalidateOrder(): void {
    this.bySize = null;
  }

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
  displayed(id: string): { x: number; y: number; r: number } | null {
    const d = this.host.sigma.getNodeDisplayData(id);
    if (!d || d.visibility === 'hidden') return null;
    const p = this.host.sigma.framedGraphToViewport({ x: d.x, y: d.y });
    return { x: p.x, y: p.y, r: this.host.sigma.scaleSize(d.size) };
  }

  private labelCandidates(width: number, height: number): LabelCandidate[] {
    const s = this.host.state();
    const out: LabelCandidate[] = [];
    const seen = new Set<string>();
    const add = (id: string) => {
      if (seen.has(id) || id === this.host.hovered()) return;
      seen.add(id);
      const p = this.displayed(id);
      if (!p || p.x < -20 || p.y < -20 || p.x > width + 20 || p.y > height + 20) return;
      out.push({ id, x: p.x, y: p.y, r: p.r, text: truncateLabel(s.labelOf(id)) });
    };
    if (s.selected) add(s.selected);
    for (const id of s.forcedLabels) add(id);
    if (s.moreLabels) {
      if (!this.bySize) {
        const ids = this.host.graph.filterNodes((id) => this.host.isShown(id));
        this.bySize = ids.sort((a, b) => s.sizeOf(b) - s.sizeOf(a) || (a < b ? -1 : 1));
      }
      // Enough candidates to fill the map; the rest would not find room anyway.
      for (let i = 0; i < this.bySize.length && out.length < 1500; i++) add(this.bySize[i]!);
    }
    return out;
  }

  draw(): void {
    const c = this.canvas;
    const dpr = window.devicePixelRatio || 1;
    const { width, height } = this.host.sigma.getDimensions();
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
    const moving = this.host.moving();
    if (moving && this.host.heavy) {
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
    const state = this.host.state();
    const m = state.markers;
    draw(m.hotSpots, 'hotSpot', MARK_COLORS.hotSpot);
    draw(m.gatekeepers, 'gatekeeper', MARK_COLORS.gatekeeper);
    draw(m.liaisons, 'liaison', MARK_COLORS.liaison);
    if (state.selected) draw([state.selected], 'selected', MARK_COLORS.selected);
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
      ctx.fillStyle = l.id === state.selected ? '#0b2f5c' : '#1d2433';
      ctx.fillText(l.text, l.x + 2, l.y + l.h / 2);
    }
    // The hovered actor: its full name in a box.
    const hovered = this.host.hovered();
    this.hoverText = null;
    if (hovered) {
      const p = this.displayed(hovered);
      if (p) {
        ctx.font = `600 ${LABEL_FONT}`;
        const text = state.labelOf(hovered);
        this.hoverText = text;
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
    this.host.onFrame();
  }
}
