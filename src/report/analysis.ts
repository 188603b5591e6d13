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
import { jsonChunks } from '../util/json-chunks.js';
import { csvPreamble, csvRows, type Cell, type CsvWriteOptions } from '../util/csv.js';
import { HELIX_ROLES, type HelixRole } from '../model/types.js';
import type { AnalysisResult, NodeAnalysis } from '../metrics/analyze.js';
import { dominantBrokerRole, rankBy } from '../metrics/analyze.js';
import { BROKERAGE_ROLES } from '../metrics/brokerage.js';
import { LOCKIN_COMPONENTS, LOCKIN_THRESHOLDS } from '../metrics/lockin.js';
import type { LockInResult } from '../metrics/lockin/types.js';
import type { EscaCriterion } from '../metrics/esca.js';
import { lockInReasons } from '../metrics/lockin/reasons.js';
import { messages, numberFormats, type Locale, type Messages, type NumberFormats } from '../i18n/index.js';
import type { Block, ReportDoc, Section, Text } from './document.js';
import { renderHtml, renderMarkdown } from './render.js';

export interface AnalysisReportOptions {
  /** Rows in the top-broker table (default: the analysis' `top`). */
  top?: number;
  /** Input files, shown under the title. */
  files?: string[];
  /** Language of the report (default `en`); numbers are formatted for it. */
  lang?: Locale;
}

/** What every section builder needs: the result, the words and the number formats of the language. */
interface Ctx {
  r: AnalysisResult;
  m: Messages['analysis'];
  f: NumberFormats;
  role: (h: HelixRole | string) => string;
  lang: Locale;
}

function label(n: NodeAnalysis): string {
  return n.label === n.id ? n.id : `${n.label}`;
}

function headline(ctx: Ctx): Section {
  const { r, m, f, role } = ctx;
  const h = r.helix;
  const roleList = HELIX_ROLES.filter((k) => h.counts[k] > 0)
    .map((k) => `${role(k)} ${f.int(h.counts[k])}`)
    .join(', ');
  const cov = (name: string, ok: boolean, missing: string[]) =>
    ok ? m.coverageComplete(name) : m.coverageMissing(name, missing.map(role).join(', '));
  const blocks: Block[] = [
    {
      kind: 'p',
      text: [
        { bold: m.actors(f.int(r.graph.order), r.graph.order) },
        ` (${roleList || m.none}), `,
        { bold: m.tiedPairs(f.int(r.graph.size), r.graph.size) },
        m.structure(f.num(r.graph.density, 3), f.int(r.graph.components), r.graph.components, f.int(r.graph.largestComponent)) +
          (r.graph.activities > 0 ? m.jointActivities(f.int(r.graph.activities)) : m.period),
      ],
    },
    {
      kind: 'list',
      items: [
        cov(m.triple, h.coverage.triple, h.missing.triple),
        cov(m.quadruple, h.coverage.quadruple, h.missing.quadruple),
        cov(m.penta, h.coverage.penta, h.missing.penta),
      ],
    },
    {
      kind: 'p',
      text: [
        m.lockInRisk,
        { bold: m.scoreLevel(f.num(r.lockIn.score), levelName(ctx)) },
        m.escaAll(
          r.esca.pass === true ? 'pass' : r.esca.pass === false ? 'fail' : 'unknown',
          f.int(r.communities.count),
          f.num(r.communities.modularity),
        ),
      ],
    },
  ];
  return { id: 'headline', title: m.headlineTitle, howToRead: m.headlineHow, blocks };
}

function levelName(ctx: Ctx): string {
  return messages(ctx.lang).lockInLevels[ctx.r.lockIn.level];
}

/**
 * The plain-language reasons of an analysis' lock-in score in a language: for `en` the result's own
 * (the English that the JSON keeps), otherwise regenerated from its details, naming the hub and the
 * top broker by their labels. The analysis report and the browser app show these.
 */
export function lockInReasonsIn(
  r: {
    lockIn: Pick<LockInResult, 'components' | 'weights' | 'details' | 'reasons'>;
    nodes: ReadonlyArray<Pick<NodeAnalysis, 'id' | 'label' | 'degree'>>;
  },
  lang: Locale,
): string[] {
  if (lang === 'en') return r.lockIn.reasons;
  const d = r.lockIn.details;
  const byId = new Map(r.nodes.map((n) => [n.id, n]));
  const hub = d.hub !== null ? byId.get(d.hub) : undefined;
  const broker = d.topBroker !== null ? byId.get(d.topBroker) : undefined;
  return lockInReasons(
    r.lockIn.components,
    r.lockIn.weights,
    d,
    {
      hubLabel: hub ? hub.label : d.hub,
      brokerLabel: broker ? broker.label : d.topBroker,
      hubDegree: hub ? hub.degree : 0,
    },
    lang,
  );
}

/** The lock-in reasons in the report's language (the JSON keeps the English ones). */
function reasonsOf(ctx: Ctx): string[] {
  return lockInReasonsIn(ctx.r, ctx.lang);
}

function lockInSection(ctx: Ctx): Section {
  const { r, m, f } = ctx;
  const L = r.lockIn;
  const rows: Text[][] = LOCKIN_COMPONENTS.map((c) => {
    const x = L.components[c];
    return [m.components[c], x === null ? m.notJudged : f.num(x), f.num(L.weights[c]), m.componentMeaning[c]];
  });
  return {
    id: 'lock-in',
    title: m.lockInTitle(f.num(L.score), levelName(ctx)),
    howToRead: m.lockInHow(
      ctx.lang === 'en' ? String(LOCKIN_THRESHOLDS.medium) : f.num(LOCKIN_THRESHOLDS.medium),
      ctx.lang === 'en' ? String(LOCKIN_THRESHOLDS.high) : f.num(LOCKIN_THRESHOLDS.high),
    ),
    blocks: [
      { kind: 'table', head: [...m.lockInHead], rows, align: ['left', 'right', 'right', 'left'] },
      { kind: 'p', text: { bold: m.why } },
      { kind: 'list', items: reasonsOf(ctx) },
    ],
  };
}

function brokersSection({ r, m, f, role }: Ctx, top: number): Section {
  const ranked = rankBy(r.nodes, (n) => n.crossHelixBetweenness).filter((n) => n.betweenness > 0 || n.crossHelixBetweenness > 0);
  const rows: Text[][] = ranked.slice(0, top).map((n, i) => {
    const br = dominantBrokerRole(n.brokerage);
    return [
      String(i + 1),
      label(n),
      role(n.helix),
      f.num(n.crossHelixBetweenness, 3),
      f.num(n.betweenness, 3),
      f.int(n.degree),
      f.num(n.constraint, 2),
      br ? m.brokerRoles[br] : '–',
    ];
  });
  const blocks: Block[] =
    rows.length > 0
      ? [{ kind: 'table', head: [...m.brokersHead], rows, align: ['right', 'left', 'left', 'right', 'right', 'right', 'right', 'left'] }]
      : [{ kind: 'p', text: m.noBrokers }];
  return { id: 'brokers', title: m.brokersTitle, howToRead: m.brokersHow, blocks };
}

function helixSection({ r, m, f, role }: Ctx): Section {
  const h = r.helix;
  const total = HELIX_ROLES.reduce((s, k) => s + h.counts[k], 0);
  const bars: Block = {
    kind: 'bars',
    head: [m.barsHead[0]!, m.barsHead[1]!, m.barsHead[2]!],
    items: HELIX_ROLES.filter((k) => h.counts[k] > 0).map((k) => ({
      label: role(k),
      key: k,
      value: f.int(h.counts[k]),
      share: total > 0 ? h.counts[k] / total : 0,
      shareText: f.wholePct(total > 0 ? h.counts[k] / total : 0),
    })),
  };
  const eiRows: Text[][] = HELIX_ROLES.filter((k) => h.counts[k] > 0).map((k) => [
    role(k),
    f.int(h.counts[k]),
    f.num(h.eiByRole[k] ?? null),
  ]);
  const synergy =
    h.synergyBits === null
      ? m.noSynergy
      : m.synergy(f.int(h.synergyActivities), f.num(h.synergyBits, 3), h.synergyBits < 0, f.num(h.synergyBitsQuadruple, 3));
  const blocks: Block[] = [
    bars,
    {
      kind: 'list',
      items: [
        m.diversity(f.num(h.blau), f.num(h.iqv)),
        m.eiLine(f.num(h.eiIndex), f.num(h.eiExpected), f.num(h.eiPValue, 3)),
        m.assortativity(f.num(h.assortativity)),
        synergy,
      ],
    },
    { kind: 'table', head: [...m.eiHead], rows: eiRows, align: ['left', 'right', 'right'] },
  ];
  if (h.groups) {
    const gr = h.groups;
    const entries = Object.entries(gr.counts).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    const known = entries.reduce((s, [, v]) => s + v, 0);
    blocks.push({
      kind: 'p',
      text: [
        { bold: m.byGroup(gr.attribute) },
        m.groupCounts(entries.map(([k, v]) => `${k} ${f.int(v)}`).join(', '), gr.unknown > 0 ? f.int(gr.unknown) : null) +
          m.groupStats(f.num(gr.iqv), f.num(gr.eiIndex), f.num(gr.eiPValue, 3), f.num(gr.assortativity), known > 0),
      ],
    });
  }
  return { id: 'helix', title: m.helixTitle, howToRead: m.helixHow, blocks };
}

/** One ESCA criterion in words for people ({@link escaCriterionWords}). */
export interface EscaCriterionWords {
  label: string;
  /** What is needed, e.g. `≥ 0.5 FTE` (`≥ 0,5 htv`). */
  requirement: string;
  /** The value, formatted for the language (a share as a percentage, staff in FTE), or "unknown". */
  value: string;
  /** Where the value came from. */
  source: string;
}

/**
 * An ESCA criterion in the words and number formats of a language (the JSON keeps the English
 * ones): its label, requirement, value and source. The analysis report and the browser app show these.
 */
export function escaCriterionWords(c: EscaCriterion, lang: Locale): EscaCriterionWords {
  const m = messages(lang).analysis;
  const e = messages(lang).esca;
  const f = numberFormats(lang);
  const value =
    c.value === null ? m.unknown : c.id === 'companies' ? f.pct(c.value) : c.id === 'staff' ? m.fte(f.num(c.value, 2)) : f.int(c.value);
  const threshold =
    c.id === 'companies' ? f.wholePct(c.threshold) : lang === 'en' ? String(c.threshold) : f.num(c.threshold, c.id === 'staff' ? 1 : 0);
  const label = lang === 'en' ? c.label : (e.labels[c.id] ?? c.label);
  const requirement = lang === 'en' ? c.requirement : (e.requirements[c.id]?.(threshold) ?? c.requirement);
  const running = /^activities in the two-mode data running in (\d+)$/.exec(c.source);
  const source = lang === 'en' ? c.source : running ? e.activitiesRunning(running[1]!) : (e.sources[c.source] ?? c.source);
  return { label, requirement, value, source };
}

/** ESCA: the words of the criterion in the report's language (the JSON keeps the English ones). */
function escaSection(ctx: Ctx): Section {
  const { r, m } = ctx;
  const rows: Text[][] = r.esca.criteria.map((c) => {
    const w = escaCriterionWords(c, ctx.lang);
    return [w.label, w.requirement, w.value, c.pass === null ? m.unknown : c.pass ? m.pass : { bold: m.fail }, w.source];
  });
  return {
    id: 'esca',
    title: m.escaTitle,
    howToRead: m.escaHow(r.esca.year),
    blocks: [{ kind: 'table', head: [...m.escaHead], rows }],
  };
}

function resilienceSection({ r, m, f, role }: Ctx): Section {
  const R = r.resilience;
  const b = R.baseline;
  const why = (reasons: string[]) => reasons.map((x) => m.whyAsked[x === 'coordinator' ? 'coordinator' : 'top-betweenness']).join(', ');
  const rows: Text[][] = R.removals.map((e) => [
    e.label,
    role(e.helix),
    why(e.reasons),
    `${f.int(e.after.largestComponent)} (${f.signed(e.delta.largestComponent, 0)})`,
    `${f.int(e.after.components)} (${f.signed(e.delta.components, 0)})`,
    `${f.num(e.after.globalEfficiency, 3)} (${f.signed(e.delta.globalEfficiency, 3)})`,
    e.after.firmResearchConnected === null
      ? '–'
      : `${f.pct(e.after.firmResearchConnected)} (${m.points(f.signed((e.delta.firmResearchConnected ?? 0) * 100, 0))})`,
  ]);
  const worst = [...R.removals].sort(
    (x, y) => x.delta.largestComponent - y.delta.largestComponent || x.delta.globalEfficiency - y.delta.globalEfficiency,
  )[0];
  const blocks: Block[] = [
    {
      kind: 'p',
      text:
        m.resilienceNow(f.int(b.largestComponent), f.int(b.actors), f.int(b.components), b.components, f.num(b.globalEfficiency, 3)) +
        (b.firmResearchConnected === null ? m.period : m.firmResearchNow(f.pct(b.firmResearchConnected))) +
        (R.efficiencySources === 'all' ? '' : m.sampledEfficiency(String(R.efficiencySources))),
    },
  ];
  if (rows.length > 0) {
    blocks.push({ kind: 'table', head: [...m.resilienceHead], rows, align: ['left', 'left', 'left', 'right', 'right', 'right', 'right'] });
  }
  if (worst && (worst.delta.largestComponent < -1 || worst.delta.components > 0)) {
    blocks.push({
      kind: 'p',
      text: [
        m.fragilest,
        { bold: worst.label },
        m.fragilestText(
          f.int(-worst.delta.largestComponent),
          -worst.delta.largestComponent,
          worst.delta.components > 0 ? f.int(worst.delta.components) : null,
          worst.delta.components,
        ),
      ],
    });
  } else if (rows.length > 0) {
    blocks.push({ kind: 'p', text: m.noSinglePoint });
  }
  if (R.unmatchedCoordinators.length > 0) {
    blocks.push({ kind: 'p', text: m.unmatchedCoordinators(R.unmatchedCoordinators.join(', ')) });
  }
  return { id: 'resilience', title: m.resilienceTitle, howToRead: m.resilienceHow, blocks };
}

function communitiesSection({ r, m, f, role }: Ctx, top: number): Section {
  const C = r.communities;
  const labels = new Map(r.nodes.map((n) => [n.id, n.label]));
  const groups = C.communities.filter((c) => c.size > 1);
  const shown = groups.slice(0, Math.max(top, 1));
  const rows: Text[][] = shown.map((c) => [
    String(c.id),
    f.int(c.size),
    role(c.dominantRole),
    HELIX_ROLES.filter((k) => c.counts[k] > 0)
      .map((k) => `${role(k)} ${c.counts[k]}`)
      .join(', '),
    f.num(c.iqv),
    c.keyActors.map((id) => labels.get(id) ?? id).join('; '),
  ]);
  const singles = C.communities.length - groups.length;
  const hidden = groups.slice(shown.length);
  const blocks: Block[] = [{ kind: 'p', text: m.communitiesLine(f.int(C.count), f.num(C.modularity, 3), f.num(C.resolution, 2)) }];
  if (rows.length > 0) {
    blocks.push({ kind: 'table', head: [...m.communitiesHead], rows, align: ['right', 'right', 'left', 'left', 'right', 'left'] });
  }
  const notes: string[] = [];
  if (hidden.length > 0) {
    const largest = hidden[0]!.size;
    notes.push(m.hiddenCommunities(f.int(hidden.length), hidden.length, largest === 2 ? '2' : `2–${largest}`));
  }
  if (singles > 0) notes.push(m.singles(f.int(singles), singles));
  if (notes.length > 0) blocks.push({ kind: 'p', text: `${notes.join('; ')}.` });
  return { id: 'communities', title: m.communitiesTitle, howToRead: m.communitiesHow, blocks };
}

/** The member-survey section, only when the network has survey ties (`graph.survey`). */
function surveySection({ r, m, f }: Ctx): Section | undefined {
  const s = r.graph.survey;
  if (!s) return undefined;
  const years = s.years.length === 0 ? '–' : s.years.length === 1 ? String(s.years[0]) : `${s.years[0]}–${s.years[s.years.length - 1]}`;
  return {
    id: 'survey',
    title: m.surveyTitle,
    howToRead: m.surveyHow,
    blocks: [
      {
        kind: 'p',
        text: m.surveyLine(
          f.int(s.ties),
          years,
          f.int(s.reciprocal),
          f.int(s.bothResponded),
          s.bothResponded > 0 ? f.wholePct(s.reciprocal / s.bothResponded) : '–',
        ),
      },
    ],
  };
}

/** The report document shared by the Markdown and HTML renderers. */
export function buildAnalysisReport(r: AnalysisResult, opts: AnalysisReportOptions = {}): ReportDoc {
  const lang = opts.lang ?? 'en';
  const all = messages(lang);
  const ctx: Ctx = {
    r,
    m: all.analysis,
    f: numberFormats(lang),
    role: (h) => (all.roles as Record<string, string>)[h] ?? h,
    lang,
  };
  const { m } = ctx;
  const top = opts.top ?? r.graph.options.top;
  const meta: string[] = [];
  if (opts.files && opts.files.length > 0) meta.push(m.data(opts.files.join(', ')));
  if (r.graph.source) meta.push(m.source(r.graph.source.replace(/^\s*source:\s*/i, '')));
  const notes = [r.graph.betweennessNote, r.graph.eigenvectorNote, r.graph.pagerankNote].filter((x): x is string => typeof x === 'string');
  for (const n of notes) meta.push(m.note(n));
  meta.push(m.analysedWith(String(r.graph.options.seed), m.distanceModes[r.graph.options.distance] ?? r.graph.options.distance));
  const survey = surveySection(ctx);
  const doc: ReportDoc = {
    title: m.title(r.graph.name),
    meta,
    sections: [
      headline(ctx),
      lockInSection(ctx),
      brokersSection(ctx, top),
      helixSection(ctx),
      escaSection(ctx),
      resilienceSection(ctx),
      communitiesSection(ctx, top),
      ...(survey ? [survey] : []),
    ],
  };
  if (lang !== 'en') doc.lang = lang;
  return doc;
}

export function renderAnalysisMarkdown(r: AnalysisResult, opts: AnalysisReportOptions = {}): string {
  return renderMarkdown(buildAnalysisReport(r, opts));
}

export function renderAnalysisHtml(r: AnalysisResult, opts: AnalysisReportOptions = {}): string {
  return renderHtml(buildAnalysisReport(r, opts));
}

/** The output contract as JSON (NaN and infinities become null). */
export function renderAnalysisJson(r: AnalysisResult): string {
  return JSON.stringify(r, finiteOrNull, 2) + '\n';
}

function finiteOrNull(_k: string, v: unknown): unknown {
  return typeof v === 'number' && !Number.isFinite(v) ? null : v;
}

/**
 * {@link renderAnalysisJson} in pieces (the same characters concatenated), member by member and
 * actor by actor: for networks whose JSON is longer than one JavaScript string can be (about 512 M
 * characters: some 400,000 actors with every measure).
 */
export function* renderAnalysisJsonChunks(r: AnalysisResult): Generator<string> {
  yield* jsonChunks(r, finiteOrNull, 2);
  yield '\n';
}

/**
 * The per-actor table of `analyze --format csv` (and of the `actors` sheet of `--out x.xlsx`): the
 * header (machine names, English in every language) and one row per actor with every node measure;
 * null for a missing or non-finite value.
 */
export function analysisTable(r: AnalysisResult): { head: string[]; rows: Cell[][] } {
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
  return { head, rows };
}

/**
 * One row per actor with all node measures, in `opts.dialect` (default `rfc4180`, with its byte order
 * mark); formula cells escaped unless `opts.formulas` is 'keep'.
 */
export function renderAnalysisCsv(r: AnalysisResult, opts: CsvWriteOptions = {}): string {
  const { head, rows } = analysisTable(r);
  return csvPreamble(opts.dialect) + csvRows([head, ...rows], opts);
}
