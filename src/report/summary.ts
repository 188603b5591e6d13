/**
 * Plain-text renderings of a network summary (`helixlab info`) and of an imported CORDIS network
 * (`helixlab import cordis`). Browser-safe; the summary in English or Finnish (numbers formatted per
 * language: `75,000 EUR` / `75 000 €`), the CORDIS paragraph in English.
 */
import { summarizeNetwork, type AttributesSummary, type NetworkSummary } from '../model/summary.js';
import { HELIX_ROLES, type HelixRole, type Network } from '../model/types.js';
import { messages, numberFormats, type Locale, type NumberFormats } from '../i18n/index.js';

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

/** Subtype counts of a role, unless the only subtype is 'unspecified'. */
function subtypeDetail(sub: Record<string, number> | undefined, f: NumberFormats): string | undefined {
  if (!sub || (Object.keys(sub).length === 1 && sub['unspecified'] !== undefined)) return undefined;
  return counts(sub, f);
}

function counts(rec: Record<string, number>, f: NumberFormats, name: (k: string) => string = (k) => k): string {
  return Object.entries(rec)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${name(k)} ${f.int(v)}`)
    .join(', ');
}

/**
 * The text summary of a network: actors by role and subtype, ties, components, helix coverage, profile,
 * and the member-survey ties when there are any. In `lang` (default English).
 */
export function renderSummaryText(s: NetworkSummary, files: readonly string[], format: string, lang: Locale = 'en'): string {
  const all = messages(lang);
  const m = all.summary;
  const f = numberFormats(lang);
  const role = (r: HelixRole): string => all.roles[r];
  const plain = (x: number): string => (lang === 'en' ? String(x) : f.plain(x));
  const lines: string[] = [];
  lines.push(m.network(s.name ?? files.join(' '), format));
  if (s.source) lines.push(m.source(s.source));
  lines.push(m.actors(f.int(s.actors)));
  const width = Math.max(...HELIX_ROLES.map((r) => role(r).length));
  for (const r of HELIX_ROLES) {
    const n = s.roles[r];
    if (n === 0) continue;
    const detail = subtypeDetail(s.subtypes[r], f);
    lines.push(`  ${role(r).padEnd(width)} ${String(f.int(n)).padStart(6)}${detail ? `  (${detail})` : ''}`);
  }
  const acts =
    s.activities > 0
      ? m.fromActivities(
          f.int(s.activities),
          counts(s.activitiesByKind, f, (k) => all.activityKinds[k] ?? k),
        )
      : '';
  lines.push(m.ties(f.int(s.ties.explicit), f.int(s.ties.projected)) + acts);
  lines.push(m.pairs(f.int(s.ties.pairs), f.num(s.ties.density, 4)) + (s.ties.selfLoops > 0 ? m.selfLoops(f.int(s.ties.selfLoops)) : ''));
  lines.push(m.components(f.int(s.components.count), f.int(s.components.largest), f.int(s.isolates)));
  const cov = s.coverage;
  const model = (name: string, ok: boolean, missing: string[]) =>
    `${name} ${ok ? m.yes : m.no(missing.map((r) => role(r as HelixRole)).join(', '))}`;
  lines.push(m.coverage);
  lines.push(`  ${model(m.models.triple, cov.triple, cov.missing.triple)}`);
  lines.push(`  ${model(m.models.quadruple, cov.quadruple, cov.missing.quadruple)}`);
  lines.push(`  ${model(m.models.penta, cov.penta, cov.missing.penta)}`);
  if (s.profile) {
    const p = s.profile;
    lines.push(m.profile(p.name, all.forms[p.form] ?? p.form));
    if (p.coordinators.length > 0) lines.push(m.coordinators(p.coordinators.join(', ')));
    if (p.staffFte) lines.push(m.staff(plain(p.staffFte.value), p.staffFte.year));
    if (p.funding)
      lines.push(
        m.funding(
          p.funding.year,
          f.money(p.funding.eur),
          counts(p.funding.byType, f, (k) => all.fundingTypes[k] ?? k),
        ),
      );
    if (p.activitiesPerYear) lines.push(m.activities(plain(p.activitiesPerYear.value), p.activitiesPerYear.year));
    if (p.focusAreas.length > 0) lines.push(m.focusAreas(p.focusAreas.join(', ')));
    if (p.sections > 0) lines.push(m.sections(String(p.sections)));
  }
  if (s.survey) {
    const v = s.survey;
    const years = v.years.length === 0 ? '–' : v.years.length === 1 ? String(v.years[0]) : `${v.years[0]}–${v.years[v.years.length - 1]}`;
    lines.push(
      m.survey(
        f.int(v.ties),
        years,
        f.int(v.reciprocal),
        f.int(v.bothResponded),
        v.bothResponded > 0 ? f.wholePct(v.reciprocal / v.bothResponded) : '–',
      ),
    );
  }
  return lines.join('\n') + '\n';
}

/** The one-paragraph summary of an imported CORDIS network. */
export function renderCordisImportSummary(net: Network, file: string, country?: string): string {
  const s = summarizeNetwork(net);
  const roles = HELIX_ROLES.filter((r) => s.roles[r] > 0)
    .map((r) => {
      const sub = s.subtypes[r];
      const detail =
        sub && !(Object.keys(sub).length === 1 && sub['unspecified'] !== undefined)
          ? ` (${Object.entries(sub)
              .sort((a, b) => b[1] - a[1])
              .map(([k, v]) => `${k} ${fmtInt(v)}`)
              .join(', ')})`
          : '';
      return `${r} ${fmtInt(s.roles[r])}${detail}`;
    })
    .join('; ');
  return (
    `Imported ${file}${country ? ` (country ${country.toUpperCase()})` : ''}: ${fmtInt(s.actors)} organisations in ${fmtInt(s.activities)} projects ` +
    `— ${roles}. Co-participation gives ${fmtInt(s.ties.pairs)} connected pairs (density ${s.ties.density.toFixed(4)}), ` +
    `${fmtInt(s.components.count)} component${s.components.count === 1 ? '' : 's'} (largest ${fmtInt(s.components.largest)}), ` +
    `${fmtInt(s.isolates)} organisation${s.isolates === 1 ? '' : 's'} without a partner in the selection. ` +
    `${net.source ?? ''} (CC BY 4.0).`
  );
}

/** The lines `helixlab info --attributes` adds: actors with a position, then each attribute's type, count and range. */
export function renderAttributesText(a: AttributesSummary): string {
  const lines = [`Positions: ${fmtInt(a.positions)} actors with x and y`, `Attributes:${a.attributes.length === 0 ? ' none' : ''}`];
  const width = Math.max(0, ...a.attributes.map((x) => x.name.length));
  for (const x of a.attributes) {
    const range = x.min !== undefined && x.max !== undefined ? `  ${x.min} … ${x.max}` : '';
    lines.push(`  ${x.name.padEnd(width)}  ${x.type.padEnd(7)} ${String(fmtInt(x.actors)).padStart(6)} actors${range}`);
  }
  return lines.join('\n') + '\n';
}
