/**
 * `helixlab import cordis FILE [--country CC] [--helix-map SPEC] [--out net.json]`: read a CORDIS
 * `organization.csv` (or the derived participations table; `.gz` is decompressed) and write a
 * HelixLab network (JSON by default; the format follows the extension of `--out`; stdout without
 * `--out`). A one-paragraph summary goes to stderr.
 */
import type { Command } from 'commander';
import { parseCordis } from '../../io/cordis.js';
import { parseHelixMap } from '../../io/helix-map.js';
import { readInputFiles, writeNetworkFile } from '../../io/node.js';
import { writeNetwork } from '../../io/write.js';
import type { Diagnostic } from '../../model/errors.js';
import { summarizeNetwork } from '../../model/summary.js';
import { HELIX_ROLES, type Network } from '../../model/types.js';
import { action, emit, info, printDiagnostics } from '../util.js';

interface CordisOptions {
  country?: string;
  helixMap?: string;
  out?: string;
}

function n(x: number): string {
  return x.toLocaleString('en-US');
}

/** Print warnings, but at most `max` of each code, then one line with the rest counted. */
export function printWarningsCapped(warnings: readonly Diagnostic[], max = 5): void {
  const byCode = new Map<string, number>();
  const shown: Diagnostic[] = [];
  for (const w of warnings) {
    const k = byCode.get(w.code) ?? 0;
    byCode.set(w.code, k + 1);
    if (k < max) shown.push(w);
  }
  printDiagnostics(shown);
  for (const [code, count] of byCode) {
    if (count > max) info(`... and ${n(count - max)} more warning(s) of kind '${code}'`);
  }
}

/** The one-paragraph summary of an imported CORDIS network. */
export function cordisSummary(net: Network, file: string, country?: string): string {
  const s = summarizeNetwork(net);
  const roles = HELIX_ROLES.filter((r) => s.roles[r] > 0)
    .map((r) => {
      const sub = s.subtypes[r];
      const detail =
        sub && !(Object.keys(sub).length === 1 && sub['unspecified'] !== undefined)
          ? ` (${Object.entries(sub)
              .sort((a, b) => b[1] - a[1])
              .map(([k, v]) => `${k} ${n(v)}`)
              .join(', ')})`
          : '';
      return `${r} ${n(s.roles[r])}${detail}`;
    })
    .join('; ');
  return (
    `Imported ${file}${country ? ` (country ${country.toUpperCase()})` : ''}: ${n(s.actors)} organisations in ${n(s.activities)} projects ` +
    `— ${roles}. Co-participation gives ${n(s.ties.pairs)} connected pairs (density ${s.ties.density.toFixed(4)}), ` +
    `${n(s.components.count)} component${s.components.count === 1 ? '' : 's'} (largest ${n(s.components.largest)}), ` +
    `${n(s.isolates)} organisation${s.isolates === 1 ? '' : 's'} without a partner in the selection. ` +
    `${net.source ?? ''} (CC BY 4.0).`
  );
}

export function register(program: Command): void {
  const imp = program
    .command('import')
    .description('import foreign data as a HelixLab network (sources: cordis)');
  imp
    .command('cordis')
    .summary('import a CORDIS organization.csv (EU framework programme participations)')
    .description(
      'Import a CORDIS organization.csv (EU framework programme participations; , or ; separated; .gz ok). ' +
        'Organisations become actors typed by activityType (PRC industry, HES and REC research-education, ' +
        'PUB public, OTH civil-society); projects become activities; two organisations are tied once per shared project. ' +
        'The network keeps the attribution "Source: CORDIS, European Union" (CC BY 4.0).',
    )
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab import cordis organization.csv --country FI --out fi.json\n' +
        '  helixlab import cordis organization.csv.gz --out eu.gexf\n' +
        "  helixlab import cordis organization.csv --helix-map 'OTH=public' --out net.json",
    )
    .argument('<file>', 'the CORDIS organization.csv')
    .option('--country <CC>', 'keep only organisations of this country (CORDIS codes: FI, DE, EL, UK, ...)')
    .option('--helix-map <spec>', "override the activityType mapping, e.g. 'OTH=public,PUB=public'")
    .option('-o, --out <path>', 'output file (.json, .gexf, .graphml, .csv); default: JSON on stdout')
    .action(
      action((file: string, opts: CordisOptions) => {
        const read = readInputFiles(file);
        const input = read.files[0];
        if (!input) throw new Error(`no data read from ${file}`);
        const formatOpts: { country?: string; helixMap?: Record<string, string> } = {};
        if (opts.country !== undefined) formatOpts.country = opts.country;
        if (opts.helixMap !== undefined) formatOpts.helixMap = parseHelixMap(opts.helixMap);
        const result = parseCordis(input, formatOpts);
        // CORDIS downloads routinely start with a UTF-8 byte order mark: not worth a warning here
        printWarningsCapped([...read.warnings.filter((w) => w.code !== 'bom'), ...result.warnings]);
        if (opts.out === undefined || opts.out === '-') {
          emit(writeNetwork(result.network, 'json').text ?? '');
        } else {
          const w = writeNetworkFile(result.network, opts.out);
          for (const m of w.warnings) info(`warning: ${m}`);
          info(`wrote ${w.paths.join(', ')}`);
        }
        info(cordisSummary(result.network, file, opts.country));
      }),
    );
}
