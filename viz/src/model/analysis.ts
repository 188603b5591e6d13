/**
 * The part of the analysis output (`analyzeNetwork`, the JSON contract of `helixlab analyze
 * --format json`) that the panels show, typed loosely enough to survive optional fields. The
 * app never recomputes any of these numbers. Words come in the app's language: the lock-in
 * reasons and the ESCA criteria are put into words by the library (`lockInReasonsIn`,
 * `escaCriterionWords`, as the CLI's Finnish report does), numbers by its number formats.
 */
import {
  LOCKIN_COMPONENTS,
  escaCriterionWords,
  lockInReasonsIn,
  type EscaCriterion,
  type LockInComponent,
  type LockInDetails,
  type LockInWeights,
} from 'helixlab';
import type { AnalysisNodeView } from './measures.js';
import { NF, S, lang } from '../strings.js';

export interface LockInView {
  score: number;
  level: string;
  components: Record<string, number | null>;
  /** The English reasons of the analysis (the JSON contract); {@link lockInReasonsOf} gives them in the app's language. */
  reasons: string[];
  weights?: Record<string, number>;
  /** What the reasons are made from (present in the analysis' output). */
  details?: LockInDetails;
}

export interface AnalysisView {
  graph?: { density?: number; components?: number; transitivity?: number; averageClustering?: number; largestComponent?: number };
  nodes: AnalysisNodeView[];
  helix?: {
    eiIndex?: unknown;
    eiPValue?: number | null;
    blau?: number;
    iqv?: number;
    assortativity?: number | null;
    synergyBits?: number | null;
  };
  lockIn?: LockInView;
  esca?: unknown;
  resilience?: unknown;
  communities?: unknown;
}

export interface EscaRow {
  label: string;
  value: string;
  required: string;
  pass: boolean | null;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string =>
  v === null || v === undefined ? '–' : typeof v === 'number' ? (Number.isInteger(v) ? NF.int(v) : NF.num(v, 2)) : String(v);

const ESCA_IDS = new Set<string>(['staff', 'actors', 'companies', 'activities', 'focus-areas']);
/** A criterion as `src/metrics/esca.ts` writes it (then the library words it in the app's language). */
function isEscaCriterion(c: Record<string, unknown>): c is Record<string, unknown> & EscaCriterion {
  return (
    typeof c.id === 'string' &&
    ESCA_IDS.has(c.id) &&
    typeof c.label === 'string' &&
    typeof c.requirement === 'string' &&
    typeof c.threshold === 'number' &&
    typeof c.source === 'string' &&
    (typeof c.value === 'number' || c.value === null)
  );
}

/**
 * ESCA criteria as table rows, whatever the exact nesting: an array of criteria, or an object
 * `{criteria: [...]}`, or an object keyed by criterion. Each criterion's name / label, value,
 * threshold / required and pass / passed / ok fields are read when present.
 */
export function escaRows(esca: unknown): { rows: EscaRow[]; overall: boolean | null; note: string | null } {
  let list: Array<[string, unknown]> = [];
  let overall: boolean | null = null;
  let note: string | null = null;
  if (Array.isArray(esca)) list = esca.map((c, i) => [String(i), c]);
  else if (isObj(esca)) {
    if (typeof esca.pass === 'boolean') overall = esca.pass;
    else if (typeof esca.passed === 'boolean') overall = esca.passed;
    else if (typeof esca.passes === 'boolean') overall = esca.passes;
    if (typeof esca.year === 'number') note = S.esca.profileOf(esca.year);
    if (typeof esca.note === 'string') note = esca.note;
    else if (typeof esca.reason === 'string') note = esca.reason;
    if (Array.isArray(esca.criteria)) list = esca.criteria.map((c, i) => [String(i), c]);
    else if (isObj(esca.criteria)) list = Object.entries(esca.criteria);
    else list = Object.entries(esca).filter(([, v]) => isObj(v));
  }
  const rows: EscaRow[] = [];
  for (const [key, c] of list) {
    if (!isObj(c)) continue;
    if (isEscaCriterion(c)) {
      const w = escaCriterionWords(c, lang());
      rows.push({ label: w.label, value: w.value, required: w.requirement, pass: typeof c.pass === 'boolean' ? c.pass : null });
      continue;
    }
    const label = String(c.label ?? c.name ?? c.criterion ?? c.id ?? key);
    const pass = typeof c.pass === 'boolean' ? c.pass : typeof c.passed === 'boolean' ? c.passed : typeof c.ok === 'boolean' ? c.ok : null;
    rows.push({
      label,
      value: str(c.value ?? c.actual),
      required: str(c.requirement ?? c.threshold ?? c.required ?? c.expected ?? c.rule),
      pass,
    });
  }
  return { rows, overall, note };
}

const reasonsCache = new WeakMap<AnalysisView, { lang: string; reasons: string[] }>();

/**
 * The lock-in reasons in the app's language: the library regenerates them from the analysis'
 * details (as the CLI's Finnish report does); without details, the analysis' own (English) ones.
 */
export function lockInReasonsOf(a: AnalysisView): string[] {
  const li = a.lockIn;
  if (!li) return [];
  if (!li.details || !li.weights || lang() === 'en') return li.reasons;
  const hit = reasonsCache.get(a);
  if (hit && hit.lang === lang()) return hit.reasons;
  const pick = <T>(rec: Record<string, T>, missing: T) =>
    Object.fromEntries(LOCKIN_COMPONENTS.map((k) => [k, rec[k] ?? missing])) as Record<LockInComponent, T>;
  const reasons = lockInReasonsIn(
    {
      lockIn: {
        components: pick(li.components, null),
        weights: pick(li.weights, 0) as LockInWeights,
        details: li.details,
        reasons: li.reasons,
      },
      nodes: a.nodes.map((n) => ({ id: n.id, label: n.label ?? n.id, degree: n.degree ?? 0 })),
    },
    lang(),
  );
  reasonsCache.set(a, { lang: lang(), reasons });
  return reasons;
}

/**
 * Per-actor E-I index map when the analysis gives one: `nodes[].eiIndex` (the analyze contract),
 * else `helix.eiIndex.{actors|byActor|nodes|perActor}`.
 */
export function perActorEI(a: AnalysisView): Map<string, number | null> | undefined {
  if (a.nodes.length > 0 && a.nodes.every((n) => 'eiIndex' in n)) {
    return new Map(a.nodes.map((n) => [n.id, typeof n.eiIndex === 'number' && Number.isFinite(n.eiIndex) ? n.eiIndex : null]));
  }
  const ei: unknown = a.helix?.eiIndex;
  if (!isObj(ei)) return undefined;
  const src = ei.actors ?? ei.byActor ?? ei.nodes ?? ei.perActor;
  const m = new Map<string, number | null>();
  if (Array.isArray(src)) {
    if (src.length === a.nodes.length && src.every((v) => typeof v === 'number' || v === null)) {
      a.nodes.forEach((n, i) => m.set(n.id, src[i] as number | null));
      return m;
    }
    for (const r of src)
      if (isObj(r) && typeof r.id === 'string') m.set(r.id, typeof r.ei === 'number' ? r.ei : typeof r.value === 'number' ? r.value : null);
    return m.size ? m : undefined;
  }
  if (isObj(src)) {
    for (const [k, v] of Object.entries(src)) m.set(k, typeof v === 'number' ? v : null);
    return m;
  }
  return undefined;
}
