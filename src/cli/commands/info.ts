/**
 * `helixlab info FILE...`: load a network (any input format) and print its summary: actors by
 * helix role and subtype, ties (explicit and projected), activities, components, isolates, helix
 * coverage and what is missing, and the cluster profile's headline. Warnings go to stderr;
 * `--format json` prints only JSON on stdout. `--attributes` adds the actors' attributes (name,
 * actors with a value, type, range) and how many actors have a position (`x`, `y`, e.g. a GEXF's
 * `viz:position`); without it the output is as before.
 */
import type { Command } from 'commander';
import { summarizeAttributes, summarizeNetwork, type AttributesSummary, type NetworkSummary } from '../../model/summary.js';
import { HELIX_ROLES } from '../../model/types.js';
import { readNetworkFiles } from '../../io/node.js';
import { parseHelixMap } from '../../io/helix-map.js';
import type { FormatOptions } from '../../io/formats.js';
import { action, emit, parseChoice, printDiagnostics } from '../util.js';

interface InfoOptions {
  format: 'text' | 'json';
  attributes?: boolean;
  helixAttr?: string;
  helixMap?: string;
  country?: string;
}

function fmtInt(n: number): string {
  return n.toLocaleString('en-US');
}

function counts(rec: Record<string, number>): string {
  return Object.entries(rec)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([k, v]) => `${k} ${fmtInt(v)}`)
    .join(', ');
}

/** The text rendering of a summary (exported for tests and other commands). */
export function renderSummaryText(s: NetworkSummary, files: string[], format: string): string {
  const lines: string[] = [];
  lines.push(`Network: ${s.name ?? files.join(' ')} (${format})`);
  if (s.source) lines.push(/^source:/i.test(s.source) ? s.source : `Source: ${s.source}`);
  lines.push(`Actors: ${fmtInt(s.actors)}`);
  const width = Math.max(...HELIX_ROLES.map((r) => r.length));
  for (const r of HELIX_ROLES) {
    const n = s.roles[r];
    if (n === 0) continue;
    const sub = s.subtypes[r];
    const detail = sub && !(Object.keys(sub).length === 1 && sub['unspecified'] !== undefined) ? `  (${counts(sub)})` : '';
    lines.push(`  ${r.padEnd(width)} ${String(fmtInt(n)).padStart(6)}${detail}`);
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

/** The text lines of `--attributes`. */
export function renderAttributesText(a: AttributesSummary): string {
  const lines = [`Positions: ${fmtInt(a.positions)} actors with x and y`, `Attributes:${a.attributes.length === 0 ? ' none' : ''}`];
  const width = Math.max(0, ...a.attributes.map((x) => x.name.length));
  for (const x of a.attributes) {
    const range = x.min !== undefined && x.max !== undefined ? `  ${x.min} … ${x.max}` : '';
    lines.push(`  ${x.name.padEnd(width)}  ${x.type.padEnd(7)} ${String(fmtInt(x.actors)).padStart(6)} actors${range}`);
  }
  return lines.join('\n') + '\n';
}

export function register(program: Command): void {
  program
    .command('info')
    .description('print a summary of a network: actors by helix role and subtype, ties, components, helix coverage')
    .argument('<files...>', 'a network file (.json, .gexf, .graphml, CORDIS .csv) or CSV tables (nodes, edges, affiliations) or a directory of them')
    .option('--format <format>', 'output: text or json (json prints only JSON on stdout)', parseChoice('--format', ['text', 'json'] as const), 'text')
    .option('--helix-attr <name>', "node attribute / column holding the helix role (default 'helix')")
    .option('--helix-map <spec>', "map role values to helix roles, e.g. 'PRC=industry,HES=research-education'")
    .option('--country <code>', 'CORDIS: keep the organisations of this country (ISO 2, e.g. FI)')
    .option('--attributes', "also list the actors' attributes (type, how many actors, range) and how many have a position")
    .addHelpText(
      'after',
      '\nExamples:\n  helixlab info data/cluster.json\n  helixlab info nodes.csv edges.csv affiliations.csv --format json\n  helixlab info graph.gexf --helix-attr type --helix-map "firm=industry,uni=research-education"\n',
    )
    .action(
      action((files: string[], opts: InfoOptions) => {
        const fo: FormatOptions = {};
        if (opts.helixAttr !== undefined) fo.helixAttr = opts.helixAttr;
        if (opts.helixMap !== undefined) fo.helixMap = parseHelixMap(opts.helixMap);
        if (opts.country !== undefined) fo.country = opts.country;
        const result = readNetworkFiles(files, fo);
        printDiagnostics(result.warnings);
        const summary = summarizeNetwork(result.network);
        const attributes = opts.attributes ? summarizeAttributes(result.network) : undefined;
        if (opts.format === 'json') {
          emit(JSON.stringify({ files, format: result.format, ...summary, ...(attributes ? { actorAttributes: attributes } : {}), warnings: result.warnings }, null, 2));
        } else {
          emit(renderSummaryText(summary, files, result.format) + (attributes ? renderAttributesText(attributes) : ''));
        }
      }),
    );
}
