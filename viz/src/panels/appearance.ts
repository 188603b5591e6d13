/**
 * The "Appearance" panel: colour by any attribute or measure (with its legend: categories with
 * counts and "other", or the viridis ramp from minimum to maximum), size by a measure (with a size
 * legend: three discs and their values), the label text (label, id or an attribute), how many top
 * actors are labelled, and whether others are labelled where there is room.
 */
import { field, h, replace } from '../dom.js';
import { colourOptions, labelOptions, setAppearance, sizeValues } from '../actions.js';
import { sizeScale } from '../model/display.js';
import { MEASURES, fmt, measureDef } from '../model/measures.js';
import { app, bus } from '../state.js';
import { S } from '../strings.js';

export function createAppearancePanel(): HTMLElement {
  const colourSelect = h('select', { class: 'full', attrs: { 'data-testid': 'colour-select' } });
  const colourLegend = h('div', { class: 'colour-legend', attrs: { 'data-testid': 'colour-legend', 'aria-live': 'polite' } });
  const sizeSelect = h(
    'select',
    { class: 'full', attrs: { 'data-testid': 'size-select' } },
    ...MEASURES.map((m) => h('option', { value: m.key, title: () => m.help }, () => m.label)),
  );
  const sizeLegend = h('div', { class: 'size-legend', attrs: { 'data-testid': 'size-legend' } });
  const labelSelect = h('select', { class: 'full', attrs: { 'data-testid': 'label-select' } });
  const labelCount = h('input', { type: 'range', attrs: { min: '0', max: '100', value: '12', 'data-testid': 'label-count' } });
  const labelCountOut = h('output', { class: 'muted' }, '12');
  const more = h('input', { type: 'checkbox', attrs: { 'data-testid': 'more-labels' } });
  more.checked = true;

  colourSelect.addEventListener('change', () => setAppearance({ color: colourSelect.value }));
  sizeSelect.addEventListener('change', () => setAppearance({ size: measureDef(sizeSelect.value)?.key ?? 'degree' }));
  labelSelect.addEventListener('change', () => setAppearance({ label: labelSelect.value }));
  labelCount.addEventListener('input', () => {
    labelCountOut.textContent = labelCount.value;
    setAppearance({ labelCount: Number(labelCount.value) });
  });
  more.addEventListener('change', () => setAppearance({ moreLabels: more.checked }));

  const renderOptions = () => {
    const c = app.cur;
    const opts = c ? colourOptions(c) : [{ key: 'helix', label: S.panels.helixRole, group: 'main' as const }];
    const group = (g: 'attribute' | 'measure', label: string) => {
      const list = opts.filter((o) => o.group === g);
      return list.length ? h('optgroup', { attrs: { label } }, ...list.map((o) => h('option', { value: o.key }, o.label))) : null;
    };
    replace(
      colourSelect,
      ...opts.filter((o) => o.group === 'main').map((o) => h('option', { value: o.key }, o.label)),
      group('attribute', S.panels.attributeGroup),
      group('measure', S.panels.measureGroup),
    );
    replace(
      labelSelect,
      ...(c ? labelOptions(c) : [{ key: 'label', label: S.panels.nameLabel }]).map((o) => h('option', { value: o.key }, o.label)),
    );
    render();
  };

  const render = () => {
    const c = app.cur;
    colourSelect.disabled = !c;
    sizeSelect.disabled = !c?.analysis;
    labelSelect.disabled = !c;
    if (!c) {
      replace(colourLegend);
      replace(sizeLegend);
      return;
    }
    const a = c.appearance;
    if ([...colourSelect.options].some((o) => o.value === a.color)) colourSelect.value = a.color;
    sizeSelect.value = a.size;
    if ([...labelSelect.options].some((o) => o.value === a.label)) labelSelect.value = a.label;
    labelCount.value = String(a.labelCount);
    labelCountOut.textContent = String(a.labelCount);
    more.checked = a.moreLabels;
    // Colour legend
    const s = c.scale;
    if (s.kind === 'categorical') {
      replace(
        colourLegend,
        ...s.entries
          .filter((e) => e.count > 0)
          .map((e) =>
            h(
              'div',
              { class: 'legend-row compact' },
              h('span', { class: 'swatch', style: `background:${e.color}` }),
              h('span', { class: 'name', title: e.label }, e.label),
              h('span', { class: 'count' }, fmt(e.count)),
            ),
          ),
        s.other
          ? h(
              'div',
              { class: 'legend-row compact', attrs: { 'data-testid': 'colour-other' } },
              h('span', { class: 'swatch', style: `background:${s.other.color}` }),
              h('span', { class: 'name' }, S.panels.otherCount(s.other.values)),
              h('span', { class: 'count' }, fmt(s.other.count)),
            )
          : null,
        s.missing
          ? h(
              'div',
              { class: 'legend-row compact' },
              h('span', { class: 'swatch', style: `background:${s.missing.color}` }),
              h('span', { class: 'name' }, S.panels.noValue),
              h('span', { class: 'count' }, fmt(s.missing.count)),
            )
          : null,
      );
    } else {
      const stops = s.stops.map((col, i) => `${col} ${Math.round((100 * i) / (s.stops.length - 1))}%`).join(', ');
      replace(
        colourLegend,
        h('div', {
          class: 'ramp',
          style: `background:linear-gradient(to right, ${stops})`,
          attrs: { role: 'img', 'aria-label': `${S.panels.low} ${fmt(s.min)} – ${S.panels.high} ${fmt(s.max)}` },
        }),
        h(
          'div',
          { class: 'ramp-ticks' },
          h('span', { attrs: { 'data-testid': 'ramp-min' } }, fmt(s.min)),
          h('span', { attrs: { 'data-testid': 'ramp-max' } }, fmt(s.max)),
        ),
        s.missing
          ? h(
              'div',
              { class: 'legend-row compact' },
              h('span', { class: 'swatch', style: `background:${s.missing.color}` }),
              h('span', { class: 'name' }, S.panels.noValue),
              h('span', { class: 'count' }, fmt(s.missing.count)),
            )
          : null,
      );
    }
    // Size legend: the smallest, middle and largest values and their discs.
    const values = sizeValues(c);
    const finite = [...values.values()].filter((v): v is number => v !== null && Number.isFinite(v));
    if (finite.length === 0) {
      replace(sizeLegend);
      return;
    }
    const big = c.display.order > 2000;
    const lo = Math.min(...finite);
    const hi = Math.max(...finite);
    const mid = lo + (hi - lo) / 4; // area grows with the value: a quarter of the range looks "half"
    const probe = new Map<string, number | null>(values);
    const discs = [lo, mid, hi].map((v) => {
      probe.set('\u0000probe', v);
      const r = sizeScale(probe, big ? 1 : 3, big ? 6 : 16)('\u0000probe');
      return h('span', { class: 'size-item' }, h('i', { style: `width:${2 * r}px;height:${2 * r}px` }), fmt(v));
    });
    replace(sizeLegend, h('span', { class: 'muted small' }, measureDef(a.size)?.label ?? a.size), ...discs);
  };

  bus.on('network', renderOptions);
  bus.on('analysis', renderOptions);
  bus.on('appearance', render);
  bus.on('lang', renderOptions);
  renderOptions();

  return h(
    'section',
    { class: 'panel', attrs: { 'aria-labelledby': 'appearance-h' } },
    h('h2', { id: 'appearance-h' }, () => S.panels.appearance),
    field(() => S.panels.colourBy, colourSelect),
    colourLegend,
    field(() => S.panels.sizeBy, sizeSelect),
    sizeLegend,
    field(() => S.panels.labelBy, labelSelect),
    field(() => S.panels.labelCount, labelCount, labelCountOut),
    h(
      'label',
      { class: 'row check' },
      more,
      h('span', {}, () => S.panels.moreLabels),
    ),
  );
}
