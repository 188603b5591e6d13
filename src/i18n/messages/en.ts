/**
 * The English message catalogue: every word of HelixLab's reports for people (the analysis report,
 * the network summary of `info`, the simulation and comparison tables, the impact report) and of the
 * browser app (its section `app`, kept in `app-en.ts`). It is the source catalogue: its shape is the
 * type {@link Messages} that every other language must fill completely (the type-checker refuses a
 * missing or misspelt key).
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
import { appEn } from './app-en.js';

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

  /** Organisation forms, funding types and activity kinds as words (in English the ids themselves). */
  forms: {
    association: 'association',
    'development-company-project': 'development-company-project',
    'contract-based': 'contract-based',
    'city-programme': 'city-programme',
    'limited-company': 'limited-company',
    'anchor-firm-led': 'anchor-firm-led',
    cooperative: 'cooperative',
    other: 'other',
  } as Record<string, string>,
  fundingTypes: { 'long-term': 'long-term', project: 'project', members: 'members', anchor: 'anchor', other: 'other' } as Record<
    string,
    string
  >,
  activityKinds: {
    project: 'project',
    event: 'event',
    section: 'section',
    team: 'team',
    visit: 'visit',
    matchmaking: 'matchmaking',
    other: 'other',
  } as Record<string, string>,

  /** The network summary of `helixlab info` (plain text). */
  summary: {
    network: (name: string, format: string) => `Network: ${name} (${format})`,
    source: (s: string) => (/^source:/i.test(s) ? s : `Source: ${s}`),
    actors: (n: string) => `Actors: ${n}`,
    ties: (explicit: string, projected: string) => `Ties: ${explicit} explicit, ${projected} projected`,
    fromActivities: (n: string, kinds: string) => ` from ${n} activities (${kinds})`,
    pairs: (pairs: string, density: string) => `  ${pairs} connected pairs, density ${density}`,
    selfLoops: (n: string) => `, ${n} self-loops (ignored by the metrics)`,
    components: (count: string, largest: string, isolates: string) =>
      `Components: ${count} (largest ${largest} actors); isolates: ${isolates}`,
    coverage: 'Helix coverage:',
    models: { triple: 'triple helix:   ', quadruple: 'quadruple helix:', penta: 'penta helix:    ' },
    yes: 'yes',
    no: (missing: string) => `no (missing ${missing})`,
    profile: (name: string, form: string) => `Profile: ${name} (${form})`,
    coordinators: (list: string) => `  coordinators: ${list}`,
    staff: (fte: string, year: number) => `  staff: ${fte} FTE (${year})`,
    funding: (year: number, money: string, byType: string) => `  funding ${year}: ${money} (${byType})`,
    activities: (n: string, year: number) => `  activities: ${n} in ${year}`,
    focusAreas: (list: string) => `  focus areas: ${list}`,
    sections: (n: string) => `  sections: ${n}`,
    survey: (ties: string, years: string, reciprocal: string, both: string, share: string) =>
      `Member survey: ${ties} survey ties (${years}); ${reciprocal} of ${both} ties between two respondents reciprocal (${share})`,
  },

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

  /** Simulation metrics (names and units as the tables show them) and the `simulate` / `compare` tables. */
  scenario: {
    metricNames: {} as Record<string, string>,
    units: {} as Record<string, string>,
    millions: ' M',
    simHead: (name: string, runs: number, seed: string, years: number, money: string, bands: string) =>
      `Scenario ${name}: ${runs} runs, seed ${seed}, ${years} years (year 0 = start). Mean and 90% band of the runs.\n` +
      `${bands}\n` +
      `Public money: ${money}.`,
    /** What the bands contain (English: the result's own statement, posterior.ts). */
    bands: (posterior: { file: string; particles: number; parameters: readonly string[] } | null) =>
      posterior === null
        ? 'Bands contain run-to-run noise only: the parameters are fixed at the scenario values.'
        : `Bands contain run-to-run noise and parameter uncertainty (posterior ${posterior.file}, ${posterior.particles} particles; ${posterior.parameters.join(', ')} drawn per run).`,
    simCols: ['metric', 'unit', 'year', 'mean', '90% band'],
    band: (lo: string, hi: string) => `${lo} – ${hi}`,
    finalPartnerships: (mean: string, lo: string, hi: string) => `\nFinal partnerships: ${mean} (95% CI of the mean ${lo} – ${hi}).`,
    ties: (window: string, pairs: number, model: readonly [string, string, string], cordis: readonly [string, string, string]) =>
      `\nTies after a first joint project started in ${window} (${pairs} pairs over the runs): ` +
      `${model[0]} again, ${model[1]} overlapping, ${model[2]} only after the end ` +
      `(CORDIS H2020, projects of at most 3 participants: ${cordis[0]}, ${cordis[1]}, ${cordis[2]}).`,
    cmpHead: (years: number, runs: number, seed: string, baseline: string) =>
      `Compared over ${years} years, ${runs} paired runs each (common random numbers, seed ${seed}).\n` +
      `Final-year means; differences are paired (scenario − ${baseline}) with the 95% CI of the mean difference\n` +
      `and P(>) = share of paired runs where the scenario's value is greater than the baseline's (ties count 1/2).\n`,
    metric: 'metric',
    diffHead: (name: string, baseline: string, years: number) =>
      `\n${name} − ${baseline} (final year; and the mean over years 1–${years}):\n`,
    diffCols: ['metric', 'difference', '95% CI', 'P(>)', 'over the years', '95% CI'],
    ci: (lo: string, hi: string) => `${lo} … ${hi}`,
    moneyText: (expected: string, scaled: { scale: string; with: string } | null, realised: string) =>
      `${expected} EUR expected over the horizon${scaled ? ` (public streams scaled ×${scaled.scale} to equal ${scaled.with})` : ''}; realised mean ${realised} EUR`,
    moneyNone: 'Equal public money: none of the scenarios spends public money.',
    moneyBaselineZero: (list: string) =>
      `NOT an equal-money comparison: the baseline spends no public money (expected public money: ${list}).`,
    moneyEqual: (list: string) => `Equal public money (expected over the horizon, within 1%): ${list}.`,
    moneyUnequal: (pct: string, list: string) =>
      `NOT an equal-money comparison: expected public money differs by up to ${pct} (${list}); differences mix the regimes with the amounts of money.`,
  },

  /** The impact report (`helixlab report`): sweeps, sensitivity, simulate/compare results, explorations. */
  impact: {
    title: 'HelixLab impact report',
    sweep: (name: string) => `Sweep: ${name}`,
    scenario: 'scenario',
    grids: 'grids',
    noGrids: 'none (baseline only)',
    settingsRuns: 'settings × runs',
    settingsRunsValue: (settings: number, runs: number, years: number) => `${settings} × ${runs} runs × ${years} years`,
    seed: 'seed',
    versions: 'versions',
    versionsValue: (helixlab: string, node: string) => `HelixLab ${helixlab}, Node ${node}`,
    fanCharts: 'Fan charts: mean and 90% band (5th–95th percentile over runs) by year',
    everyScenario: ', every scenario on the same chart',
    settingLabel: 'Setting: ',
    comparisonAt: (years: number, runs: number) => `Comparison at year ${years}: mean [95% CI of the mean] over ${runs} runs`,
    setting: 'setting',
    heatmaps: (years: number, averaged: string | null) =>
      `Heatmaps at year ${years}: mean over runs${averaged !== null ? ` (averaged over ${averaged})` : ''}`,
    metricLabel: 'Metric: ',
    mean: 'mean',
    sensitivity: (method: string, metric: string, year: number) => `Sensitivity (${method}): ${metric} at year ${year}`,
    parameters: 'parameters',
    integer: ' (integer)',
    design: 'design',
    saltelli: (n: number) => `Saltelli, N = ${n}`,
    morris: (r: number) => `Morris, r = ${r} trajectories`,
    designValue: (points: number, runs: number, bootstrap: number) => `${points} points × ${runs} runs; ${bootstrap} bootstrap resamples`,
    parameter: 'parameter',
    ciCol: (what: string, pct: number) => `${what} ${pct}% CI`,
    firstOrder: 'first order S1',
    totalOrder: 'total ST',
    comparisonOf: (names: string) => `Comparison: ${names}`,
    simulationOf: (name: string) => `Simulation: ${name}`,
    vs: ' vs ',
    resultOf: 'result of',
    scenarios: 'scenarios',
    baseline: ' (baseline)',
    runsYears: 'runs × years',
    runsYearsValue: (runs: number, paired: boolean, years: number) =>
      `${runs} ${paired ? 'paired runs (common random numbers)' : 'runs'} × ${years} years`,
    seedRule: (paired: boolean) => ` — run r uses createRng(seed).stream('run', r)${paired ? ' in every scenario' : ''}`,
    noVersion: 'HelixLab version not recorded in the file',
    network: 'network',
    networkNote:
      'the file also holds the recorded network of one run (<code>--network-run</code>); the report does not use it (the browser app shows it)',
    finalYear: (years: number, runs: number, baseline: string | null) =>
      `Year ${years}: mean [95% CI of the mean] over ${runs} runs${baseline !== null ? `; the difference against the baseline ${baseline}, paired by run [95% CI], and P(greater)` : ''}`,
    metric: 'metric',
    unit: 'unit',
    renewalTitle: 'Tie renewal after the first joint project',
    renewalText:
      'Pairs whose first joint project started at least 5 years before the horizon (summed over runs), how many of them started another joint project after the first one ended, and that share; in CORDIS H2020 about 5 % of pairs renewed (docs/model.md, 3.5).',
    renewalCols: ['scenario', 'pairs', 'renewed after the end', 'renewal share'],
    tiesTitle: 'Ties after the first joint project',
    tiesText:
      'Member pairs whose first joint project started in the window (summed over runs; the follow-up of the CORDIS H2020 measure, 4–7 years), the share that had another joint project (again), whose next one started before the first had ended (overlap) or only after (after). CORDIS H2020, projects of at most 3 participants, first joint project 2014–2016: 12.2 % again, 5.5 % overlap, 6.7 % after (docs/model.md, 3.5).',
    tiesCols: ['scenario', 'window', 'pairs', 'again', 'overlap', 'after'],
    bandsContain: 'bands contain',
    comparisonTitle: 'Scenario comparison',
    comparisonText: 'Each line and band is one sweep at the setting chosen in its own section (the first setting until changed).',
    finalYearMeans: 'Final year: mean [95% CI of the mean]',
    comparisonCols: ['sweep', 'setting', 'year', 'runs'],
    exploreTitle: (b: string, a: string) => `Where does it hold? ${b} against ${a}`,
    exploreText: (points: number, runs: number, final: boolean, source: string) =>
      `${points} points of the plausible parameter space × ${runs} paired runs (common random numbers); ${final ? 'final-year values' : 'means over the years'}. Source: ${source}.`,
    betterIs: 'better is',
    directions: { higher: 'higher', lower: 'lower' } as Record<string, string>,
    better: (name: string) => `${name} better`,
    betterCi: (name: string) => `${name} better (95% CI)`,
    significantly: (name: string) => `${name} significantly`,
    deciding: (b: string) => `Parameters that decide the sign (first-order index of "${b}`,
    decidingEnd: ' better")',
    flipsTitle: (a: string) => `Where ${a} does as well or better (PRIM boxes)`,
    noRegion: (metric: string, points: number) => `${metric}: no simple region (${points} points)`,
    region: (metric: string, conditions: string, density: string, coverage: string, mass: string) =>
      `${metric}: ${conditions} — density ${density}, coverage ${coverage}, ${mass} of the space`,
    and: ' and ',
    provenance: 'Provenance',
    tocCalibration: (scenario: string) => `Calibration: ${scenario}`,
    tocExplore: (b: string, a: string) => `Exploration: ${b} against ${a}`,
    tocSensitivity: (method: string, metric: string) => `Sensitivity (${method}): ${metric}`,
    fromDirs: (n: number) =>
      `${n} result director${n === 1 ? 'y' : 'ies'}. Everything needed to reproduce a result (scenario hash, grids, seeds, versions) is listed with it.`,
    fromMixed: (dirs: number, files: number) =>
      `${[dirs ? `${dirs} result director${dirs === 1 ? 'y' : 'ies'}` : '', `${files} <code>simulate</code>/<code>compare</code> JSON file${files === 1 ? '' : 's'}`].filter(Boolean).join(' and ')}. The parameters, seeds and versions of each result are listed with it (a simulate/compare JSON file records the scenario names, runs, seed and years, not the scenario files).`,
    generated: (version: string, from: string) => `Generated by HelixLab ${version} from ${from}`,
    footer:
      "Charts: Chart.js (MIT), inlined. Bands are empirical 5th–95th percentiles over runs; confidence intervals of means use Student's t (mean ± t·sd/√n); sensitivity intervals are bootstrap percentile intervals.",
    footerPaired:
      " Differences between scenarios are paired by run (common random numbers): the mean of the run-by-run differences of the final values with its 95% interval (Student's t), and P(greater), the share of runs in which the scenario ends above the baseline (ties count half).",
    /** Words inside the charts (client-side). */
    chart: { year: 'year', p95: '95th pct', band: '90% band', mean: 'mean' },
  },

  /** The statements of an exploration (`helixlab explore`: where does a comparison hold?). */
  explore: {
    split: (a: string, b: string, metric: string) => `${a} and ${b} split the plausible settings evenly on ${metric}.`,
    beats: (win: string, lose: string, metric: string, higher: boolean, share: string, lo: string, hi: string, sig: string) =>
      `${win} beats ${lose} on ${metric} (${higher ? 'more' : 'less'} is better) in ${share} of the plausible settings ` +
      `[95% CI ${lo}–${hi}; significantly at the point in ${sig}]`,
    flipDense: (lose: string, conditions: string, density: string, coverage: string) =>
      `; ${lose} does as well or better when ${conditions} (in ${density} of those settings; the region holds ${coverage} of all settings where it does)`,
    flipSparse: (lose: string, conditions: string, density: string, all: string, coverage: string) =>
      `; ${lose} does as well or better more often when ${conditions}: in ${density} of those settings against ${all} overall (the region holds ${coverage} of all settings where it does)`,
    never: (lose: string) => `; ${lose} never does as well`,
    noRegion: (lose: string, n: number) => `; no simple region where ${lose} does as well or better was found (${n} such settings)`,
    decisive: (path: string, share: string) => `. Most decisive: ${path} (explains ${share} of the sign's variance)`,
    and: ' and ',
    between: (name: string, a: string, b: string) => `${name} between ${a} and ${b}`,
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

  /** The browser app's words (`app-en.ts`, kept in its own file). */
  /** Calibration findings (calibrate/result.ts) and the calibration section of the report (report/calibration.ts). */
  calibration: {
    interval: (lo: string, hi: string) => `90% interval ${lo}–${hi}`,
    pct: (n: number) => `${n}%`,
    pinnedDown: (interval: string, share: string) => `pinned down: the ${interval} spans ${share} of the prior range`,
    narrowed: (interval: string, share: string) => `narrowed: the ${interval} spans ${share} of the prior range`,
    weak: (interval: string, share: string) => `weakly identified: the ${interval} still spans ${share} of the prior range`,
    notIdentified: (interval: string, share: string) =>
      `not identified by these targets: the posterior is nearly as wide as the prior (its ${interval} spans ${share} of the prior range; the prior's own spans 90%)`,
    pilesLow: (bound: string) =>
      `; it piles up at the lower end of the prior (${bound}): the targets may want smaller values — consider widening the prior`,
    pilesHigh: (bound: string) =>
      `; it piles up at the upper end of the prior (${bound}): the targets may want larger values — consider widening the prior`,
    logScale: ' (log scale)',
    correlated: (a: string, b: string, negative: boolean, r: string) =>
      `${a} and ${b} are ${negative ? 'negatively' : 'positively'} correlated in the posterior (r = ${r}): ` +
      `the targets constrain a combination of them more than each alone`,
    constant: (name: string) =>
      `the statistic of target '${name}' did not vary over the prior predictive sample: it cannot inform the parameters (scale set to 1)`,
    priorEdge: (name: string, observed: string, below: boolean, lo: string, hi: string) =>
      `target '${name}' (${observed}) lies ${below ? 'below' : 'above'} the prior predictive 90% range ${lo}–${hi}: ` +
      `the model reaches it only at the edge of the prior, if at all`,
    outside: (holdout: boolean, name: string, observed: string, lo: string, hi: string) =>
      `${holdout ? 'held-out' : 'fitted'} target '${name}' (${observed}) is outside its posterior predictive 90% interval ${lo}–${hi}`,
    /** Why the run stopped, by reason, for other languages (an English report shows the result's own message). */
    stop: {
      'min-epsilon': 'The tolerance reached its minimum',
      'no-progress': 'The next tolerance would not have been smaller than the last',
      'max-generations': 'The maximum number of generations was run',
      'schedule-end': 'The tolerance schedule was used up',
      'max-simulations': 'The budget of simulations ran out',
      'min-acceptance-rate': "The next generation's acceptance rate would have been below the minimum; it was abandoned",
    } as Record<string, string>,
    levels: { 'pinned-down': 'pinned-down', narrowed: 'narrowed', weak: 'weak', 'not-identified': 'not-identified' } as Record<
      string,
      string
    >,
    title: (scenario: string) => `Calibration: ${scenario}`,
    theSimulator: 'the simulator',
    summary: (params: number, fitted: number, heldOut: number, particles: number, generations: number, simulations: string) =>
      `ABC-SMC: ${params} parameter${params === 1 ? '' : 's'}, ${fitted} fitted target${fitted === 1 ? '' : 's'}, ${heldOut} held out; ${particles} particles per generation, ${generations} generations, ${simulations} simulations; seed`,
    finalTolerance: (eps: string, ess: string) => `Final tolerance ε = ${eps}, effective sample size ${ess}.`,
    pinDown: 'What the data pin down',
    marginalsTitle: 'Posterior marginals',
    marginalCols: ['parameter', 'prior', 'median', '90% interval', 'share of prior range', 'identifiability'],
    log: ' (log)',
    pairPlots: (n: number) => `Pair plots <small>(${n} particles drawn by weight; axes are the prior ranges)</small>`,
    predictiveTitle: 'Posterior predictive checks',
    predictiveText:
      'Grey: prior predictive 90% interval; blue: posterior predictive 90% interval (white line: median); green: the observation (a line for a value, a band for a range).',
    predictiveCols: ['target', 'role', 'observed', 'posterior predictive 90%', 'inside', 'plot', 'source'],
    heldOut: 'held out',
    fitted: 'fitted',
    yes: 'yes',
    no: 'no',
    historyTitle: 'Acceptance history',
    historyCols: ['generation', 'ε', 'simulations', 'acceptance rate', 'ESS'],
    provenance: 'Provenance and settings',
  },

  app: appEn,
};

/** The shape of a message catalogue: every language fills all of it. */
export type Messages = typeof en;
