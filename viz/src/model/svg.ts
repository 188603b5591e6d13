/**
 * SVG export of the current view (pure: positions in, SVG text out). Every label and attribute
 * is XML-escaped, so a label such as `<img src=x onerror=alert(1)>` stays text. Markers are drawn
 * as on the map, by shape: gatekeeper = square frame, liaison = diamond frame, lock-in hot spot =
 * dashed circle, selection = double circle (see `marker-shapes.ts`).
 */
import { markerPaths, type MarkerKind } from './marker-shapes.js';
export interface SvgNode {
  id: string;
  x: number;
  y: number;
  size: number;
  color: string;
  label?: string | null;
  /** Where the label's box starts (top-left, pixels); default: right of the node. */
  labelAt?: { x: number; y: number };
  /** Draw a plain ring of this colour. */
  ring?: string;
  /** Markers around the node, drawn by shape. */
  marks?: Array<{ kind: MarkerKind; color: string }>;
}
export interface SvgEdge {
  source: string;
  target: string;
  size: number;
  color: string;
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}

const COLOR = /^(#[0-9a-fA-F]{3,8}|rgba?\([\d.,\s%]+\)|[a-z]+)$/;
const safeColor = (c: string) => (COLOR.test(c) ? c : '#999999');
const r2 = (v: number) => Math.round(v * 100) / 100;

/** Viewport coordinates (pixels, y down) of a width × height view. */
export function toSvg(
  nodes: readonly SvgNode[],
  edges: readonly SvgEdge[],
  width: number,
  height: number,
  opts: { title?: string; background?: string; legend?: Array<{ label: string; color: string }> } = {},
): string {
  const pos = new Map(nodes.map((n) => [n.id, n]));
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${r2(width)}" height="${r2(height)}" viewBox="0 0 ${r2(width)} ${r2(height)}" font-family="Inter, Segoe UI, Helvetica, Arial, sans-serif">`,
  );
  if (opts.title) out.push(`<title>${escapeXml(opts.title)}</title>`);
  out.push(`<rect width="100%" height="100%" fill="${safeColor(opts.background ?? '#ffffff')}"/>`);
  out.push('<g id="edges" stroke-linecap="round">');
  for (const e of edges) {
    const a = pos.get(e.source);
    const b = pos.get(e.target);
    if (!a || !b) continue;
    out.push(
      `<line x1="${r2(a.x)}" y1="${r2(a.y)}" x2="${r2(b.x)}" y2="${r2(b.y)}" stroke="${safeColor(e.color)}" stroke-width="${r2(e.size)}"/>`,
    );
  }
  out.push('</g><g id="nodes">');
  for (const n of nodes) {
    const ring = n.ring ? ` stroke="${safeColor(n.ring)}" stroke-width="2"` : ' stroke="#ffffff" stroke-width="0.8"';
    out.push(`<circle cx="${r2(n.x)}" cy="${r2(n.y)}" r="${r2(n.size)}" fill="${safeColor(n.color)}"${ring}/>`);
    for (const m of n.marks ?? []) {
      for (const path of markerPaths(m.kind, n.x, n.y, n.size)) {
        const dash = path.dash.length ? ` stroke-dasharray="${path.dash.join(' ')}"` : '';
        out.push(`<path d="${path.d}" fill="none" stroke="${safeColor(m.color)}" stroke-width="${path.width}"${dash}/>`);
      }
    }
  }
  out.push('</g><g id="labels" font-size="12" fill="#222">');
  for (const n of nodes) {
    if (!n.label) continue;
    const at = n.labelAt ?? { x: n.x + n.size + 3, y: n.y - 8 };
    out.push(`<text x="${r2(at.x + 2)}" y="${r2(at.y + 12)}">${escapeXml(n.label)}</text>`);
  }
  out.push('</g>');
  if (opts.legend && opts.legend.length > 0) {
    out.push('<g id="legend" font-size="12" fill="#222">');
    opts.legend.forEach((l, i) => {
      const y = 20 + i * 18;
      out.push(`<circle cx="18" cy="${y}" r="6" fill="${safeColor(l.color)}"/><text x="30" y="${y + 4}">${escapeXml(l.label)}</text>`);
    });
    out.push('</g>');
  }
  out.push('</svg>');
  return out.join('\n') + '\n';
}
