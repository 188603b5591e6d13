/**
 * Helix-role colours and the legend.
 *
 * Palette: Okabe & Ito (2008) "Color Universal Design", the usual colour-blind-safe qualitative
 * palette (distinguishable under protanopia, deuteranopia and tritanopia); yellow is left out
 * because it is unreadable on a white canvas, grey is used for individuals.
 * Legend counts come from the network's node attribute `helix` — the same counting as
 * `summarizeNetwork` / `helixlab info` (every actor once, in {@link HELIX_ROLES} order).
 */
import { HELIX_ROLES, type HelixRole } from 'helixlab';

export const HELIX_COLORS: Readonly<Record<HelixRole, string>> = {
  industry: '#0072B2',
  'research-education': '#E69F00',
  public: '#009E73',
  'civil-society': '#CC79A7',
  startup: '#56B4E9',
  financier: '#D55E00',
  individual: '#8C8C8C',
};

export const HELIX_LABELS: Readonly<Record<HelixRole, string>> = {
  industry: 'Industry',
  'research-education': 'Research & education',
  public: 'Public sector',
  'civil-society': 'Civil society',
  startup: 'Start-ups',
  financier: 'Financiers',
  individual: 'Individuals',
};

/** Colour of unknown / missing roles (never produced by the loaders, kept for safety). */
export const UNKNOWN_COLOR = '#444444';

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

/** Mix a hex colour towards white (0 = unchanged, 1 = white): used to fade nodes outside a focus. */
export function fade(hex: string, amount: number): string {
  const m = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!m) return hex;
  const n = parseInt(m[1]!, 16);
  const mix = (c: number) => Math.round(c + (255 - c) * Math.min(1, Math.max(0, amount)));
  const r = mix((n >> 16) & 255);
  const g = mix((n >> 8) & 255);
  const b = mix(n & 255);
  return '#' + ((r << 16) | (g << 8) | b).toString(16).padStart(6, '0');
}
