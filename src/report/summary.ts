/**
 * Plain-text renderings of a network summary (`helixlab info`) and of an imported CORDIS network
 * (`helixlab import cordis`). Browser-safe; numbers with thousands separators (en-US).
 */
import { summarizeNetwork, type NetworkSummary } from '../model/summary.js';
import { HELIX_ROLES, type Network } from '../model/types.js';

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

function counts(rec: Record<string, number>): string {
  return Object.entries(rec)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k} ${fmtInt(v)}`)
    .join(', ');
}

/** Subtype counts of a role, unless the only subtype is 'unspecified'. */
function subtypeDetail(sub: Record<string, number> | undefined): string | undefined {
  if (!sub || (Object.keys(sub).length === 1 && sub['unspecified'] !== undefined)) return undefined;
  return counts(sub);
}

/** The text summary of a network: actors by role and subtype, ties, components, helix coverage, profile. */
export function renderSummaryText(s: NetworkSummary, files: readonly string[], format: string): string {
  const lines: string[] = [];
  lines.push(`Network: ${s.name ?? files.join(' ')} (${format})`);
  if (s.source) lines.push(/^source:/i.test(s.source) ? s.source : `Source: ${s.source}`);
  lines.push(`Actors: ${fmtInt(s.actors)}`);
  const width = Math.max(...HELIX_ROLES.map((r) => r.length));
  for (const r of HELIX_ROLES) {
    const n = s.roles[r];
    if (n === 0) continue;
    const detail = subtypeDetail(s.subtypes[r]);
    lines.push(`  ${r.padEnd(width)} ${String(fmtInt(n)).padStart(6)}${detail ? `  (${detail})` : ''}`);
  }
  const acts = s.activities > 0 ? ` from ${fmtInt(s.activities)} activities (${counts(s.activitiesByKind)})` : '';
  lines.push(`Ties: ${fmtInt(s.ties.explicit)} explicit, ${fmtInt(s.ties.projected)} projected${acts}`);
  lines.push(
    `  ${fmtInt(s.ties.pairs)} connected pairs, density ${s.ties.density.toFixed(4)}` +
      (s.ties.selfLoops > 0 ? `, ${fmtInt(s.ties.selfLoops)} self-loops (ignored by the metrics)` : ''),
  );
  lines.push(`Components: ${fmtInt(s.components.count)} (largest ${fmtInt(s.components.largest)} actors); isolates: ${fmtInt(s.isolates)}`);
  const cov = s.coverage;
  const model = (name: string, ok: boolean, missing: string[]) => `${name} ${ok ? 'yes' : `no (missing ${missing.join(', ')})`}`;
  lines.push('Helix coverage:');
  lines.push(`  ${model('triple helix:   ', cov.triple, cov.missing.triple)}`);
  lines.push(`  ${model('quadruple helix:', cov.quadruple, cov.missing.quadruple)}`);
  lines.push(`  ${model('penta helix:    ', cov.penta, cov.missing.penta)}`);
  if (s.profile) {
    const p = s.profile;
    lines.push(`Profile: ${p.name} (${p.form})`);
    if (p.coordinators.length > 0) lines.push(`  coordinators: ${p.coordinators.join(', ')}`);
    if (p.staffFte) lines.push(`  staff: ${p.staffFte.value} FTE (${p.staffFte.year})`);
    if (p.funding) lines.push(`  funding ${p.funding.year}: ${fmtInt(p.funding.eur)} EUR (${counts(p.funding.byType)})`);
    if (p.activitiesPerYear) lines.push(`  activities: ${p.activitiesPerYear.value} in ${p.activitiesPerYear.year}`);
    if (p.focusAreas.length > 0) lines.push(`  focus areas: ${p.focusAreas.join(', ')}`);
    if (p.sections > 0) lines.push(`  sections: ${p.sections}`);
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
