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
import { S } from '../strings.js';

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

// Labels and help texts from strings.ts (`!`: every key below is there).
export const MEASURES: readonly MeasureDef[] = [
  { key: 'degree', label: S.measures.degree!.label, help: S.measures.degree!.help, get: (n) => num(n.degree) },
  { key: 'strength', label: S.measures.strength!.label, help: S.measures.strength!.help, get: (n) => num(n.strength) },
  { key: 'betweenness', label: S.measures.betweenness!.label, help: S.measures.betweenness!.help, get: (n) => num(n.betweenness) },
  {
    key: 'crossHelixBetweenness',
    label: S.measures.crossHelixBetweenness!.label,
    help: S.measures.crossHelixBetweenness!.help,
    get: (n) => num(n.crossHelixBetweenness),
  },
  { key: 'brokerage', label: S.measures.brokerage!.label, help: S.measures.brokerage!.help, get: (n) => num(n.brokerage?.total) },
  { key: 'gatekeeper', label: S.measures.gatekeeper!.label, help: S.measures.gatekeeper!.help, get: (n) => num(n.brokerage?.gatekeeper) },
  { key: 'liaison', label: S.measures.liaison!.label, help: S.measures.liaison!.help, get: (n) => num(n.brokerage?.liaison) },
  { key: 'constraint', label: S.measures.constraint!.label, help: S.measures.constraint!.help, get: (n) => num(n.constraint) },
  { key: 'effectiveSize', label: S.measures.effectiveSize!.label, help: S.measures.effectiveSize!.help, get: (n) => num(n.effectiveSize) },
  { key: 'efficiency', label: S.measures.efficiency!.label, help: S.measures.efficiency!.help, get: (n) => num(n.efficiency) },
  { key: 'pagerank', label: S.measures.pagerank!.label, help: S.measures.pagerank!.help, get: (n) => num(n.pagerank) },
  { key: 'eigenvector', label: S.measures.eigenvector!.label, help: S.measures.eigenvector!.help, get: (n) => num(n.eigenvector) },
  { key: 'closeness', label: S.measures.closeness!.label, help: S.measures.closeness!.help, get: (n) => num(n.closeness) },
  { key: 'coreNumber', label: S.measures.coreNumber!.label, help: S.measures.coreNumber!.help, get: (n) => num(n.coreNumber) },
  { key: 'clustering', label: S.measures.clustering!.label, help: S.measures.clustering!.help, get: (n) => num(n.clustering) },
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

/** Number formatting for panels: integers as is, else 3 significant digits; null → "–". */
export function fmt(v: number | null | undefined): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '–';
  if (Number.isInteger(v)) return v.toLocaleString('en-US');
  const a = Math.abs(v);
  if (a >= 1000) return Math.round(v).toLocaleString('en-US');
  if (a >= 1) return v.toFixed(2);
  if (a === 0) return '0';
  return v.toPrecision(3);
}
