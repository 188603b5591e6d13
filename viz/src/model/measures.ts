/**
 * Reading the analysis module's result (`analyzeNetwork` in `src/metrics/analyze.ts`, the stable
 * JSON output contract of `helixlab analyze --format json`) for the app: the measures offered in
 * "size by", per-actor tables, and the markers drawn on the map. No measure is computed here.
 *
 * Markers (conventions of the app, documented in docs/app.md):
 * - Broker: among the top actors by the number of gatekeeper (resp. liaison) brokerage roles in
 *   the Gould–Fernandez census, with at least one such role: the top 5, but at most one actor in
 *   ten (so that a 12-actor network marks 2, not half of its actors).
 * - Lock-in hot spot: an actor with degree ≥ 3 whose neighbourhood is closed and redundant —
 *   Burt's constraint ≥ 0.5 and local clustering ≥ 0.5 — and, when the analysis gives per-actor
 *   E-I indices, whose ties stay mostly inside its own role (E-I ≤ −0.5).
 */
import type { BrokerageRoles } from 'helixlab';
import { NF, S } from '../strings.js';

/** The brokerage counts of one actor, as the analysis module defines them. */
export type BrokerageView = BrokerageRoles;

/** One actor of the analysis output (the fields the app reads). */
export interface AnalysisNodeView {
  id: string;
  label?: string;
  helix?: string;
  degree?: number | null;
  strength?: number | null;
  betweenness?: number | null;
  closeness?: number | null;
  eigenvector?: number | null;
  pagerank?: number | null;
  coreNumber?: number | null;
  clustering?: number | null;
  constraint?: number | null;
  effectiveSize?: number | null;
  efficiency?: number | null;
  crossHelixBetweenness?: number | null;
  community?: number | string | null;
  brokerage?: Partial<BrokerageView> & { expected?: Partial<BrokerageView>; z?: Partial<Record<keyof BrokerageView, number | null>> };
  eiIndex?: number | null;
}

export interface MeasureDef {
  key: string;
  label: string;
  /** How to read it, one line. */
  help: string;
  get(n: AnalysisNodeView): number | null;
}

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A measure whose label and help text are read from the catalogue when used (they follow a language switch). */
function measure(key: string, get: (n: AnalysisNodeView) => number | null): MeasureDef {
  return {
    key,
    get label() {
      return S.measures[key]?.label ?? key;
    },
    get help() {
      return S.measures[key]?.help ?? '';
    },
    get,
  };
}

export const MEASURES: readonly MeasureDef[] = [
  measure('degree', (n) => num(n.degree)),
  measure('strength', (n) => num(n.strength)),
  measure('betweenness', (n) => num(n.betweenness)),
  measure('crossHelixBetweenness', (n) => num(n.crossHelixBetweenness)),
  measure('brokerage', (n) => num(n.brokerage?.total)),
  measure('gatekeeper', (n) => num(n.brokerage?.gatekeeper)),
  measure('liaison', (n) => num(n.brokerage?.liaison)),
  measure('constraint', (n) => num(n.constraint)),
  measure('effectiveSize', (n) => num(n.effectiveSize)),
  measure('efficiency', (n) => num(n.efficiency)),
  measure('pagerank', (n) => num(n.pagerank)),
  measure('eigenvector', (n) => num(n.eigenvector)),
  measure('closeness', (n) => num(n.closeness)),
  measure('coreNumber', (n) => num(n.coreNumber)),
  measure('clustering', (n) => num(n.clustering)),
];

export function measureDef(key: string): MeasureDef | undefined {
  return MEASURES.find((m) => m.key === key);
}

/** id → value of one measure. */
export function measureValues(nodes: readonly AnalysisNodeView[], key: string): Map<string, number | null> {
  const def = measureDef(key);
  const m = new Map<string, number | null>();
  if (!def) return m;
  for (const n of nodes) m.set(n.id, def.get(n));
  return m;
}

export interface Markers {
  gatekeepers: Set<string>;
  liaisons: Set<string>;
  hotSpots: Set<string>;
}

export function markers(nodes: readonly AnalysisNodeView[], perActorEI?: ReadonlyMap<string, number | null>, top = 5): Markers {
  top = Math.min(top, Math.max(1, Math.ceil(nodes.length / 10)));
  const topBy = (get: (n: AnalysisNodeView) => number) =>
    new Set(
      nodes
        .filter((n) => get(n) > 0)
        .sort((a, b) => get(b) - get(a) || (a.id < b.id ? -1 : 1))
        .slice(0, top)
        .map((n) => n.id),
    );
  const gatekeepers = topBy((n) => num(n.brokerage?.gatekeeper) ?? 0);
  const liaisons = topBy((n) => num(n.brokerage?.liaison) ?? 0);
  const hotSpots = new Set<string>();
  for (const n of nodes) {
    const deg = num(n.degree) ?? 0;
    const c = num(n.constraint);
    const cl = num(n.clustering);
    if (deg < 3 || c === null || cl === null || c < 0.5 || cl < 0.5) continue;
    const ei = perActorEI?.get(n.id);
    if (ei !== undefined && ei !== null && ei > -0.5) continue;
    hotSpots.add(n.id);
  }
  return { gatekeepers, liaisons, hotSpots };
}

/**
 * Number formatting for panels, in the current language (the library's `numberFormats`): whole
 * numbers and numbers from 1,000 grouped (`1,234` / `1 234`), from 1 two decimals, below 1 three
 * significant digits (`0.0123` / `0,0123`); null → "–".
 */
export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (Number.isInteger(v) || a >= 1000) return NF.int(v);
  if (a >= 1) return NF.num(v, 2);
  const p = v.toPrecision(3);
  // below 1e-6 toPrecision writes an exponent: keep it, with the language's decimal mark
  if (p.includes('e')) return NF.locale === 'en' ? p : p.replace('.', ',').replace(/^-/, '−');
  return NF.num(v, p.length - p.indexOf('.') - 1);
}
