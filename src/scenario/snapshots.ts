/**
 * The simulated network of one run, year by year (opt-in: `helixlab simulate|compare --network-run r`,
 * and run 0 in the browser app's scenario view).
 *
 * What is recorded — the state the indicators of year t are observed on (after step t; year 0 is the
 * starting state), for t = 0..years:
 *
 * - **actors**: every actor that was ever a member, once, in order of creation (the index of an actor
 *   is its position in `actors`, the same as the engine's): `id`, helix role, `sector` (the engine's
 *   sector index, numbered from 0; `null` for roles that work across sectors; names in `sectors` when
 *   the run started from a network file), `joined` (simulated year; 0 = in the starting cluster),
 *   `left` (the year during which it left, so it is absent from year `left` on; `null` = still a
 *   member at the horizon) and `anchor: true` for the anchor firm. The cluster's coordinator is not
 *   an actor of the model (coordination is FTE of the cluster organisation, mechanisms/funding.ts),
 *   so no actor is marked as the coordinator. Actor `a` is present at year t when
 *   `joined ≤ t < left`; the number present equals the `members` indicator.
 * - **ties**: every spell of a tie, once: its endpoints (`source < target`, indices into `actors`),
 *   `from` (the year it formed, 0 = in the starting network; ties form during a year and are observed
 *   at its end, so `from` is also the first year it is present) and `trust` (0–1, the tie's strength;
 *   `trust[k]` is its value at the end of year `from + k`, rounded to 4 significant digits). The tie
 *   is present in years `from .. from + trust.length − 1` and dissolved (decay below `dissolveBelow`,
 *   or an endpoint left) after that; a pair that meets again later gets a new spell. The number of
 *   spells present at year t equals the `ties` indicator and the mean of their trust the
 *   `meanTrust` indicator (to the rounding).
 *
 * The form is compact — 15 years of a 150-actor cluster take tens of kilobytes of JSON — and
 * versioned (`format`, `version`). Recording costs one pass over the actors and ties per year and
 * happens only when asked for: `runOnce` without `onYear` does nothing extra.
 *
 * Indexing: the simulation state's arrays are sized by their capacity and indexed by actor and tie slots
 * below the live counts; the `!` on element reads (required by `noUncheckedIndexedAccess`) marks reads
 * that are in bounds by construction.
 */
import { HELIX_ROLES, type HelixRole } from '../model/types.js';
import { runOnce, type RunOnceOptions, type RunOutput } from './engine.js';
import type { Scenario } from './schema.js';
import { pairKey, type SimState } from './state.js';

export const NETWORK_HISTORY_FORMAT = 'helixlab-network-history';
export const NETWORK_HISTORY_VERSION = 1;

export interface HistoryActor {
  /** The network's actor id when the run started from a network file, else `a<index>` (also for actors who joined later). */
  id: string;
  helix: HelixRole;
  /** Sector index from 0, or null for roles that work across sectors. */
  sector: number | null;
  /** Simulated year the actor joined (0 = starting cluster). */
  joined: number;
  /** Simulated year during which the actor left (absent from then on); null = a member at the horizon. */
  left: number | null;
  /** Present (true) only for the anchor firm. */
  anchor?: true;
}

export interface HistoryTie {
  /** Index into `actors` (source < target). */
  source: number;
  /** Index into `actors`. */
  target: number;
  /** Year the tie formed (0 = starting network): the first year it is present. */
  from: number;
  /** Trust (0–1) at the end of years from, from + 1, ...; the tie is present in exactly those years. */
  trust: number[];
}

/** The recorded network of one run (JSON key `network` of a simulate / compare result). */
export interface NetworkHistory {
  format: typeof NETWORK_HISTORY_FORMAT;
  version: typeof NETWORK_HISTORY_VERSION;
  /** Scenario name. */
  scenario: string;
  seed: number | string;
  /** The replication recorded (its random substream: `createRng(seed).stream('run', run)`). */
  run: number;
  /** Years recorded: 0..years. */
  years: number;
  /** Sector names by index, when the run started from a network file that has them. */
  sectors?: string[];
  actors: HistoryActor[];
  ties: HistoryTie[];
}

/** 4 significant digits: small enough for JSON, and a positive trust stays positive. */
function round4(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(4));
}

/**
 * Records a run's network through {@link RunOnceOptions.onYear}: pass `recorder.onYear` to
 * `runOnce`, then read {@link NetworkRecorder.result}. One recorder per run.
 */
export class NetworkRecorder {
  private readonly actors: HistoryActor[] = [];
  private readonly ties: HistoryTie[] = [];
  /** Open spells: pair key → index into `ties`. */
  private readonly open = new Map<number, number>();
  private lastYear = -1;

  constructor(
    private readonly meta: { scenario: string; seed: number | string; run: number; sectors?: string[]; ids?: readonly string[] },
  ) {}

  private taken: Set<string> | undefined;

  /** The network's id for a starting actor; `a<index>` otherwise, made unique against the network's ids. */
  private actorId(i: number): string {
    const ids = this.meta.ids;
    if (ids && i < ids.length) return ids[i]!;
    let id = `a${i}`;
    if (ids) {
      this.taken ??= new Set(ids);
      while (this.taken.has(id)) id = `_${id}`;
    }
    return id;
  }

  /** The hook for `runOnce` (`t` must be 0, 1, 2, ... in order). */
  readonly onYear = (t: number, st: SimState): void => {
    if (t !== this.lastYear + 1) throw new RangeError(`network recording: expected year ${this.lastYear + 1}, got ${t}`);
    this.lastYear = t;
    const actors = this.actors;
    for (let i = actors.length; i < st.n; i++) {
      const sec = st.sector[i]!;
      const a: HistoryActor = {
        id: this.actorId(i),
        helix: HELIX_ROLES[st.helix[i]!]!,
        sector: sec >= 0 ? sec : null,
        joined: st.joined[i]!,
        left: null,
      };
      if (i === st.anchor) a.anchor = true;
      actors.push(a);
    }
    for (let i = 0; i < actors.length; i++) {
      const a = actors[i]!;
      if (a.left === null && !st.member[i]) a.left = t;
    }
    const open = this.open;
    for (let k = 0; k < st.m; k++) {
      const s = st.tA[k]!;
      const d = st.tB[k]!;
      const key = pairKey(s, d);
      const trust = round4(st.trust[k]!);
      const j = open.get(key);
      const spell = j === undefined ? undefined : this.ties[j]!;
      // the same spell: present last year and formed before this year (a tie re-formed this year is a new spell)
      if (spell && spell.from + spell.trust.length === t && st.since[k]! < t) spell.trust.push(trust);
      else {
        open.set(key, this.ties.length);
        this.ties.push({ source: s, target: d, from: t, trust: [trust] });
      }
    }
    for (const [key, j] of open) {
      const spell = this.ties[j]!;
      if (spell.from + spell.trust.length <= t) open.delete(key);
    }
  };

  /** The history recorded so far (years 0..last year seen). */
  result(): NetworkHistory {
    const sectors = this.meta.sectors;
    return {
      format: NETWORK_HISTORY_FORMAT,
      version: NETWORK_HISTORY_VERSION,
      scenario: this.meta.scenario,
      seed: this.meta.seed,
      run: this.meta.run,
      years: Math.max(0, this.lastYear),
      ...(sectors && sectors.length > 0 ? { sectors: [...sectors] } : {}),
      actors: this.actors,
      ties: this.ties,
    };
  }
}

/**
 * Replication `run` of scenario `s` with seed `seed` (the same numbers as that replication in
 * `simulate` / `compare`), with its network recorded year by year.
 */
export function recordNetwork(
  s: Scenario,
  seed: number | string,
  run: number,
  opts: { years?: number; name?: string } = {},
): { output: RunOutput; network: NetworkHistory } {
  const meta: { scenario: string; seed: number | string; run: number; sectors?: string[]; ids?: readonly string[] } = {
    scenario: opts.name ?? s.name,
    seed,
    run,
  };
  if (s.start.resolved) {
    meta.sectors = s.start.resolved.sectorNames;
    // starting actors keep the network's ids; actors who join later are a<index> (index ≥ the network's size)
    const ids = s.start.resolved.ids;
    if (ids && ids.length > 0) meta.ids = ids;
  }
  const rec = new NetworkRecorder(meta);
  const ro: RunOnceOptions = { onYear: rec.onYear };
  if (opts.years !== undefined) ro.years = opts.years;
  const output = runOnce(s, seed, run, ro);
  return { output, network: rec.result() };
}

/** Numbers present at year t: actors (= `members`), tie spells (= `ties`) and their mean trust. */
export function historyCounts(h: NetworkHistory, t: number): { actors: number; ties: number; meanTrust: number } {
  let actors = 0;
  for (const a of h.actors) if (a.joined <= t && (a.left === null || t < a.left)) actors++;
  let ties = 0;
  let sum = 0;
  for (const e of h.ties) {
    const k = t - e.from;
    if (k >= 0 && k < e.trust.length) {
      ties++;
      sum += e.trust[k]!;
    }
  }
  return { actors, ties, meanTrust: ties > 0 ? sum / ties : 0 };
}

/**
 * JSON text of a history that stays readable and small: the header fields one per line, then one
 * line per actor and per tie spell. Every line after the first is prefixed with `indent` (to nest it
 * inside an indented document). `JSON.parse` of the text gives `h` back.
 */
export function networkHistoryToJson(h: NetworkHistory, indent = ''): string {
  const i1 = indent + '  ';
  const i2 = indent + '    ';
  const lines: string[] = [];
  for (const [k, v] of Object.entries(h)) {
    if (k === 'actors' || k === 'ties') continue;
    lines.push(`${i1}${JSON.stringify(k)}: ${JSON.stringify(v)}`);
  }
  const list = (k: 'actors' | 'ties'): string => {
    const items = h[k] as readonly unknown[];
    if (items.length === 0) return `${i1}"${k}": []`;
    return `${i1}"${k}": [\n${items.map((x) => i2 + JSON.stringify(x)).join(',\n')}\n${i1}]`;
  };
  lines.push(list('actors'), list('ties'));
  return `{\n${lines.join(',\n')}\n${indent}}`;
}

/** Record replication `run` of each scenario (names as in the result: `names[i]`, else the scenario's). */
export function recordNetworks(
  ss: readonly Scenario[],
  names: readonly string[],
  seed: number | string,
  run: number,
  years: number,
): NetworkHistory[] {
  return ss.map((s, i) => recordNetwork(s, seed, run, { years, name: names[i] ?? s.name }).network);
}
