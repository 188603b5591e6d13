/**
 * The English message catalogue: every word of HelixLab's reports for people (the analysis report,
 * the network summary of `info`, the simulation and comparison tables, the impact report) and of the
 * browser app. It is the source catalogue: its shape is the type {@link Messages} that every other
 * language must fill completely (the type-checker refuses a missing or misspelt key).
 *
 * Conventions: a message is a string, or a function of already formatted values (numbers are
 * formatted by `numberFormats(locale)` before they get here, so that a message never formats a number
 * itself), returning plain text (never markup: the renderers escape). Identifiers that programs read
 * (JSON keys, CSV column names, option names, helix role ids in JSON) are not messages and stay English.
 *
 * Size: over 500 lines because it is one language's whole vocabulary, kept in one file so that a
 * translator works through one file.
 */
import type { HelixRole } from '../../model/types.js';

export const en = {
  /** The language's own name, in that language (for a language switch). */
  languageName: 'English',

  /** Helix roles as words for people (in English the role ids themselves, as the reports always showed them). */
  roles: {
    industry: 'industry',
    'research-education': 'research-education',
    public: 'public',
    'civil-society': 'civil-society',
    startup: 'startup',
    financier: 'financier',
    individual: 'individual',
  } satisfies Record<HelixRole, string>,

  lockInLevels: { low: 'low', medium: 'medium', high: 'high' } as Record<'low' | 'medium' | 'high', string>,

  /** The analysis report (`helixlab analyze`, Markdown and HTML). */
  analysis: {
    title: (name: string | null) => `Network analysis: ${name ?? 'unnamed network'}`,
    data: (files: string) => `Data: ${files}`,
    source: (source: string) => `Source: ${source}`,
    note: (note: string) => `Note: ${note}`,
    analysedWith: (seed: string, distance: string) => `Analysed with HelixLab (seed ${seed}, distances: ${distance}).`,
    distanceModes: { hops: 'hops', 'inverse-weight': 'inverse-weight' } as Record<string, string>,

    headlineTitle: 'Headline',
    headlineHow: 'Who is in the network, which helix strands are present, and the key results at a glance.',
    actors: (n: string, _count: number) => `${n} actors`,
    none: 'none',
    tiedPairs: (n: string, _count: number) => `${n} tied pairs`,
    structure: (density: string, components: string, count: number, largest: string) =>
      `, density ${density}, ${components} connected component${count === 1 ? '' : 's'} (largest ${largest} actors)`,
    jointActivities: (n: string) => `, ${n} joint activities.`,
    period: '.',
    triple: 'Triple helix (industry, research-education, public)',
    quadruple: 'Quadruple helix (+ civil society)',
    penta: 'Penta helix (+ startups and financiers)',
    coverageComplete: (model: string) => `${model}: complete`,
    coverageMissing: (model: string, missing: string) => `${model}: missing ${missing}`,
    lockInRisk: 'Lock-in risk: ',
    scoreLevel: (score: string, level: string) => `${score} (${level})`,
    escaAll: (verdict: 'pass' | 'fail' | 'unknown', communities: string, modularity: string) =>
      `. ESCA minimum criteria: ${verdict === 'pass' ? 'all met' : verdict === 'fail' ? 'not all met' : 'cannot all be checked'}. ` +
      `${communities} communities (modularity ${modularity}).`,

    lockInTitle: (score: string, level: string) => `Lock-in risk: ${score} (${level})`,
    lockInHow: (medium: string, high: string) =>
      `0 = open, diverse and renewing; 1 = closed, inward-looking and dependent on one actor. ` +
      `Low below ${medium}, medium below ${high}, high from ${high}. ` +
      `The score is a weighted mean of the components (each 0–1, higher = more risk); it is HelixLab's own composite, not a published index (see docs/lock-in.md).`,
    lockInHead: ['component', 'value', 'weight', 'high means'],
    notJudged: 'not judged',
    why: 'Why:',
    components: {
      closure: 'Closure',
      insularity: 'Insularity',
      concentration: 'Concentration',
      homogeneity: 'Homogeneity',
      brokerDependence: 'Broker dependence',
      renewal: 'Renewal',
    },
    componentMeaning: {
      closure: "partners' partners are already partners (triangles beyond what density explains)",
      insularity: 'ties stay inside the same helix role / sector',
      concentration: 'ties depend on one hub or anchor actor',
      homogeneity: 'actors are alike in role and sector',
      brokerDependence: 'one actor holds the bridges between helices',
      renewal: 'few new ties and new actors in the last years',
    },

    brokersTitle: 'Top brokers',
    brokersHow:
      'Cross-helix betweenness: the share of shortest paths between actors of different helix roles that run through the actor (0–1). ' +
      'Betweenness: the same over all pairs. Constraint (Burt): low = the actor spans structural holes, high = its partners all know each other. ' +
      'Main brokerage role (Gould & Fernandez): which kind of pair the actor most often connects.',
    brokersHead: ['#', 'actor', 'helix role', 'cross-helix betweenness', 'betweenness', 'partners', 'constraint', 'main brokerage role'],
    noBrokers: 'No actor lies on a path between two others: there are no brokers.',
    brokerRoles: {
      coordinator: 'links two actors of its own role (coordinator)',
      itinerant: 'links two actors of one other role (itinerant)',
      representative: 'links its own role with another (gatekeeper / representative)',
      gatekeeper: 'links its own role with another (gatekeeper / representative)',
      liaison: 'links two different other roles (liaison)',
    },

    helixTitle: 'Helix mix',
    helixHow:
      'How the actors divide over the helix roles and whether ties cross between roles. A healthy cluster has all strands and many ties across them.',
    barsHead: ['', 'actors', 'share'],
    noSynergy: 'Synergy T: no joint activities in the data.',
    synergy: (activities: string, bits: string, negative: boolean, quadruple: string) =>
      `Synergy T (industry × research × public, from ${activities} activities): ${bits} bits` +
      (negative
        ? ' — negative: the three strands meet in a way that reduces uncertainty (synergy).'
        : ' — not negative: no triple-helix synergy.') +
      ` Four strands (+ civil society): ${quadruple} bits.`,
    diversity: (blau: string, iqv: string) =>
      `Diversity of roles: Blau ${blau}, IQV ${iqv} (0 = one role only, 1 = all seven roles equally large).`,
    eiLine: (ei: string, expected: string, p: string) =>
      `E-I index of ties by role: ${ei} (−1 all ties inside a role, +1 all across; ${expected} expected by chance, permutation p = ${p}).`,
    assortativity: (a: string) => `Assortativity by role: ${a} (above 0: actors tie to their own role more than chance).`,
    eiHead: ['helix role', 'actors', 'E-I of its ties'],
    byGroup: (attribute: string) => `By ${attribute}`,
    groupCounts: (list: string, unknown: string | null) => `: ${list}${unknown !== null ? `; unknown ${unknown}` : ''}. `,
    groupStats: (iqv: string, ei: string, p: string, assort: string, period: boolean) =>
      `IQV ${iqv}, E-I ${ei} (p = ${p}), assortativity ${assort}` + (period ? '.' : ''),

    escaTitle: 'ESCA check',
    escaHow: (year: number | null) =>
      'The minimum criteria for a cluster organisation of the European Secretariat for Cluster Analysis (needed for a Bronze/Silver/Gold label, not sufficient)' +
      (year !== null ? `, checked for ${year}.` : '.'),
    escaHead: ['criterion', 'requirement', 'value', 'result', 'from'],
    unknown: 'unknown',
    pass: 'pass',
    fail: 'FAIL',
    fte: (v: string) => `${v} FTE`,

    resilienceTitle: 'Resilience: what breaks if an actor leaves',
    resilienceHow:
      'Each row removes one actor (the top brokers by betweenness and the coordinators) with its ties. Global efficiency: the average of 1/distance over all pairs (1 = everybody tied to everybody). In brackets: the change.',
    whyAsked: { coordinator: 'coordinator', 'top-betweenness': 'top betweenness' } as Record<string, string>,
    points: (x: string) => `${x} pts`,
    resilienceNow: (largest: string, actors: string, components: string, count: number, efficiency: string) =>
      `Now: largest component ${largest} of ${actors} actors, ${components} component${count === 1 ? '' : 's'}, ` +
      `global efficiency ${efficiency}`,
    firmResearchNow: (share: string) => `, ${share} of firm–research pairs can reach each other.`,
    sampledEfficiency: (k: string) => ` (Efficiency estimated from ${k} sampled actors.)`,
    resilienceHead: [
      'if this actor leaves',
      'helix role',
      'why asked',
      'largest component',
      'components',
      'global efficiency',
      'firm–research pairs connected',
    ],
    fragilest: 'Most fragile point: ',
    fragilestText: (shrink: string, shrinkCount: number, more: string | null, moreCount: number) =>
      ` — without it the largest component shrinks by ${shrink} actor${shrinkCount === 1 ? '' : 's'}` +
      (more !== null ? ` and ${more} more group${moreCount === 1 ? ' breaks' : 's break'} off.` : '.'),
    noSinglePoint: 'No single actor checked here holds the network together: it stays in one piece when any of them leaves.',
    unmatchedCoordinators: (list: string) => `Coordinators named in the profile but not in the network: ${list}.`,

    communitiesTitle: 'Communities',
    communitiesHow:
      'Groups of actors more densely tied to each other than to the rest. Modularity above about 0.3 means clear groups. A community of one role only is a silo.',
    communitiesLine: (count: string, modularity: string, resolution: string) =>
      `${count} communities, modularity ${modularity} (Louvain, resolution ${resolution}).`,
    communitiesHead: ['#', 'actors', 'dominant role', 'helix mix', 'role diversity (IQV)', 'best-connected members'],
    hiddenCommunities: (n: string, count: number, range: string) =>
      `${n} smaller ${count === 1 ? 'community' : 'communities'} (${range} actors) not listed`,
    singles: (n: string, count: number) =>
      `${n} actor${count === 1 ? ' has' : 's have'} no ties and form${count === 1 ? 's' : ''} a community alone`,

    /** Survey ties (`kind: survey`), when the network has them. */
    surveyTitle: 'Member survey',
    surveyHow:
      'Ties named in the member survey ("whom did you work with this year?"). A tie is reciprocal when both actors answered and named each other; one-sided when only one of two respondents named the other.',
    surveyLine: (ties: string, years: string, reciprocal: string, bothAnswered: string, share: string) =>
      `${ties} survey ties (${years}); ${reciprocal} of the ${bothAnswered} ties between two respondents are reciprocal (${share}).`,
  },

  /** The plain-language reasons of the lock-in score. */
  lockIn: {
    tooSmall: (actors: number, ties: number) => `The network is too small to judge lock-in (${actors} actors, ${ties} ties).`,
    missing: {
      closure: 'Closure could not be judged: no actor has two partners.',
      insularity: 'Insularity could not be judged: no tie has both roles known.',
      concentration: 'Concentration could not be judged: too few actors or ties.',
      homogeneity: 'Homogeneity could not be judged: no helix roles known.',
      brokerDependence:
        'Broker dependence was not judged: no actor has partners in two different helix roles, so there is no cross-helix brokerage to depend on.',
      renewal: 'Renewal could not be judged: the data has no years for ties or for when actors joined.',
    },
    closure: (r: string, transitivity: string, density: string, high: boolean) =>
      `Closure ${r}: ${transitivity} of the actor triples that could close into a triangle do so, ` +
      `against ${density} expected in a random network of the same density` +
      (high ? ' — partners mostly know each other already, so little new information comes in.' : '.'),
    insularity: (r: string, role: string | null, sector: string | null, high: boolean) =>
      `Insularity ${r}: ${[
        ...(role !== null ? [`${role} of ties stay within the same helix role`] : []),
        ...(sector !== null ? [`${sector} within the same sector`] : []),
      ].join(' and ')}` + (high ? ' — few ties cross between firms, research, the public sector and others.' : '.'),
    concentration: (r: string, hub: string | null, degree: number, share: string, high: boolean) =>
      `Concentration ${r}: the best-connected actor${hub ? `, ${hub},` : ''} is tied to ${degree} others ` +
      `(${share} of the actors); degree centralisation is ${r}` +
      (high ? ' — the cluster depends on one hub or anchor.' : '.'),
    homogeneity: (r: string, dominant: { share: string; role: string } | null, roleIqv: string, sectorIqv: string | null, high: boolean) =>
      `Homogeneity ${r}: ${dominant ? `${dominant.share} of actors are ${dominant.role}` : 'roles unknown'}; ` +
      `helix-role diversity (IQV) is ${roleIqv} of its maximum${sectorIqv !== null ? `; sector diversity is ${sectorIqv} of its maximum` : ''}` +
      (high ? ' — the actors are much alike.' : '.'),
    brokerDirect: (r: string) =>
      `Broker dependence ${r}: actors of different helix roles are tied directly; nobody is needed as a go-between.`,
    broker: (r: string, broker: string | null, share: string, fragmentation: string | null) =>
      `Broker dependence ${r}: ${broker} holds ${share} of the cross-helix brokerage (partners in different roles that only it connects)` +
      (fragmentation !== null
        ? `; without it ${fragmentation} more of the pairs of actors could no longer reach each other.`
        : '; the network stays connected without it.'),
    renewal: (r: string, young: string | null, window: number, newActors: string | null, year: number | null, high: boolean) =>
      `Renewal ${r}: ${[
        ...(young !== null ? [`${young} of ties were formed in the last ${window} years`] : []),
        ...(newActors !== null ? [`${newActors} of actors joined in that time`] : []),
      ].join(' and ')}${year !== null ? ` (up to ${year})` : ''}` + (high ? ' — the network is not renewing itself.' : '.'),
  },

  /** The ESCA minimum criteria (labels and requirements by criterion id). */
  esca: {
    labels: {
      staff: 'Staff of the cluster organisation (FTE)',
      actors: 'Actors in the cluster',
      companies: 'Mostly companies (share of firms)',
      activities: 'Different activities a year',
      'focus-areas': 'Strategic focus areas',
    } as Record<string, string>,
    requirements: {
      staff: (t: string) => `≥ ${t} FTE`,
      actors: (t: string) => `≥ ${t} actors`,
      companies: (t: string) => `more than ${t} of actors are firms`,
      activities: (t: string) => `≥ ${t} a year`,
      'focus-areas': (t: string) => `≥ ${t}`,
    } as Record<string, (threshold: string) => string>,
    /** Where a value came from: fixed phrases of `esca.ts` (paths such as `profile.staffFte (2024)` stay as they are). */
    sources: {
      'no organisation profile': 'no organisation profile',
      'actors in the network': 'actors in the network',
      'helix roles industry and startup': 'helix roles industry and startup',
      'no activity counts or activity years': 'no activity counts or activity years',
      'profile.staffFte: no value for the year': 'profile.staffFte: no value for the year',
    } as Record<string, string>,
    activitiesRunning: (year: string) => `activities in the two-mode data running in ${year}`,
  },
};

/** The shape of a message catalogue: every language fills all of it. */
export type Messages = typeof en;
