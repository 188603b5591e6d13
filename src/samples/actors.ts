/**
 * Steps 1 and 2 of the sample generator: the actors and the years they joined.
 *
 * 1. **Actors** (`actors`, `subtypes`, `sectors`, `activity`): `counts[role]` actors per helix role,
 *    ids `ind-001`, `res-001`, `pub-001`, `civ-001`, `sta-001`, `fin-001`, `per-001` (industry,
 *    research-education, public, civil-society, startup, financier, individual). Key actors
 *    (`keyActors`, e.g. the coordinating organisations named in the sources) take the first ids of
 *    their role. Subtypes and sectors are apportioned exactly by the largest-remainder method from
 *    the given counts or shares, then dealt to the actors in a shuffled order. Sectors apply to
 *    firms (industry and startups). Each actor gets a latent activity level
 *    `a_i = exp(σ z_i)`, `z_i ~ N(0,1)` (`activityDispersion` σ, default 0.8), a multiplicative
 *    weight in every later choice, so that a core of active members emerges across sections,
 *    projects and events alike. A key actor's `activity` fixes its level instead (the draw is still
 *    made, so nobody else's changes).
 * 2. **Joined years** (`joined`): the cumulative member path `C(y)` is the piecewise-linear
 *    interpolation of `growth` (held flat before the first and after the last point; give the
 *    founding size as the first point), scaled so that `C(lastYear)` is the number of actors;
 *    without `growth` joining is uniform over `[foundedYear, lastYear]`. The rounded increments form
 *    a list of year slots; key actors with a fixed `joined` (coordinators default to `foundedYear`)
 *    consume the nearest slot and the other actors, in shuffled order, take the rest in ascending order.
 *
 * Browser-safe: no Node imports.
 */
import { HELIX_ROLES, type Actor, type Attributes, type HelixRole } from '../model/types.js';
import type { Rng } from '../util/rng.js';
import { apportion, deal, joinSlots } from './draw.js';
import type { GeneratorSpec, KeyActorSpec } from './spec.js';

/** Id prefixes per role. */
export const ROLE_ID_PREFIX: Readonly<Record<HelixRole, string>> = {
  industry: 'ind',
  'research-education': 'res',
  public: 'pub',
  'civil-society': 'civ',
  startup: 'sta',
  financier: 'fin',
  individual: 'per',
};

const DEFAULT_ROLE_LABEL: Readonly<Record<HelixRole, string>> = {
  industry: 'Firm',
  'research-education': 'Research and education organisation',
  public: 'Public organisation',
  'civil-society': 'Association',
  startup: 'Startup',
  financier: 'Financier',
  individual: 'Individual member',
};

const SUBTYPE_LABEL: Readonly<Record<string, string>> = {
  'large-firm': 'large firm',
  sme: 'SME',
  university: 'university',
  uas: 'university of applied sciences',
  'vocational-school': 'vocational school',
  'research-institute': 'research institute',
  city: 'municipality',
  'regional-council': 'regional council',
  authority: 'authority',
  'development-company': 'development company',
  association: 'association',
  ngo: 'NGO',
};

const FIRM_ROLES: ReadonlySet<HelixRole> = new Set<HelixRole>(['industry', 'startup']);

/** Internal actor record while generating. */
export interface Work {
  actor: Actor;
  /** Position in the list of all actors (role order, then id). */
  idx: number;
  key: KeyActorSpec | undefined;
  member: boolean;
  activity: number;
  /** The year joined (`actor.joined`, set in step 2; `foundedYear` before). */
  joined: number;
}

function pad(n: number): string {
  return String(n).padStart(3, '0');
}

/** Step 1: the actors by role, with subtypes, labels, sectors, region and activity levels. */
export function drawActors(spec: GeneratorSpec, root: Rng): Work[] {
  const sigma = spec.activityDispersion ?? 0.8;
  const work: Work[] = [];
  const keys = spec.keyActors ?? [];
  const subtypeRng = root.stream('subtypes');
  for (const role of HELIX_ROLES) {
    const n = spec.counts[role] ?? 0;
    if (n <= 0) continue;
    const roleKeys = keys.filter((k) => k.helix === role);
    const fixedSub: Array<string | undefined> = [];
    for (let i = 0; i < n; i++) fixedSub.push(roleKeys[i]?.subtype);
    const mix = spec.subtypes?.[role];
    let subs: string[] = [];
    if (mix !== undefined) subs = deal(apportion(n, Object.entries(mix)), fixedSub, subtypeRng.stream(role));
    const stem = spec.labels?.[role] ?? DEFAULT_ROLE_LABEL[role];
    for (let i = 0; i < n; i++) {
      const key = roleKeys[i];
      const id = `${ROLE_ID_PREFIX[role]}-${pad(i + 1)}`;
      const subtype = key?.subtype ?? (subs[i] || undefined);
      const label = key?.label ?? (subtype ? `${stem} ${i + 1} (${SUBTYPE_LABEL[subtype] ?? subtype})` : `${stem} ${i + 1}`);
      const actor: Actor = { id, label, helix: role };
      if (subtype !== undefined) actor.subtype = subtype;
      work.push({ actor, idx: work.length, key, member: key?.member !== false, activity: 1, joined: spec.foundedYear });
    }
  }
  // Sectors of firms.
  if (spec.sectors !== undefined) {
    const entries: Array<[string, number]> = Array.isArray(spec.sectors) ? spec.sectors.map((s) => [s, 1]) : Object.entries(spec.sectors);
    const firms = work.filter((w) => FIRM_ROLES.has(w.actor.helix));
    const dealt = deal(
      apportion(firms.length, entries),
      firms.map((w) => w.key?.sector),
      root.stream('sectors'),
    );
    firms.forEach((w, i) => {
      const sector = dealt[i];
      if (sector) w.actor.sector = sector;
    });
  }
  for (const w of work) if (w.key?.sector !== undefined) w.actor.sector = w.key.sector;
  if (spec.region !== undefined) for (const w of work) w.actor.region = spec.region;
  const actRng = root.stream('activity');
  for (const w of work) w.activity = Math.exp(sigma * actRng.normal());
  for (const w of work) if (w.key?.activity !== undefined) w.activity = w.key.activity;
  return work;
}

/** Step 2: the joined years (and the attributes of key actors and non-members). */
export function drawJoinedYears(spec: GeneratorSpec, root: Rng, work: readonly Work[]): void {
  const { foundedYear, lastYear } = spec;
  const slots = joinSlots(work.length, foundedYear, lastYear, spec.growth);
  const pinned = (w: Work): number | undefined => w.key?.joined ?? (w.key?.coordinator ? foundedYear : undefined);
  const setJoined = (w: Work, y: number): void => {
    w.actor.joined = y;
    w.joined = y;
  };
  for (const w of work) {
    const y = pinned(w);
    if (y === undefined) continue;
    // the nearest slot (the first of equally near ones)
    let best = -1;
    let bestDistance = Infinity;
    for (const [i, slot] of slots.entries()) {
      const distance = Math.abs(slot - y);
      if (best < 0 || distance < bestDistance) [best, bestDistance] = [i, distance];
    }
    if (best >= 0) slots.splice(best, 1);
    setJoined(w, y);
  }
  const free = root.stream('joined').shuffle(work.filter((w) => pinned(w) === undefined));
  free.forEach((w, i) => {
    setJoined(w, slots[i] ?? lastYear);
  });
  for (const w of work) {
    if (w.key?.attributes || w.key?.coordinator || !w.member) {
      const attrs: Attributes = {};
      if (w.key?.coordinator) attrs.coordinator = true;
      if (!w.member) attrs.member = false;
      Object.assign(attrs, w.key?.attributes ?? {});
      w.actor.attributes = attrs;
    }
  }
}
