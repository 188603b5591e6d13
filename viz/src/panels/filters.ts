/**
 * The "Filters" panel: minimum degree (distinct partners in the whole network), k-core (core
 * number ≥ k, once the analysis is done), sectors (actors without a sector are one bucket, named in
 * the app's language; sector names are the data's own) and
 * "Reset filters" (which also clears the role filter of the legend, the year and the ego network).
 */
import { field, h, replace } from '../dom.js';
import { resetFilters, setFilters } from '../actions.js';
import { fmt } from '../model/measures.js';
import { NO_SECTOR, sectorsOf } from '../model/viewstate.js';
import { app, bus } from '../state.js';
import { S } from '../strings.js';

export function createFiltersPanel(): HTMLElement {
  const minDeg = h('input', { type: 'range', attrs: { min: '0', max: '20', value: '0', 'data-testid': 'min-degree' } });
  const minDegOut = h('output', { class: 'muted' }, '0');
  const kcore = h('input', { type: 'range', attrs: { min: '0', max: '10', value: '0', 'data-testid': 'k-core' } });
  const kcoreOut = h('output', { class: 'muted' }, S.panels.off);
  const sectorBox = h('div', {
    class: 'sector-list',
    attrs: { 'data-testid': 'sector-filter', role: 'group', 'aria-label': () => S.panels.sectors },
  });
  let sectorKey = '';

  minDeg.addEventListener('input', () => setFilters({ minDegree: Number(minDeg.value) }));
  kcore.addEventListener('input', () => setFilters({ kCore: Number(kcore.value) }));

  const renderSectors = () => {
    const c = app.cur;
    if (!c) {
      replace(sectorBox);
      sectorKey = '';
      return;
    }
    const sectors = sectorsOf(c.display);
    const key = sectors.map((s) => s.sector).join('\u0000');
    if (key !== sectorKey) {
      sectorKey = key;
      replace(
        sectorBox,
        ...sectors.map(({ sector, count }) => {
          const cb = h('input', { type: 'checkbox', attrs: { 'data-sector': sector } });
          cb.addEventListener('change', () => {
            const on = new Set<string>();
            sectorBox.querySelectorAll<HTMLInputElement>('input[type=checkbox]').forEach((x) => {
              if (x.checked && x.dataset.sector !== undefined) on.add(x.dataset.sector);
            });
            setFilters({ sectors: on.size === sectors.length ? null : on });
          });
          const name = sector === NO_SECTOR ? () => S.panels.noSector : sector;
          return h(
            'label',
            {},
            cb,
            h('span', { class: 'name' }, name),
            h('span', { class: 'muted' }, () => `(${fmt(count)})`),
          );
        }),
      );
      if (sectors.length === 0) sectorBox.appendChild(h('span', { class: 'muted' }, () => S.panels.noSectors));
    }
    sectorBox.querySelectorAll<HTMLInputElement>('input[type=checkbox]').forEach((x) => {
      x.checked = c.filters.sectors === null || (x.dataset.sector !== undefined && c.filters.sectors.has(x.dataset.sector));
    });
  };

  const render = () => {
    const c = app.cur;
    minDeg.disabled = kcore.disabled = !c;
    if (!c) return;
    let maxDeg = 0;
    c.display.forEachNode((id) => (maxDeg = Math.max(maxDeg, c.display.degree(id))));
    minDeg.max = String(Math.min(50, maxDeg));
    minDeg.value = String(c.filters.minDegree);
    minDegOut.textContent = String(c.filters.minDegree);
    kcore.disabled = !c.coreNumber;
    kcore.max = String(c.coreNumber ? Math.max(0, ...c.coreNumber.values()) : 10);
    kcore.value = String(c.filters.kCore);
    kcoreOut.textContent = c.filters.kCore === 0 ? S.panels.off : S.panels.atLeast(String(c.filters.kCore));
    renderSectors();
  };
  bus.on('network', render);
  bus.on('filters', render);
  bus.on('analysis', render);
  bus.on('lang', render);

  return h(
    'section',
    { class: 'panel', attrs: { 'data-testid': 'filters', 'aria-labelledby': 'filters-h' } },
    h('h2', { id: 'filters-h' }, () => S.panels.filters),
    field(() => S.panels.minDegree, minDeg, minDegOut),
    field(
      () => S.panels.kCore,
      kcore,
      kcoreOut,
      () => S.panels.kCoreTitle,
    ),
    h('h3', {}, () => S.panels.sectors),
    sectorBox,
    h(
      'div',
      { class: 'row', style: 'margin-top:8px' },
      h('button', { attrs: { 'data-testid': 'reset-filters' }, onclick: () => resetFilters() }, () => S.panels.resetFilters),
    ),
  );
}
