/**
 * The shapes of the map's markers, one geometry for the canvas layer and the SVG export (pure).
 * Meaning is carried by shape and pattern, not by colour alone: gatekeeper broker = square frame,
 * liaison broker = diamond frame, lock-in hot spot = dashed circle, the selected actor = a double
 * circle. Sizes grow with the node's radius `r` (pixels).
 */
export type MarkerKind = 'gatekeeper' | 'liaison' | 'hotSpot' | 'selected';

export interface MarkerPath {
  /** SVG path data (also replayed on a canvas with Path2D). */
  d: string;
  width: number;
  dash: number[];
}

const f = (v: number) => Math.round(v * 100) / 100;

function circle(x: number, y: number, r: number): string {
  return `M${f(x - r)} ${f(y)}a${f(r)} ${f(r)} 0 1 0 ${f(2 * r)} 0a${f(r)} ${f(r)} 0 1 0 ${f(-2 * r)} 0Z`;
}

export function markerPaths(kind: MarkerKind, x: number, y: number, r: number): MarkerPath[] {
  switch (kind) {
    case 'gatekeeper': {
      const h = r + 4;
      return [{ d: `M${f(x - h)} ${f(y - h)}H${f(x + h)}V${f(y + h)}H${f(x - h)}Z`, width: 2, dash: [] }];
    }
    case 'liaison': {
      const h = r + 8;
      return [{ d: `M${f(x)} ${f(y - h)}L${f(x + h)} ${f(y)}L${f(x)} ${f(y + h)}L${f(x - h)} ${f(y)}Z`, width: 2, dash: [] }];
    }
    case 'hotSpot':
      return [{ d: circle(x, y, r + 3), width: 2, dash: [3, 2] }];
    case 'selected':
      return [
        { d: circle(x, y, r + 11), width: 3, dash: [] },
        { d: circle(x, y, r + 15), width: 1.5, dash: [] },
      ];
  }
}
