/**
 * `helixlab import survey ROSTER --actors NETWORK... --year YEAR`: turn a member-survey export (CSV
 * or an Excel sheet: one row per respondent, the partners named in one or more columns) into ties of
 * kind `survey` between the actors of a network, and write the network (JSON by default; the format
 * follows `--out`). Names that match no actor, or several, are listed on stderr and written to a
 * suggestions file to fix (`--suggestions`, default `<out>.names.csv`); the command then exits 2 and
 * writes no network, unless `--allow-unmatched`. The fixed file goes back in with `--aliases`.
 * The matching rules are `matchRoster`'s (src/io/survey.ts).
 */
import type { Command } from 'commander';
import {
  InputError,
  aliasesFromTable,
  csvPreamble,
  csvRowTable,
  csvRows,
  isWorkbookPath,
  matchRoster,
  readInputFiles,
  readNetworkFilesAsync,
  readWorkbook,
  rosterDiagnostics,
  sheetRowTable,
  writeFileAtomic,
  writeNetwork,
  writeNetworkFileAsync,
  DiagnosticCollector,
  type Diagnostic,
  type RowTable,
} from '../../node/index.js';
import { addInputOptions, formatOptions, parseIntOption, type InputCliOptions } from '../options.js';
import { action, emit, info, printDiagnostics, printWarningsCapped } from '../util.js';

interface SurveyOptions extends InputCliOptions {
  actors: string[];
  year: number;
  respondent?: string;
  partners?: string;
  aliases?: string;
  suggestions?: string;
  allowUnmatched?: boolean;
  sheet?: string;
  out?: string;
}

/** A roster or aliases file as a row table, with the locator of its diagnostics (cells for a workbook). */
async function readTable(path: string, sheet: string | undefined): Promise<{ table: RowTable; locate: (d: Diagnostic) => Diagnostic }> {
  if (isWorkbookPath(path)) {
    const { book, problems } = await readWorkbook(path);
    if (problems.length > 0) throw new InputError(problems);
    return sheetRowTable(book, sheet);
  }
  const { files, warnings } = readInputFiles(path);
  const c = new DiagnosticCollector(path);
  const table = csvRowTable(files[0]!, c);
  c.throwIfErrors();
  printDiagnostics(warnings.filter((w) => w.code !== 'bom'));
  return { table: table!, locate: (d) => d };
}

function list(spec: string | undefined): string[] | undefined {
  if (spec === undefined) return undefined;
  const out = spec
    .split(',')
    .map((x) => x.trim())
    .filter((x) => x !== '');
  return out.length > 0 ? out : undefined;
}

export function registerSurvey(imp: Command): void {
  const cmd = imp
    .command('survey')
    .summary('turn a member-survey export ("whom did you work with this year?") into survey ties')
    .description(
      'Turn a member-survey export (CSV or an Excel sheet; one row per respondent, the partners named in one or more columns) into ties of kind ' +
        'survey between the actors of a network, with the survey year; reciprocity (both named each other) is kept on each tie and reported by info ' +
        'and analyze. Names are matched to actor ids, labels and aliases ignoring case, punctuation and company forms (Oy, Ab, ry, Ltd, ...); ' +
        'names that match no actor, or several, are written to a suggestions file to fix and give back with --aliases.',
    )
    .argument('<roster>', 'the survey export: .csv (, ; or tab) or .xlsx')
    .requiredOption(
      '--actors <files...>',
      'the network whose actors were asked (any input format, e.g. members.json or nodes.csv edges.csv)',
    )
    .requiredOption('--year <year>', 'the survey year (the ties are of that year)', parseIntOption('--year', 1800, 2200))
    .option(
      '--respondent <column>',
      'the column naming the respondent (default: respondent, vastaaja, organisation, ... or the first column)',
    )
    .option(
      '--partners <columns>',
      'the columns naming partners, comma-separated (default: partner, kumppani, yhteistyö, ... columns, else all others)',
    )
    .option('--sheet <name>', 'an Excel roster: the sheet (default: the first)')
    .option('--aliases <file>', 'a fixed suggestions file (columns name and actor; actor - leaves a name out)')
    .option('--suggestions <file>', 'where to write the unmatched and ambiguous names (default: <out>.names.csv, or survey-names.csv)')
    .option('--allow-unmatched', 'write the network even when some names match no actor (they are left out)')
    .option('-o, --out <file>', 'the network with the survey ties (.json, .csv, .gexf, .graphml, .xlsx); default: JSON on stdout');
  addInputOptions(cmd)
    .addHelpText(
      'after',
      '\nExamples:\n' +
        '  helixlab import survey data/survey-tiny-2024.csv --actors data/tiny.json --year 2024 --out tiny-2024.json\n' +
        '  helixlab import survey answers.xlsx --sheet Vastaukset --actors members.xlsx --year 2024 --out cluster.json\n' +
        '  helixlab import survey answers.csv --actors members.json --year 2024 --aliases survey-names.csv --out cluster.json\n',
    )
    .action(
      action(async (roster: string, o: SurveyOptions) => {
        const loaded = await readNetworkFilesAsync(o.actors, formatOptions(o));
        printWarningsCapped(loaded.warnings);
        const { table, locate } = await readTable(roster, o.sheet);
        const aliases = o.aliases !== undefined ? aliasesFromTable((await readTable(o.aliases, undefined)).table) : undefined;
        let result;
        try {
          result = matchRoster(loaded.network, table, {
            year: o.year,
            ...(o.respondent !== undefined ? { respondentColumn: o.respondent } : {}),
            ...(list(o.partners) !== undefined ? { partnerColumns: list(o.partners)! } : {}),
            ...(aliases !== undefined ? { aliases } : {}),
          });
        } catch (e) {
          if (e instanceof InputError) throw new InputError(e.diagnostics.map(locate));
          throw e;
        }
        printWarningsCapped(result.warnings.map(locate));
        if (result.problems.length > 0) {
          const suggestions =
            o.suggestions ?? (o.out !== undefined && o.out !== '-' ? `${o.out.replace(/\.[A-Za-z]+$/, '')}.names.csv` : 'survey-names.csv');
          writeFileAtomic(suggestions, csvPreamble('rfc4180') + csvRows(result.suggestions));
          const diags = rosterDiagnostics(roster, result.problems, o.allowUnmatched ? 'warning' : 'error').map(locate);
          const unmatched = result.problems.filter((p) => p.status === 'unmatched').length;
          const ambiguous = result.problems.length - unmatched;
          const summary = `${unmatched} name(s) match no actor and ${ambiguous} match several; wrote ${suggestions}: fill in its actor column (an actor id, or - to leave the name out) and run again with --aliases ${suggestions}`;
          if (!o.allowUnmatched) {
            throw new InputError([...diags, { severity: 'error', code: 'unmatched-names', file: roster, message: summary }]);
          }
          printWarningsCapped(diags);
          info(`warning: ${summary} (--allow-unmatched: those names are left out)`);
        }
        if (o.out === undefined || o.out === '-') emit(writeNetwork(result.network, 'json').text ?? '');
        else {
          const w = await writeNetworkFileAsync(result.network, o.out);
          for (const m of w.warnings) info(`warning: ${m}`);
          info(`wrote ${w.paths.join(', ')}`);
        }
        const share = result.bothResponded > 0 ? ` (${Math.round((100 * result.reciprocal) / result.bothResponded)}%)` : '';
        info(
          `survey ${o.year}: ${result.respondents} respondent(s), ${result.ties} survey tie(s); ${result.reciprocal} of the ${result.bothResponded} ties between two respondents are reciprocal${share}`,
        );
      }),
    );
}
