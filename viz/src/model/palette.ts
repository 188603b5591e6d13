/**
 * Colours of the app and the helix-role legend.
 *
 * Helix roles: seven colours chosen so that every pair stays apart (CIEDE2000 ≥ 16) in normal
 * vision AND under simulated deuteranopia and protanopia (Machado, Oliveira & Fernandes 2009,
 * severity 1 — the matrices Chromium's "emulate vision deficiencies" uses), and each is visible on
 * white (contrast ≥ 2.2:1). Drawn from Okabe & Ito's, Paul Tol's (vibrant, muted) and IBM's
 * colour-blind palettes; the check lives in `test/viz-model.test.ts` and, on the rendered page,
 * in the end-to-end test (Chromium's own emulation). The previous palette (Okabe–Ito with a grey)
 * made public sector, civil society and individuals the same grey under deuteranopia.
 *
 * Other colourings use {@link CATEGORY_COLORS} (the same seven, then "other" in grey) for
 * categories and {@link SEQUENTIAL_STOPS} (viridis, cut before its pale yellow end) for numbers.
 * Scenario series use {@link SERIES_STYLES}: colours far from every helix colour (ΔE ≥ 10 in the
 * three visions) AND a dash pattern each, so they never read as helix roles.
 *
 * Legend counts come from the network's node attribute `helix` — the same counting as
 * `summarizeNetwork` / `helixlab info` (every actor once, in {@link HELIX_ROLES} order).
 */
import { HELIX_ROLES, type HelixRole } from 'helixlab';
import { S } from '../strings.js';

export const HELIX_COLORS: Readonly<Record<HelixRole, string>> = {
  industry: '#332288', // Tol muted indigo
  'research-education': '#E69F00', // Okabe–Ito orange
  public: '#009988', // Tol vibrant teal
  'civil-society': '#EE3377', // Tol vibrant magenta
  startup: '#56B4E9', // Okabe–Ito sky blue
  financier: '#785EF0', // IBM violet
  individual: '#8C510A', // brown
};

/** The roles' names for people, in the current language (read when used: they follow a language switch). */
export const HELIX_LABELS: Readonly<Record<HelixRole, string>> = Object.defineProperties(
  {} as Record<HelixRole, string>,
  Object.fromEntries(HELIX_ROLES.map((r) => [r, { get: () => S.roles[r], enumerable: true }])),
);

/** Colour of unknown / missing roles (never produced by the loaders, kept for safety). */
export const UNKNOWN_COLOR = '#444444';

/** Categorical colourings: as many categories as colours, the rest is "other". */
export const CATEGORY_COLORS: readonly string[] = HELIX_ROLES.map((r) => HELIX_COLORS[r]);
/** The long tail of a categorical colouring. */
export const OTHER_COLOR = '#BBBBBB';
/** Actors without a value for the colouring attribute. */
export const MISSING_COLOR = '#E2E2E2';

/** Viridis (van der Walt & Smith 2015), nine stops from dark violet to lime: low → high. */
export const SEQUENTIAL_STOPS: readonly string[] = [
  '#440154',
  '#482878',
  '#3e4989',
  '#31688e',
  '#26828e',
  '#1f9e89',
  '#35b779',
  '#6ece58',
  '#b5de2b',
];

/** Markers drawn around actors: shapes carry the meaning, colours only support it. */
export const MARK_COLORS = { gatekeeper: '#1d2433', liaison: '#1d2433', hotSpot: '#CC3311', selected: '#0b5cad' } as const;

/** Scenario series: colour and dash pattern (Canvas `setLineDash`), in series order. */
export const SERIES_STYLES: ReadonlyArray<{ color: string; dash: number[] }> = [
  { color: '#222222', dash: [] },
  { color: '#AA4499', dash: [7, 4] },
  { color: '#997700', dash: [2, 3] },
  { color: '#44BB99', dash: [10, 3, 2, 3] },
  { color: '#661100', dash: [1, 2] },
];

export function seriesStyle(i: number): { color: string; dash: number[] } {
  return SERIES_STYLES[i % SERIES_STYLES.length]!; // the list is not empty
}

export function helixColor(role: unknown): string {
  return typeof role === 'string' && role in HELIX_COLORS ? HELIX_COLORS[role as HelixRole] : UNKNOWN_COLOR;
}

export interface LegendEntry {
  role: HelixRole;
  label: string;
  color: string;
  count: number;
  /** Number of these actors visible under the current filters. */
  visible: number;
}

/** Minimal read-only view of a graph, so that the view-model works on any graphology graph. */
export interface NodeIterable {
  forEachNode(cb: (id: string, attrs: { helix?: unknown; [k: string]: unknown }) => void): void;
}

/**
 * Legend rows in HELIX_ROLES order: total count per role and the number visible (`isVisible`
 * defaults to everything). Roles with no actors are included with count 0 so that missing strands show.
 */
export function legendEntries(graph: NodeIterable, isVisible?: (id: string) => boolean): LegendEntry[] {
  const count = new Map<string, number>();
  const vis = new Map<string, number>();
  graph.forEachNode((id, attrs) => {
    const r = String(attrs.helix);
    count.set(r, (count.get(r) ?? 0) + 1);
    if (!isVisible || isVisible(id)) vis.set(r, (vis.get(r) ?? 0) + 1);
  });
  return HELIX_ROLES.map((role) => ({
    role,
    label: HELIX_LABELS[role],
    color: HELIX_COLORS[role],
    count: count.get(role) ?? 0,
    visible: vis.get(role) ?? 0,
  }));
}

/** `#rrggbb` → [r, g, b] (0–255), or null for anything else. */
export function hexToRgb(hex: string): [number, number, number] | null {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return null;
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

export function rgbToHex(r: number, g: number, b: number): string {
  const c = (v: number) => Math.max(0, Math.min(255, Math.round(v)));
  return '#' + ((c(r) << 16) | (c(g) << 8) | c(b)).toString(16).padStart(6, '0');
}

/** Mix a hex colour towards white (0 = unchanged, 1 = white): used to fade nodes outside a focus. */
export function fade(hex: string, amount: number): string {
  const rgb = hexToRgb(hex);
  if (!rgb) return hex;
  const t = Math.min(1, Math.max(0, amount));
  const mix = (c: number) => c + (255 - c) * t;
  return rgbToHex(mix(rgb[0]), mix(rgb[1]), mix(rgb[2]));
}

/** Relative luminance (WCAG 2) of `#rrggbb`. */
export function luminance(hex: string): number {
  const rgb = hexToRgb(hex) ?? [128, 128, 128];
  const f = (c: number) => (c / 255 <= 0.04045 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * f(rgb[0]) + 0.7152 * f(rgb[1]) + 0.0722 * f(rgb[2]);
}

/** Black or white, whichever is more legible on the background colour (WCAG contrast). */
export function textOn(background: string): '#000000' | '#ffffff' {
  const l = luminance(background);
  return 1.05 / (l + 0.05) >= (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}
