/**
 * The simulated network in the scenario view: reading the `network` key of a simulate / compare
 * result (the recording of one run, `src/scenario/snapshots.ts`, format
 * `helixlab-network-history` version 1), placing every actor that ever appears once (so nodes do
 * not jump between years), and what is drawn at a year.
 *
 * At year t: the actors with `joined ≤ t < left` and the tie spells with `from ≤ t < from +
 * trust.length` whose two endpoints are drawn; a tie's thickness and opacity grow with its trust.
 * Pure functions: no DOM, no sigma.
 */
import { UndirectedGraph } from 'graphology';
import forceAtlas2Import from 'graphology-layout-forceatlas2';
import { NF, S } from '../strings.js';
import { HELIX_LABELS } from './palette.js';
import { HELIX_ROLES, createRng, type Diagnostic, type HelixRole, type HistoryActor, type HistoryTie, type NetworkHistory } from 'helixlab';

export type { NetworkHistory } from 'helixlab';

// CommonJS interop (as in viz/src/layout.ts): Vite gives module.exports as the default import.
type FA2 = typeof forceAtlas2Import.default;
const forceAtlas2: FA2 = (forceAtlas2Import as unknown as { default?: FA2 }).default ?? (forceAtlas2Import as unknown as FA2);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isYear = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= 1000;

/**
 * Validate a `network` value (`path` is its JSON path, e.g. `scenarios[1].network`). Every problem
 * is reported (up to 20) as a diagnostic naming the file and field; returns null when any is found.
 */
export function parseNetworkHistory(v: unknown, path: string, file: string, diags: Diagnostic[]): NetworkHistory | null {
  const before = diags.length;
  const err = (field: string, message: string) => {
    if (diags.length - before < 20)
      diags.push({ severity: 'error', file, field: `${path}.${field}`.replace(/\.$/, ''), message, code: 'bad-network-history' });
  };
  if (!isObj(v)) {
    diags.push({ severity: 'error', file, field: path, message: S.resultsFile.historyObject, code: 'bad-network-history' });
    return null;
  }
  if (v.format !== 'helixlab-network-history') err('format', S.resultsFile.historyFormat(JSON.stringify(v.format)));
  if (v.version !== 1) err('version', S.resultsFile.historyVersion(JSON.stringify(v.version)));
  if (!isYear(v.years)) err('years', S.resultsFile.historyYears(JSON.stringify(v.years)));
  if (!Array.isArray(v.actors)) err('actors', S.resultsFile.actorsArray);
  if (!Array.isArray(v.ties)) err('ties', S.resultsFile.tiesArray);
  if (diags.length > before) return null;
  const years = v.years as number;
  const actors: HistoryActor[] = [];
  (v.actors as unknown[]).forEach((a, i) => {
    const f = `actors[${i}]`;
    if (!isObj(a)) return err(f, S.resultsFile.actorObject);
    if (typeof a.id !== 'string') return err(`${f}.id`, S.resultsFile.string);
    if (typeof a.helix !== 'string' || !(HELIX_ROLES as readonly string[]).includes(a.helix))
      return err(`${f}.helix`, S.resultsFile.role(HELIX_ROLES.join(', '), JSON.stringify(a.helix)));
    if (!(a.sector === null || a.sector === undefined || (typeof a.sector === 'number' && Number.isInteger(a.sector) && a.sector >= 0)))
      return err(`${f}.sector`, S.resultsFile.sector);
    if (!isYear(a.joined)) return err(`${f}.joined`, S.resultsFile.joined);
    if (!(a.left === null || a.left === undefined || (isYear(a.left) && a.left > a.joined)))
      return err(`${f}.left`, S.resultsFile.left(a.joined));
    const out: HistoryActor = {
      id: a.id,
      helix: a.helix as HelixRole,
      sector: typeof a.sector === 'number' ? a.sector : null,
      joined: a.joined,
      left: typeof a.left === 'number' ? a.left : null,
    };
    if (a.anchor === true) out.anchor = true;
    actors.push(out);
  });
  const ties: HistoryTie[] = [];
  const n = (v.actors as unknown[]).length;
  (v.ties as unknown[]).forEach((e, i) => {
    const f = `ties[${i}]`;
    if (!isObj(e)) return err(f, S.resultsFile.tieObject);
    const end = (x: unknown) => typeof x === 'number' && Number.isInteger(x) && x >= 0 && x < n;
    if (!end(e.source) || !end(e.target) || e.source === e.target) return err(`${f}.source`, S.resultsFile.ends(n - 1));
    if (!isYear(e.from)) return err(`${f}.from`, S.resultsFile.from);
    if (!Array.isArray(e.trust) || e.trust.length === 0 || !e.trust.every((x) => typeof x === 'number' && x >= 0 && x <= 1)) {
      return err(`${f}.trust`, S.resultsFile.trust);
    }
    const s = e.source as number;
    const t = e.target as number;
    ties.push({ source: Math.min(s, t), target: Math.max(s, t), from: e.from, trust: e.trust as number[] });
  });
  if (diags.length > before) return null;
  const h: NetworkHistory = {
    format: 'helixlab-network-history',
    version: 1,
    scenario: typeof v.scenario === 'string' ? v.scenario : '',
    seed: typeof v.seed === 'number' || typeof v.seed === 'string' ? v.seed : '',
    run: typeof v.run === 'number' ? v.run : 0,
    years,
    actors,
    ties,
  };
  if (Array.isArray(v.sectors) && v.sectors.every((x) => typeof x === 'string')) h.sectors = v.sectors as string[];
  return h;
}

/** Graph key of actor i (the index in `actors`; ids from files need not be unique). */
export const actorKey = (i: number): string => String(i);
/** Graph key of the pair i–j (one edge per pair whatever the number of spells). */
export const pairKeyOf = (i: number, j: number): string => (i < j ? `${i}-${j}` : `${j}-${i}`);

export interface HistoryNodeAttributes {
  x: number;
  y: number;
  helix: HelixRole;
  label: string;
  anchor: boolean;
}
export interface HistoryEdgeAttributes {
  /** Sum over the years of the pair's trust (the layout's attraction). */
  weight: number;
}
export type HistoryGraph = UndirectedGraph<HistoryNodeAttributes, HistoryEdgeAttributes>;

/** Node label in the current language: id, role, sector (name when known), anchor firm. */
export function actorLabel(h: NetworkHistory, i: number): string {
  const a = h.actors[i]!;
  const sector = a.sector === null ? null : String(h.sectors?.[a.sector] ?? a.sector);
  return S.resultsFile.actorLabel(a.id, HELIX_LABELS[a.helix], sector, a.anchor === true);
}

/**
 * One graph of every actor that ever appears and every pair that is ever tied, with positions
 * computed once: a seeded disc grouped by role (as on the map), then `iterations` of ForceAtlas2
 * (synchronous, deterministic) with the pairs' total trust as attraction.
 */
export function historyGraph(h: NetworkHistory, opts: { seed?: number | string; iterations?: number } = {}): HistoryGraph {
  const g: HistoryGraph = new UndirectedGraph<HistoryNodeAttributes, HistoryEdgeAttributes>();
  const rng = createRng(opts.seed ?? 1).stream('viz-history-layout');
  const n = h.actors.length;
  const radius = Math.sqrt(Math.max(n, 1)) * 10;
  const sector = (2 * Math.PI) / HELIX_ROLES.length;
  h.actors.forEach((a, i) => {
    const ri = Math.max(0, HELIX_ROLES.indexOf(a.helix));
    const angle = sector * (ri + 0.1 + 0.8 * rng.next());
    const r = radius * Math.sqrt(0.05 + 0.95 * rng.next());
    g.addNode(actorKey(i), {
      x: r * Math.cos(angle),
      y: r * Math.sin(angle),
      helix: a.helix,
      label: actorLabel(h, i),
      anchor: a.anchor === true,
    });
  });
  for (const e of h.ties) {
    const k = pairKeyOf(e.source, e.target);
    const w = e.trust.reduce((s, x) => s + x, 0);
    if (g.hasEdge(k)) g.updateEdgeAttribute(k, 'weight', (x) => (x ?? 0) + w);
    else g.addEdgeWithKey(k, actorKey(e.source), actorKey(e.target), { weight: w });
  }
  const iterations = opts.iterations ?? (n > 1000 ? 60 : 150);
  if (n > 1 && iterations > 0) {
    const settings = { ...forceAtlas2.inferSettings(g), barnesHutOptimize: n > 400, gravity: 1, edgeWeightInfluence: 1 };
    forceAtlas2.assign(g, { iterations, settings, getEdgeWeight: 'weight' });
  }
  return g;
}

export interface YearNetwork {
  year: number;
  /** Actor indices drawn at this year, in order. */
  actors: number[];
  /** Pairs drawn (key {@link pairKeyOf}) with their trust at this year. */
  ties: Map<string, number>;
  /** Mean trust of the ties drawn (0 without ties). */
  meanTrust: number;
}

/** The actors and ties present at year `year` (clamped to 0..years). */
export function networkAtYear(h: NetworkHistory, year: number): YearNetwork {
  const t = Math.max(0, Math.min(h.years, Math.round(year)));
  const actors: number[] = [];
  const present = new Uint8Array(h.actors.length);
  h.actors.forEach((a, i) => {
    if (a.joined <= t && (a.left === null || t < a.left)) {
      actors.push(i);
      present[i] = 1;
    }
  });
  const ties = new Map<string, number>();
  let sum = 0;
  for (const e of h.ties) {
    const k = t - e.from;
    if (k < 0 || k >= e.trust.length || !present[e.source] || !present[e.target]) continue;
    const key = pairKeyOf(e.source, e.target);
    const v = e.trust[k]!;
    const prev = ties.get(key);
    if (prev !== undefined) sum -= prev; // two spells of one pair at once: keep the stronger
    const keep = prev === undefined ? v : Math.max(prev, v);
    ties.set(key, keep);
    sum += keep;
  }
  return { year: t, actors, ties, meanTrust: ties.size > 0 ? sum / ties.size : 0 };
}

/** Edge thickness (screen pixels) and colour for a tie of trust `trust` (0–1): stronger = thicker, darker. */
export function tieAppearance(trust: number): { size: number; color: string } {
  const x = Math.max(0, Math.min(1, trust));
  return { size: 0.5 + 3.5 * x, color: `rgba(60, 72, 96, ${(0.15 + 0.75 * x).toFixed(3)})` };
}

/** The one-line caption under the network panel. */
export function networkCaption(v: YearNetwork): string {
  return S.resultsFile.caption(v.year, NF.int(v.actors.length), NF.int(v.ties.size), v.ties.size > 0 ? NF.num(v.meanTrust, 2) : '–');
}
