/**
 * Colouring the map by any node attribute or measure (pure; unit-tested).
 *
 * - {@link nodeAttributes} lists the attributes the actors carry (besides id, label, helix and the
 *   positional `x`/`y`/`z`/`color`/`shape`/`size` that GEXF files bring), each as numeric (every
 *   value present is a finite number) or categorical (anything else: text, booleans, mixed).
 * - A categorical colouring gives the most frequent values the colours of {@link CATEGORY_COLORS}
 *   (count descending, then value) and lumps the long tail into "other" (grey); a numeric one maps
 *   the value linearly onto the viridis ramp between its minimum and maximum. Actors without a value
 *   get {@link MISSING_COLOR} and their own legend row.
 * - Keys: `helix`, `attr:<name>`, `measure:<key>` (a measure of the analysis, see `measures.ts`) and
 *   `community` (the analysis' Louvain communities, categorical).
 */
import { HELIX_ROLES } from 'helixlab';
import {
  CATEGORY_COLORS,
  HELIX_COLORS,
  HELIX_LABELS,
  MISSING_COLOR,
  OTHER_COLOR,
  SEQUENTIAL_STOPS,
  hexToRgb,
  rgbToHex,
  type NodeIterable,
} from './palette.js';

export interface AttributeInfo {
  /** Colouring / URL key: `attr:<name>`. */
  key: string;
  name: string;
  kind: 'categorical' | 'numeric';
  /** Distinct values (counted up to 10,000). */
  distinct: number;
}

/** Attributes that are not the actor's own data: positions and appearance read from GEXF, and the fixed fields. */
const NOT_ATTRIBUTES = new Set(['id', 'label', 'helix', 'x', 'y', 'z', 'color', 'shape', 'size']);

/** The actors' attributes, numeric or categorical, in first-seen order (see the module doc). */
export function nodeAttributes(graph: NodeIterable): AttributeInfo[] {
  const seen = new Map<string, { numeric: boolean; values: Set<string> }>();
  graph.forEachNode((_id, attrs) => {
    for (const [k, v] of Object.entries(attrs)) {
      if (NOT_ATTRIBUTES.has(k) || v === undefined || v === null || v === '') continue;
      let s = seen.get(k);
      if (!s) seen.set(k, (s = { numeric: true, values: new Set() }));
      if (typeof v !== 'number' || !Number.isFinite(v)) s.numeric = false;
      if (s.values.size < 10_000) s.values.add(String(v));
    }
  });
  return [...seen.entries()].map(([name, s]) => ({
    key: `attr:${name}`,
    name,
    kind: s.numeric ? 'numeric' : 'categorical',
    distinct: s.values.size,
  }));
}

export interface CategoryEntry {
  value: string;
  label: string;
  color: string;
  count: number;
}

export interface CategoricalScale {
  kind: 'categorical';
  entries: CategoryEntry[];
  /** The long tail lumped together, or null. */
  other: { color: string; count: number; values: number } | null;
  missing: { color: string; count: number } | null;
  colorOf(id: string): string;
}

export interface SequentialScale {
  kind: 'sequential';
  min: number;
  max: number;
  stops: readonly string[];
  missing: { color: string; count: number } | null;
  colorOf(id: string): string;
  /** The colour of a value (clamped to [min, max]). */
  colorOfValue(v: number): string;
}

export type ColourScale = CategoricalScale | SequentialScale;

/** The helix-role colouring: every role listed (zero counts too), in HELIX_ROLES order. */
export function helixScale(graph: NodeIterable): CategoricalScale {
  const role = new Map<string, string>();
  const counts = new Map<string, number>();
  graph.forEachNode((id, a) => {
    const r = String(a.helix);
    role.set(id, r);
    counts.set(r, (counts.get(r) ?? 0) + 1);
  });
  return {
    kind: 'categorical',
    entries: HELIX_ROLES.map((r) => ({ value: r, label: HELIX_LABELS[r], color: HELIX_COLORS[r], count: counts.get(r) ?? 0 })),
    other: null,
    missing: null,
    colorOf: (id) => {
      const r = role.get(id);
      return r !== undefined && r in HELIX_COLORS ? HELIX_COLORS[r as keyof typeof HELIX_COLORS] : OTHER_COLOR;
    },
  };
}

/** A categorical colouring of `values` (id → value; null = no value). */
export function categoricalScale(values: ReadonlyMap<string, string | null>, maxCategories = CATEGORY_COLORS.length): CategoricalScale {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const v of values.values()) {
    if (v === null || v === '') missing++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  // With a long tail, one colour fewer so that "other" is a category of its own.
  const keep = sorted.length > maxCategories ? Math.max(1, maxCategories - 1) : sorted.length;
  const entries: CategoryEntry[] = sorted
    .slice(0, keep)
    .map(([value, count], i) => ({ value, label: value, color: CATEGORY_COLORS[i % CATEGORY_COLORS.length]!, count }));
  const colour = new Map(entries.map((e) => [e.value, e.color]));
  const tail = sorted.slice(keep);
  return {
    kind: 'categorical',
    entries,
    other: tail.length > 0 ? { color: OTHER_COLOR, count: tail.reduce((s, [, c]) => s + c, 0), values: tail.length } : null,
    missing: missing > 0 ? { color: MISSING_COLOR, count: missing } : null,
    colorOf: (id) => {
      const v = values.get(id);
      if (v === undefined || v === null || v === '') return MISSING_COLOR;
      return colour.get(v) ?? OTHER_COLOR;
    },
  };
}

/** Interpolate the viridis stops at t ∈ [0, 1] (in sRGB between neighbouring stops). */
export function rampColor(t: number, stops: readonly string[] = SEQUENTIAL_STOPS): string {
  const x = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0)) * (stops.length - 1);
  const i = Math.min(stops.length - 2, Math.floor(x));
  const a = hexToRgb(stops[i]!)!; // the stops are #rrggbb
  const b = hexToRgb(stops[i + 1]!)!;
  const f = x - i;
  return rgbToHex(a[0] + (b[0] - a[0]) * f, a[1] + (b[1] - a[1]) * f, a[2] + (b[2] - a[2]) * f);
}

/** A sequential colouring of numbers (id → value; null or non-finite = no value). */
export function sequentialScale(values: ReadonlyMap<string, number | null>): SequentialScale {
  let min = Infinity;
  let max = -Infinity;
  let missing = 0;
  for (const v of values.values()) {
    if (v === null || !Number.isFinite(v)) {
      missing++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === Infinity) {
    min = 0;
    max = 0;
  }
  const colorOfValue = (v: number) => rampColor(max === min ? 0.5 : (v - min) / (max - min));
  return {
    kind: 'sequential',
    min,
    max,
    stops: SEQUENTIAL_STOPS,
    missing: missing > 0 ? { color: MISSING_COLOR, count: missing } : null,
    colorOf: (id) => {
      const v = values.get(id);
      return v === undefined || v === null || !Number.isFinite(v) ? MISSING_COLOR : colorOfValue(v);
    },
    colorOfValue,
  };
}

/** Values of one attribute (`attr:<name>`): numbers for a numeric attribute, texts otherwise. */
export function attributeValues(graph: NodeIterable, name: string, numeric: boolean): Map<string, string | number | null> {
  const m = new Map<string, string | number | null>();
  graph.forEachNode((id, a) => {
    const v = a[name];
    if (v === undefined || v === null || v === '') m.set(id, null);
    else if (numeric) m.set(id, typeof v === 'number' && Number.isFinite(v) ? v : null);
    else m.set(id, String(v));
  });
  return m;
}
