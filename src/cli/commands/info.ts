/**
 * `helixlab info FILE...`: load a network (any input format) and print its summary: actors by
 * helix role and subtype, ties (explicit and projected), activities, components, isolates, helix
 * coverage and what is missing, and the cluster profile's headline. Warnings go to stderr;
 * `--format json` prints only JSON on stdout.
 */
import type { Command } from 'commander';
import {
  compactInputs,
  readCompactNetwork,
  readNetworkFiles,
  renderSummaryText,
  summarizeCompact,
  summarizeNetwork,
  type Diagnostic,
  type NetworkSummary,
} from '../../node/index.js';
import { makeProgress } from '../progress.js';
import { addInputOptions, formatOptions, parseChoice, type InputCliOptions } from '../options.js';
import { action, emit, printDiagnostics } from '../util.js';

interface InfoOptions extends InputCliOptions {
  format: 'text' | 'json';
}

export function register(program: Command): void {
  const cmd = program
    .command('info')
    .description('print a summary of a network: actors by helix role and subtype, ties, components, helix coverage')
    .argument(
      '<files...>',
      'a network file (.json, .gexf, .graphml, CORDIS .csv) or CSV tables (nodes, edges, affiliations) or a directory of them',
    )
    .option(
      '--format <format>',
      'output: text or json (json prints only JSON on stdout)',
      parseChoice('--format', ['text', 'json'] as const),
      'text',
    );
  addInputOptions(cmd)
    .addHelpText(
      'after',
      '\nExamples:\n  helixlab info data/cluster.json\n  helixlab info nodes.csv edges.csv affiliations.csv --format json\n  helixlab info graph.gexf --helix-attr type --helix-map "firm=industry,uni=research-education"\n',
    )
    .action(
      action(async (files: string[], opts: InfoOptions) => {
        const fo = formatOptions(opts);
        // large CSV tables are streamed into typed arrays and summarised from there (same output)
        const compact = compactInputs(files, fo);
        let summary: NetworkSummary;
        let format: string;
        let warnings: Diagnostic[];
        if (compact) {
          const progress = makeProgress('reading', 'MB');
          const read = await readCompactNetwork(compact, fo, (b, t) => progress.update(Math.floor(b / 1e6), Math.ceil(t / 1e6)));
          progress.stop();
          ({ format, warnings } = read);
          summary = summarizeCompact(read.network);
        } else {
          const result = readNetworkFiles(files, fo);
          ({ format, warnings } = result);
          summary = summarizeNetwork(result.network);
        }
        printDiagnostics(warnings);
        if (opts.format === 'json') {
          emit(JSON.stringify({ files, format, ...summary, warnings }, null, 2));
        } else {
          emit(renderSummaryText(summary, files, format));
        }
      }),
    );
}
