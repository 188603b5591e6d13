/**
 * Map labels without collisions (pure; unit-tested). The map draws its own labels on a canvas
 * layer (sigma's are switched off): candidates come in priority order — the selected actor, the
 * top actors by the size measure, then (when "more labels" is on) every other shown actor, largest
 * first — and each is placed at the first free spot of: right of the node, left, above, below.
 * A label that would overlap one already placed (or leave the map) is skipped, so 40 forced
 * labels never pile up into an illegible block. Long names are cut to {@link MAX_LABEL_CHARS}
 * characters with "…"; the full name shows on hover.
 */

export const MAX_LABEL_CHARS = 26;

/** A name cut to `max` characters (whole, when short enough), ending in "…". */
export function truncateLabel(text: string, max = MAX_LABEL_CHARS): string {
  const t = text.replace(/\s+/g, ' ').trim();
  const chars = [...t]; // code points: never cut a surrogate pair
  return chars.length <= max
    ? t
    : chars
        .slice(0, max - 1)
        .join('')
        .trimEnd() + '…';
}

export interface LabelCandidate {
  id: string;
  /** Node centre and radius in viewport pixels. */
  x: number;
  y: number;
  r: number;
  text: string;
}

export interface PlacedLabel {
  id: string;
  text: string;
  /** Top-left corner of the label's box, viewport pixels; the text is drawn at (x + pad, y + h - descent). */
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface PlaceOptions {
  width: number;
  height: number;
  /** Box height in pixels (font size + padding). */
  lineHeight: number;
  /** At most this many labels. */
  max: number;
  /** Gap between node edge and label, pixels. */
  gap?: number;
}

/**
 * Place labels greedily in candidate order (see the module doc). `measure(text)` gives a text's
 * width in pixels (canvas `measureText`, cached by the caller). Deterministic.
 */
export function placeLabels(candidates: readonly LabelCandidate[], measure: (text: string) => number, opts: PlaceOptions): PlacedLabel[] {
  const gap = opts.gap ?? 3;
  const h = opts.lineHeight;
  const cell = 64;
  const cols = Math.max(1, Math.ceil(opts.width / cell));
  const grid = new Map<number, PlacedLabel[]>();
  const placed: PlacedLabel[] = [];
  const cellsOf = (b: { x: number; y: number; w: number; h: number }): number[] => {
    const out: number[] = [];
    const x0 = Math.max(0, Math.floor(b.x / cell));
    const x1 = Math.floor((b.x + b.w) / cell);
    const y0 = Math.max(0, Math.floor(b.y / cell));
    const y1 = Math.floor((b.y + b.h) / cell);
    for (let gy = y0; gy <= y1; gy++) for (let gx = x0; gx <= x1; gx++) out.push(gy * cols + gx);
    return out;
  };
  const free = (b: { x: number; y: number; w: number; h: number }) => {
    if (b.x < 0 || b.y < 0 || b.x + b.w > opts.width || b.y + b.h > opts.height) return false;
    for (const c of cellsOf(b)) {
      for (const o of grid.get(c) ?? []) {
        if (b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h) return false;
      }
    }
    return true;
  };
  for (const c of candidates) {
    if (placed.length >= opts.max) break;
    if (c.text === '') continue;
    const w = measure(c.text) + 4;
    // Above and below: clear of the node and of the side spots (for small nodes).
    const v = Math.max(c.r + gap, h / 2 + 1);
    const spots = [
      { x: c.x + c.r + gap, y: c.y - h / 2 },
      { x: c.x - c.r - gap - w, y: c.y - h / 2 },
      { x: c.x - w / 2, y: c.y - v - h },
      { x: c.x - w / 2, y: c.y + v },
    ];
    for (const s of spots) {
      const b = { id: c.id, text: c.text, x: s.x, y: s.y, w, h };
      if (!free(b)) continue;
      placed.push(b);
      for (const k of cellsOf(b)) {
        const list = grid.get(k);
        if (list) list.push(b);
        else grid.set(k, [b]);
      }
      break;
    }
  }
  return placed;
}
