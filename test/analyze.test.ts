import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { networkFromDocument, toSimpleGraph } from '../src/model/network.js';
import { analyzeNetwork, dominantBrokerRole, rankBy } from '../src/metrics/analyze.js';
import { centrality } from '../src/metrics/centrality.js';
import { lockInRisk } from '../src/metrics/lockin.js';
import { eiPermutationTest } from '../src/metrics/helix.js';
import {
  buildAnalysisReport,
  renderAnalysisCsv,
  renderAnalysisHtml,
  renderAnalysisJson,
  renderAnalysisMarkdown,
} from '../src/report/analysis.js';
import { escapeHtml, escapeMarkdown } from '../src/report/render.js';
import { csvRow } from '../src/util/csv.js';
import { num, pct, signed } from '../src/report/document.js';
import { smallDoc } from './fixtures/analyze-small.js';

describe('analyzeNetwork: the output contract', () => {
  const net = networkFromDocument(smallDoc());
  const r = analyzeNetwork(net, { seed: 7, permutations: 200, top: 3 });

  it('has the documented top-level keys and node fields', () => {
    expect(Object.keys(r)).toEqual(['graph', 'nodes', 'helix', 'lockIn', 'esca', 'resilience', 'communities']);
    const fields = [
      'id',
      'label',
      'helix',
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
      'brokerage',
      'crossHelixBetweenness',
      'community',
    ];
    for (const n of r.nodes) for (const f of fields) expect(n).toHaveProperty(f);
    expect(Object.keys(r.nodes[0]!.brokerage)).toEqual([
      'coordinator',
      'itinerant',
      'representative',
      'gatekeeper',
      'liaison',
      'total',
      'expected',
      'z',
    ]);
    for (const k of [
      'counts',
      'coverage',
      'missing',
      'blau',
      'iqv',
      'eiIndex',
      'eiPValue',
      'assortativity',
      'synergyBits',
      'synergyBitsQuadruple',
    ]) {
      expect(r.helix).toHaveProperty(k);
    }
    expect(Object.keys(r.lockIn)).toEqual(expect.arrayContaining(['score', 'level', 'components', 'reasons']));
    expect(r.nodes.map((n) => n.id)).toEqual(net.graph.nodes());
  });

  it('node measures are those of the metric modules on the simple graph', () => {
    const c = centrality(toSimpleGraph(net), { seed: 7 });
    r.nodes.forEach((n, i) => {
      expect(n.degree).toBe(c.degree[i]);
      expect(n.betweenness).toBeCloseTo(c.betweenness[i]!, 15);
      expect(n.pagerank).toBeCloseTo(c.pagerank[i]!, 15);
    });
    // f1-f3 tie (weight 2) plus the shared event p2? no: p2 is f2-f3. f1: ties to f2, f3 (2), s1, u1 and p1 (u1 +1, c1 +1)
    const f1 = r.nodes.find((n) => n.id === 'f1')!;
    expect(f1.degree).toBe(5);
    expect(f1.strength).toBe(1 + 2 + 1 + 2 + 1);
    const iso = r.nodes.find((n) => n.id === 'iso')!;
    expect(iso.degree).toBe(0);
    expect(iso.constraint).toBeNull();
    expect(iso.eiIndex).toBeNull();
  });

  it('helix section: counts, coverage and the E-I test as computed alone', () => {
    expect(r.helix.counts).toEqual({
      industry: 3,
      'research-education': 2,
      public: 1,
      'civil-society': 1,
      startup: 1,
      financier: 1,
      individual: 0,
    });
    expect(r.helix.coverage).toEqual({ triple: true, quadruple: true, penta: true });
    const p = eiPermutationTest(toSimpleGraph(net), { permutations: 200, seed: 7 });
    expect(r.helix.eiPValue).toBe(p.pValue);
    expect(r.helix.eiIndex).toBeCloseTo(p.observed!, 15);
    expect(r.helix.groups?.attribute).toBe('sector');
    expect(r.helix.groups?.unknown).toBe(3);
    expect(r.nodes.find((n) => n.id === 'c1')!.group).toBeNull();
  });

  it('lock-in, ESCA, resilience and communities are wired with the options', () => {
    expect(r.lockIn.score).toBeCloseTo(lockInRisk(toSimpleGraph(net)).score, 15);
    expect(r.lockIn.details.year).toBe(2024);
    const staff = r.esca.criteria.find((c) => c.id === 'staff')!;
    expect(staff.pass).toBe(false);
    expect(r.esca.pass).toBe(false);
    // the top 3 by betweenness, then the coordinator c1 unless already there
    const top3 = rankBy(r.nodes, (n) => n.betweenness)
      .slice(0, 3)
      .map((n) => n.id);
    expect(r.resilience.removals.slice(0, 3).map((e) => e.id)).toEqual(top3);
    expect(r.resilience.removals.some((e) => e.id === 'c1' && e.reasons.includes('coordinator'))).toBe(true);
    expect(r.resilience.unmatchedCoordinators).toEqual(['Somebody Else']);
    // f1 (top betweenness) is the cut point between the other firms and the rest: without it {f2, f3}
    // and {s1} break off and no firm reaches a research actor any more
    const f1 = r.resilience.removals.find((e) => e.id === 'f1')!;
    expect(f1.reasons).toContain('top-betweenness');
    expect(f1.delta.components).toBe(2);
    expect(f1.after.largestComponent).toBe(4);
    expect(f1.after.firmResearchConnected).toBe(0);
    // communities: every actor in one, sizes add up
    expect(r.communities.communities.reduce((s, c) => s + c.size, 0)).toBe(9);
    expect(new Set(r.nodes.map((n) => n.community)).size).toBe(r.communities.count);
  });

  it('is deterministic by seed: same seed, same JSON bytes', () => {
    const a = renderAnalysisJson(analyzeNetwork(networkFromDocument(smallDoc()), { seed: 7, permutations: 200 }));
    const b = renderAnalysisJson(analyzeNetwork(networkFromDocument(smallDoc()), { seed: 7, permutations: 200 }));
    expect(a).toBe(b);
    const c = renderAnalysisJson(analyzeNetwork(networkFromDocument(smallDoc()), { seed: 8, permutations: 200 }));
    expect(JSON.parse(c).helix.eiPValue).not.toBe(JSON.parse(a).helix.eiPValue);
  });

  it('a prebuilt simple graph, CSR and centrality give the same bytes; onPhase reports every phase', async () => {
    const { toCsr } = await import('../src/metrics/csr.js');
    const { analysisCentralityOptions } = await import('../src/metrics/analyze.js');
    const g = toSimpleGraph(net);
    const opts = { seed: 7, permutations: 200, top: 3 };
    const phases: string[] = [];
    const r2 = analyzeNetwork(net, {
      ...opts,
      simpleGraph: g,
      csr: toCsr(g),
      centrality: centrality(g, analysisCentralityOptions(opts)),
      onPhase: (name, ms) => {
        expect(ms).toBeGreaterThanOrEqual(0);
        phases.push(name);
      },
    });
    expect(renderAnalysisJson(r2)).toBe(renderAnalysisJson(r));
    expect(phases).toEqual(expect.arrayContaining(['centrality', 'resilience', 'lock-in', 'communities (Louvain)', 'assemble']));
    expect(phases[phases.length - 1]).toBe('assemble');
  });

  it('groupBy switches the attribute used as sector', () => {
    const r2 = analyzeNetwork(net, { groupBy: 'helix', permutations: 0 });
    expect(r2.lockIn.details.internalSectorShare).toBeCloseTo(r2.lockIn.details.internalRoleShare!, 15);
    expect(r2.nodes[0]!.group).toBe('industry');
  });
});

describe('reports', () => {
  const r = analyzeNetwork(networkFromDocument(smallDoc()), { seed: 7, permutations: 200, top: 3 });

  it('Markdown has every section, escapes labels and rounds numbers', () => {
    const md = renderAnalysisMarkdown(r, { files: ['small.json'] });
    for (const h of [
      '# Network analysis: Test <cluster> & co'.replace('<', '\\<'),
      '## Headline',
      '## Lock-in risk:',
      '## Top brokers',
      '## Helix mix',
      '## ESCA check',
      '## Resilience',
      '## Communities',
    ]) {
      expect(md).toContain(h);
    }
    expect(md).toContain('Anchor \\<script>alert(1)\\</script>');
    expect(md).not.toMatch(/(?<!\\)<script>/);
    expect(md).toContain('Firm \\| three');
    expect(md).toContain(`Lock-in risk: **${r.lockIn.score.toFixed(2)} (${r.lockIn.level})**`);
    expect(md).toContain('Coordinators named in the profile but not in the network: Somebody Else.');
    // every "how to read this" line is there
    expect(md.match(/^_.+_$/gm)!.length).toBe(7);
  });

  it('HTML is self-contained and escapes every label', () => {
    const html = renderAnalysisHtml(r);
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).not.toContain('<script');
    expect(html).toContain('Anchor &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Test &lt;cluster&gt; &amp; co');
    expect(html).not.toMatch(/\b(src|href)=/);
    expect(html).not.toMatch(/@import|url\(/);
    const doc = buildAnalysisReport(r);
    for (const s of doc.sections) expect(html).toContain(`<section id="${s.id}">`);
  });

  it('CSV: one row per actor with all node measures; formulas defused; numbers exact', () => {
    const csv = renderAnalysisCsv(r);
    const rows = parse(csv, { columns: true }) as Array<Record<string, string>>;
    expect(rows).toHaveLength(r.nodes.length);
    const f2 = rows.find((x) => x['id'] === 'f2')!;
    expect(f2['label']).toBe(`'=HYPERLINK("http://x")`);
    expect(rows.find((x) => x['id'] === 's1')!['label']).toBe("'-startup");
    r.nodes.forEach((n, i) => {
      const row = rows[i]!;
      expect(Number(row['betweenness'])).toBe(n.betweenness);
      expect(Number(row['brokerage_liaison'])).toBe(n.brokerage.liaison);
      expect(row['constraint']).toBe(n.constraint === null ? '' : String(n.constraint));
      expect(row['sector']).toBe(n.group ?? '');
    });
    // negative numbers are numbers, not text
    const negative = r.nodes.find((n) => (n.eiIndex ?? 0) < 0);
    if (negative) expect(rows.find((x) => x['id'] === negative.id)!['eiIndex']!.startsWith('-')).toBe(true);
  });

  it('JSON round-trips and turns NaN into null', () => {
    const j = JSON.parse(renderAnalysisJson(r));
    expect(j.nodes).toHaveLength(9);
    expect(j.lockIn.score).toBe(r.lockIn.score);
    const withNaN = { ...r, graph: { ...r.graph, density: NaN } };
    expect(JSON.parse(renderAnalysisJson(withNaN)).graph.density).toBeNull();
  });

  it('helpers: escaping and rounding', () => {
    expect(escapeMarkdown('a|b*c_d\nx')).toBe('a\\|b\\*c\\_d x');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
    // the analysis CSV goes through the one CSV writer: text cells that start a formula are neutralised
    expect(csvRow(['@SUM(1)', '+1', 'plain', -0.5])).toBe("'@SUM(1),'+1,plain,-0.5\n");
    expect(num(0.12345)).toBe('0.12');
    expect(num(-0.001)).toBe('0.00');
    expect(num(null)).toBe('–');
    expect(pct(0.734)).toBe('73%');
    expect(pct(0.004)).toBe('0.4%');
    expect(signed(-0.0123, 3)).toBe('−0.012');
    expect(signed(2, 0)).toBe('+2');
    expect(dominantBrokerRole({ coordinator: 0, itinerant: 1, representative: 3, gatekeeper: 3, liaison: 2, total: 9 })).toBe(
      'representative',
    );
    expect(dominantBrokerRole({ coordinator: 0, itinerant: 0, representative: 0, gatekeeper: 0, liaison: 0, total: 0 })).toBeNull();
  });
});
