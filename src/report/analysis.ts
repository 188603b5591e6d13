/**
 * Reports of an {@link AnalysisResult} for people (Markdown, HTML) and programs (JSON, CSV).
 *
 * - {@link buildAnalysisReport}: the report document shared by Markdown and HTML: a headline (cluster
 *   name, actors by role, coverage and missing strands), lock-in explained, top brokers, helix mix,
 *   ESCA check, resilience, communities — each section with a one-line "how to read this".
 *   Numbers are rounded for reading (2 decimals for indices, whole percentages); the JSON keeps them all.
 * - {@link renderAnalysisJson}: the output contract (see `metrics/analyze.ts`), 2-space indented.
 * - {@link renderAnalysisCsv}: one row per actor with every node measure; when actors carry the group
 *   attribute, a column named after it (`group` if that name is taken) follows `helix` (flattened brokerage columns
 *   `brokerage_<role>`, `brokerage_expected_<role>`, `brokerage_z_<role>`). Text cells that begin with
 *   `= + - @`, a tab or a carriage return get a leading `'` so that spreadsheets do not run them as
 *   formulas (OWASP CSV injection); numbers are written as plain numbers (full precision), null as empty.
 *
 * Browser-safe (no Node imports).
 */
import { csvRows, type Cell, type CsvWriteOptions } from '../util/csv.js';
import { HELIX_ROLES } from '../model/types.js';
import type { AnalysisResult, NodeAnalysis } from '../metrics/analyze.js';
import { BROKER_ROLE_NAMES, dominantBrokerRole, rankBy } from '../metrics/analyze.js';
import { BROKERAGE_ROLES } from '../metrics/brokerage.js';
import { LOCKIN_COMPONENTS, LOCKIN_THRESHOLDS, type LockInComponent } from '../metrics/lockin.js';
import { int, num, pct, signed, type Block, type ReportDoc, type Section, type Text } from './document.js';
import { renderHtml, renderMarkdown } from './render.js';

export interface AnalysisReportOptions {
  /** Rows in the top-broker table (default: the analysis' `top`). */
  top?: number;
  /** Input files, shown under the title. */
  files?: string[];
}

const COMPONENT_NAMES: Record<LockInComponent, string> = {
  closure: 'Closure',
  insularity: 'Insularity',
  concentration: 'Concentration',
  homogeneity: 'Homogeneity',
  brokerDependence: 'Broker dependence',
  renewal: 'Renewal',
};

const COMPONENT_MEANING: Record<LockInComponent, string> = {
  closure: "partners' partners are already partners (triangles beyond what density explains)",
  insularity: 'ties stay inside the same helix role / sector',
  concentration: 'ties depend on one hub or anchor actor',
  homogeneity: 'actors are alike in role and sector',
  brokerDependence: 'one actor holds the bridges between helices',
  renewal: 'few new ties and new actors in the last years',
};

function label(n: NodeAnalysis): string {
  return n.label === n.id ? n.id : `${n.label}`;
}

function headline(r: AnalysisResult): Section {
  const h = r.helix;
  const roleList = HELIX_ROLES.filter((k) => h.counts[k] > 0)
    .map((k) => `${k} ${int(h.counts[k])}`)
    .join(', ');
  const cov = (name: string, ok: boolean, missing: string[]) => (ok ? `${name}: complete` : `${name}: missing ${missing.join(', ')}`);
  const blocks: Block[] = [
    {
      kind: 'p',
      text: [
        { bold: `${int(r.graph.order)} actors` },
        ` (${roleList || 'none'}), `,
        { bold: `${int(r.graph.size)} tied pairs` },
        `, density ${num(r.graph.density, 3)}, ${int(r.graph.components)} connected component${r.graph.components === 1 ? '' : 's'} (largest ${int(r.graph.largestComponent)} actors)` +
          (r.graph.activities > 0 ? `, ${int(r.graph.activities)} joint activities.` : '.'),
      ],
    },
    {
      kind: 'list',
      items: [
        cov('Triple helix (industry, research-education, public)', h.coverage.triple, h.missing.triple),
        cov('Quadruple helix (+ civil society)', h.coverage.quadruple, h.missing.quadruple),
        cov('Penta helix (+ startups and financiers)', h.coverage.penta, h.missing.penta),
      ],
    },
    {
      kind: 'p',
      text: [
        'Lock-in risk: ',
        { bold: `${num(r.lockIn.score)} (${r.lockIn.level})` },
        `. ESCA minimum criteria: ${r.esca.pass === true ? 'all met' : r.esca.pass === false ? 'not all met' : 'cannot all be checked'}. ` +
          `${int(r.communities.count)} communities (modularity ${num(r.communities.modularity)}).`,
      ],
    },
  ];
  return {
    id: 'headline',
    title: 'Headline',
    howToRead: 'Who is in the network, which helix strands are present, and the key results at a glance.',
    blocks,
  };
}

function lockInSection(r: AnalysisResult): Section {
  const L = r.lockIn;
  const rows: Text[][] = LOCKIN_COMPONENTS.map((c) => {
    const x = L.components[c];
    return [COMPONENT_NAMES[c], x === null ? 'not judged' : num(x), num(L.weights[c]), COMPONENT_MEANING[c]];
  });
  return {
    id: 'lock-in',
    title: `Lock-in risk: ${num(L.score)} (${L.level})`,
    howToRead:
      `0 = open, diverse and renewing; 1 = closed, inward-looking and dependent on one actor. ` +
      `Low below ${LOCKIN_THRESHOLDS.medium}, medium below ${LOCKIN_THRESHOLDS.high}, high from ${LOCKIN_THRESHOLDS.high}. ` +
      `The score is a weighted mean of the components (each 0–1, higher = more risk); it is HelixLab's own composite, not a published index (see docs/lock-in.md).`,
    blocks: [
      { kind: 'table', head: ['component', 'value', 'weight', 'high means'], rows, align: ['left', 'right', 'right', 'left'] },
      { kind: 'p', text: { bold: 'Why:' } },
      { kind: 'list', items: L.reasons },
    ],
  };
}

function brokersSection(r: AnalysisResult, top: number): Section {
  const ranked = rankBy(r.nodes, (n) => n.crossHelixBetweenness).filter((n) => n.betweenness > 0 || n.crossHelixBetweenness > 0);
  const rows: Text[][] = ranked.slice(0, top).map((n, i) => {
    const role = dominantBrokerRole(n.brokerage);
    return [
      String(i + 1),
      label(n),
      n.helix,
      num(n.crossHelixBetweenness, 3),
      num(n.betweenness, 3),
      int(n.degree),
      num(n.constraint, 2),
      role ? BROKER_ROLE_NAMES[role] : '–',
    ];
  });
  const blocks: Block[] =
    rows.length > 0
      ? [
          {
            kind: 'table',
            head: ['#', 'actor', 'helix role', 'cross-helix betweenness', 'betweenness', 'partners', 'constraint', 'main brokerage role'],
            rows,
            align: ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'left'],
          },
        ]
      : [{ kind: 'p', text: 'No actor lies on a path between two others: there are no brokers.' }];
  return {
    id: 'brokers',
    title: 'Top brokers',
    howToRead:
      'Cross-helix betweenness: the share of shortest paths between actors of different helix roles that run through the actor (0–1). ' +
      'Betweenness: the same over all pairs. Constraint (Burt): low = the actor spans structural holes, high = its partners all know each other. ' +
      'Main brokerage role (Gould & Fernandez): which kind of pair the actor most often connects.',
    blocks,
  };
}

function helixSection(r: AnalysisResult): Section {
  const h = r.helix;
  const total = HELIX_ROLES.reduce((s, k) => s + h.counts[k], 0);
  const bars: Block = {
    kind: 'bars',
    items: HELIX_ROLES.filter((k) => h.counts[k] > 0).map((k) => ({
      label: k,
      key: k,
      value: int(h.counts[k]),
      share: total > 0 ? h.counts[k] / total : 0,
    })),
  };
  const eiRows: Text[][] = HELIX_ROLES.filter((k) => h.counts[k] > 0).map((k) => [k, int(h.counts[k]), num(h.eiByRole[k] ?? null)]);
  const synergy =
    h.synergyBits === null
      ? 'Synergy T: no joint activities in the data.'
      : `Synergy T (industry × research × public, from ${int(h.synergyActivities)} activities): ${num(h.synergyBits, 3)} bits` +
        (h.synergyBits < 0
          ? ' — negative: the three strands meet in a way that reduces uncertainty (synergy).'
          : ' — not negative: no triple-helix synergy.') +
        ` Four strands (+ civil society): ${num(h.synergyBitsQuadruple, 3)} bits.`;
  const blocks: Block[] = [
    bars,
    {
      kind: 'list',
      items: [
        `Diversity of roles: Blau ${num(h.blau)}, IQV ${num(h.iqv)} (0 = one role only, 1 = all seven roles equally large).`,
        `E-I index of ties by role: ${num(h.eiIndex)} (−1 all ties inside a role, +1 all across; ${num(h.eiExpected)} expected by chance, permutation p = ${num(h.eiPValue, 3)}).`,
        `Assortativity by role: ${num(h.assortativity)} (above 0: actors tie to their own role more than chance).`,
        synergy,
      ],
    },
    { kind: 'table', head: ['helix role', 'actors', 'E-I of its ties'], rows: eiRows, align: ['left', 'right', 'right'] },
  ];
  if (h.groups) {
    const gr = h.groups;
    const entries = Object.entries(gr.counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const known = entries.reduce((s, [, v]) => s + v, 0);
    blocks.push({
      kind: 'p',
      text: [
        { bold: `By ${gr.attribute}` },
        `: ${entries.map(([k, v]) => `${k} ${int(v)}`).join(', ')}${gr.unknown > 0 ? `; unknown ${int(gr.unknown)}` : ''}. ` +
          `IQV ${num(gr.iqv)}, E-I ${num(gr.eiIndex)} (p = ${num(gr.eiPValue, 3)}), assortativity ${num(gr.assortativity)}` +
          (known > 0 ? '.' : ''),
      ],
    });
  }
  return {
    id: 'helix',
    title: 'Helix mix',
    howToRead:
      'How the actors divide over the helix roles and whether ties cross between roles. A healthy cluster has all strands and many ties across them.',
    blocks,
  };
}

function escaSection(r: AnalysisResult): Section {
  const rows: Text[][] = r.esca.criteria.map((c) => {
    const value =
      c.value === null ? 'unknown' : c.id === 'companies' ? pct(c.value) : c.id === 'staff' ? `${num(c.value, 2)} FTE` : int(c.value);
    return [c.label, c.requirement, value, c.pass === null ? 'unknown' : c.pass ? 'pass' : { bold: 'FAIL' }, c.source];
  });
  return {
    id: 'esca',
    title: 'ESCA check',
    howToRead:
      'The minimum criteria for a cluster organisation of the European Secretariat for Cluster Analysis (needed for a Bronze/Silver/Gold label, not sufficient)' +
      (r.esca.year !== null ? `, checked for ${r.esca.year}.` : '.'),
    blocks: [{ kind: 'table', head: ['criterion', 'requirement', 'value', 'result', 'from'], rows }],
  };
}

function resilienceSection(r: AnalysisResult): Section {
  const R = r.resilience;
  const b = R.baseline;
  const why = (reasons: string[]) => reasons.map((x) => (x === 'coordinator' ? 'coordinator' : 'top betweenness')).join(', ');
  const rows: Text[][] = R.removals.map((e) => [
    e.label,
    e.helix,
    why(e.reasons),
    `${int(e.after.largestComponent)} (${signed(e.delta.largestComponent, 0)})`,
    `${int(e.after.components)} (${signed(e.delta.components, 0)})`,
    `${num(e.after.globalEfficiency, 3)} (${signed(e.delta.globalEfficiency, 3)})`,
    e.after.firmResearchConnected === null
      ? '–'
      : `${pct(e.after.firmResearchConnected)} (${signed((e.delta.firmResearchConnected ?? 0) * 100, 0)} pts)`,
  ]);
  const worst = [...R.removals].sort(
    (x, y) => x.delta.largestComponent - y.delta.largestComponent || x.delta.globalEfficiency - y.delta.globalEfficiency,
  )[0];
  const blocks: Block[] = [
    {
      kind: 'p',
      text:
        `Now: largest component ${int(b.largestComponent)} of ${int(b.actors)} actors, ${int(b.components)} component${b.components === 1 ? '' : 's'}, ` +
        `global efficiency ${num(b.globalEfficiency, 3)}` +
        (b.firmResearchConnected === null ? '.' : `, ${pct(b.firmResearchConnected)} of firm–research pairs can reach each other.`) +
        (R.efficiencySources === 'all' ? '' : ` (Efficiency estimated from ${R.efficiencySources} sampled actors.)`),
    },
  ];
  if (rows.length > 0) {
    blocks.push({
      kind: 'table',
      head: [
        'if this actor leaves',
        'helix role',
        'why asked',
        'largest component',
        'components',
        'global efficiency',
        'firm–research pairs connected',
      ],
      rows,
      align: ['left', 'left', 'left', 'right', 'right', 'right', 'right'],
    });
  }
  if (worst && (worst.delta.largestComponent < -1 || worst.delta.components > 0)) {
    blocks.push({
      kind: 'p',
      text: [
        'Most fragile point: ',
        { bold: worst.label },
        ` — without it the largest component shrinks by ${int(-worst.delta.largestComponent)} actor${worst.delta.largestComponent === -1 ? '' : 's'}` +
          (worst.delta.components > 0
            ? ` and ${int(worst.delta.components)} more group${worst.delta.components === 1 ? ' breaks' : 's break'} off.`
            : '.'),
      ],
    });
  } else if (rows.length > 0) {
    blocks.push({
      kind: 'p',
      text: 'No single actor checked here holds the network together: it stays in one piece when any of them leaves.',
    });
  }
  if (R.unmatchedCoordinators.length > 0) {
    blocks.push({ kind: 'p', text: `Coordinators named in the profile but not in the network: ${R.unmatchedCoordinators.join(', ')}.` });
  }
  return {
    id: 'resilience',
    title: 'Resilience: what breaks if an actor leaves',
    howToRead:
      'Each row removes one actor (the top brokers by betweenness and the coordinators) with its ties. Global efficiency: the average of 1/distance over all pairs (1 = everybody tied to everybody). In brackets: the change.',
    blocks,
  };
}

function communitiesSection(r: AnalysisResult, top: number): Section {
  const C = r.communities;
  const label = new Map(r.nodes.map((n) => [n.id, n.label]));
  const groups = C.communities.filter((c) => c.size > 1);
  const shown = groups.slice(0, Math.max(top, 1));
  const rows: Text[][] = shown.map((c) => [
    String(c.id),
    int(c.size),
    c.dominantRole,
    HELIX_ROLES.filter((k) => c.counts[k] > 0)
      .map((k) => `${k} ${c.counts[k]}`)
      .join(', '),
    num(c.iqv),
    c.keyActors.map((id) => label.get(id) ?? id).join('; '),
  ]);
  const singles = C.communities.length - groups.length;
  const hidden = groups.slice(shown.length);
  const blocks: Block[] = [
    { kind: 'p', text: `${int(C.count)} communities, modularity ${num(C.modularity, 3)} (Louvain, resolution ${num(C.resolution, 2)}).` },
  ];
  if (rows.length > 0) {
    blocks.push({
      kind: 'table',
      head: ['#', 'actors', 'dominant role', 'helix mix', 'role diversity (IQV)', 'best-connected members'],
      rows,
      align: ['right', 'right', 'left', 'left', 'right', 'left'],
    });
  }
  const notes: string[] = [];
  if (hidden.length > 0) {
    const largest = hidden[0]!.size;
    notes.push(
      `${int(hidden.length)} smaller ${hidden.length === 1 ? 'community' : 'communities'} (${largest === 2 ? '2' : `2–${largest}`} actors) not listed`,
    );
  }
  if (singles > 0)
    notes.push(`${int(singles)} actor${singles === 1 ? ' has' : 's have'} no ties and form${singles === 1 ? 's' : ''} a community alone`);
  if (notes.length > 0) blocks.push({ kind: 'p', text: `${notes.join('; ')}.` });
  return {
    id: 'communities',
    title: 'Communities',
    howToRead:
      'Groups of actors more densely tied to each other than to the rest. Modularity above about 0.3 means clear groups. A community of one role only is a silo.',
    blocks,
  };
}

/** The report document shared by the Markdown and HTML renderers. */
export function buildAnalysisReport(r: AnalysisResult, opts: AnalysisReportOptions = {}): ReportDoc {
  const top = opts.top ?? r.graph.options.top;
  const meta: string[] = [];
  if (opts.files && opts.files.length > 0) meta.push(`Data: ${opts.files.join(', ')}`);
  if (r.graph.source) meta.push(`Source: ${r.graph.source.replace(/^\s*source:\s*/i, '')}`);
  const notes = [r.graph.betweennessNote, r.graph.eigenvectorNote, r.graph.pagerankNote].filter((x): x is string => typeof x === 'string');
  for (const n of notes) meta.push(`Note: ${n}`);
  meta.push(`Analysed with HelixLab (seed ${String(r.graph.options.seed)}, distances: ${r.graph.options.distance}).`);
  return {
    title: `Network analysis: ${r.graph.name ?? 'unnamed network'}`,
    meta,
    sections: [
      headline(r),
      lockInSection(r),
      brokersSection(r, top),
      helixSection(r),
      escaSection(r),
      resilienceSection(r),
      communitiesSection(r, top),
    ],
  };
}

export function renderAnalysisMarkdown(r: AnalysisResult, opts: AnalysisReportOptions = {}): string {
  return renderMarkdown(buildAnalysisReport(r, opts));
}

export function renderAnalysisHtml(r: AnalysisResult, opts: AnalysisReportOptions = {}): string {
  return renderHtml(buildAnalysisReport(r, opts));
}

/** The output contract as JSON (NaN and infinities become null). */
export function renderAnalysisJson(r: AnalysisResult): string {
  return JSON.stringify(r, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** One row per actor with all node measures. */
export function renderAnalysisCsv(r: AnalysisResult, csv: CsvWriteOptions = {}): string {
  const roles = BROKERAGE_ROLES;
  const withGroup = r.nodes.some((n) => n.group !== undefined);
  const measures = [
    'degree',
    'strength',
    'betweenness',
    'closeness',
    'eigenvector',
    'pagerank',
    'coreNumber',
    'clustering',
    'constraint',
    'effectiveSize',
    'efficiency',
    ...roles.map((k) => `brokerage_${k}`),
    ...roles.map((k) => `brokerage_expected_${k}`),
    ...roles.map((k) => `brokerage_z_${k}`),
    'crossHelixBetweenness',
    'community',
    'eiIndex',
  ];
  const fixed = ['id', 'label', 'helix', ...measures];
  const groupHeader = fixed.includes(r.graph.options.groupBy) ? 'group' : r.graph.options.groupBy;
  const head = ['id', 'label', 'helix', ...(withGroup ? [groupHeader] : []), ...measures];
  const cell = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);
  const rows: Cell[][] = r.nodes.map((n) => [
    n.id,
    n.label,
    n.helix,
    ...(withGroup ? [n.group ?? null] : []),
    cell(n.degree),
    cell(n.strength),
    cell(n.betweenness),
    cell(n.closeness),
    cell(n.eigenvector),
    cell(n.pagerank),
    cell(n.coreNumber),
    cell(n.clustering),
    cell(n.constraint),
    cell(n.effectiveSize),
    cell(n.efficiency),
    ...roles.map((k) => cell(n.brokerage[k])),
    ...roles.map((k) => cell(n.brokerage.expected[k])),
    ...roles.map((k) => cell(n.brokerage.z[k])),
    cell(n.crossHelixBetweenness),
    cell(n.community),
    cell(n.eiIndex),
  ]);
  return csvRows([head, ...rows], csv);
}
