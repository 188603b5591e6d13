/**
 * Steps 3 to 7 of the sample generator: the activities (two-mode data) the actors take part in,
 * and {@link activitiesPerYear}, the count of activities running in each year.
 *
 * 3. **Sections and teams** (`sections`): a home pass gives every member (actors with
 *    `member !== false`) one home section (kind `section`, never a team), chosen with probability
 *    ∝ remaining capacity × `helixMix[role]` × 4 when the actor's sector is among the section's
 *    `sectors`. Then each section and team is filled up to its `size` by **preferential attachment**:
 *    weight `a_i · helixMix[role] · sectorBoost · (1 + k_i)^β`, `k_i` the number of sections/teams the
 *    actor is already in, β = `attachmentExponent` (default 0.5; 1 is linear preferential attachment,
 *    0 none). With `sectionChairs`, each section draws a chair and a vice-chair among its members
 *    (∝ `a_i` × chair propensity: industry 3, research-education 2, public 2, others 1), and a
 *    `board` team of all chairs and vice-chairs is added. With `sectionMeetings`, a section (not a
 *    team) is written as its **core meeting** (activity `id`: the chair, the vice-chair and then the
 *    most active members up to `core`, plus hosts; `attributes.members` = the section's size) and
 *    **working groups** (`<id>-wg01` …, kind `section`, `attributes.partOf` = the section id) that
 *    split all its members, shuffled (substream `working-groups/<j>`), into groups of
 *    `workingGroups` size (see `groupSizes`); hosts are not in the working groups. A section of 30
 *    is then ~6 cliques of 5 plus a core, not one clique of 30.
 * 4. **Named activities** (`namedActivities`): activities stated in the sources (e.g. a founding
 *    project) with a fixed label, years and size; participants drawn as in step 5 without a lead.
 * 5. **Projects** (`projects`): per year `Poisson(perYear)` projects, or uniform on `perYear` when it
 *    is a `[low, high]` range (the yearly counts and each project draw from their own substreams, so
 *    changing sizes does not change how many there are); size and duration uniform on their integer
 *    ranges. A lead is drawn ∝ `a_i · p(role) · (1 + k_i)^β` (`k_i` projects so far, `p` the project
 *    propensity: industry 1, research-education 2, public 1.5, civil-society 0.7, startup 1,
 *    financier 0.5, individual 0.1; `rolePropensity` overrides single roles); each further slot is
 *    filled, with probability `crossHelix`, from the roles other than the lead's, otherwise from the
 *    lead's role (falling back to the other pool when one is empty), with the same weights.
 *    Only actors that have joined by the start year take part.
 * 6. **Events** (`events`, one substream per event type): per year `Poisson(perYear)` events (or
 *    uniform on a `[low, high]` range) with attendance uniform on its range (capped by the actors
 *    present), attendees drawn ∝ `a_i · p(role) · (1 + k_i)^β` (`k_i` events of that type attended
 *    so far; `p` default 1, financiers and individuals 0.5). Activities are projected to
 *    co-participation ties when the document is loaded (a clique per activity), and at a real event
 *    ties form in small groups, not across the hall: with `groups`, each event is written as its
 *    **small groups** instead (tables, workshop groups, one-to-one meetings; kind `groups.kind` or
 *    the event's, `attributes.partOf` = the event id `<label>-<year>-<nn>`, group ids `<event>-01` or
 *    `<event>-r<round>-01`): in each of `rounds` rounds the attendees (in id order, shuffled from
 *    substream `event-groups/<i>/<year>/<n>/<round>`) are split into groups of `groups.size`
 *    (`groupSizes`: as even as possible within the range). The attendee draw is the same with or
 *    without groups. Hosts sit in every group unless `groups.withHosts` is false.
 * 7. **Hosts**: key actors with `hosts` take part in every activity of those kinds from the year they
 *    joined (the orchestrator at every section meeting, the development company at every event); they
 *    come on top of the drawn participants and are left out of the draws for what they host.
 *
 * Browser-safe: no Node imports.
 */
import type { Activity, ActivityKind, Attributes, HelixRole, YearValue } from '../model/types.js';
import type { Rng } from '../util/rng.js';
import type { Work } from './actors.js';
import { countIn, drawIndex, drawMany, drawMasked, groupSizes, intIn } from './draw.js';
import { eventSpecs, type GeneratorSpec, type SectionSpec } from './spec.js';

const PROJECT_PROPENSITY: Readonly<Record<HelixRole, number>> = {
  industry: 1,
  'research-education': 2,
  public: 1.5,
  'civil-society': 0.7,
  startup: 1,
  financier: 0.5,
  individual: 0.1,
};

const EVENT_PROPENSITY: Readonly<Record<HelixRole, number>> = {
  industry: 1,
  'research-education': 1,
  public: 1,
  'civil-society': 1,
  startup: 1,
  financier: 0.5,
  individual: 0.5,
};

const CHAIR_PROPENSITY: Readonly<Record<HelixRole, number>> = {
  industry: 3,
  'research-education': 2,
  public: 2,
  'civil-society': 1,
  startup: 1,
  financier: 1,
  individual: 1,
};

/** What the activity steps share. */
interface Ctx {
  spec: GeneratorSpec;
  root: Rng;
  /** All actors, in id order. */
  work: readonly Work[];
  /** The members (actors with `member !== false`), in id order. */
  members: readonly Work[];
  /** β of the preferential attachment. */
  beta: number;
  /** The activities so far; each step appends its own. */
  activities: Activity[];
  /** Whether `w` hosts (takes part in every) activity of `kind` in `year`. */
  hosts(w: Work, kind: ActivityKind, year: number): boolean;
  /** Set `act.participants` to the drawn participants and the hosts, sorted by id. */
  finish(act: Activity, drawn: readonly Work[]): Activity;
}

function mixWeight(mix: Partial<Record<HelixRole, number>> | undefined, role: HelixRole): number {
  if (mix === undefined) return 1;
  return mix[role] ?? 0;
}

function slug(s: string): string {
  return s
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

const byIdx = (a: Work, b: Work): number => a.idx - b.idx;

/**
 * Steps 3 to 7: the sections and teams, named activities, projects and events of the actors (after
 * steps 1 and 2), with the hosts in every activity they host.
 */
export function drawActivities(spec: GeneratorSpec, root: Rng, work: readonly Work[]): Activity[] {
  const { foundedYear } = spec;
  const hosts = (w: Work, kind: ActivityKind, year: number): boolean =>
    w.joined <= year &&
    (w.key?.hosts ?? []).some((h) =>
      typeof h === 'string' ? h === kind : h.kind === kind && (h.from ?? -Infinity) <= year && year <= (h.to ?? Infinity),
    );
  const hostCandidates = work.filter((w) => (w.key?.hosts ?? []).length > 0);
  const hostsOf = (kind: ActivityKind, year: number): Work[] => hostCandidates.filter((w) => hosts(w, kind, year));
  const ctx: Ctx = {
    spec,
    root,
    work,
    members: work.filter((w) => w.member),
    beta: spec.attachmentExponent ?? 0.5,
    activities: [],
    hosts,
    finish: (act, drawn) => {
      const ids = new Set(drawn.map((w) => w.actor.id));
      for (const h of hostsOf(act.kind, act.year ?? foundedYear)) ids.add(h.actor.id);
      act.participants = [...ids].sort();
      return act;
    },
  };
  drawSections(ctx);
  drawProjects(ctx);
  drawEvents(ctx);
  return ctx.activities;
}

/** Step 3: sections and teams (home pass, attachment pass, chairs, core meetings and working groups). */
function drawSections(ctx: Ctx): void {
  const { spec, root, work, members, beta, activities, hosts, finish } = ctx;
  const { foundedYear, lastYear } = spec;
  const sections = spec.sections ?? [];
  if (sections.length === 0) return;
  const srng = root.stream('sections');
  // One record per section: its spec, the actors in it and its chair and vice-chair.
  const secs = sections.map((s) => ({ s, inSec: new Set<Work>(), chairs: [] as Work[] }));
  const k = new Map<number, number>();
  const boost = (s: SectionSpec, w: Work): number =>
    s.sectors && w.actor.sector !== undefined && s.sectors.includes(w.actor.sector) ? 4 : 1;
  const hosting = (s: SectionSpec, w: Work): boolean => hosts(w, s.kind ?? 'section', s.year ?? foundedYear);
  // Home pass.
  const order = srng.shuffle([...members]);
  for (const w of order) {
    const ws = secs.map(({ s, inSec }) =>
      (s.kind ?? 'section') === 'section' && !hosting(s, w)
        ? Math.max(0, s.size - inSec.size) * mixWeight(s.helixMix, w.actor.helix) * boost(s, w)
        : 0,
    );
    const home = secs[drawIndex(srng, ws)]; // undefined for -1: no section has room for w
    if (home === undefined) continue;
    home.inSec.add(w);
    k.set(w.idx, 1);
  }
  // Attachment pass.
  for (const { s, inSec } of secs) {
    const need = s.size - inSec.size;
    if (need <= 0) continue;
    const cand = members.filter((w) => !inSec.has(w) && !hosting(s, w));
    const ws = cand.map((w) => w.activity * mixWeight(s.helixMix, w.actor.helix) * boost(s, w) * Math.pow(1 + (k.get(w.idx) ?? 0), beta));
    for (let t = 0; t < need; t++) {
      const i = drawIndex(srng, ws);
      const w = cand[i]; // undefined for -1: no candidate left
      if (w === undefined) break;
      ws[i] = 0;
      inSec.add(w);
      k.set(w.idx, (k.get(w.idx) ?? 0) + 1);
    }
  }
  // Chairs and vice-chairs (drawn before the activities are built: the core meetings need them).
  if (spec.sectionChairs) {
    const crng = root.stream('chairs');
    const used = new Set<number>();
    for (const sec of secs) {
      if ((sec.s.kind ?? 'section') !== 'section') continue;
      const pool = [...sec.inSec].sort(byIdx);
      const fresh = pool.filter((w) => !used.has(w.idx));
      const cand = fresh.length >= 2 ? fresh : pool;
      const picked = drawMany(crng, cand, (w) => w.activity * CHAIR_PROPENSITY[w.actor.helix], 2);
      for (const p of picked) used.add(p.idx);
      sec.chairs = picked;
    }
  }
  const sm = spec.sectionMeetings;
  const board = new Set<string>();
  let boardYear = lastYear;
  secs.forEach(({ s, inSec, chairs }, j) => {
    const kind = s.kind ?? 'section';
    const year = s.year ?? foundedYear;
    const all = [...inSec].sort(byIdx);
    const attrs: Attributes = {};
    if (s.sectors) attrs.sectors = s.sectors.join('; ');
    const [chair, vice] = chairs;
    if (chair) attrs.chair = chair.actor.id;
    if (vice) attrs.viceChair = vice.actor.id;
    for (const c of chairs) board.add(c.actor.id);
    if (spec.sectionChairs && kind === 'section') boardYear = Math.min(boardYear, year);
    const act: Activity = { id: s.id, label: s.label, kind, year, participants: [] };
    if (sm === undefined || kind !== 'section') {
      if (Object.keys(attrs).length > 0) act.attributes = attrs;
      activities.push(finish(act, all));
      return;
    }
    // Core meeting: the chairs, then the most active members (by activity level, then id).
    const core = [...chairs];
    const rest = all.filter((w) => !core.includes(w)).sort((a, b) => b.activity - a.activity || a.idx - b.idx);
    for (const w of rest) {
      if (core.length >= sm.core) break;
      core.push(w);
    }
    attrs.members = all.length;
    act.attributes = attrs;
    activities.push(finish(act, core));
    // Working groups: all members, shuffled, split into groups of the given size.
    const order = root.stream('working-groups', j).shuffle([...all]);
    let at = 0;
    groupSizes(order.length, sm.workingGroups).forEach((size, g) => {
      const group = order.slice(at, at + size);
      at += size;
      const num = String(g + 1).padStart(2, '0');
      activities.push({
        id: `${s.id}-wg${num}`,
        label: `${s.label}: working group ${g + 1}`,
        kind,
        year,
        participants: group.map((w) => w.actor.id).sort(),
        attributes: { partOf: s.id },
      });
    });
  });
  if (spec.sectionChairs) {
    activities.push(
      finish(
        { id: 'board', label: 'Board (section chairs and vice-chairs)', kind: 'team', year: boardYear, participants: [] },
        work.filter((w) => board.has(w.actor.id)),
      ),
    );
  }
}

/** Steps 4 and 5: named activities, then projects (the projects count the named activities as projects done). */
function drawProjects(ctx: Ctx): void {
  const { spec, root, members, beta, activities, hosts, finish } = ctx;
  const { foundedYear, lastYear } = spec;
  const kProj = new Map<number, number>();
  const projWeight = (w: Work, prop: (r: HelixRole) => number): number =>
    w.activity * prop(w.actor.helix) * Math.pow(1 + (kProj.get(w.idx) ?? 0), beta);
  const nrng = root.stream('named-activities');
  for (const a of spec.namedActivities ?? []) {
    const cand = members.filter((w) => w.joined <= a.year && !hosts(w, a.kind, a.year));
    const drawn = drawMany(nrng, cand, (w) => projWeight(w, (r) => mixWeight(a.helixMix, r)), a.size);
    bump(kProj, drawn);
    const act: Activity = {
      id: a.id,
      label: a.label,
      kind: a.kind,
      year: a.year,
      ...(a.endYear !== undefined ? { endYear: a.endYear } : {}),
      participants: [],
      ...(a.attributes ? { attributes: { ...a.attributes } } : {}),
    };
    activities.push(finish(act, drawn));
  }
  if (spec.projects === undefined) return;
  const p = spec.projects;
  const projectsRng = root.stream('projects');
  const prop = (r: HelixRole): number => p.rolePropensity?.[r] ?? PROJECT_PROPENSITY[r];
  for (let y = p.fromYear ?? foundedYear; y <= (p.toYear ?? lastYear); y++) {
    const n = countIn(projectsRng.stream('count', y), p.perYear);
    const present = members.filter((w) => w.joined <= y && !hosts(w, 'project', y));
    for (let q = 0; q < n && present.length > 0; q++) {
      const prng = root.stream('projects', y, q);
      const size = Math.min(intIn(prng, p.size), present.length);
      const dur = intIn(prng, p.durationYears);
      const ws = present.map((w) => projWeight(w, prop));
      const li = drawIndex(prng, ws);
      const lead = present[li]; // undefined for -1: nobody to lead
      if (lead === undefined) break;
      const team: Work[] = [lead];
      ws[li] = 0;
      const otherRole = present.map((w) => w.actor.helix !== lead.actor.helix);
      for (let t = 1; t < size; t++) {
        const cross = prng.bernoulli(p.crossHelix);
        // the wanted pool first (other roles when `cross`), the other pool when it is empty
        let i = drawMasked(prng, ws, (x) => otherRole[x] === cross);
        if (i < 0) i = drawMasked(prng, ws, (x) => otherRole[x] !== cross);
        const w = present[i]; // undefined for -1: both pools are empty
        if (w === undefined) break;
        team.push(w);
        ws[i] = 0;
      }
      bump(kProj, team);
      const num = String(q + 1).padStart(2, '0');
      activities.push(
        finish(
          {
            id: `prj-${y}-${num}`,
            label: `${p.label ?? 'Project'} ${y}-${num}`,
            kind: 'project',
            year: y,
            endYear: y + dur - 1,
            participants: [],
            attributes: { lead: lead.actor.id },
          },
          team,
        ),
      );
    }
  }
}

/** Add one to the count of every drawn actor. */
function bump(m: Map<number, number>, ws: readonly Work[]): void {
  for (const w of ws) m.set(w.idx, (m.get(w.idx) ?? 0) + 1);
}

/** Step 6: events, each one activity or split into small groups. */
function drawEvents(ctx: Ctx): void {
  const { spec, root, members, beta, activities, hosts, finish } = ctx;
  const { foundedYear, lastYear } = spec;
  eventSpecs(spec).forEach((e, ei) => {
    const eventsRng = root.stream('events', ei);
    const kEv = new Map<number, number>();
    const kind = e.kind ?? 'event';
    const prefix = e.label ? slug(e.label) : `event${ei + 1}`;
    const prop = (r: HelixRole): number => e.rolePropensity?.[r] ?? EVENT_PROPENSITY[r];
    for (let y = e.fromYear ?? foundedYear; y <= (e.toYear ?? lastYear); y++) {
      const n = countIn(eventsRng.stream('count', y), e.perYear);
      const present = members.filter((w) => w.joined <= y && !hosts(w, kind, y));
      for (let q = 0; q < n && present.length > 0; q++) {
        const erng = root.stream('events', ei, y, q);
        const size = Math.min(intIn(erng, e.attendance), present.length);
        const weight = (w: Work): number => w.activity * prop(w.actor.helix) * Math.pow(1 + (kEv.get(w.idx) ?? 0), beta);
        const drawn = drawMany(erng, present, weight, size);
        bump(kEv, drawn);
        const num = String(q + 1).padStart(2, '0');
        const id = `${prefix}-${y}-${num}`;
        const label = `${e.label ?? 'Event'} ${y}/${q + 1}`;
        const gs = e.groups;
        if (gs === undefined) {
          activities.push(finish({ id, label, kind, year: y, participants: [] }, drawn));
          continue;
        }
        // Small groups: each round, the attendees (in id order, shuffled) are split into groups.
        const rounds = gs.rounds ?? 1;
        const gkind = gs.kind ?? kind;
        for (let r = 0; r < rounds; r++) {
          const order = root.stream('event-groups', ei, y, q, r).shuffle([...drawn].sort(byIdx));
          let at = 0;
          groupSizes(order.length, gs.size).forEach((size, g) => {
            const tag = rounds > 1 ? `r${r + 1}-${String(g + 1).padStart(2, '0')}` : String(g + 1).padStart(2, '0');
            const glabel = `${label}, ${gs.label ?? 'group'} ${rounds > 1 ? `${r + 1}.` : ''}${g + 1}`;
            const act: Activity = { id: `${id}-${tag}`, label: glabel, kind: gkind, year: y, participants: [], attributes: { partOf: id } };
            const part = order.slice(at, at + size);
            if (gs.withHosts === false) {
              act.participants = part.map((w) => w.actor.id).sort();
              activities.push(act);
            } else activities.push(finish(act, part));
            at += size;
          });
        }
      }
    }
  });
}

/**
 * Activities active in each year: one-off activities in their year, activities with an `endYear`
 * over `[year, endYear]`, sections and teams from their start year on. Parts of one activity (the
 * small groups of an event, the working groups of a section: `attributes.partOf` = the parent id)
 * count once, as their parent.
 */
export function activitiesPerYear(activities: readonly Activity[], from: number, to: number): YearValue[] {
  const out: YearValue[] = [];
  for (let y = from; y <= to; y++) {
    const seen = new Set<string>();
    for (const a of activities) {
      const start = a.year ?? from;
      const end = a.endYear ?? (a.kind === 'section' || a.kind === 'team' ? to : start);
      const partOf = a.attributes?.partOf;
      if (start <= y && y <= end) seen.add(typeof partOf === 'string' ? partOf : a.id);
    }
    out.push({ year: y, value: seen.size });
  }
  return out;
}
