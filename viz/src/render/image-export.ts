/**
 * The map as an image: SVG of what is on screen (the visible actors and ties at their screen
 * positions, the labels drawn, the markers by shape, a legend; `model/svg.ts` escapes every text)
 * and PNG (that SVG rasterised at 2×).
 */
import type Sigma from 'sigma';
import type { DisplayEdgeAttributes, DisplayGraph, DisplayNodeAttributes } from '../model/display.js';
import type { PlacedLabel } from '../model/labels.js';
import { MARK_COLORS } from '../model/palette.js';
import { toSvg, type SvgEdge, type SvgNode } from '../model/svg.js';
import type { ViewState } from '../graph-view.js';

export interface ImageHost {
  sigma: Sigma<DisplayNodeAttributes, DisplayEdgeAttributes>;
  graph: DisplayGraph;
  state: ViewState;
  labels: readonly PlacedLabel[];
  displayed(id: string): { x: number; y: number; r: number } | null;
  edge(e: string, source: string, target: string): { color: string; size: number } | null;
}

export function viewToSvg(v: ImageHost, title: string, legend: Array<{ label: string; color: string }>): string {
  const { width, height } = v.sigma.getDimensions();
  const labels = new Map(v.labels.map((l) => [l.id, l]));
  const m = v.state.markers;
  const nodes: SvgNode[] = [];
  v.graph.forEachNode((id) => {
    const p = v.displayed(id);
    if (!p) return;
    if (p.x < -50 || p.y < -50 || p.x > width + 50 || p.y > height + 50) return;
    const d = v.sigma.getNodeDisplayData(id)!; // displayed() found it
    const l = labels.get(id);
    const marks: NonNullable<SvgNode['marks']> = [];
    if (m.hotSpots.has(id)) marks.push({ kind: 'hotSpot', color: MARK_COLORS.hotSpot });
    if (m.gatekeepers.has(id)) marks.push({ kind: 'gatekeeper', color: MARK_COLORS.gatekeeper });
    if (m.liaisons.has(id)) marks.push({ kind: 'liaison', color: MARK_COLORS.liaison });
    if (id === v.state.selected) marks.push({ kind: 'selected', color: MARK_COLORS.selected });
    const n: SvgNode = { id, x: p.x, y: p.y, size: p.r, color: d.color, label: l ? l.text : null, marks };
    if (l) n.labelAt = { x: l.x, y: l.y };
    nodes.push(n);
  });
  const ids = new Set(nodes.map((n) => n.id));
  const edges: SvgEdge[] = [];
  v.graph.forEachEdge((e, _a, s, t) => {
    if (!ids.has(s) || !ids.has(t)) return;
    const d = v.edge(e, s, t);
    if (!d) return;
    edges.push({ source: s, target: t, size: Math.max(0.5, v.sigma.scaleSize(d.size)), color: d.color });
  });
  return toSvg(nodes, edges, width, height, { title, legend });
}

export async function viewToPng(v: ImageHost, title: string, legend: Array<{ label: string; color: string }>): Promise<Blob> {
  const svg = viewToSvg(v, title, legend);
  const { width, height } = v.sigma.getDimensions();
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
