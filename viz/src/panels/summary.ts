/**
 * The right-hand analysis panels: network summary with helix coverage, lock-in risk (score, level,
 * components, reasons — as `helixlab analyze` reports them) and the ESCA check. They show either
 * the whole network or, on request, the filtered view: the filtered network (the actors shown, the
 * ties among them in the chosen year, their activities; the same network the export writes) is
 * analysed again in its own worker and the panels say "Filtered view: n of N actors". While the
 * filters change, the filtered analysis follows (after a short pause).
 */
import { helixCoverage, type HelixRole, type Network } from 'helixlab';
import { h, replace } from '../dom.js';
import { filtersActive, setPanelScope } from '../actions.js';
import { runFilteredAnalysis } from '../analysis-runner.js';
import { escaRows, lockInReasonsOf, type AnalysisView } from '../model/analysis.js';
import { fmt } from '../model/measures.js';
import { HELIX_LABELS, legendEntries } from '../model/palette.js';
import { app, bus } from '../state.js';
import { NF, S } from '../strings.js';

export function createSummaryPanels(): HTMLElement[] {
  const whole = h('input', { type: 'radio', attrs: { name: 'panel-scope', value: 'whole', 'data-testid': 'scope-whole' } });
  const filtered = h('input', { type: 'radio', attrs: { name: 'panel-scope', value: 'filtered', 'data-testid': 'scope-filtered' } });
  whole.checked = true;
  whole.addEventListener('change', () => whole.checked && setPanelScope('whole'));
  filtered.addEventListener('change', () => filtered.checked && setPanelScope('filtered'));
  const scopeLabel = h('p', { class: 'scope-label', attrs: { 'data-testid': 'scope-label', 'aria-live': 'polite' } });
  const scopeBox = h(
    'fieldset',
    { class: 'scope' },
    h('legend', {}, () => S.summary.scope),
    h(
      'label',
      {},
      whole,
      h('span', {}, () => S.summary.scopeWhole),
    ),
    h(
      'label',
      {},
      filtered,
      h('span', {}, () => S.summary.scopeFiltered),
    ),
  );
  const summaryBody = h('div');
  const lockinBody = h('div');
  const escaBody = h('div');
  const summaryPanel = h(
    'section',
    { class: 'panel', attrs: { 'data-testid': 'summary', 'aria-labelledby': 'summary-h' } },
    h('h2', { id: 'summary-h' }, () => S.summary.title),
    scopeBox,
    scopeLabel,
    summaryBody,
  );
  const lockinPanel = h(
    'section',
    { class: 'panel', attrs: { 'data-testid': 'lockin', 'aria-labelledby': 'lockin-h' } },
    h('h2', { id: 'lockin-h' }, () => S.summary.lockin),
    lockinBody,
  );
  const escaPanel = h(
    'section',
    { class: 'panel', attrs: { 'data-testid': 'esca', 'aria-labelledby': 'esca-h' } },
    h('h2', { id: 'esca-h' }, () => S.summary.esca),
    escaBody,
  );

  let timer: ReturnType<typeof setTimeout> | null = null;

  const render = () => {
    const c = app.cur;
    if (!c) {
      replace(summaryBody, h('p', { class: 'muted' }, S.summary.none));
      replace(lockinBody, h('p', { class: 'muted' }, '–'));
      replace(escaBody, h('p', { class: 'muted' }, '–'));
      scopeLabel.textContent = '';
      whole.disabled = filtered.disabled = true;
      return;
    }
    const active = filtersActive(c);
    whole.disabled = false;
    filtered.disabled = !active && c.panelScope === 'whole';
    whole.checked = c.panelScope === 'whole';
    filtered.checked = c.panelScope === 'filtered';
    const useFiltered = c.panelScope === 'filtered' && active;
    let net: Network = c.net;
    let analysis: AnalysisView | null = c.analysis;
    let pending = !c.analysis && !c.analysisFailed;
    if (useFiltered) {
      const f = c.filtered;
      net = f?.net ?? c.net;
      analysis = f?.analysis ?? null;
      pending = !f || (!f.analysis && !f.failed);
      scopeLabel.textContent = S.summary.scopeLabelFiltered(fmt(f?.net.graph.order ?? c.visible.size), fmt(c.display.order));
      scopeLabel.classList.add('on');
    } else {
      scopeLabel.textContent = S.summary.scopeLabelWhole;
      scopeLabel.classList.remove('on');
    }
    renderSummary(net, analysis, useFiltered ? null : c.display.size, c.net.description);
    renderLockin(analysis, pending);
    renderEsca(analysis, pending);
  };

  /**
   * `knownPairs`: the connected pairs when known (the display graph's size for the whole network).
   * `description`: the file's own (the filtered network's adds a note in the language of the moment;
   * the scope label says it is filtered).
   */
  const renderSummary = (net: Network, analysis: AnalysisView | null, knownPairs: number | null, description: string | undefined) => {
    const entries = legendEntries(net.graph);
    const counts: Partial<Record<HelixRole, number>> = {};
    for (const e of entries) counts[e.role] = e.count;
    const cov = helixCoverage(counts);
    const chip = (name: string, ok: boolean, missing: string[]) =>
      h(
        'span',
        { class: `chip ${ok ? 'yes' : 'no'}`, title: ok ? S.summary.allStrands : S.summary.missingTitle(missing.join(', ')) },
        `${ok ? '✓' : '✗'} ${name}`,
      );
    const missingText = (m: string[]) => m.map((r) => HELIX_LABELS[r as HelixRole] ?? r).join(', ');
    const g: Record<string, unknown> = { ...(analysis?.graph ?? {}) };
    const num = (k: string) => (typeof g[k] === 'number' ? (g[k] as number) : null);
    // Connected pairs: distinct actor pairs with a tie (self-loops aside), as the status line counts them.
    let pairCount = knownPairs;
    if (pairCount === null) {
      const pairs = new Set<string>();
      net.graph.forEachEdge((_e, _a, s, t) => {
        if (s !== t) pairs.add(s < t ? `${s}\u0000${t}` : `${t}\u0000${s}`);
      });
      pairCount = pairs.size;
    }
    replace(
      summaryBody,
      description ? h('p', { class: 'muted small' }, description) : null,
      h(
        'dl',
        { class: 'kv', attrs: { 'data-testid': 'summary-figures' } },
        h('dt', {}, S.summary.actors),
        h('dd', { dataset: { k: 'actors' } }, fmt(net.graph.order)),
        h('dt', {}, S.summary.pairs),
        h('dd', { dataset: { k: 'pairs' } }, fmt(pairCount)),
        h('dt', {}, S.summary.activities),
        h('dd', {}, fmt(net.activities.length)),
        h('dt', {}, S.summary.density),
        h('dd', { dataset: { k: 'density' } }, fmt(num('density'))),
        h('dt', {}, S.summary.components),
        h('dd', { dataset: { k: 'components' } }, fmt(num('components'))),
        h('dt', {}, S.summary.transitivity),
        h('dd', {}, fmt(num('transitivity'))),
      ),
      h('h3', {}, S.summary.coverage),
      h(
        'div',
        { class: 'coverage', attrs: { 'data-testid': 'coverage' } },
        chip(S.summary.triple, cov.triple, cov.missing.triple),
        chip(S.summary.quadruple, cov.quadruple, cov.missing.quadruple),
        chip(S.summary.penta, cov.penta, cov.missing.penta),
      ),
      cov.missing.penta.length || cov.missing.quadruple.length
        ? h(
            'p',
            { class: 'small muted', attrs: { 'data-testid': 'coverage-missing' } },
            S.summary.missing(missingText([...new Set([...cov.missing.quadruple, ...cov.missing.penta])])),
          )
        : h('p', { class: 'small muted' }, S.summary.everyStrand),
      net.source ? h('p', { class: 'small muted' }, net.source) : null,
    );
  };

  const renderLockin = (analysis: AnalysisView | null, pending: boolean) => {
    const li = analysis?.lockIn;
    if (!analysis || !li) {
      replace(lockinBody, h('p', { class: 'muted' }, pending ? S.summary.analysing : S.summary.notAvailable));
      return;
    }
    replace(
      lockinBody,
      h(
        'div',
        { class: 'score' },
        h('span', { class: 'big', attrs: { 'data-testid': 'lockin-score' } }, NF.num(li.score, 2)),
        h('span', { class: `badge ${li.level}`, attrs: { 'data-testid': 'lockin-level' } }, S.summary.levels[li.level] ?? li.level),
        h('span', { class: 'muted small' }, S.summary.lockinScale),
      ),
      h(
        'div',
        { attrs: { 'data-testid': 'lockin-components' } },
        ...Object.entries(li.components).map(([k, v]) =>
          h(
            'div',
            { class: 'comp' },
            h('span', {}, S.summary.lockinParts[k] ?? k.replace(/([A-Z])/g, ' $1').toLowerCase()),
            h(
              'div',
              { class: 'bar', attrs: { role: 'presentation' } },
              h('span', { style: `width:${v === null ? 0 : Math.round(v * 100)}%` }),
            ),
            h('span', { class: 'v' }, v === null ? S.notAvailableShort : NF.num(v, 2)),
          ),
        ),
      ),
      h('ul', { class: 'reasons', attrs: { 'data-testid': 'lockin-reasons' } }, ...lockInReasonsOf(analysis).map((r) => h('li', {}, r))),
    );
  };

  const renderEsca = (analysis: AnalysisView | null, pending: boolean) => {
    if (!analysis) {
      replace(escaBody, h('p', { class: 'muted' }, pending ? S.summary.analysing : S.summary.notAvailable));
      return;
    }
    const e = escaRows(analysis.esca);
    replace(
      escaBody,
      e.rows.length === 0
        ? h('p', { class: 'muted' }, e.note ?? S.summary.escaNoProfile)
        : h(
            'table',
            { class: 't', attrs: { 'data-testid': 'esca-table' } },
            h(
              'thead',
              {},
              h(
                'tr',
                {},
                h('th', { attrs: { scope: 'col' } }, S.summary.criterion),
                h('th', { class: 'n', attrs: { scope: 'col' } }, S.summary.value),
                h('th', { class: 'n', attrs: { scope: 'col' } }, S.summary.needed),
                h('th', { attrs: { scope: 'col' } }, h('span', { class: 'sr-only' }, S.summary.pass)),
              ),
            ),
            h(
              'tbody',
              {},
              ...e.rows.map((r) =>
                h(
                  'tr',
                  {},
                  h('td', {}, r.label),
                  h('td', { class: 'n' }, r.value),
                  h('td', { class: 'n' }, r.required),
                  h(
                    'td',
                    {},
                    r.pass === null
                      ? ''
                      : h('span', { class: `badge ${r.pass ? 'pass' : 'fail'}` }, r.pass ? S.summary.pass : S.summary.fail),
                  ),
                ),
              ),
            ),
          ),
      e.overall !== null
        ? h(
            'p',
            {},
            S.summary.overall,
            h('span', { class: `badge ${e.overall ? 'pass' : 'fail'}` }, e.overall ? S.summary.meets : S.summary.notYet),
          )
        : null,
      e.rows.length && e.note ? h('p', { class: 'small muted' }, e.note) : null,
    );
  };

  const followFilters = () => {
    const c = app.cur;
    if (!c || c.panelScope !== 'filtered' || !filtersActive(c)) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      if (app.cur === c) runFilteredAnalysis(c);
    }, 300);
  };

  bus.on('network', render);
  bus.on('analysis', render);
  bus.on('lang', render);
  bus.on('scope', () => {
    followFilters();
    render();
  });
  bus.on('filters', () => {
    followFilters();
    render();
  });
  render();
  return [summaryPanel, lockinPanel, escaPanel];
}
