/**
 * `helixlab info FILE...`: load a network (any input format) and print its summary: actors by
 * helix role and subtype, ties (explicit and projected), activities, components, isolates, helix
 * coverage and what is missing, and the cluster profile's headline. Warnings go to stderr;
 * `--format json` prints only JSON on stdout. `--attributes` adds the actors' attributes (name,
 * actors with a value, type, range) and how many actors have a position (`x`, `y`, e.g. a GEXF's
 * `viz:position`); without it the output is as before.
 */
import type { Command } from 'commander';
import {
  compactInputs,
  readCompactNetwork,
  readNetworkFilesAsync,
  renderAttributesText,
  renderSummaryText,
  summarizeAttributes,
  summarizeCompact,
  summarizeNetwork,
  type AttributesSummary,
  type Diagnostic,
  type Locale,
  type NetworkSummary,
} from '../../node/index.js';
import { makeProgress } from '../progress.js';
import { addInputOptions, addLangOption, cliLocale, formatOptions, parseChoice, type InputCliOptions } from '../options.js';
import { action, emit, printDiagnostics } from '../util.js';

interface InfoOptions extends InputCliOptions {
  format: 'text' | 'json';
  lang?: Locale;
  attributes?: boolean;
}

export function register(program: Command): void {
  const cmd = program
    .command('info')
    .description('print a summary of a network: actors by helix role and subtype, ties, components, helix coverage')
    .argument(
      '<files...>',
      'a network file (.json, .gexf, .graphml, .gml, Pajek .net, an edge list, CORDIS .csv, an Excel .xlsx) or CSV tables (nodes, edges, affiliations) or a directory of them',
    )
    .option(
      '--format <format>',
      'output: text or json (json prints only JSON on stdout)',
      parseChoice('--format', ['text', 'json'] as const),
      'text',
    )
    .option('--attributes', "also list the actors' attributes (type, how many actors, range) and how many have a position");
  addLangOption(cmd);
  addInputOptions(cmd)
    .addHelpText(
      'after',
      '\nExamples:\n  helixlab info data/cluster.json\n  helixlab info nodes.csv edges.csv affiliations.csv --format json\n  helixlab info graph.gexf --helix-attr type --helix-map "firm=industry,uni=research-education"\n',
    )
    .action(
      action(async (files: string[], opts: InfoOptions) => {
        const lang = cliLocale(opts.lang);
        const fo = formatOptions(opts);
        // large CSV tables are streamed into typed arrays and summarised from there (same output)
        const compact = opts.attributes ? undefined : compactInputs(files, fo);
        let summary: NetworkSummary;
        let format: string;
        let warnings: Diagnostic[];
        let attributes: AttributesSummary | undefined;
        if (compact) {
          const progress = makeProgress('reading', 'MB');
          const read = await readCompactNetwork(compact, fo, (b, t) => progress.update(Math.floor(b / 1e6), Math.ceil(t / 1e6)));
          progress.stop();
          ({ format, warnings } = read);
          summary = summarizeCompact(read.network);
        } else {
          const result = await readNetworkFilesAsync(files, fo);
          ({ format, warnings } = result);
          summary = summarizeNetwork(result.network);
          attributes = opts.attributes ? summarizeAttributes(result.network) : undefined;
        }
        printDiagnostics(warnings);
        if (opts.format === 'json') {
          emit(JSON.stringify({ files, format, ...summary, ...(attributes ? { actorAttributes: attributes } : {}), warnings }, null, 2));
        } else {
          emit(renderSummaryText(summary, files, format, lang) + (attributes ? renderAttributesText(attributes) : ''));
        }
      }),
    );
}
